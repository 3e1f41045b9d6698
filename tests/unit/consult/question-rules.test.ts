import { describe, expect, test } from "vitest";
import { contactSettingsSchema, daysText, isWorkingTime, wechatQrText } from "~/domain/consult/contact-settings";
import { answerDueAt, askerLabel, isOverdue, isPublished, questionFormSchema, visibleTo } from "~/domain/consult/question-rules";

const HOUR = 3_600_000;
const asked = new Date("2026-12-04T02:00:00Z");

describe("the answer SLA", () => {
  test("an open question is due slaHours after it was asked, and overdue from that instant", () => {
    expect(answerDueAt(asked, 12).toISOString()).toBe("2026-12-04T14:00:00.000Z");
    expect(isOverdue({ status: "OPEN", createdAt: asked }, new Date(asked.getTime() + 12 * HOUR - 1), 12)).toBe(false);
    expect(isOverdue({ status: "OPEN", createdAt: asked }, new Date(asked.getTime() + 12 * HOUR), 12)).toBe(true);
  });

  test("an answered question is never overdue", () => {
    expect(isOverdue({ status: "ANSWERED", createdAt: asked }, new Date(asked.getTime() + 100 * HOUR), 12)).toBe(false);
  });
});

describe("who sees a question on its listing", () => {
  const base = { userId: "asker", status: "ANSWERED", publishConsent: true, hiddenAt: null };
  test("answered, consented and not hidden: everyone", () => {
    expect(isPublished(base)).toBe(true);
    expect(visibleTo(base, null)).toBe(true);
    expect(visibleTo(base, "someone-else")).toBe(true);
  });

  test("unanswered, without consent or hidden: only the asker", () => {
    for (const question of [
      { ...base, status: "OPEN" },
      { ...base, publishConsent: false },
      { ...base, hiddenAt: new Date() },
    ]) {
      expect(isPublished(question)).toBe(false);
      expect(visibleTo(question, "asker")).toBe(true);
      expect(visibleTo(question, "someone-else")).toBe(false);
      expect(visibleTo(question, null)).toBe(false);
    }
  });

  test("the asker is named by the first character only", () => {
    expect(askerLabel("王小明")).toBe("王**");
    expect(askerLabel("alice smith")).toBe("A***");
    expect(askerLabel("  ")).toBe("***");
  });
});

describe("the question form", () => {
  const key = "0b8c1a3e-4f6d-4b2a-9c1e-2d3f4a5b6c7d";
  test("trims the text and bounds its length", () => {
    expect(questionFormSchema.safeParse({ text: "  这个耳机支持降噪吗？ ", submitKey: key }).data?.text).toBe("这个耳机支持降噪吗？");
    expect(questionFormSchema.safeParse({ text: "短", submitKey: key }).error?.issues[0]?.message).toBe("consult:errors.textTooShort");
    expect(questionFormSchema.safeParse({ text: "长".repeat(1001), submitKey: key }).error?.issues[0]?.message).toBe(
      "consult:errors.textTooLong",
    );
  });

  test("needs the form's key, and refuses over-long references", () => {
    expect(questionFormSchema.safeParse({ text: "这个耳机支持降噪吗？", submitKey: "x" }).success).toBe(false);
    expect(questionFormSchema.safeParse({ text: "这个耳机支持降噪吗？", submitKey: key, listingId: "l".repeat(41) }).success).toBe(false);
  });
});

describe("contact settings", () => {
  const valid = { hoursStart: "09:00", hoursEnd: "18:00", hoursDays: ["5", "1"], answerSlaHours: 12 };
  test("valid channels pass; the days are stored sorted", () => {
    const parsed = contactSettingsSchema.parse({ ...valid, email: "help@example.com", wechatId: "daigou_help", phone: "+86 400-123-4567" });
    expect(daysText(parsed.hoursDays)).toBe("15");
  });

  test("bad channels, clocks and SLAs are refused with their field", () => {
    const issues = (input: object) => contactSettingsSchema.safeParse({ ...valid, ...input }).error?.issues.map((issue) => issue.path[0]);
    expect(issues({ email: "not-mail" })).toEqual(["email"]);
    expect(issues({ wechatId: "1abc" })).toEqual(["wechatId"]);
    expect(issues({ wechatUrl: "http://u.wechat.com/x" })).toEqual(["wechatUrl"]);
    expect(issues({ phone: "call me" })).toEqual(["phone"]);
    expect(issues({ hoursStart: "25:00" })).toEqual(["hoursStart"]);
    expect(issues({ hoursStart: "18:00", hoursEnd: "09:00" })).toEqual(["hoursEnd"]);
    expect(issues({ hoursDays: [] })).toEqual(["hoursDays"]);
    expect(issues({ answerSlaHours: 0 })).toEqual(["answerSlaHours"]);
  });

  test("working time is read on China's clock", () => {
    const hours = { hoursStart: "09:00", hoursEnd: "18:00", hoursDays: "12345" };
    // Friday 2026-12-04 01:30 UTC is 09:30 in China.
    expect(isWorkingTime(hours, new Date("2026-12-04T01:30:00Z"))).toBe(true);
    // Friday 10:30 UTC is 18:30 in China: closed.
    expect(isWorkingTime(hours, new Date("2026-12-04T10:30:00Z"))).toBe(false);
    // Friday 20:00 UTC is already Saturday 04:00 in China; Saturday 02:00 UTC is Saturday 10:00 there.
    expect(isWorkingTime(hours, new Date("2026-12-05T02:00:00Z"))).toBe(false);
    expect(isWorkingTime({ ...hours, hoursDays: "6" }, new Date("2026-12-05T02:00:00Z"))).toBe(true);
  });

  test("the QR code holds the contact link, else the WeChat ID", () => {
    expect(wechatQrText({ wechatId: "daigou_help", wechatUrl: "https://u.wechat.com/abc" })).toBe("https://u.wechat.com/abc");
    expect(wechatQrText({ wechatId: "daigou_help", wechatUrl: null })).toBe("daigou_help");
  });
});
