import { z } from "zod";
import type { SaveSynonymInput } from "~/domain/search/thesaurus-schema";
import { THESAURUS_KINDS, type ThesaurusEntry, type ThesaurusKind } from "~/domain/search/thesaurus-entry";
import { fromColumn, fromJsonColumn } from "~/domain/stored";
import { db, type Tx } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";

// The shopping thesaurus search expands queries with (model SearchSynonym), and its admin edits.
//
// Every search reads the thesaurus, and it changes a few times a year, so each process keeps the whole
// list. Other processes (web instances, the worker) edit it too, and a TTL alone would either reload a
// few hundred rows every few seconds or serve old words for long: instead the cached list remembers
// the row count and max(updatedAt) it was built from, and at most every THESAURUS_RECHECK_MS one
// aggregate over the updatedAt index says whether anything changed. An edit raises max(updatedAt), an
// addition too, a deletion lowers the count. Edits made in this process drop the cache at once.

/** How long a checked list is served before the count and max(updatedAt) are read again. */
export const THESAURUS_RECHECK_MS = 3_000;

const kindSchema = z.enum(THESAURUS_KINDS);
const wordsSchema = z.array(z.string());

export type ThesaurusSnapshot = {
  /** Changes whenever the list does, in every process: a key for caches built from the entries. */
  version: string;
  /** Sorted by kind, then term. Shared by every caller until the next change: do not modify. */
  entries: ThesaurusEntry[];
};

type Fingerprint = { count: number; maxUpdatedAt: number };

let current: { snapshot: ThesaurusSnapshot; fingerprint: Fingerprint; checkedAt: number } | null = null;
let pending: Promise<ThesaurusSnapshot> | null = null;
// Raised by every local write and invalidation: a check that started before one must not install
// the list it read, which may predate the write.
let generation = 0;

// A monotonic clock: a wall-clock step backwards must not stretch the time between checks.
const clock = () => performance.now();

async function readFingerprint(): Promise<Fingerprint> {
  const { _count, _max } = await db.searchSynonym.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
  return { count: _count._all, maxUpdatedAt: _max.updatedAt?.getTime() ?? 0 };
}

async function readEntries(): Promise<ThesaurusEntry[]> {
  const rows = await db.searchSynonym.findMany({
    select: { kind: true, term: true, words: true },
    orderBy: [{ kind: "asc" }, { term: "asc" }],
  });
  return rows.map((row) =>
    Object.freeze({
      kind: fromColumn(kindSchema, "SearchSynonym.kind", row.kind),
      term: row.term,
      words: Object.freeze(fromJsonColumn(wordsSchema, "SearchSynonym.words", row.words)),
    }),
  );
}

async function refresh(): Promise<ThesaurusSnapshot> {
  const started = generation;
  // The fingerprint is read before the rows: rows newer than it only cause one extra reload later,
  // while the other order could label old rows with a new fingerprint and keep them.
  const fingerprint = await readFingerprint();
  const known = current;
  if (known && known.fingerprint.count === fingerprint.count && known.fingerprint.maxUpdatedAt === fingerprint.maxUpdatedAt) {
    if (started === generation) known.checkedAt = clock();
    return known.snapshot;
  }
  const entries = Object.freeze(await readEntries()) as ThesaurusEntry[];
  const snapshot = { version: `${fingerprint.count}:${fingerprint.maxUpdatedAt}`, entries };
  if (started === generation) current = { snapshot, fingerprint, checkedAt: clock() };
  return snapshot;
}

/** The thesaurus with its version, from this process's cache (checked against the database at most every few seconds). */
export function thesaurusSnapshot(): Promise<ThesaurusSnapshot> {
  if (current && clock() - current.checkedAt < THESAURUS_RECHECK_MS) return Promise.resolve(current.snapshot);
  // One check at a time: a burst of searches after the interval shares it.
  if (pending) return pending;
  const check = refresh().finally(() => {
    if (pending === check) pending = null;
  });
  pending = check;
  return check;
}

/** Every thesaurus entry (kind, term, words), sorted by kind and term; the same array until the thesaurus changes. */
export async function listThesaurus(): Promise<ThesaurusEntry[]> {
  return (await thesaurusSnapshot()).entries;
}

/** "<rows>:<max updatedAt ms>": changes whenever the thesaurus does, so search caches know when to rebuild. */
export async function thesaurusVersion(): Promise<string> {
  return (await thesaurusSnapshot()).version;
}

/** Drops this process's copy: the next read goes to the database (after writes outside this service: seed, tests). */
export function invalidateThesaurusCache() {
  generation += 1;
  current = null;
  pending = null;
}

// ─── Admin ───────────────────────────────────────────────────────────────────

const adminSelect = { id: true, kind: true, term: true, words: true, updatedAt: true } as const;

function toAdminRow(row: { id: string; kind: string; term: string; words: string; updatedAt: Date }) {
  return {
    id: row.id,
    kind: fromColumn(kindSchema, "SearchSynonym.kind", row.kind),
    term: row.term,
    words: fromJsonColumn(wordsSchema, "SearchSynonym.words", row.words),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type SynonymAdminRow = ReturnType<typeof toAdminRow>;

/**
 * The admin list: entries whose term or a word contains `q` (normalized like the entries), of one kind
 * or all, sorted by kind and term, with the total before filtering. Filtered here, not in SQL: a few
 * hundred rows, and a LIKE on the JSON text would also match its quotes and commas.
 */
export async function listSynonymsForAdmin(filter: { q: string; kind: ThesaurusKind | "ALL" }) {
  const rows = (await db.searchSynonym.findMany({ select: adminSelect, orderBy: [{ kind: "asc" }, { term: "asc" }] })).map(toAdminRow);
  const matches = rows.filter(
    (row) =>
      (filter.kind === "ALL" || row.kind === filter.kind) &&
      (!filter.q || row.term.includes(filter.q) || row.words.some((word) => word.includes(filter.q))),
  );
  return { entries: matches, total: rows.length };
}

export async function findSynonymForAdmin(id: string): Promise<SynonymAdminRow | null> {
  const row = await db.searchSynonym.findUnique({ where: { id }, select: adminSelect });
  return row ? toAdminRow(row) : null;
}

type Refusal = { ok: false; field: "term" | "version"; error: string };
type NotFound = { ok: false; notFound: true };

/**
 * A change's updatedAt: now, but always after every stored one, so max(updatedAt) rises with each
 * edit even when this process's clock is behind the one that wrote the newest row.
 */
async function nextUpdatedAt(tx: Tx) {
  const { _max } = await tx.searchSynonym.aggregate({ _max: { updatedAt: true } });
  return new Date(Math.max(Date.now(), (_max.updatedAt?.getTime() ?? 0) + 1));
}

function audit(
  adminId: string,
  entityId: string,
  action: "create" | "update" | "delete",
  before: ThesaurusEntry | null,
  after: ThesaurusEntry | null,
) {
  return {
    actorId: adminId,
    entity: "SearchSynonym",
    entityId,
    action,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
  };
}

const termTaken: Refusal = { ok: false, field: "term", error: "admin:synonyms.errors.termTaken" };

/**
 * Adds an entry (no `id`) or changes one, audited with the old and new entry. A kind and term another
 * entry has is refused (edit that one); with `version` (the updatedAt the form was shown with), a
 * change someone saved meanwhile is refused rather than overwritten. Saving what is stored writes nothing.
 */
export async function saveSynonym(
  input: SaveSynonymInput,
  adminId: string,
): Promise<{ ok: true; id: string; changed: boolean } | Refusal | NotFound> {
  const entry: ThesaurusEntry = { kind: input.kind, term: input.term, words: input.words };
  const outcome = await db
    .$transaction(async (tx): Promise<{ ok: true; id: string; changed: boolean } | Refusal | NotFound> => {
      const clash = await tx.searchSynonym.findUnique({
        where: { kind_term: { kind: entry.kind, term: entry.term } },
        select: { id: true },
      });
      if (clash && clash.id !== input.id) return termTaken;
      const data = { kind: entry.kind, term: entry.term, words: JSON.stringify(entry.words), updatedById: adminId };
      if (!input.id) {
        const created = await tx.searchSynonym.create({ data: { ...data, updatedAt: await nextUpdatedAt(tx) }, select: { id: true } });
        await tx.auditLog.create({ data: audit(adminId, created.id, "create", null, entry) });
        return { ok: true, id: created.id, changed: true };
      }
      const row = await tx.searchSynonym.findUnique({ where: { id: input.id }, select: adminSelect });
      if (!row) return { ok: false, notFound: true };
      const before = toAdminRow(row);
      if (input.version && input.version !== before.updatedAt)
        return { ok: false, field: "version", error: "admin:synonyms.errors.changedMeanwhile" };
      const previous: ThesaurusEntry = { kind: before.kind, term: before.term, words: before.words };
      if (JSON.stringify(previous) === JSON.stringify(entry)) return { ok: true, id: row.id, changed: false };
      // Conditional on the row as read: on PostgreSQL another admin's save may land between the read and this write.
      const { count } = await tx.searchSynonym.updateMany({
        where: { id: row.id, updatedAt: row.updatedAt },
        data: { ...data, updatedAt: await nextUpdatedAt(tx) },
      });
      if (count === 0) return { ok: false, field: "version", error: "admin:synonyms.errors.changedMeanwhile" };
      await tx.auditLog.create({ data: audit(adminId, row.id, "update", previous, entry) });
      return { ok: true, id: row.id, changed: true };
    })
    .catch((error: unknown) => {
      // Two admins adding the same term at once: the unique key refuses the second.
      if (isUniqueViolation(error)) return termTaken;
      throw error;
    });
  if (outcome.ok && outcome.changed) invalidateThesaurusCache();
  return outcome;
}

/** Deletes an entry, audited with what it was. */
export async function deleteSynonym(id: string, adminId: string): Promise<{ ok: true; entry: ThesaurusEntry } | NotFound> {
  const outcome = await db.$transaction(async (tx): Promise<{ ok: true; entry: ThesaurusEntry } | NotFound> => {
    const row = await tx.searchSynonym.findUnique({ where: { id }, select: adminSelect });
    if (!row) return { ok: false, notFound: true };
    const { count } = await tx.searchSynonym.deleteMany({ where: { id } });
    // Another admin deleted it between the read and here.
    if (count === 0) return { ok: false, notFound: true };
    const { kind, term, words } = toAdminRow(row);
    const entry: ThesaurusEntry = { kind, term, words };
    await tx.auditLog.create({ data: audit(adminId, id, "delete", entry, null) });
    return { ok: true, entry };
  });
  if (outcome.ok) invalidateThesaurusCache();
  return outcome;
}
