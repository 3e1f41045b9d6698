import crypto from "node:crypto";
import { isOptionalCategory, type OptionalCategory } from "~/domain/notifications/kinds";

// A one-click unsubscribe link's token: it names the user and the category and is signed with the
// app's secret (HMAC-SHA256), so it works without a login and cannot be forged or pointed at someone
// else. No expiry on purpose: a mail read a year later must still unsubscribe (RFC 8058).

const VERSION = "u1";
export const TOKEN_MAX_CHARS = 200;

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

function mac(secret: string, payload: string) {
  return crypto.createHmac("sha256", `unsubscribe:${secret}`).update(payload).digest();
}

export function signUnsubscribeToken(secret: string, userId: string, category: OptionalCategory): string {
  const payload = `${VERSION}.${base64url(userId)}.${category}`;
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

export type UnsubscribeClaim = { userId: string; category: OptionalCategory };

/** The token's user and category, or null for anything not signed by us (never throws). */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  if (typeof token !== "string" || token.length > TOKEN_MAX_CHARS) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [version, encodedUser = "", category, signature = ""] = parts;
  if (version !== VERSION || !isOptionalCategory(category) || !/^[A-Za-z0-9_-]{1,120}$/.test(encodedUser)) return null;
  const expected = mac(secret, `${version}.${encodedUser}.${category}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const userId = Buffer.from(encodedUser, "base64url").toString("utf8");
  return userId ? { userId, category } : null;
}
