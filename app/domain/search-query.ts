import { z } from "zod";
import { formNumber } from "./form-numbers";

// The search and category pages' query string. Anything malformed falls back to a default
// rather than failing the page: a shared link with a bad parameter still shows results.
export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];

const optionalInt = (max: number) =>
  z
    .preprocess((value) => (value === "" || value === null ? undefined : value), formNumber(z.number().int().min(0).max(max)).optional())
    .catch(undefined);

export const MAX_QUERY = 100;
export const MAX_LINK = 2000;
const LINK = /^https?:\/\//i;

export const searchQuerySchema = z.object({
  // Words past the first 100 characters are cut (not the whole query dropped); a product link pasted
  // into the box keeps its length, for the import the no-results page offers.
  q: z
    .string()
    .catch("")
    .default("")
    .transform((q) => {
      const trimmed = q.trim();
      return LINK.test(trimmed) ? trimmed.slice(0, MAX_LINK) : [...trimmed].slice(0, MAX_QUERY).join("").trim();
    }),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  origin: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  minCny: optionalInt(10_000_000),
  maxCny: optionalInt(10_000_000),
  inStock: z.preprocess((value) => value === "on" || value === "1" || value === "true", z.boolean()).catch(false),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: formNumber(z.number().int().min(1).max(10_000)).catch(1).default(1),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;

export function parseSearchQuery(params: URLSearchParams, defaults: Partial<SearchQuery> = {}): SearchQuery {
  const parsed = searchQuerySchema.parse({ ...defaults, ...Object.fromEntries([...params].filter(([, value]) => value !== "")) });
  return { ...parsed, sort: parsed.sort ?? (parsed.q ? "relevance" : "newest") };
}
