import { parseArgs } from "node:util";
import { createInstance } from "i18next";
import type { ReconciledProvider } from "~/services/reconciliation.server";
import { isLocale } from "~/utils/i18n";
import { i18nConfig } from "~/utils/i18n-resources";

// npm run job -- <name> [--json] [--lang zh-CN|en]   runs a scheduled job now (trigger CLI, same lease)
// npm run job -- payments-reconcile --date 2026-12-03  reconciles that China day instead of yesterday
// npm run job -- payments-reconcile --provider wechat  only that provider's bill (every configured one without it)
// Exit 0 when the job did its work, 2 otherwise (bad arguments, busy, held, failed).
const { db } = await import("~/utils/db.server");
const { jobNames, jobRegistry } = await import("../registry");
const { processHolder } = await import("../holder");
const { billDateProblem, MAX_BILL_AGE_DAYS } = await import("~/domain/payments/reconcile");

const USAGE = `usage: npm run job -- <${jobNames().join("|")}> [--json] [--lang zh-CN|en] [--store <slug>] [--date yyyy-MM-dd] [--provider alipay|wechat] (--store: prices only; --date, --provider: payments-reconcile only)`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      lang: { type: "string", default: "zh-CN" },
      store: { type: "string" },
      date: { type: "string" },
      provider: { type: "string" },
    },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values, positionals } = parsed;
const name = positionals[0];
if (!name || positionals.length > 1) usage("give exactly one job name");
const job = jobRegistry[name];
if (!job) usage(`unknown job: ${name}`);
const lang = values.lang ?? "zh-CN";
if (!isLocale(lang)) usage("--lang must be zh-CN or en");
if (values.store !== undefined && (name !== "prices" || !/^[a-z0-9-]{1,60}$/.test(values.store)))
  usage("--store takes a store slug, and only for the prices job");
if (values.date !== undefined) {
  if (name !== "payments-reconcile") usage("--date is only for the payments-reconcile job");
  const problem = billDateProblem(values.date, new Date());
  if (problem === "invalid") usage(`--date ${values.date}: not a day (yyyy-MM-dd)`);
  if (problem === "notFinished") usage(`--date ${values.date}: the day is not over in China yet, so there is no bill for it`);
  if (problem === "tooOld") usage(`--date ${values.date}: more than ${MAX_BILL_AGE_DAYS} days ago`);
}
let provider: ReconciledProvider | undefined;
if (values.provider !== undefined) {
  if (name !== "payments-reconcile") usage("--provider is only for the payments-reconcile job");
  if (values.provider !== "alipay" && values.provider !== "wechat") usage(`--provider ${values.provider}: alipay or wechat`);
  provider = values.provider === "alipay" ? "ALIPAY" : "WECHAT";
}

const tty = process.stderr.isTTY;
// Progress goes to stderr, so stdout stays exactly the JSON document with --json.
const progress = (message: string) => process.stderr.write(tty ? `\r\u001b[2K${name}: ${message}` : `${name}: ${message}\n`);

const run = await job.run({
  trigger: "CLI",
  holder: processHolder("cli"),
  onProgress: progress,
  store: values.store,
  date: values.date,
  provider,
});
if (tty) process.stderr.write("\r\u001b[2K");
const report = job.report(run);
// New rates reprice every listing in the background: finish that before the process exits.
const { landedRecomputeSettled } = await import("~/services/landed-prices-job.server");
await landedRecomputeSettled();
await db.$disconnect();

if (values.json) {
  console.log(JSON.stringify(report.json, null, 2));
} else {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng: lang });
  const line = i18n.getFixedT(lang, "jobs")(`cli.${report.key}`, { job: name, ...report.params });
  (report.exitCode === 0 ? console.log : console.error)(line);
}
process.exit(report.exitCode);
