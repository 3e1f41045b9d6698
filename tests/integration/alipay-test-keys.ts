import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Alipay configured with keys generated for this test file: imported first, so the environment has
// them before any app module reads it. The app's key signs what we send; the "Alipay" key signs what
// the tests send as Alipay. No real credentials anywhere.
const app = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const alipay = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alipay-keys-"));
fs.writeFileSync(path.join(dir, "app.pem"), app.privateKey.export({ type: "pkcs1", format: "pem" }));
fs.writeFileSync(path.join(dir, "alipay.pem"), alipay.publicKey.export({ type: "spki", format: "pem" }));

export const ALIPAY_GATEWAY = "https://openapi.alipay.test/gateway.do";
export const ALIPAY_APP_ID = "2021000000000001";
export const ALIPAY_SELLER_ID = "2088000000000001";

Object.assign(process.env, {
  ALIPAY_APP_ID,
  ALIPAY_SELLER_ID,
  ALIPAY_PRIVATE_KEY_FILE: path.join(dir, "app.pem"),
  ALIPAY_PUBLIC_KEY_FILE: path.join(dir, "alipay.pem"),
  ALIPAY_GATEWAY,
  APP_ORIGIN: "http://localhost:3000",
});

export const keys = { appPublic: app.publicKey, alipayPrivate: alipay.privateKey, dir };
