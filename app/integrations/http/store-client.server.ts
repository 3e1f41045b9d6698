import { getEnv } from "~/utils/env.server";
import { createHttpClient } from "./http-client.server";
import { HostGate } from "./host-gate.server";

const env = getEnv();

// One client, one politeness gate for all store traffic in this process: imports and the price job share it.
export const storeGate = new HostGate({ concurrency: 2, intervalMs: 250 });

export const storeHttp = createHttpClient({
  userAgent: `GlobalBuyBot/1.0 (+${env.APP_ORIGIN ?? "https://globalbuy.example"}/bot; checks prices for shoppers' orders)`,
  allowPrivate: env.ALLOW_PRIVATE_STORE_HOSTS,
  gate: storeGate,
});
