import crypto from "node:crypto";
import type { EncryptedResource } from "~/integrations/payments/wechat-pay-crypto.server";

// The other direction of decryptResource, as WeChat Pay encrypts a notification's resource: for the
// tests that play WeChat Pay (the app only ever decrypts).

export function encryptResource(apiV3Key: string, plaintext: string, nonce: string, associatedData: string): EncryptedResource {
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"), {
    authTagLength: 16, // the tag WeChat Pay appends to the ciphertext
  });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: "AEAD_AES_256_GCM", ciphertext: data.toString("base64"), nonce, associated_data: associatedData };
}
