import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { parseEcbXml } from "~/domain/fx/ecb-xml";

const fixture = fs.readFileSync("prisma/seed-data/ecb-eurofxref-daily-2024-03-13.xml", "utf8");

describe("ECB daily reference rates", () => {
  test("parses the real file: 30 currencies plus the EUR base", () => {
    const result = parseEcbXml(fixture, "2024-03-14");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.base).toBe("EUR");
    expect(result.snapshot.asOf).toBe("2024-03-13");
    expect(result.snapshot.rates).toMatchObject({ EUR: "1", USD: "1.0939", CNY: "7.8678", JPY: "161.83", KRW: "1439.01" });
    expect(Object.keys(result.snapshot.rates)).toHaveLength(31);
  });

  test.each([
    ["truncated XML", fixture.slice(0, fixture.length / 2)],
    ["a rate of 0", fixture.replace("rate='1.0939'", "rate='0'")],
    ["a negative rate", fixture.replace("rate='1.0939'", "rate='-1.0939'")],
    ["a non-ISO currency", fixture.replace("currency='USD'", () => "currency='usd$'")],
    ["a duplicate currency", fixture.replace("currency='JPY'", "currency='USD'")],
    ["no CNY", fixture.replace("<Cube currency='CNY' rate='7.8678'/>", "")],
    ["HTML instead of XML", "<html><body>Service unavailable</body></html>"],
  ])("rejects %s", (_label, xml) => {
    const result = parseEcbXml(xml, "2024-03-14");
    expect(result.ok).toBe(false);
  });

  test("rejects a date in the future", () => {
    const result = parseEcbXml(fixture, "2024-03-12");
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("future") });
  });

  test("does not expand entities", () => {
    const hostile = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>${fixture.replace(/^<\?xml[^>]*>/, "").replace("rate='1.0939'", "rate='&b;'")}`;
    expect(parseEcbXml(hostile, "2024-03-14").ok).toBe(false);
  });
});
