import { useTranslation } from "react-i18next";
import { formatMoney } from "~/utils/format";

export const LINE_CODES = ["goods", "domestic_shipping", "service_fee", "international_shipping", "insurance", "import_tax"] as const;

type Line = { code: string; amount: string };

/** Where the money goes: one bar, a segment per cost line, with a legend that carries the numbers. */
export function StackedCostBar({ lines, total }: { lines: Line[]; total: string }) {
  const { t, i18n } = useTranslation();
  const totalValue = Number(total);
  const segments = lines.filter((line) => Number(line.amount) > 0);
  let offset = 0;
  const summary = segments.map((line) => `${t(`quote:lines.${line.code}`)} ${formatMoney(line.amount, "CNY", i18n.language)}`).join("，");
  return (
    <figure className="cost-bar">
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={t("quote:barLabel", { summary })} width="100%" height="20">
        {segments.map((line) => {
          const width = totalValue > 0 ? (Number(line.amount) / totalValue) * 100 : 0;
          const rect = <rect key={line.code} x={offset} y={0} width={width} height={8} className={`seg seg-${line.code}`} />;
          offset += width;
          return rect;
        })}
      </svg>
      <figcaption>
        <ul className="cost-legend">
          {lines.map((line) => (
            <li key={line.code}>
              <span className={`swatch seg-${line.code}`} aria-hidden="true" />
              <span className="legend-name">{t(`quote:lines.${line.code}`)}</span>
              <span className="legend-amount">{formatMoney(line.amount, "CNY", i18n.language)}</span>
              <span className="legend-share muted">
                {totalValue > 0
                  ? new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 }).format(
                      Number(line.amount) / totalValue,
                    )
                  : "—"}
              </span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
