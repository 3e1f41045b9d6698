import { useTranslation } from "react-i18next";
import type { Share } from "~/domain/trust/scores";

/**
 * One credit figure with what it was computed from: "2.5%（2 / 80 单）", or "暂无足够评价" with the
 * sample it needs. `unit` names what the sample counts (orders, stages).
 */
export function ShareFigure({ share, minimumSample, unit }: { share: Share; minimumSample: number; unit: "orders" | "stages" }) {
  const { t } = useTranslation();
  if (!share.enough || share.percent === null)
    return (
      <span className="credit-figure not-enough">
        {t("trust:credit.notEnough")}{" "}
        <span className="muted">{t(`trust:credit.sampleNeeded.${unit}`, { count: share.of, minimum: minimumSample })}</span>
      </span>
    );
  return (
    <span className="credit-figure">
      <strong>{t("trust:credit.percent", { value: share.percent })}</strong>{" "}
      <span className="muted">{t(`trust:credit.sample.${unit}`, { count: share.count, of: share.of })}</span>
    </span>
  );
}
