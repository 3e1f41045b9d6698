import { useTranslation } from "react-i18next";

// Until an agent has reviewed the Chinese draft, shoppers read the original title, marked as such.
export function ListingTitle({ listing }: { listing: { title: string; titleZh: string; localizationStatus: string } }) {
  const { t, i18n } = useTranslation();
  if (i18n.language === "en" || listing.localizationStatus !== "REVIEWED") {
    return (
      <>
        <span lang="und">{listing.title}</span>
        {i18n.language !== "en" ? <span className="badge original-mark">{t("catalog:originalMark")}</span> : null}
      </>
    );
  }
  return <>{listing.titleZh}</>;
}
