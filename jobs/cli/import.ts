import { parseArgs } from "node:util";

// npm run import -- <url>... [--json]      import products by link (re-importing updates)
// npm run import -- --store <origin> --currency USD [--json]   import a whole Shopify store
// Exit 0 when every import succeeded, 2 otherwise (bad arguments included).
const USAGE =
  "usage: npm run import -- <product-url>... [--json]\n       npm run import -- --store https://shop.example.com [--currency USD] [--json]";

type Result = { url: string; ok: true; listing: unknown } | { url: string; ok: false; error: { code: string; message: string } };

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, store: { type: "string" }, currency: { type: "string" } },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values, positionals } = parsed;
if (values.store && positionals.length > 0) usage("give either product links or --store, not both");
if (!values.store && positionals.length === 0) usage("no product link given");
if (values.currency && !/^[A-Z]{3}$/.test(values.currency)) usage("--currency must be an ISO 4217 code such as USD");

const { importListing, importStoreCatalog, findStoreCurrency } = await import("~/services/listing-import.server");

const results: Result[] = [];
const tty = process.stderr.isTTY;
const progress = (text: string) => {
  if (values.json && !tty) return;
  process.stderr.write(tty ? `\r\u001b[2K${text}` : `${text}\n`);
};

function summaryOf(listing: {
  id: string;
  title: string;
  titleZh: string;
  currency: string;
  price: string;
  available: boolean;
  weightGrams: number | null;
  images: string[];
  variants: { title: string; price: string; available: boolean; sku: string | null }[];
}) {
  const { id, title, titleZh, currency, price, available, weightGrams, images, variants } = listing;
  return { id, title, titleZh, currency, price, available, weightGrams, images, variants };
}

if (values.store) {
  let origin: string;
  try {
    origin = new URL(values.store).origin;
  } catch {
    usage(`not a URL: ${values.store}`);
  }
  const currency = values.currency ?? (await findStoreCurrency(origin));
  if (!currency) usage(`${origin} is not a registered store: pass --currency (Shopify JSON carries none, and we never guess it)`);
  let done = 0;
  for await (const item of importStoreCatalog(origin, { currency, onPage: (page, count) => progress(`page ${page}: ${count} products`) })) {
    done += 1;
    results.push(
      item.outcome.ok
        ? { url: item.url, ok: true, listing: summaryOf(item.outcome.listing) }
        : { url: item.url, ok: false, error: item.outcome.error },
    );
    progress(`imported ${done} products (${results.filter((result) => !result.ok).length} failed)`);
  }
} else {
  for (const [index, url] of positionals.entries()) {
    progress(`[${index + 1}/${positionals.length}] ${url}`);
    const outcome = await importListing(url);
    results.push(outcome.ok ? { url, ok: true, listing: summaryOf(outcome.listing) } : { url, ok: false, error: outcome.error });
  }
}
if (tty) process.stderr.write("\n");

const failed = results.filter((result) => !result.ok);
if (values.json) {
  console.log(JSON.stringify({ results }, null, 2));
} else {
  for (const result of results) {
    if (result.ok) {
      const listing = result.listing as ReturnType<typeof summaryOf>;
      console.log(
        `✓ ${listing.titleZh}  ${listing.price} ${listing.currency}  ${listing.weightGrams === null ? "weight unknown" : `${listing.weightGrams} g`}  (${listing.id})`,
      );
    } else {
      console.log(`✗ ${result.url}  ${result.error.code}: ${result.error.message}`);
    }
  }
  console.log(`${results.length - failed.length} imported, ${failed.length} failed`);
}
process.exit(failed.length === 0 && results.length > 0 ? 0 : 2);
