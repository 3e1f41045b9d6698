import crypto, { type KeyObject } from "node:crypto";

// WeChat Pay API v3's cryptography, written against its documented format with Node's crypto alone
// (no SDK): the merchant's signature on each request, the check of WeChat Pay's signature on each
// answer and notification, and the decryption of a notification's resource. Pure functions: no
// clock, no network (the caller passes the time), unit-tested in tests/unit/payments.

export const WECHATPAY_SCHEMA = "WECHATPAY2-SHA256-RSA2048";
/** WeChat Pay's timestamp may be at most this far from ours (its documented replay window). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The string the merchant signs: method, the URL's path with its query, the time, the nonce and the body, each line ended by \n. */
export function requestMessage(request: { method: string; pathWithQuery: string; timestamp: string; nonce: string; body: string }) {
  return `${request.method.toUpperCase()}\n${request.pathWithQuery}\n${request.timestamp}\n${request.nonce}\n${request.body}\n`;
}

/** The Authorization header of one request, signed RSA-SHA256 with the merchant's API private key. */
export function authorizationHeader(
  merchant: { mchId: string; serialNo: string; privateKey: KeyObject | string },
  request: { method: string; pathWithQuery: string; body: string; timestamp: string; nonce: string },
) {
  const signature = crypto.sign("RSA-SHA256", Buffer.from(requestMessage(request), "utf8"), merchant.privateKey).toString("base64");
  const fields = { mchid: merchant.mchId, nonce_str: request.nonce, signature, timestamp: request.timestamp, serial_no: merchant.serialNo };
  return `${WECHATPAY_SCHEMA} ${Object.entries(fields)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",")}`;
}

/** A nonce as WeChat Pay's own examples spell it: 32 upper-case hex characters. */
export const newNonce = () => crypto.randomBytes(16).toString("hex").toUpperCase();

export type SignedHeaders = { timestamp: string | null; nonce: string | null; signature: string | null; serial: string | null };

/** The four Wechatpay-* headers of an answer or a notification. */
export function signedHeaders(headers: Headers): SignedHeaders {
  return {
    timestamp: headers.get("Wechatpay-Timestamp"),
    nonce: headers.get("Wechatpay-Nonce"),
    signature: headers.get("Wechatpay-Signature"),
    serial: headers.get("Wechatpay-Serial"),
  };
}

export type Verification = { ok: true } | { ok: false; reason: string };

/**
 * Is this body signed by WeChat Pay's public key (the one named `publicKeyId`), at a time within five
 * minutes of `now`? The message is `timestamp\nnonce\nbody\n`, the body exactly as it came.
 */
export function verifySignature(
  platform: { publicKey: KeyObject | string; publicKeyId: string },
  signed: SignedHeaders,
  body: string,
  now: Date,
): Verification {
  const { timestamp, nonce, signature, serial } = signed;
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, reason: "the Wechatpay-* signature headers are missing" };
  if (serial !== platform.publicKeyId) return { ok: false, reason: `signed with ${serial.slice(0, 64)}, not our WeChat Pay public key` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "Wechatpay-Timestamp is not a time" };
  if (Math.abs(Number(timestamp) - Math.floor(now.getTime() / 1000)) > MAX_CLOCK_SKEW_SECONDS)
    return { ok: false, reason: "Wechatpay-Timestamp is more than 5 minutes off" };
  if (nonce.length > 64 || signature.length > 1024) return { ok: false, reason: "the signature headers are too long" };
  let verified = false;
  try {
    verified = crypto.verify(
      "RSA-SHA256",
      Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, "utf8"),
      platform.publicKey,
      Buffer.from(signature, "base64"),
    );
  } catch {
    verified = false;
  }
  return verified ? { ok: true } : { ok: false, reason: "the signature does not verify" };
}

/** A notification's encrypted resource, as WeChat Pay sends it. */
export type EncryptedResource = { algorithm: string; ciphertext: string; nonce: string; associated_data?: string };

const TAG_BYTES = 16;

/**
 * Decrypts a notification's resource: AEAD_AES_256_GCM under the 32-byte APIv3 key, the ciphertext
 * (base64) being the encrypted data followed by its 16-byte tag. A changed ciphertext, tag, nonce or
 * associated data fails the tag check: null, never partial text.
 */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string | null {
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32 || resource.algorithm !== "AEAD_AES_256_GCM") return null;
  const sealed = Buffer.from(resource.ciphertext, "base64");
  if (sealed.length <= TAG_BYTES || resource.nonce.length === 0) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(resource.nonce, "utf8"), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** "2026-12-04T14:30:00+08:00": the RFC 3339 time, in China time, that time_expire takes. */
export function rfc3339China(at: Date) {
  const shifted = new Date(Math.floor(at.getTime() / 1000) * 1000 + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}
