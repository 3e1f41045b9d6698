import type { Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { fallbackLng, isLocale, type Locale } from "~/utils/i18n";
import { i18next } from "~/utils/i18n.server";

// The mails of sign-up and password reset, in the language of the person who asked (the form's
// request), queued in the outbox like every other mail: the mailer job sends them, and without SMTP
// they wait at /admin/outbox, where an admin can read the link. None of them carries text a visitor
// typed (not even the name): they go to addresses nobody has proven yet.

export type AccountMail =
  | { kind: "signupLink"; link: string; hours: number }
  | { kind: "signupExisting"; loginLink: string; resetLink: string }
  | { kind: "passwordReset"; link: string; minutes: number }
  | { kind: "passwordResetNoAccount"; signupLink: string };

/** Absolute links in mail use the configured origin, never the request's Host header (which a client sets). */
export function siteUrl(path: string) {
  const env = getEnv();
  return `${env.APP_ORIGIN ?? `http://localhost:${env.PORT}`}${path}`;
}

/** The language a mail to the person behind this request is written in: the one their pages are in. */
export async function mailLocale(request: Request): Promise<Locale> {
  const locale = await i18next.getLocale(request);
  return isLocale(locale) ? locale : fallbackLng;
}

export async function queueAccountMail(tx: Tx, to: string, locale: Locale, mail: AccountMail) {
  const t = await i18next.getFixedT(locale, "auth");
  const { kind, ...params } = mail;
  await tx.emailOutbox.create({
    data: { to, subject: t(`mail.${kind}.subject`), body: t(`mail.${kind}.body`, params) },
    select: { id: true },
  });
}
