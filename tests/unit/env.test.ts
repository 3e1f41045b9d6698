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
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL: must be an SQLite file:… URL .* or a PostgreSQL/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://shop@db/shop" })).toThrow(/DATABASE_URL/);
  });

  test("STORAGE_DRIVER: photos on local disk with SQLite and in the database with PostgreSQL, unless set; a bad value says what it may be", () => {
    expect(parseEnv({}).storageDriver).toBe("local");
    expect(parseEnv({ DATABASE_URL: "postgresql://shop:secret@db.internal:5432/shop" }).storageDriver).toBe("database");
    expect(parseEnv({ DATABASE_URL: "postgresql://shop:secret@db.internal:5432/shop", STORAGE_DRIVER: "local" }).storageDriver).toBe(
      "local",
    );
    expect(parseEnv({ STORAGE_DRIVER: "database" }).storageDriver).toBe("database");
    expect(() => parseEnv({ STORAGE_DRIVER: "s3" })).toThrow(/STORAGE_DRIVER: must be local \(files under UPLOAD_DIR\) or database/);
  });

  test("DATABASE_URL picks the database: an SQLite file or PostgreSQL with a pool", () => {
    expect(parseEnv({ DATABASE_URL: "file:./data/other.db" })).toMatchObject({
      databaseProvider: "sqlite",
      databaseFile: expect.stringMatching(/data\/other\.db$/),
    });
    const pg = parseEnv({ DATABASE_URL: "postgresql://shop:secret@db.internal:5432/shop", DATABASE_POOL_SIZE: "25" });
    expect(pg).toMatchObject({ databaseProvider: "postgresql", databaseFile: undefined, DATABASE_POOL_SIZE: 25 });
    expect(parseEnv({ DATABASE_URL: "postgres://db/shop" }).DATABASE_POOL_SIZE).toBe(10);
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/shop", DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
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
