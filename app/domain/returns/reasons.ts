import { z } from "zod";

// Why a shopper returns something, who is at fault for it and what evidence the filing needs
// (docs/returns.md, "Why, and whose fault"). The table below is the only place that
// says so; the form, the service and the refund read it. Messages are locale keys.

export const RETURN_REASONS = ["DAMAGED", "DEFECTIVE", "WRONG_ITEM", "NOT_AS_DESCRIBED", "CHANGED_MIND", "SIZE_FIT"] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const returnReasonSchema = z.enum(RETURN_REASONS, { errorMap: () => ({ message: "returns:errors.reasonRequired" }) });

/**
 * PLATFORM: the platform, its carrier or the foreign seller; the shopper gets everything paid back and
 * the platform pays the return shipping. SHOPPER: the shopper changed their mind.
 */
export const FAULTS = ["PLATFORM", "SHOPPER"] as const;
export type Fault = (typeof FAULTS)[number];

/**
 * PHOTO: at least one photo. PHOTO_OR_DESCRIPTION: at least one photo, or a description of at least
 * DESCRIPTION_MIN_CHARS characters. NONE: nothing.
 */
export const EVIDENCE_RULES = ["PHOTO", "PHOTO_OR_DESCRIPTION", "NONE"] as const;
export type EvidenceRule = (typeof EVIDENCE_RULES)[number];

export type ReasonRule = { readonly fault: Fault; readonly evidence: EvidenceRule };

export const REASON_RULES: Readonly<Record<ReturnReason, ReasonRule>> = {
  DAMAGED: { fault: "PLATFORM", evidence: "PHOTO" },
  DEFECTIVE: { fault: "PLATFORM", evidence: "PHOTO_OR_DESCRIPTION" },
  WRONG_ITEM: { fault: "PLATFORM", evidence: "PHOTO" },
  NOT_AS_DESCRIBED: { fault: "PLATFORM", evidence: "PHOTO" },
  CHANGED_MIND: { fault: "SHOPPER", evidence: "NONE" },
  SIZE_FIT: { fault: "SHOPPER", evidence: "NONE" },
};

/** Characters (Unicode code points, after trimming) a description needs to stand in for a photo. */
export const DESCRIPTION_MIN_CHARS = 20;

export function faultOf(reason: ReturnReason): Fault {
  return REASON_RULES[reason].fault;
}

export function evidenceRuleOf(reason: ReturnReason): EvidenceRule {
  return REASON_RULES[reason].evidence;
}

/** The length the evidence rule counts: code points of the trimmed text, so "屏幕" is 2 and an emoji 1. */
export function descriptionLength(description: string | null | undefined): number {
  return [...(description ?? "").trim()].length;
}

export type Evidence = {
  /** Photos attached to the filing (uploaded and accepted). */
  photoCount: number;
  /** The shopper's description of the problem. */
  description?: string | null;
};

export type EvidenceErrorCode = "PHOTO_REQUIRED" | "PHOTO_OR_DESCRIPTION_REQUIRED";

export type EvidenceCheck = { ok: true } | { ok: false; code: EvidenceErrorCode; message: string; params: { minChars: number } };

/**
 * Whether the filing carries the evidence its reason needs. A photo count that is not a positive
 * integer counts as no photo.
 */
export function checkEvidence(reason: ReturnReason, evidence: Evidence): EvidenceCheck {
  const hasPhoto = Number.isSafeInteger(evidence.photoCount) && evidence.photoCount >= 1;
  const params = { minChars: DESCRIPTION_MIN_CHARS };
  switch (evidenceRuleOf(reason)) {
    case "NONE":
      return { ok: true };
    case "PHOTO":
      return hasPhoto ? { ok: true } : { ok: false, code: "PHOTO_REQUIRED", message: "returns:errors.photoRequired", params };
    case "PHOTO_OR_DESCRIPTION":
      return hasPhoto || descriptionLength(evidence.description) >= DESCRIPTION_MIN_CHARS
        ? { ok: true }
        : { ok: false, code: "PHOTO_OR_DESCRIPTION_REQUIRED", message: "returns:errors.photoOrDescriptionRequired", params };
  }
}
