import crypto from "node:crypto";
import { isCommonPassword } from "~/domain/auth/common-passwords";
import { db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import type { Locale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { hitRateLimit, rules } from "~/utils/rate-limit.server";
import { queueAccountMail, siteUrl } from "./account-mail.server";

// Sign-up and password reset by email link. Neither form tells whether an email is registered: both
// answer the same page, do the same costly work on either branch, and the difference goes only to the
// address itself (a link, or "you already have an account" / "there is no account"). A link's token
// is 32 random bytes; the database keeps its SHA-256 only, so a leaked table opens nothing. A link is
// used once (a conditional delete: two clicks at once let one through) and expires.

export const SIGNUP_LINK_HOURS = 24;
export const RESET_LINK_MINUTES = 30;

function newToken() {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type PasswordRefusal = { ok: false; reason: "passwordCommon" };

/**
 * A sign-up form sent: a new email gets a link that creates the account; a registered one gets a mail
 * to its owner and nothing changes. The same answer either way (and when the address had its mails for
 * the hour: then nothing is sent). Only a common password is refused, which says nothing about the email.
 */
export async function requestSignup(
  input: { email: string; name: string; password: string; redirectTo: string; locale: Locale },
  now = new Date(),
): Promise<{ ok: true } | PasswordRefusal> {
  if (isCommonPassword(input.password)) return { ok: false, reason: "passwordCommon" };
  // Hashed on both branches: the hash is most of the answer's time, so the time does not tell them apart.
  const passwordHash = await hashPassword(input.password);
  const { token, tokenHash } = newToken();
  if ((await hitRateLimit(rules.signupPerEmail, input.email, now)) !== null) return { ok: true };
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  await db.$transaction(async (tx) => {
    if (existing) {
      const mail = { kind: "signupExisting", loginLink: siteUrl("/login"), resetLink: siteUrl("/forgot-password") } as const;
      await queueAccountMail(tx, input.email, input.locale, mail);
      return;
    }
    await tx.signupRequest.create({
      data: {
        tokenHash,
        email: input.email,
        name: input.name,
        passwordHash,
        redirectTo: input.redirectTo.length <= 1000 ? input.redirectTo : "/",
        expiresAt: new Date(now.getTime() + SIGNUP_LINK_HOURS * 3600_000),
      },
      select: { id: true },
    });
    const mail = { kind: "signupLink", link: siteUrl(`/signup/${token}`), hours: SIGNUP_LINK_HOURS } as const;
    await queueAccountMail(tx, input.email, input.locale, mail);
  });
  return { ok: true };
}

/** The sign-up a link stands for, while it can still be used (the page shows it before the click). */
export async function findSignupRequest(token: string, now = new Date()) {
  const row = await db.signupRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, name: true, passwordHash: true, redirectTo: true, expiresAt: true },
  });
  return row && row.expiresAt > now ? row : null;
}

export type SignupOutcome = { ok: true; userId: string; redirectTo: string } | { ok: false; reason: "invalid" | "taken" };

/**
 * Opens a sign-up link: the account is created (if the email is still free) and the link, with every
 * other pending link of that address, is used up. Used twice at once, one creates the account and
 * the other finds the link gone.
 */
export async function completeSignup(token: string, now = new Date()): Promise<SignupOutcome> {
  const request = await findSignupRequest(token, now);
  if (!request) return { ok: false, reason: "invalid" };
  try {
    const user = await db.$transaction(async (tx) => {
      const used = await tx.signupRequest.deleteMany({ where: { id: request.id, expiresAt: { gt: now } } });
      if (used.count === 0) return null;
      const created = await tx.user.create({
        data: { email: request.email, name: request.name, passwordHash: request.passwordHash, role: "SHOPPER" },
        select: { id: true },
      });
      return created;
    });
    if (user) {
      // The address's other links are spent too. After the commit, not inside: deleting them there would
      // lock rows another link's transaction holds while it waits on our new email (a deadlock).
      await db.signupRequest.deleteMany({ where: { email: request.email } });
      return { ok: true, userId: user.id, redirectTo: request.redirectTo };
    }
    // Used up meanwhile: by a click on this link, or by another link of the address that created the account.
    const taken = await db.user.findUnique({ where: { email: request.email }, select: { id: true } });
    return { ok: false, reason: taken ? "taken" : "invalid" };
  } catch (error) {
    // Registered meanwhile (another link of the same address, or an admin): the link only proves the address.
    if (isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}

/**
 * "Forgot password": the owner of a registered email gets a reset link; any other address gets a mail
 * saying there is no account there. The same answer, and the same work, either way.
 */
export async function requestPasswordReset(input: { email: string; locale: Locale }, now = new Date()) {
  if ((await hitRateLimit(rules.passwordResetPerEmail, input.email, now)) !== null) return;
  const { token, tokenHash } = newToken();
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  await db.$transaction(async (tx) => {
    if (!user) {
      await queueAccountMail(tx, input.email, input.locale, { kind: "passwordResetNoAccount", signupLink: siteUrl("/signup") });
      return;
    }
    await tx.passwordReset.create({
      data: { tokenHash, userId: user.id, expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000) },
      select: { id: true },
    });
    const mail = { kind: "passwordReset", link: siteUrl(`/reset-password/${token}`), minutes: RESET_LINK_MINUTES } as const;
    await queueAccountMail(tx, input.email, input.locale, mail);
  });
}

/** The reset a link stands for, while it can still be used. */
export async function findPasswordReset(token: string, now = new Date()) {
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true },
  });
  return row && row.expiresAt > now ? row : null;
}

/**
 * Sets a new password through a reset link: the link and every other reset link of the user are used
 * up and every session of the user is revoked (whoever knew the old password is signed out). Used twice
 * at once, one sets the password and the other finds the link gone.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<{ ok: true; userId: string } | PasswordRefusal | { ok: false; reason: "invalid" }> {
  const reset = await findPasswordReset(token, now);
  if (!reset) return { ok: false, reason: "invalid" };
  if (isCommonPassword(newPassword)) return { ok: false, reason: "passwordCommon" };
  const passwordHash = await hashPassword(newPassword);
  const done = await db.$transaction(async (tx) => {
    const used = await tx.passwordReset.deleteMany({ where: { id: reset.id, expiresAt: { gt: now } } });
    if (used.count === 0) return false;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
    return true;
  });
  if (!done) return { ok: false, reason: "invalid" };
  // The user's other links are spent too; after the commit, for the reason completeSignup says.
  await db.passwordReset.deleteMany({ where: { userId: reset.userId } });
  return { ok: true, userId: reset.userId };
}

/** Links past their time (housekeeping): a used link is already gone. */
export async function pruneExpiredAccountLinks(now: Date, take: number) {
  const [signups, resets] = await Promise.all([
    db.signupRequest.findMany({ where: { expiresAt: { lt: now } }, orderBy: { expiresAt: "asc" }, take, select: { id: true } }),
    db.passwordReset.findMany({ where: { expiresAt: { lt: now } }, orderBy: { expiresAt: "asc" }, take, select: { id: true } }),
  ]);
  const [a, b] = await Promise.all([
    db.signupRequest.deleteMany({ where: { id: { in: signups.map((row) => row.id) }, expiresAt: { lt: now } } }),
    db.passwordReset.deleteMany({ where: { id: { in: resets.map((row) => row.id) }, expiresAt: { lt: now } } }),
  ]);
  return { found: Math.max(signups.length, resets.length), deleted: a.count + b.count };
}
