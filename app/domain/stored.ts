import { z } from "zod";

// What the code reads back from the database is parsed, not cast: a status, a role or a JSON column
// holds only what the code wrote there, and anything else (a hand edit, a bad migration, an old
// shape) stops the request with an error naming the table and column, instead of flowing on as a
// value of the wrong type. The schemas are the domain's own (orderStatusSchema, roleSchema…).

/** A database value the code does not know, named by its table and column ("Order.status"). */
export class StoredValueError extends Error {
  constructor(
    readonly column: string,
    detail: string,
  ) {
    super(`${column} holds a value the code does not know: ${detail}`);
    this.name = "StoredValueError";
  }
}

export type Column = `${string}.${string}`;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const shown = (value: unknown) => clip(JSON.stringify(value) ?? String(value), 80);

/** `value` as `schema` parses it, or a StoredValueError naming `column`, the value and the first problem. */
export function fromColumn<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, column: Column, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new StoredValueError(column, `${shown(value)}${where}${issue ? ` (${clip(issue.message, 120)})` : ""}`);
}

/** A JSON text column parsed, then checked by `schema`; not JSON at all is the same error. */
export function fromJsonColumn<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, column: Column, text: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredValueError(column, `${shown(text)} (not JSON)`);
  }
  return fromColumn(schema, column, value);
}

/** The rows of a raw SQL query (`$queryRaw`), each checked by `rowSchema`; `source` names the query's tables. */
export function fromRows<T>(rowSchema: z.ZodType<T, z.ZodTypeDef, unknown>, source: string, rows: unknown): T[] {
  return fromColumn(z.array(rowSchema), `${source} (raw rows)` as Column, rows);
}

// Shapes of JSON columns several tables share.

/** Stored photo names (attachments, condition photos). */
export const storedNamesSchema = z.array(z.string());
/** A timeline row's params (OrderEvent.params, ReturnEvent.params). */
export const storedParamsSchema = z.record(z.union([z.string(), z.number(), z.null()]));
/** Counts and params of jobs and notifications: plain values by name. */
export const storedValuesSchema = z.record(z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** CNY or rate decimals by code (FX rates, postal limits by origin). */
export const storedDecimalsSchema = z.record(z.string());
