import { z } from "zod";
import { formNumber } from "../form-numbers";

// Admin edits of the pricing tables. Messages are locale keys. Amounts stay decimal strings.
const decimal = (max: number) =>
  z
    .string({ required_error: "admin:errors.required" })
    .trim()
    .regex(/^\d{1,9}(\.\d{1,6})?$/, "admin:errors.decimal")
    .refine((value) => Number(value) <= max, "admin:errors.tooLarge");

const rate = decimal(1);
// A CNY amount the calculator adds to a quote as it is: at most two decimals.
const fen = (max: number) =>
  z
    .string({ required_error: "admin:errors.required" })
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, "admin:errors.fen")
    .refine((value) => Number(value) <= max, "admin:errors.tooLarge");
const money = decimal(100_000);
// Numbers are read strictly (formNumber): "0x1F" or "   " is no weight, no hour count.
const integer = (min: number, max: number, minMessage = "admin:errors.positive", maxMessage = "admin:errors.tooLarge") =>
  formNumber(
    z
      .number({ required_error: "admin:errors.integer", invalid_type_error: "admin:errors.integer" })
      .int("admin:errors.integer")
      .min(min, minMessage)
      .max(max, maxMessage),
  );
const grams = integer(1, 1_000_000);

export const feeScheduleSchema = z.object({
  intent: z.literal("fees"),
  fxSpread: rate,
  serviceFeeRate: rate,
  serviceFeeMinimum: money,
  insuranceRate: rate,
  ratesMaxAgeHours: integer(1, 24 * 30),
  quoteValidityMinutes: integer(5, 24 * 60),
});

export const shippingLineSchema = z
  .object({
    intent: z.literal("line"),
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{3,40}$/, "admin:errors.code"),
    nameZh: z.string({ required_error: "admin:errors.required" }).trim().min(1, "admin:errors.required").max(60),
    nameEn: z.string({ required_error: "admin:errors.required" }).trim().min(1, "admin:errors.required").max(60),
    originCountry: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, "admin:errors.country"),
    customsRegime: z.enum(["POSTAL", "CBEC"], { errorMap: () => ({ message: "admin:errors.regime" }) }),
    firstWeightGrams: grams,
    firstWeightPrice: money,
    additionalWeightGrams: grams,
    additionalWeightPrice: money,
    volumetricDivisor: integer(1000, 10_000, "admin:errors.divisor", "admin:errors.divisor").optional(),
    handlingFee: money,
    // Packing fees per parcel and the free storage days (app/domain/landed-cost/packing.ts, app/domain/orders/storage.ts).
    removeBoxesFee: fen(1_000),
    extraProtectionFee: fen(1_000),
    freeStorageDays: integer(0, 365, "admin:errors.storageDays", "admin:errors.storageDays"),
    etaDaysMin: integer(1, 120),
    etaDaysMax: integer(1, 120),
    active: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
  })
  .refine((line) => line.etaDaysMax >= line.etaDaysMin, { path: ["etaDaysMax"], message: "admin:errors.etaOrder" });

export const taxCategorySchema = z.object({
  intent: z.literal("tax"),
  code: z
    .string()
    .trim()
    .regex(/^[a-z_]{2,40}$/, "admin:errors.code"),
  postalRate: rate,
  cbecVat: rate,
  cbecConsumption: rate.refine((value) => Number(value) < 1, "admin:errors.tooLarge"),
  mfnTariff: rate,
});

export const pricingActionSchema = z.discriminatedUnion("intent", [feeScheduleSchema, shippingLineSchema.innerType(), taxCategorySchema]);
