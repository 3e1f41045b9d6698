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

  test("WeChat Pay: all seven WECHATPAY_* settings and APP_ORIGIN, or none; the APIv3 key is exactly 32 characters", () => {
    const wechat = {
      WECHATPAY_APP_ID: "wx0000000000000001",
      WECHATPAY_MCH_ID: "1900000001",
      WECHATPAY_MCH_SERIAL: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
      WECHATPAY_PRIVATE_KEY_FILE: "/keys/apiclient_key.pem",
      WECHATPAY_PUBLIC_KEY_FILE: "/keys/pub_key.pem",
      WECHATPAY_PUBLIC_KEY_ID: "PUB_KEY_ID_0114232134912410000000000001",
      WECHATPAY_API_V3_KEY: "0123456789abcdefghijABCDEFGHIJ01",
      APP_ORIGIN: "https://shop.example.cn",
    };
    expect(parseEnv({}).WECHATPAY_APP_ID).toBeUndefined();
    expect(parseEnv(wechat).WECHATPAY_BASE_URL).toBe("https://api.mch.weixin.qq.com");
    expect(() => parseEnv({ ...wechat, WECHATPAY_PUBLIC_KEY_ID: undefined })).toThrow(/WECHATPAY_APP_ID: WeChat Pay needs/);
    expect(() => parseEnv({ WECHATPAY_MCH_ID: "1900000001" })).toThrow(/WeChat Pay needs/);
    expect(() => parseEnv({ ...wechat, APP_ORIGIN: undefined })).toThrow(/APP_ORIGIN: is required with WeChat Pay/);
    expect(() => parseEnv({ ...wechat, WECHATPAY_API_V3_KEY: "0123456789abcdefghijABCDEFGHIJ0" })).toThrow(
      /WECHATPAY_API_V3_KEY: must be exactly 32/,
    );
  });
});
