import { describe, expect, test } from "vitest";
import { planQuery, segmentCjk, type Alternative } from "~/domain/search/query-plan";
import { compileThesaurus, termKey } from "~/domain/search/thesaurus";

const thesaurus = compileThesaurus([
  { kind: "SYNONYM", term: "手机壳", words: ["手机套", "phone case"] },
  { kind: "HYPERNYM", term: "包", words: ["双肩包", "钱包"] },
  { kind: "HYPERNYM", term: "shoes", words: ["sneakers", "boots"] },
  { kind: "SYNONYM", term: "充电宝", words: ["移动电源", "power bank"] },
]);

const show = (alternative: Alternative) => ("char" in alternative ? `char:${alternative.char}` : alternative.tokens.join(" "));
const alternatives = (q: string) => planQuery(q, thesaurus)?.concepts.map((concept) => concept.alternatives.map(show)) ?? null;

describe("termKey", () => {
  test("one key whatever the spelling", () => {
    expect(termKey("Phone-Cases")).toBe("phone case");
    expect(termKey("耳機")).toBe("耳机");
    expect(termKey("iPhone手机壳")).toBe("iphone 手机壳");
  });
});

describe("planQuery", () => {
  test("a synonym is found both ways, with every spelling", () => {
    expect(alternatives("手机套")?.[0]).toEqual(expect.arrayContaining(["手机 机套", "手机 机壳", "phone case"]));
    expect(alternatives("Power Bank")?.[0]).toEqual(expect.arrayContaining(["充电 电宝", "移动 动电 电源"]));
  });

  test("a general word finds its kinds, and their synonyms, one way only", () => {
    expect(alternatives("包")?.[0]).toEqual(expect.arrayContaining(["char:包", "双肩 肩包", "钱包"]));
    expect(alternatives("钱包")?.[0]).not.toContain("char:包");
    expect(alternatives("shoes")?.[0]).toEqual(expect.arrayContaining(["shoe", "sneaker", "boot"]));
  });

  test("the glossary translates in both directions", () => {
    const english = alternatives("headphones")?.[0] ?? [];
    expect(english).toContain("耳机");
    const chinese = alternatives("耳机")?.[0] ?? [];
    expect(chinese).toEqual(expect.arrayContaining(["headphone"]));
    expect(alternatives("Kopfhörer")?.[0]).toContain("耳机");
  });

  test("an unspaced Chinese query is cut into known words, the rest into pairs", () => {
    expect(segmentCjk("黑色双肩包", thesaurus)).toEqual(["黑色", "双肩包"]);
    expect(segmentCjk("美利奴", thesaurus)).toEqual(["美利", "利奴"]);
    expect(segmentCjk("耳机和钱包", thesaurus)).toEqual(["耳机", "钱包"]);
    expect(planQuery("降噪耳机", thesaurus)?.phrase).toEqual(["降噪", "噪耳", "耳机"]);
  });

  test("a known compound also matches as its known words apart", () => {
    const withCompound = compileThesaurus([{ kind: "SYNONYM", term: "降噪耳机", words: ["noise cancelling headphones"] }]);
    const [concept] = planQuery("降噪耳机", withCompound)?.concepts ?? [];
    expect(concept?.alternatives.map(show)).toEqual(expect.arrayContaining(["降噪 噪耳 耳机", "noise cancelling headphone"]));
    expect(concept?.parts?.map((part) => part.key)).toEqual(["降噪", "耳机"]);
    expect(concept?.parts?.[1]?.alternatives.map(show)).toContain("headphone");
    // Not every piece known: no parts (手机壳 is 手机 + 壳, a single character).
    expect(planQuery("手机壳", thesaurus)?.concepts[0]?.parts).toBeUndefined();
  });

  test("nothing searchable is no plan", () => {
    expect(planQuery("  !!! ", thesaurus)).toBeNull();
    expect(planQuery("", thesaurus)).toBeNull();
  });
});
