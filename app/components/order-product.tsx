import { useTranslation } from "react-i18next";
export type OrderProductItem = { titleZh: string; titleEn: string; imageUrl: string | null; quantity?: number };

/** What an order row calls an item: its Chinese name, or in English mode its English title (or draft, made on the server). */
export function itemName(item: Pick<OrderProductItem, "titleEn" | "titleZh">, locale: string): string {
  return locale === "en" ? item.titleEn : item.titleZh;
}

/**
 * What an order, return or complaint row is about: the pictures and names of the items given (with
 * "× n" when their quantity is), and "等 N 件" for the rest of the order's `count` items.
 */
export function OrderProduct({ items, count }: { items: readonly OrderProductItem[]; count: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (items.length === 0) return null;
  return (
    <span className="order-items">
      <span className="order-thumbs" aria-hidden="true">
        {items.map((item, index) =>
          item.imageUrl ? <img key={index} src={item.imageUrl} alt="" width={56} height={56} loading="lazy" /> : null,
        )}
      </span>
      <span className="order-item-names">
        {items
          .map((item) => (item.quantity === undefined ? itemName(item, locale) : `${itemName(item, locale)} × ${item.quantity}`))
          .join(locale === "en" ? ", " : "，")}
        {count > items.length ? <span className="muted"> {t("orders:list.more", { count: count - items.length })}</span> : null}
      </span>
    </span>
  );
}
