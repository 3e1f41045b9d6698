import { getEnv } from "~/utils/env.server";
import { pauseHost, releaseHostSlot, renewHostSlot, reserveHostStart, takeHostSlot } from "~/utils/host-slots.server";
import { createHttpClient } from "./http-client.server";
import { SharedHostGate } from "./shared-host-gate.server";

const env = getEnv();

// One client and one politeness gate for all store traffic: imports and the price job share it, and the
// gate's slots and start times are rows in the database, so "at most 2 requests in flight and 4 a second
// per store host" holds across every web process and worker, not per process.
export const storeGate = new SharedHostGate(
  { concurrency: 2, intervalMs: 250 },
  { take: takeHostSlot, renew: renewHostSlot, release: releaseHostSlot, reserveStart: reserveHostStart, pause: pauseHost },
);

export const storeHttp = createHttpClient({
  userAgent: `GlobalBuyBot/1.0 (+${env.APP_ORIGIN ?? "https://globalbuy.example"}/bot; checks prices for shoppers' orders)`,
  allowPrivate: env.ALLOW_PRIVATE_STORE_HOSTS,
  gate: storeGate,
});
