import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "~/utils/format";

export type JobRunRow = {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  counts: Record<string, string | number | boolean | null>;
  error: string | null;
};

function Counts({ counts }: { counts: JobRunRow["counts"] }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(counts).filter(([, value]) => value !== null);
  if (entries.length === 0) return null;
  return (
    <dl className="facts">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`jobs:counts.${key}`, { defaultValue: key })}</dt>
          <dd>{typeof value === "number" ? formatNumber(value, i18n.language) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A job's latest runs: when, how started, outcome, how long, what it counted, what went wrong. */
export function JobRunsTable({ runs }: { runs: JobRunRow[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (runs.length === 0) return <p className="muted">{t("jobs:runs.empty")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("jobs:runs.started")}</th>
            <th scope="col">{t("jobs:runs.trigger")}</th>
            <th scope="col">{t("jobs:runs.outcome")}</th>
            <th scope="col">{t("jobs:runs.duration")}</th>
            <th scope="col">{t("jobs:runs.counts")}</th>
            <th scope="col">{t("jobs:runs.error")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const seconds = run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : null;
            return (
              <tr key={run.id} data-outcome={run.outcome}>
                <td>{formatDateTime(run.startedAt, locale)}</td>
                <td>{t(`jobs:triggers.${run.trigger}`, { defaultValue: run.trigger })}</td>
                <td>{t(`jobs:outcomes.${run.outcome}`, { defaultValue: run.outcome })}</td>
                <td className="num">
                  {seconds === null
                    ? t(run.outcome === "QUEUED" ? "jobs:runs.waiting" : "jobs:runs.stillRunning")
                    : formatNumber(seconds, locale, { style: "unit", unit: "second", maximumFractionDigits: 1 })}
                </td>
                <td>
                  <Counts counts={run.counts} />
                </td>
                <td>{run.error ? <code>{run.error}</code> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
