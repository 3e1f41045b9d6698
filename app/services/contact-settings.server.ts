import { daysText, isWorkingTime, wechatQrText, type ContactSettingsInput } from "~/domain/consult/contact-settings";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

// How shoppers reach a person (one row, "default"), set at /admin/contact and shown at /contact and on
// every order page; also the answer SLA of pre-sale questions. Changes are audited like other settings.

const SELECT = {
  inSite: true,
  email: true,
  wechatId: true,
  wechatUrl: true,
  phone: true,
  hoursStart: true,
  hoursEnd: true,
  hoursDays: true,
  answerSlaHours: true,
} as const;

export type ContactSettings = {
  inSite: boolean;
  email: string | null;
  wechatId: string | null;
  wechatUrl: string | null;
  phone: string | null;
  hoursStart: string;
  hoursEnd: string;
  hoursDays: string;
  answerSlaHours: number;
};

export async function getContactSettings(): Promise<ContactSettings> {
  // Read first (as getTrustSettings): the row is written with its defaults only the first time.
  const row = await db.contactSettings.findUnique({ where: { id: "default" }, select: SELECT });
  return row ?? db.contactSettings.upsert({ where: { id: "default" }, create: { id: "default" }, update: {}, select: SELECT });
}

/** The form's values as stored: an empty optional field clears the channel. */
function stored(input: ContactSettingsInput): ContactSettings {
  return {
    inSite: input.inSite ?? false,
    email: input.email ?? null,
    wechatId: input.wechatId ?? null,
    wechatUrl: input.wechatUrl ?? null,
    phone: input.phone ?? null,
    hoursStart: input.hoursStart,
    hoursEnd: input.hoursEnd,
    hoursDays: daysText(input.hoursDays),
    answerSlaHours: input.answerSlaHours,
  };
}

export async function updateContactSettings(admin: Pick<SessionUser, "id">, input: ContactSettingsInput) {
  const after = stored(input);
  await db.$transaction(async (tx) => {
    const before = await tx.contactSettings.upsert({ where: { id: "default" }, create: { id: "default" }, update: {}, select: SELECT });
    await tx.contactSettings.update({ where: { id: "default" }, data: after });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "ContactSettings",
        entityId: "default",
        action: "update",
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      },
    });
  });
  return after;
}

/** What /contact and the order pages show: the channels, whether it is working time now, and the QR text. */
export async function contactView(now = new Date()) {
  const settings = await getContactSettings();
  return {
    contact: {
      inSite: settings.inSite,
      email: settings.email,
      wechatId: settings.wechatId,
      phone: settings.phone,
      hoursStart: settings.hoursStart,
      hoursEnd: settings.hoursEnd,
      hoursDays: settings.hoursDays,
      openNow: isWorkingTime(settings, now),
    },
    qrText: settings.wechatId ? wechatQrText(settings) : null,
    answerSlaHours: settings.answerSlaHours,
  };
}
