import { describe, expect, test } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as adminUsersAction, loader as adminUsersLoader } from "~/routes/admin.users";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cookieFrom, createTestUser, formRequest, getRequest, respond, TEST_PASSWORD } from "./helpers";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function errorsOf(response: Response) {
  const body = (await response.json()) as { error?: Record<string, string[] | null> };
  return body.error ?? {};
}

describe("signup", () => {
  test("creates an account, signs the user in and sends them where they came from", async () => {
    const response = await respond(() =>
      signupAction(
        args(
          formRequest("/signup", {
            email: " New.Shopper@Example.com ",
            name: "新买家",
            password: "longer-pass-1",
            confirmPassword: "longer-pass-1",
            redirectTo: "/c/electronics",
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/c/electronics");
    const user = await getUser(getRequest("/", cookieFrom(response)));
    expect(user).toMatchObject({ email: "new.shopper@example.com", name: "新买家", role: "SHOPPER" });
  });

  test("an off-site redirectTo is replaced by the home page", async () => {
    const response = await respond(() =>
      signupAction(
        args(
          formRequest("/signup", {
            email: "redir@example.com",
            name: "x",
            password: "longer-pass-1",
            confirmPassword: "longer-pass-1",
            redirectTo: "//evil.example/phish",
          }),
        ),
      ),
    );
    expect(response.headers.get("Location")).toBe("/");
  });

  test.each([
    ["malformed email", { email: "not-an-email" }, "email", "auth:errors.emailInvalid"],
    ["short password", { password: "abc1", confirmPassword: "abc1" }, "password", "auth:errors.passwordTooShort"],
    ["password without digits", { password: "onlyletters", confirmPassword: "onlyletters" }, "password", "auth:errors.passwordWeak"],
    ["mismatched confirmation", { confirmPassword: "different-pass-2" }, "confirmPassword", "auth:errors.passwordMismatch"],
    ["missing name", { name: "" }, "name", "auth:errors.nameRequired"],
  ])("refuses a %s with a field error and writes nothing", async (_label, override, field, message) => {
    const before = await db.user.count();
    const fields = { email: "valid@example.com", name: "名字", password: "longer-pass-1", confirmPassword: "longer-pass-1", ...override };
    const response = await respond(() => signupAction(args(formRequest("/signup", fields))));
    expect(response.status).toBe(400);
    expect((await errorsOf(response))[field]).toContain(message);
    expect(await db.user.count()).toBe(before);
  });

  test("refuses a taken email without touching the existing account", async () => {
    const existing = await createTestUser("SHOPPER");
    const before = await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true } });
    const response = await respond(() =>
      signupAction(
        args(
          formRequest("/signup", {
            email: existing.email.toUpperCase(),
            name: "dup",
            password: "another-pass-2",
            confirmPassword: "another-pass-2",
          }),
        ),
      ),
    );
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).email).toContain("auth:errors.emailTaken");
    const after = await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  test("is rate-limited per IP address", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const response = await respond(() =>
        signupAction(
          args(
            formRequest(
              "/signup",
              { email: `burst${index}@example.com`, name: "b", password: "longer-pass-1", confirmPassword: "longer-pass-1" },
              { ip: "203.0.113.9" },
            ),
          ),
        ),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 302)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(await db.user.count({ where: { email: { in: ["burst10@example.com", "burst11@example.com"] } } })).toBe(0);
  });
});

describe("login and logout", () => {
  test("the right password signs in; the wrong one gets a localized error", async () => {
    const user = await createTestUser("SHOPPER");
    const wrong = await respond(() => loginAction(args(formRequest("/login", { email: user.email, password: "wrong-pass-1" }))));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: Record<string, string[]> }).error[""]).toContain("auth:errors.invalidCredentials");

    const right = await respond(() =>
      loginAction(args(formRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/account" }))),
    );
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/account");
    expect((await getUser(getRequest("/", cookieFrom(right))))?.id).toBe(user.id);
  });

  test("logout revokes the session in the database, not just the cookie", async () => {
    const user = await createTestUser("SHOPPER");
    await respond(() => logoutAction(args(formRequest("/logout", {}, { cookie: user.cookie }))));
    expect(await getUser(getRequest("/", user.cookie))).toBeNull();
  });

  test("login is rate-limited per account even across IP addresses", async () => {
    const user = await createTestUser("SHOPPER");
    const statuses: number[] = [];
    for (let index = 0; index < 9; index += 1) {
      const response = await respond(() => loginAction(args(formRequest("/login", { email: user.email, password: "wrong-pass-1" }))));
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 8).every((status) => status === 400)).toBe(true);
    expect(statuses[8]).toBe(429);
    const blocked = await respond(() => loginAction(args(formRequest("/login", { email: user.email, password: TEST_PASSWORD }))));
    expect(blocked.status).toBe(429);
  });
});

describe("password change", () => {
  test("revokes every other session and keeps the current one", async () => {
    const user = await createTestUser("SHOPPER");
    const otherDevice = await respond(() => loginAction(args(formRequest("/login", { email: user.email, password: TEST_PASSWORD }))));
    const otherCookie = cookieFrom(otherDevice);
    const response = await respond(() =>
      accountAction(
        args(
          formRequest(
            "/account",
            { currentPassword: TEST_PASSWORD, newPassword: "brand-new-pass-7", confirmPassword: "brand-new-pass-7" },
            { cookie: user.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(200);
    expect(await getUser(getRequest("/", otherCookie))).toBeNull();
    expect((await getUser(getRequest("/", user.cookie)))?.id).toBe(user.id);
  });

  test("a wrong current password changes nothing", async () => {
    const user = await createTestUser("SHOPPER");
    const response = await respond(() =>
      accountAction(
        args(
          formRequest(
            "/account",
            { currentPassword: "nope-nope-1", newPassword: "brand-new-pass-7", confirmPassword: "brand-new-pass-7" },
            { cookie: user.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(400);
    const login = await respond(() => loginAction(args(formRequest("/login", { email: user.email, password: TEST_PASSWORD }))));
    expect(login.status).toBe(302);
  });
});

describe("roles", () => {
  test("only an admin opens the users page; others get 403 and guests are sent to login", async () => {
    const shopper = await createTestUser("SHOPPER");
    const agent = await createTestUser("AGENT");
    const admin = await createTestUser("ADMIN");
    expect((await respond(() => adminUsersLoader(args(getRequest("/admin/users", shopper.cookie))))).status).toBe(403);
    expect((await respond(() => adminUsersLoader(args(getRequest("/admin/users", agent.cookie))))).status).toBe(403);
    const guest = await respond(() => adminUsersLoader(args(getRequest("/admin/users"))));
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    expect((await respond(() => adminUsersLoader(args(getRequest("/admin/users", admin.cookie))))).status).toBe(200);
  });

  test("an admin changes a role and the change is audited", async () => {
    const shopper = await createTestUser("SHOPPER");
    const admin = await createTestUser("ADMIN");
    const response = await respond(() =>
      adminUsersAction(args(formRequest("/admin/users", { userId: shopper.id, role: "AGENT" }, { cookie: admin.cookie }))),
    );
    expect(response.status).toBe(200);
    expect((await getUser(getRequest("/", shopper.cookie)))?.role).toBe("AGENT");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: shopper.id },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit).toEqual({ actorId: admin.id, before: '{"role":"SHOPPER"}', after: '{"role":"AGENT"}' });
  });

  test("an unknown role is refused and nothing changes", async () => {
    const shopper = await createTestUser("SHOPPER");
    const admin = await createTestUser("ADMIN");
    const response = await respond(() =>
      adminUsersAction(args(formRequest("/admin/users", { userId: shopper.id, role: "ROOT" }, { cookie: admin.cookie }))),
    );
    expect(response.status).toBe(400);
    expect((await getUser(getRequest("/", shopper.cookie)))?.role).toBe("SHOPPER");
  });
});
