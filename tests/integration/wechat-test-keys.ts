import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// WeChat Pay configured with keys generated for this test file: imported first, so the environment
// has them before any app module reads it. The merchant's key signs what we send; the "WeChat Pay"
// key signs what the tests answer and notify as WeChat Pay. No real credentials anywhere.
const merchant = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const wechat = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wechat-keys-"));
fs.writeFileSync(path.join(dir, "apiclient_key.pem"), merchant.privateKey.export({ type: "pkcs8", format: "pem" }));
fs.writeFileSync(path.join(dir, "pub_key.pem"), wechat.publicKey.export({ type: "spki", format: "pem" }));

export const WECHATPAY_BASE_URL = "https://api.mch.weixin.qq.com";
export const WECHATPAY_APP_ID = "wx0000000000000001";
export const WECHATPAY_MCH_ID = "1900000001";
export const WECHATPAY_MCH_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
export const WECHATPAY_PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000001";
export const WECHATPAY_API_V3_KEY = crypto.randomBytes(16).toString("hex");

Object.assign(process.env, {
  WECHATPAY_APP_ID,
  WECHATPAY_MCH_ID,
  WECHATPAY_MCH_SERIAL,
  WECHATPAY_PRIVATE_KEY_FILE: path.join(dir, "apiclient_key.pem"),
  WECHATPAY_PUBLIC_KEY_FILE: path.join(dir, "pub_key.pem"),
  WECHATPAY_PUBLIC_KEY_ID,
  WECHATPAY_API_V3_KEY,
  APP_ORIGIN: "http://localhost:3000",
});

export const keys = { merchantPublic: merchant.publicKey, wechatPrivate: wechat.privateKey, dir };
