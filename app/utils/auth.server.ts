import { redirect } from "@remix-run/node";
import { db } from "./db.server";
import { SESSION_DAYS, sessionStorage } from "./session.server";

import { roleSchema, type Role } from "~/domain/auth/roles";
import { fromColumn } from "~/domain/stored";

export type { Role };

export type SessionUser = { id: string; email: string; name: string; role: Role };

async function getSessionId(request: Request) {
  const session = await sessionStorage.getSession(request.headers.get("Cookie"));
  const id = session.get("sessionId");
  return typeof id === "string" ? id : null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await getSessionId(request);
  if (!sessionId) return null;
  const session = await db.session.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() } },
    select: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  return { ...session.user, role: fromColumn(roleSchema, "User.role", session.user.role) };
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  return user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return user;
}

/**
 * Logs a user in: always a new session id (never one the client brought along, so a planted cookie is
 * worth nothing), and the session the request came with, if any, is deleted.
 */
export async function createUserSession(userId: string, redirectTo: string, request?: Request) {
  const previous = request ? await getSessionId(request) : null;
  if (previous) await db.session.deleteMany({ where: { id: previous } });
  const dbSession = await db.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000) },
    select: { id: true, expiresAt: true },
  });
  const cookieSession = await sessionStorage.getSession();
  cookieSession.set("sessionId", dbSession.id);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionStorage.commitSession(cookieSession, { expires: dbSession.expiresAt }) },
  });
}

export async function logout(request: Request, redirectTo = "/") {
  const sessionId = await getSessionId(request);
  if (sessionId) await db.session.deleteMany({ where: { id: sessionId } });
  const cookieSession = await sessionStorage.getSession(request.headers.get("Cookie"));
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage.destroySession(cookieSession) } });
}

export async function currentSessionId(request: Request) {
  return getSessionId(request);
}
