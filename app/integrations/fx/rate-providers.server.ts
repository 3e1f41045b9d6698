import { parseEcbXml, type FxSnapshotData } from "~/domain/fx/ecb-xml";
import { parseErApiJson } from "~/domain/fx/er-api-json";
import { ECB_SOURCE, ER_API_SOURCE } from "~/domain/fx/sources";
import { createHttpClient, type FetchErrorCode } from "~/integrations/http/http-client.server";
import { getEnv } from "~/utils/env.server";

export type ProviderErrorCode = FetchErrorCode | "FX_MALFORMED";
export type ProviderResult =
  { ok: true; source: string; snapshot: FxSnapshotData } | { ok: false; source: string; code: ProviderErrorCode; message: string };

export type RateProvider = { source: string; fetchRates(today: string): Promise<ProviderResult> };

/** Tests shorten these; the defaults suit a daily job that may take a minute or two. */
export type ProviderOptions = { timeoutMs?: number; retries?: number; backoffMs?: number };

// A rate file is ~2 kB (ECB) or ~5 kB (JSON); anything near this limit is not a rate file.
const MAX_BYTES = 1_000_000;

export function createRateProviders(options: ProviderOptions = {}): RateProvider[] {
  const env = getEnv();
  const http = createHttpClient({
    userAgent: `GlobalBuyRates/1.0 (+${env.APP_ORIGIN ?? "https://globalbuy.example"}; daily reference rates)`,
    allowPrivate: env.ALLOW_PRIVATE_STORE_HOSTS,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 2,
    backoffMs: options.backoffMs ?? 2_000,
    maxBytes: MAX_BYTES,
  });

  function provider(
    source: string,
    url: string,
    accept: string[],
    parse: (body: string, today: string) => ReturnType<typeof parseEcbXml>,
  ): RateProvider {
    return {
      source,
      async fetchRates(today) {
        const response = await http.fetchText(url, { accept });
        if (!response.ok) return { ok: false, source, code: response.error.code, message: response.error.message };
        const parsed = parse(response.body, today);
        return parsed.ok
          ? { ok: true, source, snapshot: parsed.snapshot }
          : { ok: false, source, code: parsed.code, message: parsed.message };
      },
    };
  }

  // Primary first: the ECB publishes the reference rates; the JSON provider stands in and confirms.
  return [
    provider(ECB_SOURCE, env.FX_ECB_URL, ["text/xml", "application/xml"], parseEcbXml),
    provider(ER_API_SOURCE, env.FX_FALLBACK_URL, ["application/json"], parseErApiJson),
  ];
}
