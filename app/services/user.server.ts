import { setTimeout as sleep } from "node:timers/promises";
import { isCommonPassword } from "~/domain/auth/common-passwords";
import type { Role, SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { hitRateLimit, LOGIN_SLOWDOWN_MS, releaseRateLimit, rules } from "~/utils/rate-limit.server";

export async function createUser(input: { email: string; name: string; password: string; role?: Role }) {
  const passwordHash = await hashPassword(input.password);
  return db.user.create({
    data: { email: input.email, name: input.name, passwordHash, role: input.role ?? "SHOPPER" },
    select: { id: true },
  });
}

// A dummy hash keeps the timing of "no such account" close to "wrong password".
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(email: string, password: string): Promise<{ id: string } | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password-0");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id } : null;
}

export type LoginOutcome =
  { ok: true; userId: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "limited"; retryAfter: number };

/**
 * A login attempt under the failed-login limits (rules in app/utils/rate-limit.server.ts): attempts per
 * address; failures per account and address (past it that address gets "limited", the owner elsewhere
 * does not); failures per account from everywhere (past it every attempt on the account first waits
 * LOGIN_SLOWDOWN_MS, and the right password still gets in). Failures are counted before the password is
 * checked, so parallel guesses cannot outrun the count, and a success gives its count back.
 */
export async function logIn(email: string, password: string, ip: string, now = new Date()): Promise<LoginOutcome> {
  const fromHere = `${email} ${ip}`;
  const wait = (await hitRateLimit(rules.loginPerIp, ip, now)) ?? (await hitRateLimit(rules.loginFailuresPerAccountAndIp, fromHere, now));
  if (wait !== null) return { ok: false, reason: "limited", retryAfter: wait };
  const slowed = (await hitRateLimit(rules.loginFailuresPerAccount, email, now)) !== null;
  if (slowed) await sleep(LOGIN_SLOWDOWN_MS);
  const user = await verifyLogin(email, password);
  if (!user) return { ok: false, reason: "invalid" };
  await releaseRateLimit(rules.loginFailuresPerAccountAndIp, fromHere, now);
  if (!slowed) await releaseRateLimit(rules.loginFailuresPerAccount, email, now);
  return { ok: true, userId: user.id };
}

export type ChangePasswordOutcome = { ok: true } | { ok: false; reason: "currentPasswordWrong" | "passwordCommon" };

/** Changes the password and revokes every other session of the user. */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<ChangePasswordOutcome> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) return { ok: false, reason: "currentPasswordWrong" };
  if (isCommonPassword(newPassword)) return { ok: false, reason: "passwordCommon" };
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
  return { ok: true };
}

export async function listUsers() {
  return db.user.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
}

export async function setUserRole(actor: SessionUser, userId: string, role: Role) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user) return { ok: false as const, reason: "notFound" as const };
  if (actor.id === userId && role !== "ADMIN") return { ok: false as const, reason: "selfDemotion" as const };
  if (user.role === role) return { ok: true as const };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { role } }),
    db.auditLog.create({
      data: {
        actorId: actor.id,
        entity: "User",
        entityId: userId,
        action: "role.change",
        before: JSON.stringify({ role: user.role }),
        after: JSON.stringify({ role }),
      },
    }),
  ]);
  return { ok: true as const };
}
