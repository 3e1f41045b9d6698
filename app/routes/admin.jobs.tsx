import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { HeldRatesList } from "~/components/held-rates-list";
import { JobRunsTable, RunError } from "~/components/job-runs-table";
import { jobsAdminActionSchema } from "~/domain/fx/admin-schemas";
import { confirmHeldSnapshot, listHeldSnapshots, ratesHealth, rejectHeldSnapshot } from "~/services/fx-rates.server";
import { housekeepingSettings } from "~/services/housekeeping-settings.server";
import { listActiveLeases, listRecentRuns, queueJobRun } from "~/services/jobs.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";

// Every job a worker runs (jobs/registry.ts names the same ones). "Run now" queues a run that a
// worker picks up through the job's lease, so the admin's request never runs a job itself.
const JOBS = [
  "rates",
  "prices",
  "orders-complete",
  "orders-nudge",
  "mailer",
  "landed-prices",
  "housekeeping",
  "search-index",
  "payments-check",
  "payments-reconcile",
  "campaigns",
  "check-ins",
  "reorder-reminders",
  "storage-reminders",
] as const;
// While a run is queued or running the page looks again this often, so it shows the run finish.
const REFRESH_MS = 2_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const [runs, health, held, leases] = await Promise.all([
    listRecentRuns(JOBS, 10),
    ratesHealth(),
    listHeldSnapshots(),
    listActiveLeases(),
  ]);
  // The retentions are shown in the housekeeping job's description (a bad value stopped the server at start).
  return json({ jobs: JOBS, runs, health, held, leases, housekeeping: housekeepingSettings() });
}

type ActionResult = { message: string; params?: Record<string, string> } | { error: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = jobsAdminActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json<ActionResult>({ error: "jobs:errors.invalid" }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "run") {
    if (!(JOBS as readonly string[]).includes(input.job)) return json<ActionResult>({ error: "jobs:errors.unknownJob" }, { status: 404 });
    const { alreadyQueued } = await queueJobRun(input.job);
    return json<ActionResult>({
      message: alreadyQueued ? "jobs:results.alreadyQueued" : "jobs:results.queued",
      params: { job: input.job },
    });
  }
  const outcome = input.intent === "confirm" ? await confirmHeldSnapshot(admin, input.id) : await rejectHeldSnapshot(admin, input.id);
  if (!outcome.ok)
    return json<ActionResult>({ error: `jobs:errors.${outcome.reason}` }, { status: outcome.reason === "notFound" ? 404 : 409 });
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
  const text = t(result.message, {
    ...params,
    job: params.job ? t(`jobs:names.${params.job}`) : "",
    outcome: params.outcome ? t(`jobs:outcomes.${params.outcome}`) : "",
  });
  return (
    <div role="status" className={`notice ${params.outcome && params.outcome !== "OK" ? "warning" : "success"}`}>
      <p>{text}</p>
      {params.error ? <RunError error={params.error} /> : null}
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
      <p className={health.stale ? "notice warning" : "muted"}>
        {t(health.stale ? "jobs:rates.staleShort" : "jobs:rates.fresh", { hours: health.maxAgeHours })}
      </p>
    </>
  );
}

/** Reloads the page's data every few seconds while a run is queued or running (without JS: reload). */
function useRefreshWhileActive(active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}

export default function AdminJobs() {
  const { jobs, runs, held, leases, housekeeping } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  useRefreshWhileActive(Object.values(runs).some((list) => list.some((run) => run.outcome === "QUEUED" || run.outcome === "RUNNING")));
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
            <p className="muted">{t(`jobs:hints.${job}`, { defaultValue: "", ...housekeeping })}</p>
            {lease ? <p className="notice warning">{t("jobs:runs.runningBy", { holder: lease.holder })}</p> : null}
            {(runs[job] ?? []).some((run) => run.outcome === "QUEUED") ? <p className="notice">{t("jobs:runs.queuedNote")}</p> : null}
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
