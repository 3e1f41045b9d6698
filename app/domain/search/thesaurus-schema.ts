import { z } from "zod";
import { THESAURUS_KINDS, THESAURUS_LIMITS, type ThesaurusEntry } from "./thesaurus-entry";

// The admin form of one thesaurus row (and the check every seed row passes). Messages are locale keys.
// Entries are stored normalized so that one spelling is one row: "Phone Case" and "phone  case" would
// otherwise be two rows of the same kind and term that the unique key cannot tell apart.

/** What separates the words typed in the form: new lines, commas and enumeration commas (、), semicolons. */
export const WORD_SEPARATORS = /[\n\r,;，；、]+/;

// Long enough for the most words of the longest length with separators; a longer body is refused
// before it is split, so a pasted essay costs nothing.
const MAX_WORDS_TEXT = THESAURUS_LIMITS.words * (THESAURUS_LIMITS.wordLength + 2);
const HAS_LETTER = /[\p{L}\p{N}]/u;

/** Half-width (NFKC), lower-case, control characters and runs of spaces made one space, trimmed. */
export function normalizeThesaurusText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{Cc}\s]+/gu, " ")
    .trim();
}

/** The words of the form's text (or of a list), normalized, empties dropped, each once, in their order. */
export function splitThesaurusWords(words: string | readonly string[]): string[] {
  const parts = typeof words === "string" ? words.split(WORD_SEPARATORS) : words;
  return [...new Set(parts.map(normalizeThesaurusText).filter(Boolean))];
}

const kind = z.enum(THESAURUS_KINDS, { errorMap: () => ({ message: "admin:synonyms.errors.kind" }) });

const term = z
  .string({ required_error: "admin:errors.required" })
  .transform(normalizeThesaurusText)
  .superRefine((value, ctx) => {
    const problem = !value
      ? "admin:errors.required"
      : [...value].length > THESAURUS_LIMITS.termLength
        ? "admin:synonyms.errors.termTooLong"
        : WORD_SEPARATORS.test(value)
          ? "admin:synonyms.errors.termSeparator"
          : !HAS_LETTER.test(value)
            ? "admin:synonyms.errors.noLetters"
            : null;
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const words = z
  .string({ required_error: "admin:synonyms.errors.wordsRequired" })
  .max(MAX_WORDS_TEXT, "admin:synonyms.errors.tooManyWords")
  .transform(splitThesaurusWords)
  .superRefine((list, ctx) => {
    // One message per problem, whichever words have it: the field shows them all at once.
    if (list.some((word) => [...word].length > THESAURUS_LIMITS.wordLength))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin:synonyms.errors.wordTooLong" });
    if (list.some((word) => !HAS_LETTER.test(word)))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin:synonyms.errors.noLetters" });
  });

/** The whole entry once its fields passed: the term left out of its words (it says nothing), then the count. */
function finishEntry<T extends { kind: ThesaurusEntry["kind"]; term: string; words: string[] }>(entry: T, ctx: z.RefinementCtx): T {
  const rest = entry.words.filter((word) => word !== entry.term);
  if (rest.length === 0)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["words"],
      message: entry.words.length > 0 ? "admin:synonyms.errors.onlyTerm" : "admin:synonyms.errors.wordsRequired",
    });
  else if (rest.length > THESAURUS_LIMITS.words)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["words"], message: "admin:synonyms.errors.tooManyWords" });
  return { ...entry, words: rest };
}

/**
 * One entry as the admin types it: kind, term, and the words as text (one per line or separated by
 * commas). The result is normalized: words deduplicated and without the term, at least one and at
 * most THESAURUS_LIMITS.words.
 */
export const thesaurusEntrySchema = z.object({ kind, term, words }).transform(finishEntry);

// Ids are cuids; the bound only keeps a forged field from reaching the database as a long string.
const id = z.string().trim().min(1).max(64);

/**
 * The add and edit form (the same checks as thesaurusEntrySchema): without `id` a new entry, with it a
 * change of that entry; `version` is the entry's updatedAt as the form showed it, so a change saved
 * meanwhile by someone else is not overwritten unseen.
 */
export const saveSynonymSchema = z
  .object({ intent: z.literal("save"), id: id.optional(), version: z.string().max(40).optional(), kind, term, words })
  .transform(finishEntry);

export type SaveSynonymInput = z.output<typeof saveSynonymSchema>;

/** The confirmed deletion of one entry. */
export const deleteSynonymSchema = z.object({ intent: z.literal("delete"), id });

// The list's filter: a bad value shows everything rather than an error, it is only a view.
export const SYNONYM_KIND_FILTERS = ["ALL", ...THESAURUS_KINDS] as const;
export const synonymListQuerySchema = z.object({
  q: z
    .string()
    .catch("")
    .default("")
    .transform((text) => normalizeThesaurusText(text.slice(0, 100))),
  kind: z.enum(SYNONYM_KIND_FILTERS).catch("ALL").default("ALL"),
  edit: id.optional().catch(undefined),
  delete: id.optional().catch(undefined),
  done: z.enum(["saved", "deleted"]).optional().catch(undefined),
});
