import {
  OPTIONAL_CATEGORIES,
  defaultChannels,
  type Channels,
  type NotificationCategory,
  type OptionalCategory,
} from "~/domain/notifications/kinds";
import { db, Prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { siteUrl } from "./account-mail.server";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.server";

// A shopper's notification choices per category and channel (app/domain/notifications/kinds.ts). Order
// updates have no choice and no row; the other categories fall back to their defaults without a row.

export type Preferences = Record<OptionalCategory, Channels>;

/** The stored choice for one category, or undefined (the default applies); read inside notify's transaction. */
export async function storedChannels(tx: Tx, userId: string, category: NotificationCategory): Promise<Channels | undefined> {
  if (category === "ORDER") return undefined;
  const row = await tx.notificationPreference.findUnique({
    where: { userId_category: { userId, category } },
    select: { inSite: true, email: true },
  });
  return row ?? undefined;
}

export async function getPreferences(userId: string): Promise<Preferences> {
  const rows = await db.notificationPreference.findMany({ where: { userId }, select: { category: true, inSite: true, email: true } });
  const result = {} as Preferences;
  for (const category of OPTIONAL_CATEGORIES) {
    const row = rows.find((entry) => entry.category === category);
    result[category] = row ? { inSite: row.inSite, email: row.email } : defaultChannels(category);
  }
  return result;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Writes one category's choice; a double submit racing the first insert ends as an update, never a 500. */
async function writeChannels(userId: string, category: OptionalCategory, channels: Channels) {
  const data = { inSite: channels.inSite, email: channels.email };
  const where = { userId_category: { userId, category } };
  try {
    await db.notificationPreference.upsert({ where, create: { userId, category, ...data }, update: data, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await db.notificationPreference.update({ where, data, select: { id: true } });
  }
}

export async function savePreferences(userId: string, preferences: Partial<Preferences>) {
  for (const category of OPTIONAL_CATEGORIES) {
    const channels = preferences[category];
    if (channels) await writeChannels(userId, category, channels);
  }
}

const secret = () => getEnv().SESSION_SECRET;

/** The absolute one-click unsubscribe link of a user's category (no login needed to open it). */
export function unsubscribeUrl(userId: string, category: OptionalCategory) {
  return siteUrl(`/unsubscribe/${signUnsubscribeToken(secret(), userId, category)}`);
}

/** The token's claim when it is ours and its user still exists; null otherwise (a 404 page, never a 500). */
export async function readUnsubscribeToken(token: string) {
  const claim = verifyUnsubscribeToken(secret(), token);
  if (!claim) return null;
  const user = await db.user.findUnique({ where: { id: claim.userId }, select: { id: true } });
  return user ? claim : null;
}

/** Turns the token's category off on every channel; idempotent (a second click changes nothing). */
export async function unsubscribeWithToken(token: string) {
  const claim = await readUnsubscribeToken(token);
  if (!claim) return null;
  await writeChannels(claim.userId, claim.category, { inSite: false, email: false });
  return claim;
}
