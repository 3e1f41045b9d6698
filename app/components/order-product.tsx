import { useTranslation } from "react-i18next";
import { englishTitle } from "~/domain/localization/english-title";

export type OrderProductItem = { title: string; titleZh: string; imageUrl: string | null };

/** What an order row calls an item: its Chinese name, or in English mode its English title (or draft). */
export function itemName(item: Pick<OrderProductItem, "title" | "titleZh">, locale: string): string {
  return locale === "en" ? englishTitle(item.title).text : item.titleZh;
}

/** The product a return or complaint is about: the order's first item's picture and name, "等 N 件" for the rest. */
export function OrderProduct({ items, count }: { items: readonly OrderProductItem[]; count: number }) {
  const { t, i18n } = useTranslation();
  const first = items[0];
  if (!first) return null;
  return (
    <span className="order-items">
      <span className="order-thumbs" aria-hidden="true">
        {first.imageUrl ? <img src={first.imageUrl} alt="" width={56} height={56} loading="lazy" /> : null}
      </span>
      <span className="order-item-names">
        {itemName(first, i18n.language)}
        {count > 1 ? <span className="muted"> {t("orders:list.more", { count: count - 1 })}</span> : null}
      </span>
    </span>
  );
}
