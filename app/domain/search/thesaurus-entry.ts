// One row of the admin-editable shopping thesaurus (model SearchSynonym). A SYNONYM row makes its
// term and words interchangeable both ways ("手机壳" = "手机套" = "phone case"); a HYPERNYM row makes
// a general word find its kinds, one way only ("包" finds "双肩包", "钱包"; "钱包" does not find "包").
export const THESAURUS_KINDS = ["SYNONYM", "HYPERNYM"] as const;
export type ThesaurusKind = (typeof THESAURUS_KINDS)[number];

export type ThesaurusEntry = { kind: ThesaurusKind; term: string; words: readonly string[] };

// Bounds an entry is checked against (admin form, seed): short shopping words, a few dozen per row.
export const THESAURUS_LIMITS = { termLength: 40, words: 40, wordLength: 40 } as const;
