import crypto from "node:crypto";
import type { Role } from "~/domain/auth/roles";
import { createUser } from "~/services/user.server";
import { createUserSession } from "~/utils/auth.server";

export const BASE = "http://localhost:3000";
export const TEST_PASSWORD = "correct-horse-9";

export function formRequest(pathname: string, fields: Record<string, string>, init: { cookie?: string; ip?: string } = {}) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (init.cookie) headers.set("Cookie", init.cookie);
  headers.set("x-client-ip", init.ip ?? `10.0.0.${crypto.randomInt(1, 250)}`);
  return new Request(`${BASE}${pathname}`, { method: "POST", headers, body: new URLSearchParams(fields) });
}

export function getRequest(pathname: string, cookie?: string) {
  return new Request(`${BASE}${pathname}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function cookieFrom(response: Response) {
  const setCookie = response.headers.get("Set-Cookie");
  if (!setCookie) throw new Error("response set no cookie");
  return setCookie.split(";")[0] ?? "";
}

export async function createTestUser(role: Role = "SHOPPER", email = `${role.toLowerCase()}-${crypto.randomUUID()}@example.com`) {
  const user = await createUser({ email, name: `${role} tester`, password: TEST_PASSWORD, role });
  const cookie = cookieFrom(await createUserSession(user.id, "/"));
  return { id: user.id, email, cookie };
}

/** Runs a loader or action and returns the thrown or returned Response. */
export async function respond(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    throw new Error("route returned a non-Response value");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
