import { parseWithZod as conformParse, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import type { ZodTypeAny } from "zod";
import { strictNumberText } from "~/domain/form-numbers";

const coerced = new WeakMap<ZodTypeAny, ZodTypeAny>();

function strict<Schema extends ZodTypeAny>(schema: Schema): Schema {
  let found = coerced.get(schema);
  if (!found) {
    found = coerceFormValue(schema, { defaultCoercion: { number: strictNumberText } }) as ZodTypeAny;
    coerced.set(schema, found);
  }
  return found as Schema;
}

/**
 * conform's parseWithZod, on the server and in the browser alike, with one difference: a number
 * field accepts decimal digits only (`strictNumberText`), where conform's default reads "0x1F" as
 * 31 and "1e3" as 1000. Every form of the shop parses through this.
 */
export function parseWithZod<Schema extends ZodTypeAny>(payload: FormData | URLSearchParams, options: { schema: Schema }) {
  return conformParse(payload, { schema: strict(options.schema), disableAutoCoercion: true });
}
