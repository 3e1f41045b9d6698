import { z } from "zod";

// A delivery address in mainland China, as the checkout form collects it. Messages are locale keys.

export const CHINA_MOBILE = /^1[3-9]\d{9}$/;

const codePoints = (value: string) => [...value].length;

const requiredText = (required: string, max: number, tooLong: string) =>
  z.string({ required_error: required, invalid_type_error: required }).trim().min(1, required).max(max, tooLong);

/** "+86 138-0013-8000" → "13800138000": spaces, hyphens and the country code are dropped before checking. */
export function normalizeChinaMobile(value: string): string {
  const digits = value.replace(/[\s-]/g, "");
  const national = digits.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, "");
  return national;
}

export const chinaAddressSchema = z.object({
  province: requiredText("orders:errors.provinceRequired", 20, "orders:errors.addressPartTooLong"),
  city: requiredText("orders:errors.cityRequired", 30, "orders:errors.addressPartTooLong"),
  district: requiredText("orders:errors.districtRequired", 30, "orders:errors.addressPartTooLong"),
  street: requiredText("orders:errors.streetRequired", 120, "orders:errors.streetTooLong"),
  recipientName: z
    .string({ required_error: "orders:errors.recipientNameRequired", invalid_type_error: "orders:errors.recipientNameRequired" })
    .trim()
    .min(1, "orders:errors.recipientNameRequired")
    .refine((value) => value === "" || codePoints(value) >= 2, "orders:errors.recipientNameTooShort")
    .refine((value) => codePoints(value) <= 30, "orders:errors.recipientNameTooLong"),
  mobile: z
    .string({ required_error: "orders:errors.mobileRequired", invalid_type_error: "orders:errors.mobileRequired" })
    .trim()
    .min(1, "orders:errors.mobileRequired")
    .transform(normalizeChinaMobile)
    .refine((value) => value === "" || CHINA_MOBILE.test(value), "orders:errors.mobileInvalid"),
  // Forms send an empty field as "": the same as no postal code.
  postalCode: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value),
    z
      .string({ invalid_type_error: "orders:errors.postalCodeInvalid" })
      .regex(/^\d{6}$/, "orders:errors.postalCodeInvalid")
      .optional(),
  ),
});

export type ChinaAddress = z.infer<typeof chinaAddressSchema>;

/** One line for a label or a summary, in the Chinese order: 广东省深圳市南山区科技园路1号. */
export function formatChinaAddress(address: Pick<ChinaAddress, "province" | "city" | "district" | "street">): string {
  // Municipalities repeat themselves (北京市 北京市 朝阳区): the city is written once.
  const city = address.city === address.province ? "" : address.city;
  return `${address.province}${city}${address.district}${address.street}`;
}
