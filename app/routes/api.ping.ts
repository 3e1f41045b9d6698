import { json } from "@remix-run/node";

// The cheapest route the server has: benchmarks compare every page against it.
export function loader() {
  return json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
