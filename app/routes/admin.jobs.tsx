import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HeldRatesList } from "~/components/held-rates-list";
import { JobRunsTable } from "~/components/job-runs-table";
import { jobsAdminActionSchema } from "~/domain/fx/admin-schemas";
import { confirmHeldSnapshot, listHeldSnapshots, ratesHealth, rejectHeldSnapshot, runRatesRefresh } from "~/services/fx-rates.server";
import { listActiveLeases, listRecentRuns, type LeaseRun } from "~/services/jobs.server";
import { runOrdersComplete, runOrdersNudge } from "~/services/order-jobs.server";
import { runLandedPrices } from "~/services/landed-prices-job.server";
import { runMailer } from "~/services/outbox.server";
import { runPricesRefresh } from "~/services/price-refresh.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";

// "Run now" goes through the same service and lease as the worker; a new job adds one line here.
const runners: Record<string, (holder: string) => Promise<LeaseRun<unknown>>> = {
  rates: (holder) => runRatesRefresh("MANUAL", holder),
  prices: (holder) => runPricesRefresh("MANUAL", holder),
  "orders-complete": (holder) => runOrdersComplete("MANUAL", holder),
  "orders-nudge": (holder) => runOrdersNudge("MANUAL", holder),
  mailer: (holder) => runMailer("MANUAL", holder),
  "landed-prices": (holder) => runLandedPrices("MANUAL", holder, { force: true }),
};
const JOBS = Object.keys(runners);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const [runs, health, held, leases] = await Promise.all([listRecentRuns(JOBS, 10), ratesHealth(), listHeldSnapshots(), listActiveLeases()]);
  return json({ jobs: JOBS, runs, health, held, leases });
}

type ActionResult = { message: string; params?: Record<string, string> } | { error: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = jobsAdminActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json<ActionResult>({ error: "jobs:errors.invalid" }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "run") {
    const runner = runners[input.job];
    if (!runner) return json<ActionResult>({ error: "jobs:errors.unknownJob" }, { status: 404 });
    const run = await runner(`admin:${admin.email}`);
    return json<ActionResult>({ message: "jobs:results.ran", params: { job: input.job, outcome: run.outcome, error: run.error ?? "" } });
  }
  const outcome = input.intent === "confirm" ? await confirmHeldSnapshot(admin, input.id) : await rejectHeldSnapshot(admin, input.id);
  if (!outcome.ok) return json<ActionResult>({ error: `jobs:errors.${outcome.reason}` }, { status: outcome.reason === "notFound" ? 404 : 409 });
  return json<ActionResult>({ message: input.intent === "confirm" ? "jobs:results.confirmed" : "jobs:results.rejected" });
}

function ActionNotice() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!result) return null;
  if ("error" in result) {
    return (
      <p role="alert" className="notice error">
        {t(result.error)}
      </p>
    );
  }
  const params = result.params ?? {};
  const text = t(result.message, { ...params, job: params.job ? t(`jobs:names.${params.job}`) : "", outcome: params.outcome ? t(`jobs:outcomes.${params.outcome}`) : "" });
  return (
    <div role="status" className={`notice ${params.outcome && params.outcome !== "OK" ? "warning" : "success"}`}>
      <p>{text}</p>
      {params.error ? <code>{params.error}</code> : null}
    </div>
  );
}

function CurrentRates() {
  const { health } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (!health.active) return <p className="notice warning">{t("jobs:rates.none")}</p>;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("jobs:rates.source")}</dt>
          <dd>{health.active.source}</dd>
        </div>
        <div>
          <dt>{t("jobs:rates.asOf")}</dt>
          <dd>
            {formatDate(health.active.asOf, locale)}{" "}
            <span className="muted">{t("jobs:rates.age", { hours: formatNumber(health.ageHours ?? 0, locale) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t("jobs:rates.activatedAt")}</dt>
          <dd>{formatDateTime(health.active.createdAt, locale)}</dd>
        </div>
      </dl>
      <p className={health.stale ? "notice warning" : "muted"}>{t(health.stale ? "jobs:rates.staleShort" : "jobs:rates.fresh", { hours: health.maxAgeHours })}</p>
    </>
  );
}

export default function AdminJobs() {
  const { jobs, runs, held, leases } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="page">
      <h1>{t("jobs:title")}</h1>
      <p className="muted">{t("jobs:intro")}</p>
      <ActionNotice />

      <section aria-labelledby="rates-title">
        <h2 id="rates-title">{t("jobs:rates.title")}</h2>
        <CurrentRates />
      </section>

      <section aria-labelledby="held-title">
        <h2 id="held-title">{t("jobs:held.title")}</h2>
        <HeldRatesList held={held} />
      </section>

      {jobs.map((job) => {
        const lease = leases.find((entry) => entry.job === job);
        return (
          <section key={job} aria-labelledby={`job-${job}`}>
            <h2 id={`job-${job}`}>{t(`jobs:names.${job}`, { defaultValue: job })}</h2>
            <p className="muted">{t(`jobs:hints.${job}`, { defaultValue: "" })}</p>
            {lease ? <p className="notice warning">{t("jobs:runs.runningBy", { holder: lease.holder })}</p> : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="run" />
              <input type="hidden" name="job" value={job} />
              <button type="submit" className="button primary small" disabled={busy}>
                {t("jobs:runs.runNow")}
              </button>
            </Form>
            <h3>{t("jobs:runs.title")}</h3>
            <JobRunsTable runs={runs[job] ?? []} />
          </section>
        );
      })}
    </div>
  );
}
