import { describe, expect, test } from "vitest";
import { classifyMailFailure, MAX_MAIL_ATTEMPTS, nextMailAttempt, retryDelayMs, totalRetryWindowMs } from "~/domain/mail-retry";

const HOUR = 3_600_000;

describe("when a failed mail is tried again", () => {
  test("the wait doubles from a minute and stops growing at four hours", () => {
    const minutes = (attempts: number) => retryDelayMs(attempts) / 60_000;
    expect([1, 2, 3, 4, 5, 8, 9, 10, 15, 1000].map(minutes)).toEqual([1, 2, 4, 8, 16, 128, 240, 240, 240, 240]);
  });

  test("a mail is retried for more than a day, less than two, then given up", () => {
    expect(totalRetryWindowMs()).toBeGreaterThan(24 * HOUR);
    expect(totalRetryWindowMs()).toBeLessThan(48 * HOUR);
    // A five-minute outage is far inside the schedule: 1 + 2 + 4 minutes of waits after three failures.
    expect(retryDelayMs(1) + retryDelayMs(2) + retryDelayMs(3)).toBeGreaterThan(5 * 60_000);
  });

  test("the next attempt is counted from now, and there is none after the last attempt", () => {
    const now = new Date("2026-12-04T08:00:00Z");
    expect(nextMailAttempt(1, now)).toEqual(new Date("2026-12-04T08:01:00Z"));
    expect(nextMailAttempt(3, now)).toEqual(new Date("2026-12-04T08:04:00Z"));
    expect(nextMailAttempt(MAX_MAIL_ATTEMPTS - 1, now)).toEqual(new Date(now.getTime() + 4 * HOUR));
    expect(nextMailAttempt(MAX_MAIL_ATTEMPTS, now)).toBeNull();
  });
});

describe("which failures are worth another attempt", () => {
  test.each([
    [{ responseCode: 550, code: "EENVELOPE", command: "RCPT TO" }, "permanent"],
    [{ responseCode: 552, code: "EMESSAGE", command: "DATA" }, "permanent"],
    [{ responseCode: 554, code: "EENVELOPE" }, "permanent"],
    [{ responseCode: 553, command: "MAIL FROM" }, "permanent"],
    [{ responseCode: 450, code: "EENVELOPE", command: "RCPT TO" }, "temporary"],
    [{ responseCode: 451, code: "EMESSAGE", command: "DATA" }, "temporary"],
    [{ responseCode: 421, code: "EENVELOPE", command: "RCPT TO" }, "unavailable"],
    [{ responseCode: 421, code: "EPROTOCOL" }, "unavailable"],
    [{ code: "ECONNECTION" }, "unavailable"],
    [{ code: "ETIMEDOUT" }, "unavailable"],
    [{ code: "ESOCKET" }, "unavailable"],
    // a refused login or TLS is our configuration, never one mail's fault: retried, never given up at once
    [{ responseCode: 535, code: "EAUTH", command: "AUTH PLAIN" }, "unavailable"],
    [{ code: "ETLS" }, "unavailable"],
    [{}, "temporary"],
  ] as const)("%j is %s", (failure, kind) => {
    expect(classifyMailFailure(failure)).toBe(kind);
  });
});
