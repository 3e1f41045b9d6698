import { describe, expect, test } from "vitest";
import { englishTitle, shopperTitle } from "~/domain/localization/english-title";
import { listings, stores } from "../../../prisma/seed-data/catalog";

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const countryOf = new Map(stores.map((store) => [store.slug, store.country]));

describe("English titles for shoppers reading in English", () => {
  test("a store writing in English is shown as written, not as a machine draft", () => {
    expect(englishTitle("Wireless Noise Cancelling Headphones WH-900", "US")).toEqual({
      text: "Wireless Noise Cancelling Headphones WH-900",
      machine: false,
      partial: false,
    });
  });

  test("a Japanese title becomes an English draft from the glossary, numbers kept as written", () => {
    const draft = englishTitle("【日本製】ユニセックス 綿100% ポケットTシャツ", "JP");
    expect(draft.machine).toBe(true);
    expect(draft.text).toMatch(/cotton/i);
    expect(draft.text).toMatch(/100%/);
    expect(draft.text.startsWith("[Made in")).toBe(true);
    expect(CJK.test(draft.text)).toBe(false);
  });

  test("German glue words are translated, so a German title is not passed off as English", () => {
    const draft = englishTitle("Edelstahl Thermoskanne mit Deckel 1 Liter", "DE");
    expect(draft.machine).toBe(true);
    expect(draft.text).not.toMatch(/\bmit\b/);
  });

  test("across the demo catalog almost every non-English title gets a full English draft", () => {
    const foreign = listings.filter((listing) => !["US", "GB"].includes(countryOf.get(listing.store) ?? ""));
    expect(foreign.length).toBeGreaterThan(10);
    const drafts = foreign.map((listing) => englishTitle(listing.title, countryOf.get(listing.store)));
    expect(drafts.every((draft) => draft.machine)).toBe(true);
    const partial = drafts.filter((draft) => draft.partial);
    // Brand names in katakana or hangul have no glossary entry; they stay as written and say so.
    expect(partial.length).toBeLessThanOrEqual(Math.ceil(foreign.length * 0.1));
    for (const draft of drafts.filter((d) => !d.partial)) expect(CJK.test(draft.text)).toBe(false);
  });

  test("the Chinese reader sees the reviewed Chinese title, or the original marked as such", () => {
    const listing = { title: "Tシャツ", titleZh: "T恤", localizationStatus: "REVIEWED" };
    expect(shopperTitle(listing, "zh-CN", "JP")).toMatchObject({ text: "T恤", original: false });
    expect(shopperTitle({ ...listing, localizationStatus: "DRAFT" }, "zh-CN", "JP")).toMatchObject({ text: "Tシャツ", original: true });
    expect(shopperTitle(listing, "en", "JP")).toMatchObject({ machine: true, lang: "en" });
  });
});
