import crypto from "node:crypto";
import { getEnv } from "./env.server";

// Buyers' identities (real name + resident ID) at rest: AES-256-GCM, a fresh IV per record, the
// order id as associated data so a ciphertext copied onto another order does not decrypt.

const VERSION = "v1";

export function encryptIdentity(plain: { realName: string; residentId: string }, orderId: string, key = getEnv().identityKey): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(orderId));
  const body = Buffer.concat([cipher.update(JSON.stringify(plain), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

export function decryptIdentity(
  sealed: string,
  orderId: string,
  key = getEnv().identityKey,
): { realName: string; residentId: string } | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(orderId));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    return JSON.parse(plain) as { realName: string; residentId: string };
  } catch {
    return null;
  }
}
