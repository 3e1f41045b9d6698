import { createInstance } from "i18next";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { action, loader } from "~/routes/admin.search-synonyms";
import {
  invalidateThesaurusCache,
  listThesaurus,
  THESAURUS_RECHECK_MS,
  thesaurusSnapshot,
  thesaurusVersion,
} from "~/services/search-synonyms.server";
import { db } from "~/utils/db.server";
import { i18nConfig } from "~/utils/i18n-resources";
import { searchSynonyms } from "../../prisma/seed-data/search-synonyms";
import { seedReference } from "../../prisma/seed";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";

// The admin's search thesaurus (/admin/search-synonyms): only admins; every bad input is a 400 with
// locale keys and writes nothing; adds, edits and deletes are audited and reach listThesaurus(), at
// once in this process and through the count/max(updatedAt) check for edits made by another process.

const args = (request: Request) => ({ request, params: {}, context: {} });
const PATH = "/admin/search-synonyms";
let admin: Awaited<ReturnType<typeof createTestUser>>;

type Reply = { status: string; error?: Record<string, string[] | null> };

async function post(fields: Record<string, string>, cookie = admin.cookie) {
  return respond(() => action(args(formRequest(PATH, fields, { cookie }))));
}

async function page(search = "", cookie = admin.cookie) {
  const response = await respond(() => loader(args(getRequest(`${PATH}${search}`, cookie))));
  expect(response.status).toBe(200);
  return (await response.json()) as LoaderData;
}

type Row = { id: string; kind: string; term: string; words: string[]; updatedAt: string };
type LoaderData = {
  entries: Row[];
  total: number;
  editing: Row | null;
  deleting: Row | null;
  missing: boolean;
  query: Record<string, string>;
};

const counts = async () => ({
  synonyms: await db.searchSynonym.count(),
  audits: await db.auditLog.count({ where: { entity: "SearchSynonym" } }),
});
const row = (kind: string, term: string) => db.searchSynonym.findUnique({ where: { kind_term: { kind, term } } });

/** Moves this process's monotonic clock on, as if the recheck interval had passed. */
function laterBy(ms: number) {
  const real = performance.now.bind(performance);
  vi.spyOn(performance, "now").mockImplementation(() => real() + ms);
}

beforeAll(async () => {
  await seedReference(db);
  admin = await createTestUser("ADMIN");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the seed", () => {
  test("writes the whole thesaurus once, and a rerun neither duplicates it nor brings back what admins removed", async () => {
    expect(await db.searchSynonym.count()).toBe(searchSynonyms.length);
    const stored = await row("SYNONYM", "充电宝");
    expect(JSON.parse(stored?.words ?? "[]")).toEqual(
      searchSynonyms.find((entry) => entry.term === "充电宝" && entry.kind === "SYNONYM")?.words,
    );
    await db.searchSynonym.delete({ where: { kind_term: { kind: "SYNONYM", term: "拖鞋" } } });
    await seedReference(db);
    expect(await db.searchSynonym.count()).toBe(searchSynonyms.length - 1);
    expect(await row("SYNONYM", "拖鞋")).toBeNull();
  });

  test("listThesaurus returns kind, term and words only, sorted, the same array until something changes", async () => {
    invalidateThesaurusCache();
    const first = await listThesaurus();
    expect(first.length).toBe(await db.searchSynonym.count());
    expect(Object.keys(first[0] ?? {}).sort()).toEqual(["kind", "term", "words"]);
    expect(first.find((entry) => entry.kind === "HYPERNYM" && entry.term === "包")?.words).toContain("钱包");
    const sorted = [...first].sort((a, b) =>
      a.kind === b.kind ? (a.term < b.term ? -1 : a.term > b.term ? 1 : 0) : a.kind < b.kind ? -1 : 1,
    );
    expect(first.map((entry) => `${entry.kind}:${entry.term}`)).toEqual(sorted.map((entry) => `${entry.kind}:${entry.term}`));
    expect(await listThesaurus()).toBe(first);
    // Past the interval nothing changed: one aggregate, and the very same array.
    laterBy(THESAURUS_RECHECK_MS + 1);
    expect(await listThesaurus()).toBe(first);
    // Shared by every caller: nobody can change it for the others.
    expect(() => (first as unknown as unknown[]).push(first[0])).toThrow();
  });
});

describe("who may use the page", () => {
  test("shoppers and agents get 403 on the page and its actions, guests are sent to log in; nothing is written", async () => {
    const before = await counts();
    for (const role of ["SHOPPER", "AGENT"] as const) {
      const user = await createTestUser(role);
      expect((await respond(() => loader(args(getRequest(PATH, user.cookie))))).status).toBe(403);
      expect((await post({ intent: "save", kind: "SYNONYM", term: "偷偷", words: "sneaky" }, user.cookie)).status).toBe(403);
      const victim = await row("SYNONYM", "充电宝");
      expect((await post({ intent: "delete", id: victim?.id ?? "" }, user.cookie)).status).toBe(403);
    }
    const guest = await respond(() => loader(args(getRequest(PATH))));
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/login/);
    expect(await counts()).toEqual(before);
  });
});

describe("adding, editing and deleting", () => {
  test("an added entry is stored normalized, audited, listed, and in listThesaurus() at once", async () => {
    const before = await listThesaurus();
    const response = await post({
      intent: "save",
      kind: "SYNONYM",
      term: "  Ｍａｇｓａｆｅ ",
      words: "磁吸充电\nMagSafe\n磁吸充电, Magnetic Charger",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${PATH}?q=magsafe&done=saved`);
    const stored = await row("SYNONYM", "magsafe");
    expect(stored).toMatchObject({ words: JSON.stringify(["磁吸充电", "magnetic charger"]), updatedById: admin.id });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "SearchSynonym", entityId: stored?.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ actorId: admin.id, action: "create", before: null });
    expect(JSON.parse(audit.after ?? "")).toEqual({ kind: "SYNONYM", term: "magsafe", words: ["磁吸充电", "magnetic charger"] });
    const after = await listThesaurus();
    expect(after).not.toBe(before);
    expect(after).toContainEqual({ kind: "SYNONYM", term: "magsafe", words: ["磁吸充电", "magnetic charger"] });

    const listed = await page("?q=magsafe&done=saved");
    expect(listed.entries.map((entry) => entry.term)).toEqual(["magsafe"]);
    expect(listed.query.done).toBe("saved");
    expect(listed.total).toBe(await db.searchSynonym.count());
  });

  test("bad input is a 400 whose messages exist in both languages, and nothing is written", async () => {
    const i18n = createInstance();
    await i18n.init({ ...i18nConfig, lng: "en" });
    const before = await counts();
    const version = await thesaurusVersion();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { intent: "save" },
        { kind: "admin:synonyms.errors.kind", term: "admin:errors.required", words: "admin:synonyms.errors.wordsRequired" },
      ],
      [{ intent: "save", kind: "SYNONYM", term: "包", words: "包" }, { words: "admin:synonyms.errors.onlyTerm" }],
      [{ intent: "save", kind: "HYPERNYM", term: "x".repeat(41), words: "y" }, { term: "admin:synonyms.errors.termTooLong" }],
      [
        { intent: "save", kind: "HYPERNYM", term: "包", words: Array.from({ length: 41 }, (_, i) => `w${i}`).join(",") },
        { words: "admin:synonyms.errors.tooManyWords" },
      ],
      [{ intent: "save", kind: "SYNONYM", term: "包", words: "z".repeat(41) }, { words: "admin:synonyms.errors.wordTooLong" }],
      [{ intent: "save", kind: "MAYBE", term: "包", words: "钱包" }, { kind: "admin:synonyms.errors.kind" }],
    ];
    for (const [fields, expected] of cases) {
      const response = await post(fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const reply = (await response.json()) as Reply;
      expect(Object.fromEntries(Object.entries(reply.error ?? {}).map(([field, keys]) => [field, keys?.[0]]))).toEqual(expected);
      for (const key of Object.values(expected)) {
        for (const lng of ["en", "zh-CN"]) {
          const text = i18n.t(key, { lng, termLength: 40, words: 40, wordLength: 40 });
          expect(text, `${key} in ${lng}`).not.toBe(key.split(":")[1]);
          expect(text).not.toMatch(/\{\{/);
        }
      }
    }
    // The forged and the broken: a delete without id, an edit of an id that does not exist.
    expect((await post({ intent: "delete", id: "" })).status).toBe(400);
    expect((await post({ intent: "delete", id: "no-such-entry" })).status).toBe(404);
    expect((await post({ intent: "save", id: "no-such-entry", kind: "SYNONYM", term: "空", words: "empty" })).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect(await thesaurusVersion()).toBe(version);
  });

  test("a term that exists in that kind is a 409 on the term field; the same term in the other kind is fine", async () => {
    const before = await counts();
    const taken = await post({ intent: "save", kind: "HYPERNYM", term: "包", words: "饭盒" });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as Reply).error?.term).toEqual(["admin:synonyms.errors.termTaken"]);
    expect(await counts()).toEqual(before);
    // An edit may not take another entry's term either.
    const wallet = await row("SYNONYM", "钱包");
    const clash = await post({ intent: "save", id: wallet?.id ?? "", kind: "SYNONYM", term: "充电宝", words: "wallet" });
    expect(clash.status).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await post({ intent: "save", kind: "SYNONYM", term: "包", words: "包包, bag" })).status).toBe(302);
  });

  test("an edit opens prefilled, is audited old and new, and listThesaurus() has it at once; saving it unchanged writes nothing", async () => {
    const target = await row("HYPERNYM", "耳机");
    if (!target) throw new Error("seeded 耳机 missing");
    const opened = await page(`?edit=${target.id}&q=耳&kind=HYPERNYM`);
    expect(opened.editing).toMatchObject({ id: target.id, kind: "HYPERNYM", term: "耳机" });
    expect(opened.entries.every((entry) => entry.kind === "HYPERNYM")).toBe(true);
    const words = [...JSON.parse(target.words), "挂耳式耳机"] as string[];
    const form = {
      intent: "save",
      id: target.id,
      version: opened.editing?.updatedAt ?? "",
      kind: "HYPERNYM",
      term: "耳机",
      words: words.join("\n"),
    };
    expect((await post(form)).status).toBe(302);
    expect((await listThesaurus()).find((entry) => entry.kind === "HYPERNYM" && entry.term === "耳机")?.words).toContain("挂耳式耳机");
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "SearchSynonym", entityId: target.id, action: "update" } });
    expect(JSON.parse(audit.before ?? "").words).not.toContain("挂耳式耳机");
    expect(JSON.parse(audit.after ?? "").words).toContain("挂耳式耳机");
    expect(audit.actorId).toBe(admin.id);

    // The form as opened before that save is now stale: refused, not overwritten.
    const stale = await post({ ...form, words: "耳塞" });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Reply).error?.[""]).toEqual(["admin:synonyms.errors.changedMeanwhile"]);
    // Saving what is stored changes nothing and audits nothing.
    const fresh = await page(`?edit=${target.id}`);
    const before = await counts();
    expect((await post({ ...form, version: fresh.editing?.updatedAt ?? "" })).status).toBe(302);
    expect(await counts()).toEqual(before);
  });

  test("delete: a confirmation page first, then the entry is gone, audited, and out of listThesaurus()", async () => {
    const target = await row("SYNONYM", "保温杯");
    if (!target) throw new Error("seeded 保温杯 missing");
    const confirm = await page(`?delete=${target.id}`);
    expect(confirm.deleting).toMatchObject({ id: target.id, term: "保温杯" });
    // Opening the confirmation deletes nothing.
    expect(await row("SYNONYM", "保温杯")).not.toBeNull();
    const response = await post({ intent: "delete", id: target.id });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${PATH}?done=deleted`);
    expect(await row("SYNONYM", "保温杯")).toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "SearchSynonym", entityId: target.id, action: "delete" } });
    expect(audit).toMatchObject({ actorId: admin.id, after: null });
    expect(JSON.parse(audit.before ?? "")).toMatchObject({ kind: "SYNONYM", term: "保温杯" });
    expect((await listThesaurus()).some((entry) => entry.kind === "SYNONYM" && entry.term === "保温杯")).toBe(false);
    // The link again, after the deletion: the page says the entry is gone.
    expect((await page(`?delete=${target.id}`)).missing).toBe(true);
  });
});

describe("edits made by another process", () => {
  test("are served from the cache until the recheck, then seen: a changed row, a new row, a deleted row", async () => {
    const start = await thesaurusSnapshot();
    // Another web process or the worker writes straight to the database; this process's cache does not know.
    const target = await row("SYNONYM", "充电宝");
    if (!target) throw new Error("seeded 充电宝 missing");
    await db.searchSynonym.update({ where: { id: target.id }, data: { words: JSON.stringify(["移动电源", "charging bank"]) } });
    expect(await thesaurusSnapshot()).toBe(start);
    laterBy(THESAURUS_RECHECK_MS + 1);
    const changed = await thesaurusSnapshot();
    expect(changed.version).not.toBe(start.version);
    expect(changed.entries.find((entry) => entry.term === "充电宝" && entry.kind === "SYNONYM")?.words).toEqual([
      "移动电源",
      "charging bank",
    ]);
    vi.restoreAllMocks();

    // A deletion lowers the count (max(updatedAt) may stay): seen too.
    await db.searchSynonym.delete({ where: { kind_term: { kind: "SYNONYM", term: "手机壳" } } });
    laterBy(2 * THESAURUS_RECHECK_MS + 2);
    const deleted = await thesaurusSnapshot();
    expect(deleted.version).not.toBe(changed.version);
    expect(deleted.entries.some((entry) => entry.term === "手机壳" && entry.kind === "SYNONYM")).toBe(false);
    vi.restoreAllMocks();

    await db.searchSynonym.create({ data: { kind: "HYPERNYM", term: "外设", words: JSON.stringify(["键盘", "鼠标"]) } });
    laterBy(3 * THESAURUS_RECHECK_MS + 3);
    expect(await listThesaurus()).toContainEqual({ kind: "HYPERNYM", term: "外设", words: ["键盘", "鼠标"] });
  });
});
