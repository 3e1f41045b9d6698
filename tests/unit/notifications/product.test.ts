import { describe, expect, test } from "vitest";
import { absoluteImageUrl, escapeHtml, notificationProduct, productKey } from "~/domain/notifications/product";

describe("the product a notification names", () => {
  const params = { number: "GB-1", title: "头戴式耳机", titleOriginal: "Sony WH-1000XM5", image: "/img/1.jpg", more: 2 };

  test("Chinese readers get the Chinese title, English readers the original, with the other items counted", () => {
    expect(notificationProduct(params, "zh-CN")).toEqual({ title: "头戴式耳机", image: "/img/1.jpg", more: 2 });
    expect(notificationProduct(params, "en")).toEqual({ title: "Sony WH-1000XM5", image: "/img/1.jpg", more: 2 });
    expect(productKey({ title: "x", image: null, more: 2 })).toBe("notifications.productMore");
    expect(productKey({ title: "x", image: null, more: 0 })).toBe("notifications.product");
  });

  test("falls back to the title there is, and to none when the params name no product", () => {
    expect(notificationProduct({ title: "毛衣" }, "en")?.title).toBe("毛衣");
    expect(notificationProduct({ titleOriginal: "Sweater" }, "zh-CN")?.title).toBe("Sweater");
    expect(notificationProduct({ number: "GB-1", amount: "10.00" }, "zh-CN")).toBeNull();
    expect(notificationProduct({ title: "x", more: -3, image: "" }, "zh-CN")).toEqual({ title: "x", image: null, more: 0 });
  });

  test("a long title is shortened for a notification line", () => {
    const named = notificationProduct({ title: "长".repeat(200) }, "zh-CN");
    expect(named?.title).toHaveLength(80);
    expect(named?.title.endsWith("…")).toBe(true);
  });

  test("thumbnails in mail are absolute http(s) addresses; anything else is left out; text is escaped", () => {
    expect(absoluteImageUrl("/img/1.jpg", "https://shop.example")).toBe("https://shop.example/img/1.jpg");
    expect(absoluteImageUrl("https://cdn.example/a.png", "https://shop.example")).toBe("https://cdn.example/a.png");
    expect(absoluteImageUrl("//evil.example/a.png", "https://shop.example")).toBeNull();
    expect(absoluteImageUrl("javascript:alert(1)", "https://shop.example")).toBeNull();
    expect(escapeHtml(`<b onclick="x">'&'</b>`)).toBe("&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;");
  });
});
