import { useTranslation } from "react-i18next";
import type { ShownTitle } from "~/domain/localization/english-title";

// Chinese once an agent has reviewed the draft; until then the original, marked as such. In English mode the
// store's English title, or an English draft from the glossary marked as machine-made. The loader picks it
// (withShownTitle), so the glossary never reaches the browser.
export function ListingTitle({ title }: { title: ShownTitle }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span lang={title.lang}>{title.text}</span>
      {title.machine ? <span className="badge machine-mark">{t("catalog:machineMark")}</span> : null}
      {title.original && i18n.language !== "en" ? <span className="badge original-mark">{t("catalog:originalMark")}</span> : null}
    </>
  );
}
