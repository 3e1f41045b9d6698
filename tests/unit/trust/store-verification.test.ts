import { describe, expect, test } from "vitest";
import { listingReportSchema, reportDecisionSchema } from "~/domain/trust/listing-report";
import { checkVerification, domainMatchesStore, storeVerificationSchema } from "~/domain/trust/store-verification";
import { trustSettingsSchema } from "~/domain/trust/settings";

const parse = (fields: Record<string, string>) => storeVerificationSchema.parse({ storeId: "s1", intent: "verify", ...fields });

describe("store verification", () => {
  test("the official domain is the store's host or a domain it belongs to", () => {
    expect(domainMatchesStore("us-audio.example", "https://www.us-audio.example/shop")).toBe(true);
    expect(domainMatchesStore("example", "https://us-audio.example")).toBe(true);
    expect(domainMatchesStore("audio.example", "https://us-audio.example")).toBe(false);
    expect(domainMatchesStore("evil.example", "not a url")).toBe(false);
  });
  test("a domain typed as a link is read as its host", () => {
    expect(parse({ officialDomain: "https://WWW.US-Audio.example/about" }).officialDomain).toBe("us-audio.example");
  });
  test("verifying needs the store's own domain and the registration that was checked", () => {
    const base = "https://us-audio.example";
    expect(checkVerification(parse({ officialDomain: "us-audio.example", registration: "DE HRB 12345, Amtsgericht Köln" }), base)).toEqual(
      {},
    );
    expect(checkVerification(parse({ officialDomain: "other.example", registration: "HRB 1" }), base)).toEqual({
      officialDomain: "trust:errors.domainNotStore",
    });
    expect(checkVerification(parse({ officialDomain: "not a domain", registration: "" }), base)).toEqual({
      officialDomain: "trust:errors.domainInvalid",
      registration: "trust:errors.registrationRequired",
    });
  });
  test("revoking needs a reason", () => {
    const revoke = storeVerificationSchema.parse({ storeId: "s1", intent: "revoke" });
    expect(checkVerification(revoke, "https://x.example")).toEqual({ note: "trust:errors.reasonRequired" });
    expect(checkVerification({ ...revoke, note: "domain sold" }, "https://x.example")).toEqual({});
  });
});

describe("reports and rules are bounded", () => {
  test("a report names a known field and says what is wrong in 5 to 1000 characters", () => {
    expect(listingReportSchema.safeParse({ field: "WEIGHT", description: "  实际 1.2 kg  " })).toMatchObject({
      success: true,
      data: { description: "实际 1.2 kg" },
    });
    expect(listingReportSchema.safeParse({ field: "COLOUR", description: "wrong colour" }).success).toBe(false);
    expect(listingReportSchema.safeParse({ field: "PRICE", description: "bad" }).success).toBe(false);
    expect(listingReportSchema.safeParse({ field: "PRICE", description: "x".repeat(1001) }).success).toBe(false);
  });
  test("a decision needs a reason", () => {
    expect(reportDecisionSchema.safeParse({ reportId: "r", decision: "REJECTED", resolution: " " }).success).toBe(false);
    expect(reportDecisionSchema.safeParse({ reportId: "r", decision: "DELETED", resolution: "ok" }).success).toBe(false);
  });
  test("trust settings are whole numbers within bounds", () => {
    const good = { procurementTargetHours: 48, dispatchTargetHours: 24, complaintAnswerHours: 48, reviewEditDays: 30, minimumSample: 3 };
    expect(trustSettingsSchema.safeParse(good).success).toBe(true);
    expect(trustSettingsSchema.safeParse({ ...good, minimumSample: 0 }).success).toBe(false);
    expect(trustSettingsSchema.safeParse({ ...good, reviewEditDays: 1.5 }).success).toBe(false);
  });
});
