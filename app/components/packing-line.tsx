import { useTranslation } from "react-i18next";
import { formatMoney } from "~/utils/format";

export type PackingView = { removeBoxes: boolean; extraProtection: boolean; fee: string };

/** The packing a quote was priced with, and its fee (already inside international shipping). */
export function PackingLine({ packing }: { packing: PackingView | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!packing || (!packing.removeBoxes && !packing.extraProtection)) return null;
  const options = (["removeBoxes", "extraProtection"] as const)
    .filter((option) => packing[option])
    .map((option) => t(`orders:packing.options.${option}`))
    .join(i18n.language === "en" ? ", " : "、");
  return (
    <p className="explain" data-testid="quote-packing">
      {t("orders:packing.line", { options, fee: formatMoney(packing.fee, "CNY", i18n.language) })}
    </p>
  );
}
