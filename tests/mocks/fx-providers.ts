import fs from "node:fs";
import path from "node:path";
import { delay, http, HttpResponse } from "msw";

// Handler factories for both rate providers, fed from the real ECB file of 2024-03-13.
// Tests add them with server.use(...); the URLs are the env defaults (FX_ECB_URL, FX_FALLBACK_URL).
export const ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";
export const ER_API_URL = "https://open.er-api.com/v6/latest/EUR";

export const ecbFixture = fs.readFileSync(path.resolve("prisma/seed-data/ecb-eurofxref-daily-2024-03-13.xml"), "utf8");

/** The fixture's rates as units per EUR (EUR itself included). */
export function fixtureRates(): Record<string, string> {
  const rates: Record<string, string> = { EUR: "1" };
  for (const match of ecbFixture.matchAll(/currency='([A-Z]{3})' rate='([\d.]+)'/g)) rates[match[1] ?? ""] = match[2] ?? "";
  return rates;
}

/** Scales one rate by `factor` without float noise in the usual cases (1.5, 2). */
export function scaled(rate: string, factor: number): string {
  return String(Number((Number(rate) * factor).toPrecision(10)));
}

/** The fixture with some rates multiplied and/or another date. */
export function ecbXml(options: { factors?: Record<string, number>; date?: string } = {}): string {
  let xml = ecbFixture;
  for (const [currency, factor] of Object.entries(options.factors ?? {})) {
    xml = xml.replace(
      new RegExp(`currency='${currency}' rate='([\\d.]+)'`),
      (_whole, rate: string) => `currency='${currency}' rate='${scaled(rate, factor)}'`,
    );
  }
  if (options.date) xml = xml.replace("time='2024-03-13'", `time='${options.date}'`);
  return xml;
}

/** The same rates in open.er-api.com's documented format, as raw text (so tests can break it). */
export function erApiJson(options: { factors?: Record<string, number>; unix?: number; base?: string } = {}): string {
  const rates = Object.fromEntries(
    Object.entries(fixtureRates()).map(([currency, rate]) => [currency, Number(scaled(rate, options.factors?.[currency] ?? 1))]),
  );
  const unix = options.unix ?? 1710288001;
  return JSON.stringify({
    result: "success",
    provider: "https://www.exchangerate-api.com",
    base_code: options.base ?? "EUR",
    time_last_update_unix: unix,
    time_last_update_utc: new Date(unix * 1000).toUTCString(),
    rates,
  });
}

type Fault = "down" | "timeout" | number;

function reply(body: string, contentType: string) {
  return () => new HttpResponse(body, { headers: { "Content-Type": contentType } });
}

function failing(url: string, fault: Fault) {
  if (fault === "down") return http.get(url, () => HttpResponse.error());
  if (fault === "timeout") {
    return http.get(url, async () => {
      await delay("infinite");
      return new HttpResponse(null);
    });
  }
  return http.get(url, () => new HttpResponse("upstream trouble", { status: fault, headers: { "Content-Type": "text/plain" } }));
}

export const ecbHandlers = {
  ok: (xml: string = ecbFixture) => http.get(ECB_URL, reply(xml, "text/xml")),
  fail: (fault: Fault) => failing(ECB_URL, fault),
};

export const erApiHandlers = {
  ok: (json: string = erApiJson()) => http.get(ER_API_URL, reply(json, "application/json")),
  fail: (fault: Fault) => failing(ER_API_URL, fault),
};
