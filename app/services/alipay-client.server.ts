import fs from "node:fs";
import { createAlipay, type Alipay } from "~/integrations/payments/alipay.server";
import { getEnv } from "~/utils/env.server";

// The one Alipay client of the process, built from the environment on first use (the four ALIPAY_*
// settings and APP_ORIGIN, all or none: env.server.ts refuses a partial configuration at start).

let client: Alipay | null | undefined;

/** The configured Alipay client, or null when Alipay is not configured (the wallet takes bank transfers only). */
export function alipay(): Alipay | null {
  if (client !== undefined) return client;
  const env = getEnv();
  if (!env.ALIPAY_APP_ID || !env.ALIPAY_SELLER_ID || !env.ALIPAY_PRIVATE_KEY_FILE || !env.ALIPAY_PUBLIC_KEY_FILE || !env.APP_ORIGIN)
    return (client = null);
  client = createAlipay({
    appId: env.ALIPAY_APP_ID,
    sellerId: env.ALIPAY_SELLER_ID,
    privateKey: fs.readFileSync(env.ALIPAY_PRIVATE_KEY_FILE, "utf8"),
    alipayPublicKey: fs.readFileSync(env.ALIPAY_PUBLIC_KEY_FILE, "utf8"),
    gateway: env.ALIPAY_GATEWAY,
    notifyUrl: new URL("/payments/alipay/notify", env.APP_ORIGIN).toString(),
    allowPrivateHosts: env.ALLOW_PRIVATE_STORE_HOSTS,
  });
  return client;
}

export const alipayAvailable = () => alipay() !== null;
