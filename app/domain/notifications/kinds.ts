// Which notifications a shopper may turn off, by category and channel. Pure: notify() and the
// preferences page read the same table.

export const NOTIFICATION_CATEGORIES = ["ORDER", "SERVICE", "ALERTS", "MARKETING"] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
/** The categories a shopper chooses for; ORDER (orders, returns, payments, complaints, account) is always sent. */
export const OPTIONAL_CATEGORIES = ["SERVICE", "ALERTS", "MARKETING"] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

export const CHANNELS = ["inSite", "email"] as const;
export type Channel = (typeof CHANNELS)[number];
export type Channels = Record<Channel, boolean>;

// Kinds outside ORDER, named one by one: anything not listed (every order, return, payment,
// complaint and account kind, and any kind added later without a decision) is ORDER and always sent.
const CATEGORY_OF_KIND: Record<string, OptionalCategory> = {
  QUESTION_ANSWERED: "SERVICE",
  REQUEST_QUOTED: "SERVICE",
  REQUEST_DECLINED: "SERVICE",
  CHECK_IN: "SERVICE",
  PRICE_DROP: "ALERTS",
  RESTOCK: "ALERTS",
  REORDER_REMINDER: "ALERTS",
  CAMPAIGN: "MARKETING",
};

export function categoryOf(kind: string): NotificationCategory {
  // Variants (ORDER_REFUND_PAID_alipay) share their kind's category; own-property lookups only.
  return Object.hasOwn(CATEGORY_OF_KIND, kind) ? (CATEGORY_OF_KIND[kind] as OptionalCategory) : "ORDER";
}

export function isOptionalCategory(value: unknown): value is OptionalCategory {
  return typeof value === "string" && (OPTIONAL_CATEGORIES as readonly string[]).includes(value);
}

const ALL_ON: Channels = { inSite: true, email: true };
const ALL_OFF: Channels = { inSite: false, email: false };

/** What a shopper gets before they choose: marketing only once they opt in, the rest on. */
export function defaultChannels(category: NotificationCategory): Channels {
  return category === "MARKETING" ? { ...ALL_OFF } : { ...ALL_ON };
}

/**
 * The channels a notification of `kind` goes out on, given the shopper's stored choice for its
 * category (undefined: none stored). ORDER ignores any stored choice: order updates always arrive.
 */
export function channelsFor(kind: string, stored: Channels | undefined): Channels {
  const category = categoryOf(kind);
  if (category === "ORDER") return { ...ALL_ON };
  return stored ? { inSite: stored.inSite, email: stored.email } : defaultChannels(category);
}

export const optedIn = (channels: Channels) => channels.inSite || channels.email;
