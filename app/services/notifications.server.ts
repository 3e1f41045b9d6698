import type { z } from "zod";
import { absoluteImageUrl, escapeHtml, notificationProduct, productKey, productValues } from "~/domain/notifications/product";
import { categoryOf, channelsFor } from "~/domain/notifications/kinds";
import { fromJsonColumn, storedValuesSchema } from "~/domain/stored";
import type { Locale } from "~/utils/i18n";
import { fallbackLng, isLocale } from "~/utils/i18n";
import { i18next } from "~/utils/i18n.server";
import { db, type Tx } from "~/utils/db.server";
import { formatMoney } from "~/utils/format";
import { siteUrl } from "./account-mail.server";
import { storedChannels, unsubscribeUrl } from "./notification-preferences.server";

export type NotificationParams = z.infer<typeof storedValuesSchema>;
export type Recipient = { userId: string; email: string };

/** The params that are amounts in CNY (decimal strings): formatted for the reader, on the page and in mail. */
const MONEY_PARAMS = ["amount", "total", "before"] as const;

export type MailContent = { subject: string; body: string; html?: string | null };
export type NotifyOptions = {
  /** The mail in the recipient's language instead of the kind's locale keys (a campaign's listings). */
  mail?: (locale: Locale) => Promise<MailContent>;
};

/**
 * Marketing mail carries its one-click unsubscribe link in the text, the HTML and the headers
 * (RFC 8058: List-Unsubscribe with List-Unsubscribe-Post), so a mail client can unsubscribe for the reader.
 */
async function withUnsubscribe(mail: MailContent, locale: Locale, userId: string) {
  const url = unsubscribeUrl(userId, "MARKETING");
  const t = await i18next.getFixedT(locale, "promo");
  const line = t("promo:mail.unsubscribe");
  return {
    subject: mail.subject,
    body: `${mail.body}\n\n${line}: ${url}`,
    html: mail.html ? `${mail.html}<p><a href="${escapeHtml(url)}">${escapeHtml(line)}</a></p>` : null,
    headers: JSON.stringify({ "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }),
  };
}

/**
 * The one way the site tells a user something: the in-site notification and its mail in the outbox,
 * in the transaction of whatever it reports (a user never gets the mail without the notification, nor
 * a notice of a move that rolled back). `kind` names a locale key (notifications.kinds.<kind>, rendered
 * on the page with `params` in the reader's language); the mail is rendered from the same keys in the
 * recipient's own language (User.locale, the one they last chose), and the mailer job sends it.
 * The recipient's preferences for the kind's category decide the channels (order updates always go
 * out on both); a channel turned off writes nothing for it, and its id comes back null.
 */
export async function notify(
  tx: Tx,
  recipient: Recipient,
  kind: string,
  params: NotificationParams,
  link: string,
  options: NotifyOptions = {},
) {
  const category = categoryOf(kind);
  const channels = channelsFor(kind, await storedChannels(tx, recipient.userId, category));
  const notification = channels.inSite
    ? await tx.notification.create({
        data: { userId: recipient.userId, kind, params: JSON.stringify(params), link },
        select: { id: true },
      })
    : null;
  if (!channels.email) return { notificationId: notification?.id ?? null, emailId: null };
  const user = await tx.user.findUnique({ where: { id: recipient.userId }, select: { locale: true } });
  const locale = isLocale(user?.locale) ? user.locale : fallbackLng;
  const content = options.mail ? await options.mail(locale) : await notificationMail(locale, kind, params, link);
  const mail = category === "MARKETING" ? await withUnsubscribe(content, locale, recipient.userId) : content;
  const outbox = await tx.emailOutbox.create({ data: { to: recipient.email, ...mail }, select: { id: true } });
  return { notificationId: notification?.id ?? null, emailId: outbox.id };
}

/**
 * A notification's mail in `locale`: its subject (the kind's own, else the order's, followed by the product's
 * title when the kind's own does not name it), its text with the product it is about, and the link; as plain
 * text and as HTML with the product's thumbnail.
 */
export async function notificationMail(locale: Locale, kind: string, params: NotificationParams, link: string) {
  const t = await i18next.getFixedT(locale, "common");
  const values: Record<string, unknown> = { ...params };
  for (const name of MONEY_PARAMS) values[name] = typeof params[name] === "string" ? formatMoney(params[name], "CNY", locale) : "";
  const product = notificationProduct(params, locale);
  // A text that names the product names it in the reader's language too.
  if (product) values.title = product.title;
  const text = t(`notifications.kinds.${kind}`, { ...values, defaultValue: kind });
  const kindSubject = t(`notifications.mailSubjects.${kind}`, { ...values, defaultValue: "" });
  const subject = kindSubject || [t("notifications.mailSubject", { number: params.number }), product?.title].filter(Boolean).join(" · ");
  const label = t(`notifications.mailLinks.${kind}`, { defaultValue: t("notifications.mailLink") });
  const url = siteUrl(link);
  const productLine = product ? t(productKey(product), productValues(product)) : null;
  const body = [productLine, text, "", `${label}: ${url}`].filter((line) => line !== null).join("\n");
  return { subject, body, html: mailHtml({ text, productLine, image: product?.image ?? null, label, url }) };
}

function mailHtml(mail: { text: string; productLine: string | null; image: string | null; label: string; url: string }) {
  const image = mail.image ? absoluteImageUrl(mail.image, siteUrl("")) : null;
  const thumbnail = image
    ? `<img src="${escapeHtml(image)}" alt="" width="72" height="72" style="border-radius:6px;object-fit:cover;margin-right:12px">`
    : "";
  const product = mail.productLine
    ? `<div style="display:flex;align-items:center;margin-bottom:12px">${thumbnail}<strong>${escapeHtml(mail.productLine)}</strong></div>`
    : "";
  return [
    '<div style="font-family:sans-serif;font-size:15px;line-height:1.5;color:#1f2328;max-width:560px">',
    product,
    `<p>${escapeHtml(mail.text)}</p>`,
    `<p><a href="${escapeHtml(mail.url)}">${escapeHtml(mail.label)}</a></p>`,
    "</div>",
  ].join("");
}

/**
 * The product an order's notifications name: its first item (of `itemIds` when only some are concerned, as in a
 * return), and how many more.
 */
export async function orderProductParams(tx: Tx, orderId: string, itemIds?: string[]): Promise<NotificationParams> {
  const where = { orderId, ...(itemIds ? { id: { in: itemIds } } : {}) };
  // One after the other: a transaction runs one statement at a time.
  const first = await tx.orderItem.findFirst({
    where,
    select: { title: true, titleZh: true, imageUrl: true },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  if (!first) return {};
  const count = await tx.orderItem.count({ where });
  return { title: first.titleZh, titleOriginal: first.title, image: first.imageUrl, more: count - 1 };
}

/** The product a listing's notifications name: its titles and first picture. */
export async function listingProductParams(tx: Tx, listingId: string): Promise<NotificationParams> {
  const listing = await tx.listing.findUnique({
    where: { id: listingId },
    select: { title: true, titleZh: true, images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 } },
  });
  if (!listing) return {};
  return { title: listing.titleZh, titleOriginal: listing.title, image: listing.images[0]?.url ?? null };
}

/** The language the user chose on the site, remembered for the mail they are sent. */
export async function rememberLocale(userId: string, locale: Locale) {
  await db.user.updateMany({ where: { id: userId, NOT: { locale } }, data: { locale } });
}

/** A user's notifications, newest first; only their own. */
export async function listNotifications(userId: string, options: { unreadOnly?: boolean; take?: number } = {}) {
  const rows = await db.notification.findMany({
    where: { userId, ...(options.unreadOnly ? { readAt: null } : {}) },
    select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
  });
  return rows.map((row) => ({ ...row, params: fromJsonColumn(storedValuesSchema, "Notification.params", row.params) }));
}

/** Marks the given notifications read; scoped by owner so ids of others do nothing. */
export async function markNotificationsRead(userId: string, ids: string[], now = new Date()) {
  const result = await db.notification.updateMany({ where: { userId, id: { in: ids }, readAt: null }, data: { readAt: now } });
  return result.count;
}

export async function countUnread(userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}
