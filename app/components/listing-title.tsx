import { useTranslation } from "react-i18next";
import { shopperTitle } from "~/domain/localization/english-title";

type TitledListing = { title: string; titleZh: string; localizationStatus: string };

// Chinese once an agent has reviewed the draft; until then the original, marked as such. In English mode the
// store's English title, or an English draft from the glossary marked as machine-made.
/** `country`: the store's, which says whether a Latin-script title is English already. */
export function ListingTitle({ listing, country }: { listing: TitledListing; country?: string }) {
  const { t, i18n } = useTranslation();
  const title = shopperTitle(listing, i18n.language, country);
  return (
    <>
      <span lang={title.lang}>{title.text}</span>
      {title.machine ? <span className="badge machine-mark">{t("catalog:machineMark")}</span> : null}
      {title.original && i18n.language !== "en" ? <span className="badge original-mark">{t("catalog:originalMark")}</span> : null}
    </>
  );
}
