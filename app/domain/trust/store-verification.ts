import { z } from "zod";

// An admin's verification of a foreign store: what was checked, so the badge can say it. The official
// domain must be the store's own (the host of its base URL, or a domain that host belongs to): a badge
// naming another site would vouch for the wrong shop.

export const VERIFICATION_STATUSES = ["UNVERIFIED", "VERIFIED", "REVOKED"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export type StoreVerification = {
  officialDomain: string;
  registration: string;
  note: string;
};

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The store's host, lower case, without "www.". */
export function storeHost(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** Does `domain` name the store at `baseUrl`: its host, or a parent domain of it? */
export function domainMatchesStore(domain: string, baseUrl: string): boolean {
  const host = storeHost(baseUrl);
  if (!host) return false;
  return host === domain || host.endsWith(`.${domain}`);
}

export const storeVerificationSchema = z.object({
  storeId: z
    .string({ required_error: "trust:errors.storeUnknown" })
    .min(1, "trust:errors.storeUnknown")
    .max(64, "trust:errors.storeUnknown"),
  intent: z.enum(["verify", "revoke"], { errorMap: () => ({ message: "trust:errors.decisionRequired" }) }),
  officialDomain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, "trust:errors.domainInvalid")
    .transform((value) =>
      value
        .replace(/^https?:\/\//, "")
        .replace(/\/.*$/, "")
        .replace(/^www\./, ""),
    )
    .optional()
    .default(""),
  registration: z.string().trim().max(500, "trust:errors.registrationTooLong").optional().default(""),
  note: z.string().trim().max(1000, "trust:errors.noteTooLong").optional().default(""),
});
export type StoreVerificationInput = z.output<typeof storeVerificationSchema>;

export type VerificationRefusal =
  "trust:errors.domainInvalid" | "trust:errors.domainNotStore" | "trust:errors.registrationRequired" | "trust:errors.reasonRequired";

/** What is wrong with a verification for the store at `baseUrl`, if anything. */
export function checkVerification(
  input: StoreVerificationInput,
  baseUrl: string,
): Partial<Record<keyof StoreVerificationInput, VerificationRefusal>> {
  if (input.intent === "revoke") return input.note ? {} : { note: "trust:errors.reasonRequired" };
  const errors: Partial<Record<keyof StoreVerificationInput, VerificationRefusal>> = {};
  if (!DOMAIN.test(input.officialDomain)) errors.officialDomain = "trust:errors.domainInvalid";
  else if (!domainMatchesStore(input.officialDomain, baseUrl)) errors.officialDomain = "trust:errors.domainNotStore";
  if (input.registration.length < 3) errors.registration = "trust:errors.registrationRequired";
  return errors;
}
