import { describe, expect, test } from "vitest";
import { capWindowStart, remainingUnderCap, slotIsFree } from "~/domain/notifications/frequency-cap";
import { categoryOf, channelsFor, defaultChannels } from "~/domain/notifications/kinds";
import { preferencesFormSchema } from "~/domain/notifications/preferences-form";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "~/services/unsubscribe-token.server";

const DAY = 86_400_000;

describe("notification categories", () => {
  test("order, return, payment, complaint and unknown kinds are ORDER; the others are named", () => {
    for (const kind of [
      "ORDER_PAID",
      "RETURN_REFUNDED_none",
      "ORDER_REFUND_PAID_alipay",
      "COMPLAINT_FILED",
      "LISTING_REPORT_CORRECTED",
      "SOMETHING_NEW",
    ])
      expect(categoryOf(kind)).toBe("ORDER");
    expect(categoryOf("QUESTION_ANSWERED")).toBe("SERVICE");
    expect(categoryOf("CHECK_IN")).toBe("SERVICE");
    expect(categoryOf("PRICE_DROP")).toBe("ALERTS");
    expect(categoryOf("REORDER_REMINDER")).toBe("ALERTS");
    expect(categoryOf("CAMPAIGN")).toBe("MARKETING");
    expect(categoryOf("toString")).toBe("ORDER");
  });

  test("marketing is off until chosen, the rest on; order updates ignore a stored 'off'", () => {
    expect(defaultChannels("MARKETING")).toEqual({ inSite: false, email: false });
    expect(channelsFor("CAMPAIGN", undefined)).toEqual({ inSite: false, email: false });
    expect(channelsFor("PRICE_DROP", undefined)).toEqual({ inSite: true, email: true });
    expect(channelsFor("PRICE_DROP", { inSite: true, email: false })).toEqual({ inSite: true, email: false });
    expect(channelsFor("ORDER_SHIPPED", { inSite: false, email: false })).toEqual({ inSite: true, email: true });
  });

  test("the form reads absent boxes as off and drops anything posted for ORDER", () => {
    const parsed = preferencesFormSchema.parse({ "MARKETING.email": "on", "ALERTS.inSite": "on", "ORDER.inSite": "off" });
    expect(parsed).toEqual({
      SERVICE: { inSite: false, email: false },
      ALERTS: { inSite: true, email: false },
      MARKETING: { inSite: false, email: true },
    });
    expect(preferencesFormSchema.safeParse({ "MARKETING.email": "yes" }).success).toBe(false);
  });
});

describe("frequency cap", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  test("a message counts for exactly 7 days", () => {
    expect(capWindowStart(now).toISOString()).toBe("2026-11-27T12:00:00.000Z");
    expect(slotIsFree(null, now)).toBe(true);
    expect(slotIsFree(new Date(now.getTime() - 7 * DAY), now)).toBe(true);
    expect(slotIsFree(new Date(now.getTime() - 7 * DAY + 1), now)).toBe(false);
  });
  test("remaining messages under the cap", () => {
    const recent = [new Date(now.getTime() - DAY), new Date(now.getTime() - 8 * DAY)];
    expect(remainingUnderCap(recent, 2, now)).toBe(1);
    expect(remainingUnderCap([...recent, new Date(now.getTime() - 2 * DAY)], 2, now)).toBe(0);
    expect(remainingUnderCap([], 0, now)).toBe(0);
  });
});

describe("unsubscribe tokens", () => {
  const secret = "a-test-secret-of-some-length";
  test("a signed token names its user and category", () => {
    const token = signUnsubscribeToken(secret, "user-1", "MARKETING");
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ userId: "user-1", category: "MARKETING" });
  });
  test("forged, altered, re-pointed or other-secret tokens are refused without throwing", () => {
    const token = signUnsubscribeToken(secret, "user-1", "MARKETING");
    const [version, , category, signature] = token.split(".");
    const other = Buffer.from("user-2").toString("base64url");
    expect(verifyUnsubscribeToken(secret, `${version}.${other}.${category}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, token.replace("MARKETING", "ALERTS"))).toBeNull();
    expect(verifyUnsubscribeToken("another-secret-entirely", token)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${token.slice(0, -2)}xx`)).toBeNull();
    for (const junk of ["", "abc", "u1...", "u1.x.MARKETING.", "a".repeat(5000), "u1.%%%.MARKETING.abc"])
      expect(verifyUnsubscribeToken(secret, junk)).toBeNull();
  });
});
