import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/format";

// The predicted delivery day ("预计 12月18日送达"), the same on checkout and on the order page. A day,
// not a time: the prediction is no better than that, and China's calendar is the one shown.

type Stage = { key: string; state: "done" | "current" | "upcoming"; endsAt: string };
export type ExpectedArrivalView = { deliveredAt: string; delivered: boolean; stages?: Stage[] };

export function arrivalDay(at: string, locale: string) {
  return formatDate(at, locale, { month: "short", day: "numeric" });
}

/** "预计 12月18日送达 · 通常 7–12 天", or "已于 … 送达" once it has arrived. */
export function ExpectedArrival({
  arrival,
  etaDays,
  testId,
}: {
  arrival: ExpectedArrivalView;
  etaDays: { min: number; max: number } | null;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const date = arrivalDay(arrival.deliveredAt, i18n.language);
  return (
    <span data-testid={testId}>
      <strong>{t(arrival.delivered ? "orders:arrival.delivered" : "orders:arrival.expected", { date })}</strong>
      {etaDays && !arrival.delivered ? (
        <span className="muted"> · {t("orders:arrival.usually", { min: etaDays.min, max: etaDays.max })}</span>
      ) : null}
    </span>
  );
}

/** Each stage's real or expected end, for the order page (the status each stage reaches names it). */
export function ArrivalStages({ stages }: { stages: Stage[] }) {
  const { t, i18n } = useTranslation();
  return (
    <details>
      <summary>{t("orders:arrival.stages")}</summary>
      <ol className="muted" data-testid="arrival-stages">
        {stages.map((stage) => {
          const status = t(`orders:status.${stage.key.split(">")[1] ?? ""}`);
          const date = arrivalDay(stage.endsAt, i18n.language);
          const key = stage.state === "done" ? "stageDone" : stage.state === "current" ? "stageCurrent" : "stageUpcoming";
          return (
            <li key={stage.key} data-state={stage.state}>
              {t(`orders:arrival.${key}`, { status, date })}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
