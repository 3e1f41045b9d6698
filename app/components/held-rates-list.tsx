import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";

export type HeldRatesRow = {
  id: string;
  asOf: string;
  source: string;
  reason: string | null;
  createdAt: string;
  moves: { currency: string; from: string; to: string | null; change: number | null }[];
};

function MoveLine({ move }: { move: HeldRatesRow["moves"][number] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (move.to === null || move.change === null)
    return (
      <li>{t("jobs:held.missing", { currency: move.currency, from: formatNumber(move.from, locale, { maximumFractionDigits: 10 }) })}</li>
    );
  return (
    <li>
      {t("jobs:held.move", {
        currency: move.currency,
        from: formatNumber(move.from, locale, { maximumFractionDigits: 10 }),
        to: formatNumber(move.to, locale, { maximumFractionDigits: 10 }),
        change: formatNumber(move.change, locale, { style: "percent", signDisplay: "always", maximumFractionDigits: 1 }),
      })}
    </li>
  );
}

/** Held snapshots with plain POST forms to activate or reject each (no script needed). */
export function HeldRatesList({ held }: { held: HeldRatesRow[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (held.length === 0) return <p className="muted">{t("jobs:held.empty")}</p>;
  return (
    <>
      <p className="muted">{t("jobs:held.intro")}</p>
      {held.map((snapshot) => (
        <article key={snapshot.id} className="editor">
          <dl className="facts">
            <div>
              <dt>{t("jobs:rates.asOf")}</dt>
              <dd>{formatDate(snapshot.asOf, locale)}</dd>
            </div>
            <div>
              <dt>{t("jobs:rates.source")}</dt>
              <dd>{snapshot.source}</dd>
            </div>
            <div>
              <dt>{t("jobs:held.createdAt")}</dt>
              <dd>{formatDateTime(snapshot.createdAt, locale)}</dd>
            </div>
          </dl>
          {snapshot.moves.length > 0 ? (
            <>
              <h3>{t("jobs:held.moves")}</h3>
              <ul>
                {snapshot.moves.map((move) => (
                  <MoveLine key={move.currency} move={move} />
                ))}
              </ul>
            </>
          ) : null}
          {snapshot.reason ? (
            <p>
              {t("jobs:held.reason")}: <code>{snapshot.reason}</code>
            </p>
          ) : null}
          <div className="button-row">
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="id" value={snapshot.id} />
              <button
                type="submit"
                className="button primary small"
                aria-label={t("jobs:held.confirmLabel", { asOf: snapshot.asOf, source: snapshot.source })}
              >
                {t("jobs:held.confirm")}
              </button>
            </Form>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="reject" />
              <input type="hidden" name="id" value={snapshot.id} />
              <button
                type="submit"
                className="button small"
                aria-label={t("jobs:held.rejectLabel", { asOf: snapshot.asOf, source: snapshot.source })}
              >
                {t("jobs:held.reject")}
              </button>
            </Form>
          </div>
        </article>
      ))}
    </>
  );
}
