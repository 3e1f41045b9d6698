import { z } from "zod";
import { chinaIsoInstant } from "~/domain/china-time";

// How shoppers reach a person (#19), set at /admin/contact: which channels, their details, the working
// hours on China's clock, and the answer SLA of pre-sale questions.

export const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
// WeChat's own rule for an ID: 6 to 20 letters, digits, "-" or "_", starting with a letter.
const WECHAT_ID = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;
const PHONE = /^\+?[0-9][0-9 -]{4,23}$/;

const clock = z.string({ required_error: "consult:errors.clockInvalid" }).regex(CLOCK, "consult:errors.clockInvalid");

export const contactSettingsSchema = z
  .object({
    inSite: z.boolean().optional(),
    email: z.string().trim().max(200, "consult:errors.emailInvalid").email("consult:errors.emailInvalid").optional(),
    wechatId: z.string().trim().regex(WECHAT_ID, "consult:errors.wechatIdInvalid").optional(),
    wechatUrl: z
      .string()
      .trim()
      .max(500, "consult:errors.wechatUrlInvalid")
      .url("consult:errors.wechatUrlInvalid")
      .refine((value) => /^https:\/\//i.test(value), "consult:errors.wechatUrlInvalid")
      .optional(),
    phone: z.string().trim().regex(PHONE, "consult:errors.phoneInvalid").optional(),
    hoursStart: clock,
    hoursEnd: clock,
    hoursDays: z
      .array(z.enum(WEEKDAYS, { message: "consult:errors.daysInvalid" }), { required_error: "consult:errors.daysInvalid" })
      .min(1, "consult:errors.daysInvalid")
      .max(7, "consult:errors.daysInvalid"),
    answerSlaHours: z
      .number({ required_error: "consult:errors.slaInvalid", invalid_type_error: "consult:errors.slaInvalid" })
      .int("consult:errors.slaInvalid")
      .min(1, "consult:errors.slaInvalid")
      .max(168, "consult:errors.slaInvalid"),
  })
  // A clock already refused says so at its own field, not again here.
  .refine((value) => !CLOCK.test(value.hoursStart) || !CLOCK.test(value.hoursEnd) || value.hoursStart < value.hoursEnd, {
    path: ["hoursEnd"],
    message: "consult:errors.hoursOrder",
  });
export type ContactSettingsInput = z.output<typeof contactSettingsSchema>;

/** The form's weekday list as stored: sorted digits, each once ("135"). */
export function daysText(days: readonly string[]): string {
  return [...new Set(days)].sort().join("");
}

/** Whether the clock in China at `now` is within the working hours on a working day. */
export function isWorkingTime(hours: { hoursStart: string; hoursEnd: string; hoursDays: string }, now: Date): boolean {
  const china = chinaIsoInstant(now); // "2026-12-04T22:30:00+08:00"
  const day = new Date(`${china.slice(0, 10)}T00:00:00Z`).getUTCDay();
  if (!hours.hoursDays.includes(String(day === 0 ? 7 : day))) return false;
  const clockNow = china.slice(11, 16);
  return clockNow >= hours.hoursStart && clockNow < hours.hoursEnd;
}

/** What the WeChat QR code encodes: the admin's contact link, else the ID (scanning shows it to add). */
export function wechatQrText(settings: { wechatId: string | null; wechatUrl: string | null }): string | null {
  return settings.wechatUrl ?? settings.wechatId ?? null;
}
