import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

describe("environment", () => {
  test("development needs nothing set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe("development");
    expect(env.databaseFile).toMatch(/data\/dev\.db$/);
  });

  test("production refuses to start without SESSION_SECRET and names it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: is required in production/);
  });

  test("bad values are reported by variable name", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL/);
  });

  test("production with a secret and an identity key starts", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "a-long-random-secret-value", IDENTITY_KEY: key });
    expect(env.SESSION_SECRET).toBe("a-long-random-secret-value");
    expect(env.identityKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  test("production refuses to start without a key for buyers' identities, or with a short one", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "a-long-random-secret-value" })).toThrow(/IDENTITY_KEY/);
    expect(() => parseEnv({ IDENTITY_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/IDENTITY_KEY/);
  });
});
