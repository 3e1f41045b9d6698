import { describe, expect, test } from "vitest";
import {
  characterCount,
  checkPersonalization,
  personalizationDeclarationSchema,
  personalizationKey,
  type PersonalizationField,
} from "~/domain/catalog/personalization";

const ENGRAVING: PersonalizationField = {
  key: "engraving",
  labelZh: "刻字内容",
  labelEn: "Engraving",
  maxLength: 10,
  charset: "latin",
  required: true,
};
const NOTE: PersonalizationField = { key: "note", labelZh: "备注", labelEn: "Note", maxLength: 5, charset: "any", required: false };
const check = (input: Record<string, string>) => checkPersonalization([ENGRAVING, NOTE], (key) => input[key]);

describe("personalization a listing declares", () => {
  test("the engraving is kept as typed, trimmed and with runs of spaces made one, under the labels it was asked", () => {
    expect(check({ engraving: "  J  & M  ", note: "" })).toEqual({
      ok: true,
      values: [{ key: "engraving", labelZh: "刻字内容", labelEn: "Engraving", value: "J & M" }],
    });
  });

  test("a required field left empty, Chinese or emoji in an engraving, and text over the limit are each refused", () => {
    expect(check({})).toEqual({ ok: false, errors: [{ key: "engraving", message: "product:personalization.errors.required" }] });
    expect(check({ engraving: "李雷" })).toMatchObject({ ok: false, errors: [{ message: "product:personalization.errors.latin" }] });
    expect(check({ engraving: "Love 💍" })).toMatchObject({ ok: false, errors: [{ message: "product:personalization.errors.latin" }] });
    expect(check({ engraving: "ABCDEFGHIJK" })).toMatchObject({
      ok: false,
      errors: [{ message: "product:personalization.errors.tooLong" }],
    });
    expect(check({ engraving: "A\nB" })).toMatchObject({ ok: false, errors: [{ message: "product:personalization.errors.unprintable" }] });
  });

  test("accented letters are Latin and count as one character each; an emoji is one character where any text goes", () => {
    expect(check({ engraving: "Zoë Ångström".slice(0, 10) }).ok).toBe(true);
    expect(characterCount("Zoë")).toBe(3);
    expect(characterCount("👨‍👩‍👧")).toBe(1);
    expect(check({ engraving: "AB", note: "谢谢👍" })).toMatchObject({ ok: true, values: [{ value: "AB" }, { value: "谢谢👍" }] });
    expect(check({ engraving: "AB", note: "谢谢你们的帮助" })).toMatchObject({ ok: false, errors: [{ key: "note" }] });
  });

  test("the same text makes the same cart-line key, other text another key; no personalization is the empty key", () => {
    const typed = (engraving: string) => check({ engraving });
    const keyOf = (result: ReturnType<typeof check>) => (result.ok ? personalizationKey(result.values) : null);
    expect(keyOf(typed(" J & M "))).toBe(keyOf(typed("J  &  M")));
    expect(keyOf(typed("J & M"))).not.toBe(keyOf(typed("J & N")));
    expect(personalizationKey([])).toBe("");
  });

  test("a declaration with a repeated key or an impossible limit is refused", () => {
    expect(personalizationDeclarationSchema.safeParse([ENGRAVING, ENGRAVING]).success).toBe(false);
    expect(personalizationDeclarationSchema.safeParse([{ ...ENGRAVING, maxLength: 0 }]).success).toBe(false);
    expect(personalizationDeclarationSchema.safeParse([ENGRAVING, NOTE]).success).toBe(true);
  });
});
