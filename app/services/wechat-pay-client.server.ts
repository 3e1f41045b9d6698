import fs from "node:fs";
import { createWechatPay, type WechatPay } from "~/integrations/payments/wechat-pay.server";
import { getEnv } from "~/utils/env.server";

// The one WeChat Pay client of the process, built from the environment on first use (the seven
// WECHATPAY_* settings and APP_ORIGIN, all or none: env.server.ts refuses a partial configuration).

let client: WechatPay | null | undefined;

export const WECHAT_NOTIFY_PATH = "/payments/wechat/notify";

/** The configured WeChat Pay client, or null when WeChat Pay is not configured (its buttons are hidden). */
export function wechatPay(): WechatPay | null {
  if (client !== undefined) return client;
  const env = getEnv();
  if (
    !env.WECHATPAY_APP_ID ||
    !env.WECHATPAY_MCH_ID ||
    !env.WECHATPAY_MCH_SERIAL ||
    !env.WECHATPAY_PRIVATE_KEY_FILE ||
    !env.WECHATPAY_PUBLIC_KEY_FILE ||
    !env.WECHATPAY_PUBLIC_KEY_ID ||
    !env.WECHATPAY_API_V3_KEY ||
    !env.APP_ORIGIN
  )
    return (client = null);
  client = createWechatPay({
    appId: env.WECHATPAY_APP_ID,
    mchId: env.WECHATPAY_MCH_ID,
    mchSerial: env.WECHATPAY_MCH_SERIAL,
    privateKey: fs.readFileSync(env.WECHATPAY_PRIVATE_KEY_FILE, "utf8"),
    platformPublicKey: fs.readFileSync(env.WECHATPAY_PUBLIC_KEY_FILE, "utf8"),
    platformPublicKeyId: env.WECHATPAY_PUBLIC_KEY_ID,
    apiV3Key: env.WECHATPAY_API_V3_KEY,
    baseUrl: env.WECHATPAY_BASE_URL,
    notifyUrl: new URL(WECHAT_NOTIFY_PATH, env.APP_ORIGIN).toString(),
    allowPrivateHosts: env.ALLOW_PRIVATE_STORE_HOSTS,
  });
  return client;
}

export const wechatPayAvailable = () => wechatPay() !== null;
