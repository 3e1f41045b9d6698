import { z } from "zod";

// A wallet top-up's amount, by bank transfer or through a payment provider: whole yuan or fen,
// between 1 and 50,000 CNY.
export const TOP_UP_METHODS = ["bank", "alipay", "wechat"] as const;
export type TopUpMethod = (typeof TOP_UP_METHODS)[number];

export const topUpSchema = z.object({
  method: z.enum(TOP_UP_METHODS).default("bank"),
  amount: z
    .string({ required_error: "wallet:errors.amountRequired" })
    .trim()
    .refine((value) => /^\d{1,5}(\.\d{1,2})?$/.test(value) && Number(value) >= 1 && Number(value) <= 50_000, "wallet:errors.amountInvalid"),
});

/** "12.3" → 1230 fen: the schema's amount, read exactly. */
export function topUpFen(amount: string): number {
  const [yuan = "0", fen = ""] = amount.split(".");
  return Number(yuan) * 100 + Number(fen.padEnd(2, "0"));
}
