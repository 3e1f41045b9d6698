import { useTranslation } from "react-i18next";
import { notificationProduct, productKey, productValues } from "~/domain/notifications/product";

type Params = Record<string, string | number | boolean | null>;

/** The product a notification is about, with its thumbnail, in the reader's language; nothing when it names none. */
export function NotificationProduct({ params }: { params: Params }) {
  const { t, i18n } = useTranslation();
  const product = notificationProduct(params, i18n.language);
  if (!product) return null;
  return (
    <p className="notification-product">
      {product.image ? <img src={product.image} alt="" width="48" height="48" loading="lazy" decoding="async" /> : null}
      <span>{t(productKey(product), productValues(product))}</span>
    </p>
  );
}
