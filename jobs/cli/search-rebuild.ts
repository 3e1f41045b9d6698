import { parseArgs } from "node:util";
import { createInstance } from "i18next";
import { isLocale } from "~/utils/i18n";
import { i18nConfig } from "~/utils/i18n-resources";

// npm run search:rebuild [-- [--json] [--lang zh-CN|en]]
// Queues every listing (and every index row, so entries of listings deleted behind the triggers' back
// go) and drains the queue with progress on stderr. Searches keep answering from the old rows while
// each batch replaces them. Exit 0 rebuilt, 1 failed (what is left stays queued), 2 bad arguments.
const USAGE = "usage: npm run search:rebuild [-- [--json] [--lang zh-CN|en]]";

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ options: { json: { type: "boolean", default: false }, lang: { type: "string", default: "zh-CN" } } });
} catch (error) {
  usage((error as Error).message);
}
const { values } = parsed;
const lang = values.lang ?? "zh-CN";
if (!isLocale(lang)) usage("--lang must be zh-CN or en");

const { db } = await import("~/utils/db.server");
const { rebuildSearchIndex } = await import("~/services/search-index.server");

const i18n = createInstance();
await i18n.init({ ...i18nConfig, lng: lang });
const t = i18n.getFixedT(lang, "jobs");
const tty = process.stderr.isTTY;
// Progress goes to stderr, so stdout stays exactly the JSON document with --json.
const progress = (text: string) => process.stderr.write(tty ? `\r\u001b[2K${text}` : `${text}\n`);

const started = Date.now();
let exitCode = 0;
try {
  const indexed = await rebuildSearchIndex((done, waiting) =>
    progress(t("searchRebuild.progress", { done: done.toLocaleString("en"), waiting: waiting.toLocaleString("en") })),
  );
  if (tty) process.stderr.write("\r\u001b[2K");
  const durationMs = Date.now() - started;
  if (values.json) console.log(JSON.stringify({ summary: { indexed, durationMs } }, null, 2));
  else console.log(t("searchRebuild.done", { indexed: indexed.toLocaleString("en"), seconds: (durationMs / 1000).toFixed(1) }));
} catch (error) {
  if (tty) process.stderr.write("\n");
  const message = (error as Error).message;
  if (values.json) console.log(JSON.stringify({ error: { code: "SEARCH_REBUILD_FAILED", message } }, null, 2));
  else console.error(t("searchRebuild.failed", { message }));
  exitCode = 1;
} finally {
  await db.$disconnect();
}
process.exit(exitCode);
