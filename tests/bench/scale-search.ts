// Run by scale-bench.ts in its own process, one per database (the app's database client is bound
// to DATABASE_URL when it loads): catalog search p50 / p99 in process, the same queries and rounds as
// run.ts's search rows. Prints its rows as JSON on the last line of stdout.
import { searchLatencyRows } from "./search-latency";

const label = process.argv[2] ?? "";
const listings = Number(process.argv[3] ?? 0);
const { db } = await import("~/utils/db.server");
const rows = await searchLatencyRows(`${label}: `, listings, "target p99 < 20 ms");
await db.$disconnect();
console.log(JSON.stringify(rows));
