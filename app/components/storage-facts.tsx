import { useTranslation } from "react-i18next";
import { formatDate, formatWeight } from "~/utils/format";

type Storage = { freeDays: number; freeUntilDay: string | null; ended: boolean } | null;
type Packed = { weightGrams: number | null; dimensionsCm: number[] | null };

// Statuses before the goods leave the warehouse: the storage terms still matter then.
const BEFORE_SHIPPING = new Set(["PENDING_PAYMENT", "PAID", "PURCHASING", "AWAITING_SHOPPER", "PURCHASED", "AT_WAREHOUSE"]);

/** Free storage (the days, then the last free day while the goods wait) and the packed parcel, once recorded. */
export function StorageFacts({ status, storage, packed }: { status: string; storage: Storage; packed: Packed }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const showStorage = storage !== null && BEFORE_SHIPPING.has(status);
  if (!showStorage && packed.weightGrams === null) return null;
  // Noon China time of the last free day: the same day in every reader's format.
  const day = (value: string) => formatDate(`${value}T12:00:00+08:00`, locale);
  return (
    <section aria-labelledby="storage-title" data-testid="order-storage">
      <h2 id="storage-title">{t("orders:storage.title")}</h2>
      {showStorage && storage ? (
        storage.freeUntilDay ? (
          <>
            <p data-testid="storage-until">
              <strong>{t(storage.ended ? "orders:storage.ended" : "orders:storage.until", { date: day(storage.freeUntilDay) })}</strong>
            </p>
            <p className="muted">{t("orders:storage.after")}</p>
          </>
        ) : (
          <p className="muted" data-testid="storage-terms">
            {t("orders:storage.terms", { days: storage.freeDays })}
          </p>
        )
      ) : null}
      {packed.weightGrams !== null ? (
        <p data-testid="packed-parcel">
          {t("orders:packed.facts", {
            weight: formatWeight(packed.weightGrams, locale),
            dimensions: (packed.dimensionsCm ?? []).join(" × "),
          })}
        </p>
      ) : null}
    </section>
  );
}
