import fs from "node:fs";
import { parseArgs } from "node:util";
import { createInstance } from "i18next";
import { isLocale } from "~/utils/i18n";
import { i18nConfig } from "~/utils/i18n-resources";

// npm run quote -- <file.json> [--json] [--lang zh-CN|en]
// Exit 0 with a quote, 2 with a quote error or bad arguments (the error JSON still printed with --json).
const USAGE = "usage: npm run quote -- <file.json> [--json] [--lang zh-CN|en]";

function fail(message: string, asJson: boolean, code = "INVALID_INPUT"): never {
  if (asJson) console.log(JSON.stringify({ error: { code, message } }, null, 2));
  else console.error(message);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, lang: { type: "string", default: "zh-CN" } },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, process.argv.includes("--json"));
}
const asJson = args.values.json ?? false;
const file = args.positionals[0];
if (!file || args.positionals.length > 1) fail(USAGE, asJson);
if (!isLocale(args.values.lang)) fail(`--lang must be zh-CN or en\n${USAGE}`, asJson);

let document: unknown;
try {
  document = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  const reason =
    (error as NodeJS.ErrnoException).code === "ENOENT" ? `no such file: ${file}` : `${file} is not valid JSON: ${(error as Error).message}`;
  fail(reason, asJson);
}

// The service reads the database only for what the document leaves out.
const { quoteDocument } = await import("~/services/quote.server");
const { formatChinaInstant, formatMoney } = await import("~/utils/format");
const outcome = await quoteDocument(document, { store: true });

if (asJson) {
  console.log(JSON.stringify(outcome.ok ? outcome.quote : { error: outcome.error }, null, 2));
  process.exit(outcome.ok ? 0 : 2);
}

const i18n = createInstance();
await i18n.init({ ...i18nConfig, lng: args.values.lang });
const t = i18n.getFixedT(args.values.lang, "quote");
if (!outcome.ok) {
  console.error(`${outcome.error.code}: ${outcome.error.message}`);
  const advice = t(`advice.${outcome.error.code}`, { defaultValue: "" });
  if (advice) console.error(advice);
  process.exit(2);
}
const { quote } = outcome;
const money = (amount: string) => formatMoney(amount, "CNY", args.values.lang ?? "zh-CN");
const width = Math.max(...quote.lines.map((line) => t(`lines.${line.code}`).length)) + 4;
console.log(`${t(`regimes.${quote.regime}.name`)} · ${outcome.context.shippingLine.code}`);
for (const line of quote.lines) console.log(`  ${t(`lines.${line.code}`).padEnd(width, " ")}${money(line.amount).padStart(14)}`);
console.log(`  ${"=".repeat(width + 14)}`);
console.log(`  ${t("landedPrice").padEnd(width, " ")}${money(quote.total).padStart(14)}`);
console.log(
  `  ${Object.entries(quote.fxRates)
    .map(([currency, rate]) => t("explain.fx", { currency, rate }))
    .join("; ")} · ${quote.ratesAsOf}`,
);
if (quote.taxExempt) console.log(`  ${t("explain.taxWaived")}`);
if (quote.packing) {
  const options = (["removeBoxes", "extraProtection"] as const).filter((option) => quote.packing?.[option]);
  const names = options.map((option) => t(`orders:packing.options.${option}`)).join(args.values.lang === "en" ? ", " : "、");
  console.log(`  ${t("explain.packing", { options: names, fee: money(quote.packing.fee) })}`);
}
// The rules the quote was computed under: the stored set (in Chinese when it has a Chinese name) or the document's own.
const { customs } = outcome.context;
const source = args.values.lang === "zh-CN" && outcome.customsRuleSet?.sourceZh ? outcome.customsRuleSet.sourceZh : customs.source;
console.log(`  ${t("customs.rules", { source, from: formatChinaInstant(customs.effectiveFrom) })}`);
if (outcome.quoteId) console.log(`  quote ${outcome.quoteId}`);
process.exit(0);
