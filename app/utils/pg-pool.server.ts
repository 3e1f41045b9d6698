import pg from "pg";

// System-catalog types @prisma/adapter-pg 6.19 cannot map to a column type ("Column type 'name' could not
// be deserialized", prisma/prisma#27403): the schema engine's own introspection reads them (`name`,
// `char`, `regproc`, …), and so would a raw query on pg_catalog. pg hands them over as text already, so
// such columns are declared text. The list is the adapter's own (fieldToColumnType); user-defined types
// (OID ≥ 16384) it maps to text itself.
const ADAPTER_TYPES = new Set([
  16, 17, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561,
  1563, 2951, 3807,
]);
const TEXT = 25;
const FIRST_NORMAL_OBJECT_ID = 16384;

function asText(result: unknown): unknown {
  if (Array.isArray(result)) return result.map(asText);
  for (const field of (result as pg.QueryResult | undefined)?.fields ?? []) {
    if (field.dataTypeID < FIRST_NORMAL_OBJECT_ID && !ADAPTER_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
  }
  return result;
}

type Query = (...args: unknown[]) => unknown;

function wrapQuery(query: Query): Query {
  return function (this: unknown, ...args: unknown[]) {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) =>
        (last as (e: Error | null, r: unknown) => void)(error, error ? result : asText(result));
      return query.apply(this, args);
    }
    const pending = query.apply(this, args);
    return pending instanceof Promise ? pending.then(asText) : pending;
  };
}

/** The pool behind @prisma/adapter-pg in the app. */
export function createPgPool(connectionString: string, max: number) {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("connect", (client) => {
    const target = client as unknown as { query: Query };
    target.query = wrapQuery(target.query);
  });
  return pool;
}

/**
 * For `prisma migrate` (.config/prisma.ts): the schema engine also opens pools of its own (the shadow
 * database), so every client of that process is patched.
 */
export function patchAllPgClients() {
  const prototype = pg.Client.prototype as unknown as { query: Query; __catalogTypesAsText?: true };
  if (prototype.__catalogTypesAsText) return;
  prototype.query = wrapQuery(prototype.query);
  prototype.__catalogTypesAsText = true;
}

type ScriptRunner = {
  executeScript(script: string): Promise<void>;
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
};
type AdapterFactory = { connect(): Promise<unknown> };

/**
 * For `prisma migrate`: @prisma/adapter-pg 6.19 runs a migration by splitting it on every ";", which
 * breaks a PL/pgSQL function body (the search index's trigger function) and a ";" in a comment. The
 * whole file goes to PostgreSQL in one simple-protocol query instead: the server parses it, dollar
 * quotes and all, and runs it as one implicit transaction.
 */
export function runScriptsWhole<T extends AdapterFactory>(factory: T): T {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as ScriptRunner;
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.client.query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}
