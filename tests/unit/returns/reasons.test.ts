import { describe, expect, test } from "vitest";
import {
  DESCRIPTION_MIN_CHARS,
  RETURN_REASONS,
  checkEvidence,
  descriptionLength,
  evidenceRuleOf,
  faultOf,
  returnReasonSchema,
  type ReturnReason,
} from "~/domain/returns";

// The spec's table, written out independently of the implementation.
const TABLE: Record<ReturnReason, { fault: "PLATFORM" | "SHOPPER"; evidence: "PHOTO" | "PHOTO_OR_DESCRIPTION" | "NONE" }> = {
  DAMAGED: { fault: "PLATFORM", evidence: "PHOTO" },
  DEFECTIVE: { fault: "PLATFORM", evidence: "PHOTO_OR_DESCRIPTION" },
  WRONG_ITEM: { fault: "PLATFORM", evidence: "PHOTO" },
  NOT_AS_DESCRIBED: { fault: "PLATFORM", evidence: "PHOTO" },
  CHANGED_MIND: { fault: "SHOPPER", evidence: "NONE" },
  SIZE_FIT: { fault: "SHOPPER", evidence: "NONE" },
};

describe("reasons", () => {
  test("the six reasons, their fault and their evidence rule", () => {
    expect([...RETURN_REASONS].sort()).toEqual(Object.keys(TABLE).sort());
    for (const reason of RETURN_REASONS) {
      expect(faultOf(reason), reason).toBe(TABLE[reason].fault);
      expect(evidenceRuleOf(reason), reason).toBe(TABLE[reason].evidence);
    }
  });

  test("the reason schema refuses anything else with a locale key", () => {
    expect(returnReasonSchema.parse("SIZE_FIT")).toBe("SIZE_FIT");
    const parsed = returnReasonSchema.safeParse("BORED");
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]?.message).toBe("returns:errors.reasonRequired");
  });
});

describe("checkEvidence", () => {
  const twenty = "屏幕一直闪烁无法正常开机使用充电也没有反应"; // 21 characters
  test.each(["DAMAGED", "WRONG_ITEM", "NOT_AS_DESCRIBED"] as const)(
    "%s needs at least one photo; a description does not replace it",
    (reason) => {
      expect(checkEvidence(reason, { photoCount: 1 })).toEqual({ ok: true });
      expect(checkEvidence(reason, { photoCount: 3, description: "" })).toEqual({ ok: true });
      const refused = { ok: false, code: "PHOTO_REQUIRED", message: "returns:errors.photoRequired", params: { minChars: 20 } };
      expect(checkEvidence(reason, { photoCount: 0 })).toEqual(refused);
      expect(checkEvidence(reason, { photoCount: 0, description: twenty.repeat(3) })).toEqual(refused);
    },
  );

  test("DEFECTIVE: a photo or a description of at least 20 characters", () => {
    expect(checkEvidence("DEFECTIVE", { photoCount: 1 })).toEqual({ ok: true });
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: "a".repeat(20) })).toEqual({ ok: true });
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: twenty })).toEqual({ ok: true });
    const refused = {
      ok: false,
      code: "PHOTO_OR_DESCRIPTION_REQUIRED",
      message: "returns:errors.photoOrDescriptionRequired",
      params: { minChars: 20 },
    };
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: "a".repeat(19) })).toEqual(refused);
    expect(checkEvidence("DEFECTIVE", { photoCount: 0 })).toEqual(refused);
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: null })).toEqual(refused);
  });

  test("the description counts code points after trimming", () => {
    expect(DESCRIPTION_MIN_CHARS).toBe(20);
    // 19 characters padded with spaces (including the ideographic space) stay 19.
    expect(descriptionLength(`  ${"b".repeat(19)}\u3000\n `)).toBe(19);
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: `   ${"b".repeat(19)}   ` }).ok).toBe(false);
    // Emoji outside the BMP are two UTF-16 units but one code point each: 10 of them are 10, not 20.
    expect("😀".repeat(10).length).toBe(20);
    expect(descriptionLength("😀".repeat(10))).toBe(10);
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: "😀".repeat(10) }).ok).toBe(false);
    expect(checkEvidence("DEFECTIVE", { photoCount: 0, description: "😀".repeat(20) }).ok).toBe(true);
    expect(descriptionLength("屏幕")).toBe(2);
  });

  test("a photo count that is not a positive integer is no photo", () => {
    for (const photoCount of [0, -1, 0.5, Number.NaN]) expect(checkEvidence("DAMAGED", { photoCount }).ok, String(photoCount)).toBe(false);
  });

  test.each(["CHANGED_MIND", "SIZE_FIT"] as const)("%s needs nothing", (reason) => {
    expect(checkEvidence(reason, { photoCount: 0 })).toEqual({ ok: true });
    expect(checkEvidence(reason, { photoCount: 0, description: "" })).toEqual({ ok: true });
  });
});
