import { useTranslation } from "react-i18next";
import { countValueKind, jobErrorKind } from "~/domain/job-run-text";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";

export type JobRunRow = {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  counts: Record<string, string | number | boolean | null>;
  error: string | null;
};

function CountValue({ value }: { value: string | number | boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  switch (countValueKind(value)) {
    case "number":
      return <>{formatNumber(value as number, locale)}</>;
    case "boolean":
      return <>{t(value ? "jobs:values.yes" : "jobs:values.no")}</>;
    case "date":
      return <>{formatDate(`${value as string}T00:00:00+08:00`, locale)}</>;
    case "instant":
      return <>{formatDateTime(value as string, locale)}</>;
    case "code":
      return <>{t(`jobs:codes.${value as string}`, { defaultValue: String(value) })}</>;
    default:
      return <>{String(value)}</>;
  }
}

function Counts({ counts }: { counts: JobRunRow["counts"] }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts).filter((entry): entry is [string, string | number | boolean] => entry[1] !== null);
  if (entries.length === 0) return null;
  return (
    <dl className="facts">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`jobs:counts.${key}`, { defaultValue: key })}</dt>
          <dd>
            <CountValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The error explained in the page's language; the original (English, from the code or a library) beneath. */
export function RunError({ error }: { error: string }) {
  const { t } = useTranslation();
  const { kind, status } = jobErrorKind(error);
  return (
    <div className="run-error">
      <span>{t(`jobs:runErrors.${kind}`, { status })}</span>
      <details className="run-error-detail">
        <summary>{t("jobs:runErrors.original")}</summary>
        <code lang="en">{error}</code>
      </details>
    </div>
  );
}

/**
 * A job's latest runs: when, how started, outcome, how long, what it counted, what went wrong. On a phone
 * each run becomes a card, every cell labelled (data-label) instead of the header row.
 */
export function JobRunsTable({ runs }: { runs: JobRunRow[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (runs.length === 0) return <p className="muted">{t("jobs:runs.empty")}</p>;
  const label = {
    started: t("jobs:runs.started"),
    trigger: t("jobs:runs.trigger"),
    outcome: t("jobs:runs.outcome"),
    duration: t("jobs:runs.duration"),
    counts: t("jobs:runs.counts"),
    error: t("jobs:runs.error"),
  };
  return (
    <div className="table-wrap">
      <table className="job-runs">
        <thead>
          <tr>
            {Object.values(label).map((text) => (
              <th key={text} scope="col">
                {text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const seconds = run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : null;
            return (
              <tr key={run.id} data-outcome={run.outcome}>
                <td data-label={label.started}>{formatDateTime(run.startedAt, locale)}</td>
                <td data-label={label.trigger}>{t(`jobs:triggers.${run.trigger}`, { defaultValue: run.trigger })}</td>
                <td data-label={label.outcome}>{t(`jobs:outcomes.${run.outcome}`, { defaultValue: run.outcome })}</td>
                <td data-label={label.duration} className="num">
                  {seconds === null
                    ? t(run.outcome === "QUEUED" ? "jobs:runs.waiting" : "jobs:runs.stillRunning")
                    : formatNumber(seconds, locale, { style: "unit", unit: "second", maximumFractionDigits: 1 })}
                </td>
                <td data-label={label.counts}>
                  <Counts counts={run.counts} />
                </td>
                <td data-label={label.error}>{run.error ? <RunError error={run.error} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
