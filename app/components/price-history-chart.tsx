import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/utils/format";

type Point = { price: string; recordedAt: string };

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 8, right: 8, top: 12, bottom: 18 };

/** A step chart of the stored price snapshots (a price holds until the next snapshot), in the store's currency. */
export function PriceHistoryChart({ points, currency }: { points: Point[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (points.length < 2) return <p className="muted">{t("catalog:history.notEnough")}</p>;
  const values = points.map((point) => Number(point.price));
  const times = points.map((point) => Date.parse(point.recordedAt));
  const [minV, maxV] = [Math.min(...values), Math.max(...values)];
  const [minT, maxT] = [Math.min(...times), Math.max(...times)];
  const x = (time: number) => PAD.left + ((time - minT) / Math.max(1, maxT - minT)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (maxV === minV ? 0.5 : (maxV - value) / (maxV - minV)) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points
    .map((_, index) => {
      const px = x(times[index] ?? 0);
      const py = y(values[index] ?? 0);
      if (index === 0) return `M${px.toFixed(1)},${py.toFixed(1)}`;
      return `H${px.toFixed(1)} V${py.toFixed(1)}`;
    })
    .join(" ");
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const low = points[values.indexOf(minV)] as Point;
  const summary = t("catalog:history.summary", {
    from: formatDate(first.recordedAt, locale),
    to: formatDate(last.recordedAt, locale),
    low: formatMoney(low.price, currency, locale),
    high: formatMoney(String(maxV), currency, locale),
    now: formatMoney(last.price, currency, locale),
  });
  return (
    <figure className="price-history">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={summary}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(minV)} y2={y(minV)} className="chart-guide" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(maxV)} y2={y(maxV)} className="chart-guide" />
        <path d={path} className="chart-line" fill="none" />
        <circle cx={x(times[times.length - 1] ?? 0)} cy={y(values[values.length - 1] ?? 0)} r={3.5} className="chart-dot" />
        <text x={PAD.left} y={HEIGHT - 4} className="chart-label">
          {formatDate(first.recordedAt, locale, { month: "short", day: "numeric" })}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end" className="chart-label">
          {formatDate(last.recordedAt, locale, { month: "short", day: "numeric" })}
        </text>
        <text x={WIDTH - PAD.right} y={y(maxV) - 3} textAnchor="end" className="chart-label">
          {formatMoney(String(maxV), currency, locale)}
        </text>
        <text x={WIDTH - PAD.right} y={Math.min(HEIGHT - PAD.bottom + 10, y(minV) + 11)} textAnchor="end" className="chart-label">
          {formatMoney(String(minV), currency, locale)}
        </text>
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
