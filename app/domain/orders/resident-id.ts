import { z } from "zod";
import { chinaDay } from "~/domain/china-time";

// The buyer's real name and PRC resident ID number, which customs requires for personal imports.
// The number is GB 11643-1999: 6 digits of region, 8 of birth date (YYYYMMDD), 3 of sequence (odd
// for men) and a check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CODES = "10X98765432";
const FORMAT = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH_YEAR = 1900;

export type ResidentIdReason = "INVALID_FORMAT" | "INVALID_CHECKSUM" | "INVALID_BIRTH_DATE" | "BIRTH_DATE_IN_FUTURE";
export type ResidentIdCheck = { ok: true; id: string; birthDate: string } | { ok: false; reason: ResidentIdReason };

/** The check character of the first 17 digits. */
export function residentIdCheckCode(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("expected the 17 digits before the check character");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CODES.charAt(sum % 11);
}

/**
 * Checks a resident ID number: 18 characters (a lower-case x is read as X; spaces around are
 * ignored), the checksum, and a birth date that is a real day from 1900 on and not after `today`
 * (in China). On success returns the normalized number and the birth date (YYYY-MM-DD).
 */
export function validateResidentId(id: string, today: Date): ResidentIdCheck {
  if (!Number.isFinite(today.getTime())) throw new RangeError("today is not a valid date");
  const normalized = id.trim().toUpperCase();
  if (!FORMAT.test(normalized)) return { ok: false, reason: "INVALID_FORMAT" };
  if (normalized.charAt(17) !== residentIdCheckCode(normalized.slice(0, 17))) return { ok: false, reason: "INVALID_CHECKSUM" };

  const birth = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  const ms = Date.parse(`${birth}T00:00:00Z`);
  // Date.parse rolls 1990-02-30 over to March; a real day prints back unchanged.
  const real = Number.isFinite(ms) && new Date(ms).toISOString().startsWith(birth) && Number(birth.slice(0, 4)) >= EARLIEST_BIRTH_YEAR;
  if (!real) return { ok: false, reason: "INVALID_BIRTH_DATE" };
  // Birth dates are calendar days in China.
  if (birth > chinaDay(today)) return { ok: false, reason: "BIRTH_DATE_IN_FUTURE" };
  return { ok: true, id: normalized, birthDate: birth };
}

const RESIDENT_ID_MESSAGES: Record<ResidentIdReason, string> = {
  INVALID_FORMAT: "orders:errors.residentIdFormat",
  INVALID_CHECKSUM: "orders:errors.residentIdChecksum",
  INVALID_BIRTH_DATE: "orders:errors.residentIdBirthDate",
  BIRTH_DATE_IN_FUTURE: "orders:errors.residentIdBirthDate",
};

/** The real-name form: name as on the ID card, and the ID number (normalized on success). */
export function buyerIdentitySchema(today: Date) {
  return z.object({
    realName: z
      .string({ required_error: "orders:errors.realNameRequired", invalid_type_error: "orders:errors.realNameRequired" })
      .trim()
      .min(1, "orders:errors.realNameRequired")
      .refine((value) => value === "" || ([...value].length >= 2 && [...value].length <= 30), "orders:errors.realNameLength")
      // Letters, combining marks and the separators of transliterated names (买买提·艾力).
      .refine((value) => value === "" || /^[\p{L}\p{M}·・.' -]+$/u.test(value), "orders:errors.realNameInvalid"),
    residentId: z
      .string({ required_error: "orders:errors.residentIdRequired", invalid_type_error: "orders:errors.residentIdRequired" })
      .trim()
      .min(1, "orders:errors.residentIdRequired")
      .transform((value, ctx) => {
        const check = validateResidentId(value, today);
        if (check.ok) return check.id;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: RESIDENT_ID_MESSAGES[check.reason] });
        return z.NEVER;
      }),
  });
}

export type BuyerIdentity = z.infer<ReturnType<typeof buyerIdentitySchema>>;

function maskMiddle(characters: string[], keepStart: number, keepEnd: number): string {
  if (characters.length <= keepStart + keepEnd) return "*".repeat(characters.length);
  return (
    characters.slice(0, keepStart).join("") + "*".repeat(characters.length - keepStart - keepEnd) + characters.slice(-keepEnd).join("")
  );
}

/** "110101199003074514" → "1101**********4514": the first and last four kept, the length too. */
export function maskResidentId(id: string): string {
  return maskMiddle([...id.trim()], 4, 4);
}

/** "张三丰" → "张*丰", "张三" → "张*", "欧阳娜娜" → "欧**娜": the first and (from three characters) the last kept. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return "*".repeat(characters.length);
  if (characters.length === 2) return `${characters[0]}*`;
  return maskMiddle(characters, 1, 1);
}
