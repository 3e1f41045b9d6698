import { describe, expect, test } from "vitest";
import { countValueKind, jobErrorKind } from "~/domain/job-run-text";

describe("a job run as an admin reads it", () => {
  test("the common failures are recognised from the English text the code and its libraries write", () => {
    expect(jobErrorKind("lease held by another worker; the run stays queued").kind).toBe("leaseHeld");
    expect(jobErrorKind("the worker stopped before finishing (its lease expired)").kind).toBe("workerStopped");
    expect(jobErrorKind("ECB: fetch failed (getaddrinfo ENOTFOUND www.ecb.europa.eu)").kind).toBe("network");
    expect(jobErrorKind("The operation was aborted due to timeout").kind).toBe("timeout");
    expect(jobErrorKind("ECB answered HTTP 503")).toEqual({ kind: "http", status: "503" });
    expect(jobErrorKind("Invalid login: 535 Authentication failed (SMTP)").kind).toBe("mail");
    expect(jobErrorKind("ECB: unexpected XML: no Cube element").kind).toBe("badResponse");
    expect(jobErrorKind("something nobody foresaw").kind).toBe("other");
  });

  test("count values: dates and instants are formatted, status codes translated, the rest shown as is", () => {
    expect(countValueKind("2026-12-04")).toBe("date");
    expect(countValueKind("2026-12-07T06:00:00.000Z")).toBe("instant");
    expect(countValueKind("HELD")).toBe("code");
    expect(countValueKind("ALIPAY")).toBe("code");
    expect(countValueKind(12)).toBe("number");
    expect(countValueKind("a3f9c0de")).toBe("text");
    expect(countValueKind("ECB, Frankfurt")).toBe("text");
  });
});
