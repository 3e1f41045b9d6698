import { describe, expect, test } from "vitest";
import { cleanText, decodeEntities, htmlToText } from "~/domain/catalog/html-text";
import { gramsFromText, toGrams } from "~/domain/catalog/weight";

describe("weights to whole grams", () => {
  test.each([
    [500, "g", 500],
    [1.2345, "kg", 1235],
    [1.5, "lb", 680],
    [2.2, "LBR", 998],
    [10, "oz", 283],
    [3, "ONZ", 85],
    [130, "GRM", 130],
    [0.5, "KGM", 500],
    ["0.45", "kg", 450],
    [1, "lbs", 454],
  ])("%s %s → %s g", (value, unit, grams) => {
    expect(toGrams(value, unit)).toBe(grams);
  });

  test("zero, negative, unknown units and junk are unknown, never zero", () => {
    expect(toGrams(0, "g")).toBeNull();
    expect(toGrams(0, "lb")).toBeNull();
    expect(toGrams(0.4, "g")).toBeNull();
    expect(toGrams(-1, "kg")).toBeNull();
    expect(toGrams(1, "stone")).toBeNull();
    expect(toGrams(1, null)).toBeNull();
    expect(toGrams(null, "g")).toBeNull();
    expect(toGrams("1,5", "kg")).toBeNull();
    expect(toGrams(Number.POSITIVE_INFINITY, "g")).toBeNull();
  });

  test("free-text weights", () => {
    expect(gramsFromText("1.5 lb")).toBe(680);
    expect(gramsFromText("500g")).toBe(500);
    expect(gramsFromText("2 KG")).toBe(2000);
    expect(gramsFromText("heavy")).toBeNull();
  });
});

describe("HTML to plain text", () => {
  test("named, decimal and hex entities, decoded once", () => {
    expect(decodeEntities("Tom &amp; Jerry&#x27;s &#39;mug&#39; &lt;3 &eacute;t&eacute; &hellip;")).toBe("Tom & Jerry's 'mug' <3 été …");
    expect(decodeEntities("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
    expect(decodeEntities("AT&T &unknown; &#0; &#xD800;")).toBe("AT&T &unknown; \uFFFD \uFFFD");
  });

  test("tags stripped, blocks and list items on their own lines, scripts and styles dropped", () => {
    const html =
      "<p>Our <strong>softest</strong> sneaker&nbsp;&amp; more.</p>\n<ul>\n<li>Wool</li>\n<li>Washable</li>\n</ul><script>alert(1)</script><style>p{}</style><p>Line<br>break</p>";
    expect(htmlToText(html)).toBe("Our softest sneaker & more.\n\n• Wool\n\n• Washable\n\nLine\nbreak");
  });

  test("a decoded tag stays text", () => {
    expect(htmlToText("&lt;script&gt;x&lt;/script&gt;")).toBe("<script>x</script>");
  });

  test("single-line clean-up", () => {
    expect(cleanText("  Trail\n  Tee &amp;\tCo ")).toBe("Trail Tee & Co");
  });
});
