import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { namespaces } from "~/utils/i18n";
import { resources } from "~/utils/i18n-resources";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

function keysOf(locale: keyof typeof resources) {
  return new Set(namespaces.flatMap((ns) => flatten(resources[locale][ns] as Tree).map((key) => `${ns}:${key}`)));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every literal key the code asks for: t("a.b"), t("ns:a.b") and "ns:a.b" message keys in schemas. */
function usedKeys() {
  const used = new Map<string, string>();
  const nsPattern = namespaces.join("|");
  for (const file of sourceFiles(path.resolve("app"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(/\bt\(\s*["'`]([^"'`$]+)["'`]/g)) {
      const key = match[1] ?? "";
      used.set(key.includes(":") ? key : `common:${key}`, file);
    }
    for (const match of text.matchAll(new RegExp(`["'\`]((?:${nsPattern}):[A-Za-z0-9_.]+)["'\`]`, "g"))) {
      used.set(match[1] ?? "", file);
    }
  }
  return used;
}

describe("locales", () => {
  const zh = keysOf("zh-CN");
  const en = keysOf("en");

  test("every key exists in both languages", () => {
    expect([...zh].filter((key) => !en.has(key))).toEqual([]);
    expect([...en].filter((key) => !zh.has(key))).toEqual([]);
  });

  test("every key the code uses exists", () => {
    const missing = [...usedKeys()].filter(([key]) => !zh.has(key)).map(([key, file]) => `${key} (${path.relative(".", file)})`);
    expect(missing).toEqual([]);
  });

  test("no translation is left empty", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      for (const ns of namespaces) {
        const tree = resources[locale][ns] as Tree;
        const empty = flatten(tree).filter(
          (key) => key.split(".").reduce<Tree | string>((node, part) => (node as Tree)[part] as Tree | string, tree) === "",
        );
        expect(empty, `${locale}/${ns}`).toEqual([]);
      }
    }
  });
});
