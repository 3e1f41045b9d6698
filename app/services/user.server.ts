import { db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import type { Role, SessionUser } from "~/utils/auth.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";

export async function findUserIdByEmail(email: string) {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  return user?.id ?? null;
}

export async function createUser(input: { email: string; name: string; password: string; role?: Role }) {
  const passwordHash = await hashPassword(input.password);
  return db.user.create({
    data: { email: input.email, name: input.name, passwordHash, role: input.role ?? "SHOPPER" },
    select: { id: true },
  });
}

/**
 * Signing up: the account, or null when the email is taken. Two sign-ups with one email at once (a
 * double submit) both pass a look-up first; the unique email lets one in and the other gets null.
 */
export async function registerUser(input: { email: string; name: string; password: string }) {
  try {
    return await createUser(input);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
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

/** Changes the password and revokes every other session of the user. */
export async function changePassword(userId: string, currentPassword: string, newPassword: string, keepSessionId: string | null) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) return { ok: false as const };
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
  return { ok: true as const };
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
