import { describe, expect, test } from "vitest";
import { reviewFormSchema, reviewModerationSchema } from "~/domain/trust/review-form";
import { parseWithZod } from "~/utils/parse-form";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  return data;
};
const good = { orderItemId: "item1", accuracy: "5", quality: "4", speed: "3", communication: "2", packaging: "1", text: "  很好的商品  " };
const parse = (fields: Record<string, string | string[]>) => parseWithZod(form(fields), { schema: reviewFormSchema });
const errorsOf = (fields: Record<string, string | string[]>) => {
  const result = parse(fields);
  return result.status === "success" ? {} : (result.reply().error ?? {});
};

describe("review form", () => {
  test("scores 1-5 and a trimmed text", () => {
    const result = parse(good);
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({ accuracy: 5, packaging: 1, text: "很好的商品", keepPhotos: [] });
  });

  test.each(["0", "6", "4.5", "abc", "0x3", ""])("a score of %j is refused", (value) => {
    expect(errorsOf({ ...good, quality: value }).quality?.[0]).toMatch(/^reviews:errors\.score/);
  });

  test("a missing score is named", () => {
    const { speed: _speed, ...rest } = good;
    expect(errorsOf(rest).speed).toEqual(["reviews:errors.scoreRequired"]);
  });

  test("text of 5 to 1000 characters after trimming", () => {
    expect(errorsOf({ ...good, text: "  好  " }).text).toEqual(["reviews:errors.textTooShort"]);
    expect(errorsOf({ ...good, text: "好".repeat(1001) }).text).toEqual(["reviews:errors.textTooLong"]);
    expect(parse({ ...good, text: "好".repeat(1000) }).status).toBe("success");
  });

  test("kept photos are stored names, at most six", () => {
    const name = (c: string) => `${c.repeat(32)}.jpg`;
    expect(parse({ ...good, keepPhotos: name("a") }).status).toBe("success");
    expect(errorsOf({ ...good, keepPhotos: ["../etc/passwd"] })["keepPhotos[0]"]).toEqual(["reviews:errors.photoUnknown"]);
    expect(errorsOf({ ...good, keepPhotos: ["a", "b", "c", "d", "e", "f", "1"].map(name) }).keepPhotos).toEqual([
      "reviews:errors.photosTooMany",
    ]);
  });
});

describe("hiding a review", () => {
  test("needs a reason", () => {
    const result = parseWithZod(form({ intent: "hide", reviewId: "r1", reason: "   " }), { schema: reviewModerationSchema });
    expect(result.status).not.toBe("success");
    expect(parseWithZod(form({ intent: "unhide", reviewId: "r1" }), { schema: reviewModerationSchema }).status).toBe("success");
  });
});
