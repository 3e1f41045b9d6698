import { useTranslation } from "react-i18next";

/**
 * Where the parcel goes: the return address of the order's store country. A country without one says
 * that the agent will send it — never another country's address.
 */
export function ReturnAddress({
  returnAddress,
  fault,
}: {
  returnAddress: { country: string | null; address: string | null };
  fault: string;
}) {
  const { t } = useTranslation();
  const country = returnAddress.country ? t(`common:countries.${returnAddress.country}`, { defaultValue: returnAddress.country }) : "";
  if (!returnAddress.address) {
    return (
      <p className="return-address" data-testid="return-address">
        {returnAddress.country ? t("returns:address.none", { country }) : t("returns:address.unknownCountry")}
      </p>
    );
  }
  return (
    <div className="return-address" data-testid="return-address">
      <p>{t(fault === "PLATFORM" ? "returns:address.labelTo" : "returns:address.sendTo", { country })}</p>
      <address>
        {returnAddress.address.split("\n").map((line, index) => (
          <span key={index}>
            {index > 0 ? <br /> : null}
            {line}
          </span>
        ))}
      </address>
    </div>
  );
}
