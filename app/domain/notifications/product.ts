// A notification about an order, a return, a complaint or a listing names its product: the params carry the
// product's Chinese title (`title`), its original title (`titleOriginal`), a thumbnail (`image`) and how many
// other items the order holds (`more`). This reads them back for one reader, whatever else the params hold.

export type NotificationProduct = { title: string; image: string | null; more: number };

type Params = Record<string, string | number | boolean | null | undefined>;

const MAX_TITLE_CHARS = 80;

function shorten(text: string) {
  return text.length > MAX_TITLE_CHARS ? `${text.slice(0, MAX_TITLE_CHARS - 1)}…` : text;
}

/** The product named in `params` as `locale`'s reader sees it: the Chinese title, or for English readers the original. */
export function notificationProduct(params: Params, locale: string): NotificationProduct | null {
  const zh = typeof params.title === "string" ? params.title.trim() : "";
  const original = typeof params.titleOriginal === "string" ? params.titleOriginal.trim() : "";
  const title = locale.startsWith("zh") ? zh || original : original || zh;
  if (!title) return null;
  const image = typeof params.image === "string" && params.image.length > 0 ? params.image : null;
  const more = typeof params.more === "number" && Number.isInteger(params.more) && params.more > 0 ? params.more : 0;
  return { title: shorten(title), image, more };
}

/** A thumbnail as a mail needs it: absolute (our own paths joined to the site's origin), only http(s). */
export function absoluteImageUrl(image: string, origin: string) {
  if (image.startsWith("/") && !image.startsWith("//")) return `${origin}${image}`;
  return /^https?:\/\//i.test(image) ? image : null;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The locale key and values of the line that names the product (`notifications.product` / `productMore`). */
export function productKey(product: NotificationProduct) {
  return product.more > 0 ? "notifications.productMore" : "notifications.product";
}

export function productValues(product: NotificationProduct) {
  return { title: product.title, more: product.more, total: product.more + 1 };
}
