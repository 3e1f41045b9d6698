import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as adminUsersAction, loader as adminUsersLoader } from "~/routes/admin.users";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { action as signupLinkAction, loader as signupLinkLoader } from "~/routes/signup_.$token";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { LOGIN_SLOWDOWN_MS, rules } from "~/utils/rate-limit.server";
import { cookieFrom, createTestUser, formRequest, getRequest, respond, TEST_PASSWORD } from "./helpers";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function errorsOf(response: Response) {
  const body = (await response.json()) as { error?: Record<string, string[] | null> };
  return body.error ?? {};
}

const SIGNUP = { name: "新买家", password: "longer-pass-1", confirmPassword: "longer-pass-1" };

function signUp(fields: Record<string, string>, ip?: string) {
  return respond(() => signupAction(args(formRequest("/signup", { ...SIGNUP, ...fields }, { ip }))));
}

function logInAs(email: string, password: string, init: { ip?: string; cookie?: string } = {}) {
  return respond(() => loginAction(args(formRequest("/login", { email, password }, init))));
}

/** The path of the last link mailed to `to` (the mail waits in the outbox). */
async function mailedLink(to: string, prefix: string) {
  const mail = await db.emailOutbox.findFirstOrThrow({
    where: { to },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { body: true },
  });
  const match = new RegExp(`https?://[^/\\s]+(${prefix}[A-Za-z0-9_-]{43})`).exec(mail.body);
  if (!match?.[1]) throw new Error(`no ${prefix} link in the mail to ${to}: ${mail.body}`);
  return match[1];
}

describe("signup", () => {
  test("a new and a registered email get the same answer; the account is untouched and only the address learns which", async () => {
    const existing = await createTestUser("SHOPPER");
    const before = await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true, name: true } });
    const fresh = `fresh-${crypto.randomUUID()}@example.com`;
    const answers = [];
    for (const email of [fresh, existing.email.toUpperCase()]) {
      const response = await signUp({ email, password: "another-pass-2", confirmPassword: "another-pass-2" });
      answers.push({ status: response.status, body: (await response.text()).replace(email.toLowerCase(), "<email>") });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.status).toBe(200);
    expect(answers[0]?.body).toContain('"sentTo":"<email>"');

    expect(await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true, name: true } })).toEqual(before);
    expect(await db.user.count({ where: { email: fresh } })).toBe(0);
    expect(await db.signupRequest.count({ where: { email: existing.email } })).toBe(0);
    const [toFresh] = await db.emailOutbox.findMany({ where: { to: fresh }, select: { subject: true, body: true } });
    const [toOwner] = await db.emailOutbox.findMany({ where: { to: existing.email }, select: { subject: true, body: true } });
    expect(toFresh?.subject).toBe("完成环球代购注册");
    expect(toFresh?.body).toMatch(/http:\/\/localhost:\d+\/signup\/[A-Za-z0-9_-]{43}/);
    expect(toOwner?.subject).toBe("有人尝试用你的邮箱注册环球代购");
    expect(toOwner?.body).toContain("/forgot-password");
    expect(toOwner?.body).not.toMatch(/\/signup\/[A-Za-z0-9_-]{43}/);
  });

  test("the mailed link creates the account, logs in and sends the user where they came from", async () => {
    const email = `new-${crypto.randomUUID()}@example.com`;
    await signUp({ email: ` ${email.toUpperCase()} `, redirectTo: "/c/electronics" });
    const link = await mailedLink(email, "/signup/");
    const token = link.slice("/signup/".length);
    const page = await respond(() => signupLinkLoader({ request: getRequest(link), params: { token }, context: {} }));
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ state: "ready", email, name: "新买家" });
    expect(await db.user.count({ where: { email } })).toBe(0);

    const response = await respond(() => signupLinkAction({ request: formRequest(link, {}), params: { token }, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/c/electronics");
    expect(await getUser(getRequest("/", cookieFrom(response)))).toMatchObject({ email, name: "新买家", role: "SHOPPER" });
    const login = await logInAs(email, SIGNUP.password);
    expect(login.status).toBe(302);
  });

  test("an off-site redirectTo is replaced by the home page", async () => {
    const email = `redir-${crypto.randomUUID()}@example.com`;
    await signUp({ email, redirectTo: "//evil.example/phish" });
    const link = await mailedLink(email, "/signup/");
    const token = link.slice("/signup/".length);
    const response = await respond(() => signupLinkAction({ request: formRequest(link, {}), params: { token }, context: {} }));
    expect(response.headers.get("Location")).toBe("/");
  });

  test.each([
    ["malformed email", { email: "not-an-email" }, "email", "auth:errors.emailInvalid"],
    ["short password", { password: "abc1", confirmPassword: "abc1" }, "password", "auth:errors.passwordTooShort"],
    ["password without digits", { password: "onlyletters", confirmPassword: "onlyletters" }, "password", "auth:errors.passwordWeak"],
    ["common password", { password: "1qaz2wsx", confirmPassword: "1qaz2wsx" }, "password", "auth:errors.passwordCommon"],
    ["common password in other case", { password: "ILoveYou1", confirmPassword: "ILoveYou1" }, "password", "auth:errors.passwordCommon"],
    ["mismatched confirmation", { confirmPassword: "different-pass-2" }, "confirmPassword", "auth:errors.passwordMismatch"],
    ["missing name", { name: "" }, "name", "auth:errors.nameRequired"],
  ])("refuses a %s with a field error and writes nothing", async (_label, override, field, message) => {
    const email = `valid-${crypto.randomUUID()}@example.com`;
    const response = await signUp({ email, ...override });
    expect(response.status).toBe(400);
    expect((await errorsOf(response))[field]).toContain(message);
    expect(await db.signupRequest.count({ where: { email } })).toBe(0);
    expect(await db.emailOutbox.count({ where: { to: email } })).toBe(0);
  });

  test("is rate-limited per IP address", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) statuses.push((await signUp({ email: `burst${index}@example.com` }, "203.0.113.9")).status);
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(await db.signupRequest.count({ where: { email: { in: ["burst10@example.com", "burst11@example.com"] } } })).toBe(0);
  });

  test("one address is mailed at most three times an hour, from any number of sources, and the answer does not change", async () => {
    const email = `bombed-${crypto.randomUUID()}@example.com`;
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await signUp({ email }, `198.51.100.${100 + index}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await db.emailOutbox.count({ where: { to: email } })).toBe(3);
  });
});

describe("login and logout", () => {
  test("the right password signs in; the wrong one gets a localized error", async () => {
    const user = await createTestUser("SHOPPER");
    const wrong = await logInAs(user.email, "wrong-pass-1");
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: Record<string, string[]> }).error[""]).toContain("auth:errors.invalidCredentials");

    const right = await respond(() =>
      loginAction(args(formRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/account" }))),
    );
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/account");
    expect((await getUser(getRequest("/", cookieFrom(right))))?.id).toBe(user.id);
  });

  test("a login gets a new session id and deletes the session it came with: the old cookie no longer works", async () => {
    const user = await createTestUser("SHOPPER");
    const other = await createTestUser("SHOPPER");
    // The same account again, and another account, logging in from a browser that holds a session.
    for (const email of [user.email, other.email]) {
      const before = await createTestUser("SHOPPER");
      const response = await logInAs(email, TEST_PASSWORD, { cookie: before.cookie });
      expect(response.status).toBe(302);
      const cookie = cookieFrom(response);
      expect(cookie).not.toBe(before.cookie);
      expect(await getUser(getRequest("/", before.cookie))).toBeNull();
      expect((await getUser(getRequest("/", cookie)))?.email).toBe(email);
    }
    // Sessions of the account elsewhere stay: a login on one device does not sign out the others.
    expect((await getUser(getRequest("/", user.cookie)))?.id).toBe(user.id);
  });

  test("logout revokes the session in the database, not just the cookie", async () => {
    const user = await createTestUser("SHOPPER");
    const response = await respond(() => logoutAction(args(formRequest("/logout", {}, { cookie: user.cookie }))));
    expect(response.status).toBe(302);
    expect(await getUser(getRequest("/", user.cookie))).toBeNull();
  });
});

describe("failed-login limits", () => {
  test("an attacker's failures lock out the attacker's address, not the owner: 429 with Retry-After there, a login from elsewhere", async () => {
    const user = await createTestUser("SHOPPER");
    const attacker = "203.0.113.66";
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await logInAs(user.email, `guess-${index}-pass`, { ip: attacker })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const refused = await logInAs(user.email, "guess-6-pass", { ip: attacker });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await errorsOf(refused))[""]).toEqual(["auth:errors.tooManyFailures"]);
    // Even the right password is refused from there: the address is out of guesses for this account.
    expect((await logInAs(user.email, TEST_PASSWORD, { ip: attacker })).status).toBe(429);
    // The owner, from anywhere else, logs in; the attacker's address may still try other accounts.
    expect((await logInAs(user.email, TEST_PASSWORD, { ip: "198.51.100.77" })).status).toBe(302);
    const other = await createTestUser("SHOPPER");
    expect((await logInAs(other.email, TEST_PASSWORD, { ip: attacker })).status).toBe(302);
  });

  test("guesses sent all at once from one address get five tries, not more", async () => {
    const user = await createTestUser("SHOPPER");
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) => logInAs(user.email, `parallel-${index}-pass`, { ip: "203.0.113.67" })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(7).fill(429)]);
  });

  test("a successful login is not counted as a failure", async () => {
    const user = await createTestUser("SHOPPER");
    const ip = "203.0.113.68";
    for (let index = 0; index < 4; index += 1) expect((await logInAs(user.email, `typo-${index}-pass`, { ip })).status).toBe(400);
    expect((await logInAs(user.email, TEST_PASSWORD, { ip })).status).toBe(302);
    // Four failures so far, not five (the success was given back): a fifth is answered, a sixth refused.
    expect((await logInAs(user.email, "typo-4-pass", { ip })).status).toBe(400);
    expect((await logInAs(user.email, "typo-5-pass", { ip })).status).toBe(429);
  });

  test("after many failures from many addresses every attempt on the account waits, and the right password still gets in", async () => {
    const user = await createTestUser("SHOPPER");
    const delay = LOGIN_SLOWDOWN_MS;
    const timed = async (password: string, ip: string) => {
      const started = performance.now();
      const response = await logInAs(user.email, password, { ip });
      return { status: response.status, ms: performance.now() - started };
    };
    const fast = await timed("first-guess-1", "192.0.2.1");
    expect(fast).toMatchObject({ status: 400 });
    expect(fast.ms).toBeLessThan(delay);
    // 20 failures in all (the account's limit), five from each of four addresses (each address's limit).
    for (let index = 1; index < rules.loginFailuresPerAccount.limit; index += 1) {
      expect((await timed(`guess-${index}-pass`, `192.0.2.${1 + Math.floor(index / 5)}`)).status).toBe(400);
    }
    const slowedGuess = await timed("guess-from-a-new-address-1", "192.0.2.50");
    expect(slowedGuess.status).toBe(400);
    expect(slowedGuess.ms).toBeGreaterThanOrEqual(delay);
    const owner = await timed(TEST_PASSWORD, "198.51.100.78");
    expect(owner.status).toBe(302);
    expect(owner.ms).toBeGreaterThanOrEqual(delay);
    // Another account is not slowed.
    const other = await createTestUser("SHOPPER");
    const started = performance.now();
    expect((await logInAs(other.email, TEST_PASSWORD, { ip: "198.51.100.78" })).status).toBe(302);
    expect(performance.now() - started).toBeLessThan(delay);
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

  test("a common password is refused as the new one (any case), and the old one still works", async () => {
    const user = await createTestUser("SHOPPER");
    const response = await respond(() =>
      accountAction(
        args(
          formRequest(
            "/account",
            { currentPassword: TEST_PASSWORD, newPassword: "1QAZ2WSX", confirmPassword: "1QAZ2WSX" },
            { cookie: user.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error.newPassword).toEqual([
      "auth:errors.passwordCommon",
    ]);
    expect((await logInAs(user.email, TEST_PASSWORD)).status).toBe(302);
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
