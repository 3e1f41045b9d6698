import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { listings } from "../../../prisma/seed-data/catalog";
import { renderListing } from "../../../prisma/seed-data/illustrations/render";

// The demo catalog's galleries: every product its own drawings, several angles, committed as generated.

const dir = path.resolve("public/images/listings");
const read = (file: string): string => fs.readFileSync(path.join(dir, file), "utf8");
const withoutTitle = (svg: string): string => svg.replace(/<title>[\s\S]*?<\/title>/, "");

describe("demo catalog illustrations", () => {
  test("every listing has at least three images, and every file exists", () => {
    for (const listing of listings) {
      expect(listing.images.length, listing.handle).toBeGreaterThanOrEqual(3);
      for (const image of listing.images) expect(fs.existsSync(path.join(dir, image.file)), image.file).toBe(true);
    }
  });

  test("no two listings share a drawing, even under another title", () => {
    const owner = new Map<string, string>();
    for (const listing of listings) {
      for (const image of listing.images) {
        const key = withoutTitle(read(image.file));
        const other = owner.get(key);
        expect(other === undefined || other === listing.handle, `${image.file} repeats an image of ${other}`).toBe(true);
        owner.set(key, listing.handle);
      }
    }
  });

  test("each file is small, valid SVG with role=img and its alt text as title", () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const listing of listings) {
      for (const image of listing.images) {
        const svg = read(image.file);
        expect(Buffer.byteLength(svg), image.file).toBeLessThan(12 * 1024);
        expect(XMLValidator.validate(svg), image.file).toBe(true);
        const root = (parser.parse(svg) as { svg: Record<string, unknown> }).svg;
        expect(root["@_viewBox"], image.file).toBe("0 0 600 600");
        expect(root["@_role"], image.file).toBe("img");
        expect(String(root.title), image.file).toBe(image.alt);
      }
    }
  });

  test("the committed files are what the generator draws (npm run illustrations)", () => {
    for (const listing of listings) {
      for (const { file, svg } of renderListing(listing)) expect(read(file), file).toBe(svg);
    }
  });

  test("no stray files are left from earlier galleries", () => {
    const used = new Set(listings.flatMap((listing) => listing.images.map((image) => image.file)));
    expect(fs.readdirSync(dir).filter((file) => !used.has(file))).toEqual([]);
  });
});
