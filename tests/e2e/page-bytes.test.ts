import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { inject } from "vitest";
import { baseUrl } from "./browser";

// Every page is valid UTF-8 without NUL bytes (React 18.3's streaming renderer padded some of its
// chunks with NUL next to Chinese text; app/utils/react-view-padding.server.ts trims that).

function catalogPaths(): string[] {
  const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
  try {
    const listings = db.prepare(`SELECT "id" FROM "Listing" WHERE "status" = 'PUBLISHED' ORDER BY "id"`).all() as { id: string }[];
    const categories = db.prepare(`SELECT "slug" FROM "Category" ORDER BY "slug"`).all() as { slug: string }[];
    return [...listings.map(({ id }) => `/listings/${id}`), ...categories.map(({ slug }) => `/c/${slug}`)];
  } finally {
    db.close();
  }
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The page's <title>, with the entities React writes decoded. */
function titleOf(html: string): string {
  const raw = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  return raw
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

async function pageBytes(path: string, language: string): Promise<{ status: number; bytes: Uint8Array }> {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { "Accept-Language": language } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("page bytes", () => {
  test("every listing and category page, the home, search and quote pages, in Chinese and English, are clean UTF-8 and titled in that language", async () => {
    const paths = ["/", "/search?q=%E8%80%B3%E6%9C%BA", "/search?q=serum", "/quote", "/login", "/signup", ...catalogPaths()];
    expect(paths.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const language of ["zh-CN", "en"]) {
      for (const path of paths) {
        const { status, bytes } = await pageBytes(path, language);
        if (status !== 200) problems.push(`${language} ${path}: HTTP ${status}`);
        const nul = bytes.indexOf(0);
        if (nul >= 0) problems.push(`${language} ${path}: NUL byte at ${nul}`);
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          problems.push(`${language} ${path}: not valid UTF-8`);
        }
        // The tab's title speaks the page's language: "<page> · 环球代购" or "<page> · GlobalBuy", never both.
        const title = titleOf(new TextDecoder().decode(bytes));
        const brand = language === "en" ? "GlobalBuy" : "环球代购";
        if (!title.endsWith(brand) || title.includes(language === "en" ? "环球代购" : "GlobalBuy"))
          problems.push(`${language} ${path}: title "${title}"`);
        if (language === "en" && path.startsWith("/c/") && CJK.test(title)) problems.push(`en ${path}: Chinese in "${title}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
