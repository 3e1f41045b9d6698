import crypto from "node:crypto";
import path from "node:path";
import { z } from "zod";

// One schema for the web app and jobs/: both call getEnv() before doing anything else.
const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .default("0")
  .transform((value) => value === "1" || value === "true");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // file: is an SQLite file (the default); postgresql:// (or postgres://) a PostgreSQL database.
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/[^/]*\/[^/?#]+.*)$/,
        "must be an SQLite file:… URL (file:./data/dev.db) or a PostgreSQL postgresql://user:password@host:5432/database URL",
      )
      .default("file:./data/dev.db"),
    // Connections each process keeps open to PostgreSQL (ignored on SQLite: one connection).
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    APP_ORIGIN: z.string().url().optional(),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
    TRUST_PROXY: booleanFlag,
    // Request and error logs (JSON lines on stdout, app/utils/logger.server.ts); silent turns them off.
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
    RATE_LIMITS: z.enum(["on", "off"]).default("on"),
    // Store and provider traffic (app/integrations): private targets only for tests and local demos.
    ALLOW_PRIVATE_STORE_HOSTS: booleanFlag,
    FX_ECB_URL: z.string().url().default("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"),
    FX_FALLBACK_URL: z.string().url().default("https://open.er-api.com/v6/latest/EUR"),
    // A rate moving more than this share against the last snapshot is held for confirmation.
    FX_MAX_MOVE: z.coerce.number().positive().max(1).default(0.1),
    // inline: npm start runs the scheduler in the web process; off: run `npm run worker` separately.
    WORKER: z.enum(["inline", "off"]).default("inline"),
    // Benchmark reference pages (/bench/listing, /bench/search); never in a real deployment.
    BENCH_ROUTES: booleanFlag,
    // Buyers' real names and ID numbers are encrypted with this key (32 bytes, base64).
    IDENTITY_KEY: z
      .string()
      .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes in base64 (openssl rand -base64 32)")
      .optional(),
    // Where uploaded photos live: local (files under UPLOAD_DIR) or database (StoredFile rows, read by
    // every instance). Unset: local on SQLite, database on PostgreSQL.
    STORAGE_DRIVER: z
      .enum(["local", "database"], {
        errorMap: () => ({ message: "must be local (files under UPLOAD_DIR) or database (in the database, read by every instance)" }),
      })
      .optional(),
    // Photos of the local storage driver live here; each at most UPLOAD_MAX_BYTES, JPEG, PNG or WebP.
    UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(5_000_000),
    // How much above its quote an order's actual cost the platform pays itself (CNY).
    ORDER_AUTO_COMPLETE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    // Orders in an agent's hands without an update for this long are flagged and nudged.
    ORDER_STALE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(48),
    // smtp://user:pass@host:587 ; unset: mail waits in the outbox (admins read it at /admin/outbox).
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default("daigou <no-reply@daigou.local>"),
    // Alipay (支付宝) top-ups: all four set, or none (then the wallet takes bank transfers only).
    // The keys are PEM files: the app's private key (PKCS#1 or PKCS#8) and Alipay's public key.
    ALIPAY_APP_ID: z
      .string()
      .regex(/^\d{10,32}$/, "must be the app id Alipay gave the app (digits)")
      .optional(),
    ALIPAY_SELLER_ID: z
      .string()
      .regex(/^2088\d{12}$/, "must be the merchant's PID (2088 and 12 digits)")
      .optional(),
    ALIPAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    ALIPAY_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    ALIPAY_GATEWAY: z.string().url().default("https://openapi.alipay.com/gateway.do"),
    // An unpaid Alipay trade closes after this many minutes (the cashier says so to the shopper).
    ALIPAY_TRADE_MINUTES: z.coerce.number().int().min(5).max(120).default(30),
    // WeChat Pay (微信支付) API v3: all seven set, or none (then WeChat Pay is hidden). The keys are PEM
    // files: the merchant's API private key and WeChat Pay's public key (named by its id).
    WECHATPAY_APP_ID: z
      .string()
      .regex(/^wx[0-9a-zA-Z]{16}$/, "must be the APPID bound to the merchant (wx and 16 characters)")
      .optional(),
    WECHATPAY_MCH_ID: z
      .string()
      .regex(/^\d{8,12}$/, "must be the merchant id (商户号, digits)")
      .optional(),
    WECHATPAY_MCH_SERIAL: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,64}$/, "must be the serial number of the merchant's API certificate (hex)")
      .optional(),
    WECHATPAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    WECHATPAY_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    WECHATPAY_PUBLIC_KEY_ID: z
      .string()
      .regex(/^PUB_KEY_ID_[0-9A-Za-z_]{1,64}$/, "must be the WeChat Pay public key's id (PUB_KEY_ID_…)")
      .optional(),
    WECHATPAY_API_V3_KEY: z
      .string()
      .refine((value) => Buffer.byteLength(value, "utf8") === 32 && value.length === 32, "must be exactly 32 characters (the APIv3 key)")
      .optional(),
    WECHATPAY_BASE_URL: z.string().url().default("https://api.mch.weixin.qq.com"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "is required in production (a long random string)",
      });
    }
    const alipay = [env.ALIPAY_APP_ID, env.ALIPAY_SELLER_ID, env.ALIPAY_PRIVATE_KEY_FILE, env.ALIPAY_PUBLIC_KEY_FILE];
    if (alipay.some(Boolean) && !alipay.every(Boolean))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["ALIPAY_APP_ID"],
        message: "Alipay needs ALIPAY_APP_ID, ALIPAY_SELLER_ID, ALIPAY_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE together",
      });
    if (env.ALIPAY_APP_ID && !env.APP_ORIGIN)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["APP_ORIGIN"],
        message: "is required with Alipay: its notifications are sent to APP_ORIGIN/payments/alipay/notify",
      });
    const wechat = [
      env.WECHATPAY_APP_ID,
      env.WECHATPAY_MCH_ID,
      env.WECHATPAY_MCH_SERIAL,
      env.WECHATPAY_PRIVATE_KEY_FILE,
      env.WECHATPAY_PUBLIC_KEY_FILE,
      env.WECHATPAY_PUBLIC_KEY_ID,
      env.WECHATPAY_API_V3_KEY,
    ];
    if (wechat.some(Boolean) && !wechat.every(Boolean))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["WECHATPAY_APP_ID"],
        message:
          "WeChat Pay needs WECHATPAY_APP_ID, WECHATPAY_MCH_ID, WECHATPAY_MCH_SERIAL, WECHATPAY_PRIVATE_KEY_FILE, WECHATPAY_PUBLIC_KEY_FILE, WECHATPAY_PUBLIC_KEY_ID and WECHATPAY_API_V3_KEY together",
      });
    if (wechat.some(Boolean) && !env.APP_ORIGIN)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["APP_ORIGIN"],
        message: "is required with WeChat Pay: its notifications are sent to APP_ORIGIN/payments/wechat/notify",
      });
    if (env.NODE_ENV === "production" && !env.IDENTITY_KEY) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["IDENTITY_KEY"], message: "is required in production (openssl rand -base64 32)" });
    }
  });

export type DatabaseProvider = "sqlite" | "postgresql";

export type Env = z.infer<typeof envSchema> & {
  SESSION_SECRET: string;
  databaseProvider: DatabaseProvider;
  /** The SQLite file (absolute); undefined on PostgreSQL. */
  databaseFile: string | undefined;
  uploadDir: string;
  /** STORAGE_DRIVER, or the database's default (local on SQLite, database on PostgreSQL). */
  storageDriver: "local" | "database";
  identityKey: Buffer;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const projectRoot = process.cwd();
  const databaseProvider: DatabaseProvider = env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-session-secret",
    databaseProvider,
    databaseFile: databaseProvider === "sqlite" ? path.resolve(projectRoot, env.DATABASE_URL.replace(/^file:/, "")) : undefined,
    uploadDir: path.resolve(projectRoot, env.UPLOAD_DIR),
    storageDriver: env.STORAGE_DRIVER ?? (databaseProvider === "sqlite" ? "local" : "database"),
    // Development and tests derive a key from the session secret; production must set its own.
    identityKey: env.IDENTITY_KEY
      ? Buffer.from(env.IDENTITY_KEY, "base64")
      : crypto
          .createHash("sha256")
          .update(`identity:${env.SESSION_SECRET ?? "development-only-session-secret"}`)
          .digest(),
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
