import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { runHousekeeping } from "~/services/housekeeping.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as signupAction } from "~/routes/signup";
import { action as signupLinkAction, loader as signupLinkLoader } from "~/routes/signup_.$token";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cookieFrom, createTestUser, formRequest, getRequest, respond, TEST_PASSWORD } from "./helpers";

// The links that sign-up and "forgot password" mail: single use, expiring, stored hashed, and the
// forms' answers the same whether or not the email is registered.

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const NEW_PASSWORD = "fresh-start-42";

function withLanguage(request: Request, language: string) {
  request.headers.set("Accept-Language", language);
  return request;
}

async function lastMail(to: string) {
  return db.emailOutbox.findFirstOrThrow({
    where: { to },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { subject: true, body: true },
  });
}

/** The token of the last `/signup/` or `/reset-password/` link mailed to `to`. */
async function mailedToken(to: string, path: "signup" | "reset-password") {
  const { body } = await lastMail(to);
  const token = new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(body)?.[1];
  if (!token) throw new Error(`no /${path}/ link in the mail to ${to}: ${body}`);
  return token;
}

async function signUp(email: string, language = "zh-CN") {
  const request = formRequest("/signup", { email, name: "链接买家", password: "longer-pass-1", confirmPassword: "longer-pass-1" });
  const response = await respond(() => signupAction(args(withLanguage(request, language))));
  expect(response.status).toBe(200);
  return mailedToken(email, "signup");
}

const openSignup = (token: string) => respond(() => signupLinkLoader(args(getRequest(`/signup/${token}`), { token })));
const useSignup = (token: string, cookie?: string) =>
  respond(() => signupLinkAction(args(formRequest(`/signup/${token}`, {}, { cookie }), { token })));

async function forgot(email: string, init: { ip?: string; language?: string } = {}) {
  const request = withLanguage(formRequest("/forgot-password", { email }, { ip: init.ip }), init.language ?? "zh-CN");
  return respond(() => forgotAction(args(request)));
}

const openReset = (token: string) => respond(() => resetLoader(args(getRequest(`/reset-password/${token}`), { token })));
const useReset = (token: string, password = NEW_PASSWORD, cookie?: string) =>
  respond(() =>
    resetAction(args(formRequest(`/reset-password/${token}`, { newPassword: password, confirmPassword: password }, { cookie }), { token })),
  );

const logIn = (email: string, password: string) => respond(() => loginAction(args(formRequest("/login", { email, password }))));

describe("sign-up links", () => {
  test("a link works once: a second use, or two clicks at once, never makes a second account", async () => {
    const email = `once-${crypto.randomUUID()}@example.com`;
    const token = await signUp(email);
    const clicks = await Promise.all([useSignup(token), useSignup(token)]);
    expect(clicks.map((response) => response.status).sort()).toEqual([302, 409]);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect((await openSignup(token)).status).toBe(410);
    expect((await useSignup(token)).status).toBe(410);
  });

  test("an expired link shows a localized 'no longer valid' page and creates nothing", async () => {
    const email = `late-${crypto.randomUUID()}@example.com`;
    const token = await signUp(email);
    await db.signupRequest.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const page = await openSignup(token);
    expect(page.status).toBe(410);
    expect(await page.json()).toEqual({ state: "invalid" });
    expect((await useSignup(token)).status).toBe(410);
    expect(await db.user.count({ where: { email } })).toBe(0);
    // A made-up token is the same.
    expect((await openSignup("x".repeat(43))).status).toBe(410);
  });

  test("only the token's SHA-256 is stored", async () => {
    const email = `hashed-${crypto.randomUUID()}@example.com`;
    const token = await signUp(email);
    const rows = await db.signupRequest.findMany({ where: { email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test("using a link while logged in as someone else replaces that session", async () => {
    const someone = await createTestUser("SHOPPER");
    const email = `switch-${crypto.randomUUID()}@example.com`;
    const token = await signUp(email);
    const response = await useSignup(token, someone.cookie);
    expect(response.status).toBe(302);
    expect(await getUser(getRequest("/", someone.cookie))).toBeNull();
    expect((await getUser(getRequest("/", cookieFrom(response))))?.email).toBe(email);
  });

  test("the mail is in the asker's language", async () => {
    const english = `english-${crypto.randomUUID()}@example.com`;
    await signUp(english, "en-US,en;q=0.9");
    expect(await lastMail(english)).toMatchObject({ subject: "Finish signing up at GlobalBuy" });
    const existing = await createTestUser("SHOPPER");
    const request = formRequest("/signup", {
      email: existing.email,
      name: "x",
      password: "longer-pass-1",
      confirmPassword: "longer-pass-1",
    });
    await respond(() => signupAction(args(withLanguage(request, "en"))));
    const mail = await lastMail(existing.email);
    expect(mail.subject).toBe("Someone tried to sign up with your email at GlobalBuy");
    expect(mail.body).toContain("Nothing about your account changed.");
  });

  test("without SMTP the mail waits in the outbox, where an admin reads the whole link", async () => {
    const email = `outbox-${crypto.randomUUID()}@example.com`;
    const token = await signUp(email);
    const admin = await createTestUser("ADMIN");
    const page = await respond(() => outboxLoader(args(getRequest("/admin/outbox?status=PENDING", admin.cookie))));
    const { mails } = (await page.json()) as { mails: { to: string; status: string; body: string }[] };
    const mail = mails.find((row) => row.to === email);
    expect(mail?.status).toBe("PENDING");
    expect(mail?.body).toContain(`http://localhost:3000/signup/${token}`);
  });
});

describe("password reset", () => {
  test("a registered and an unknown email get the same answer; only the owner gets a link", async () => {
    const user = await createTestUser("SHOPPER");
    const unknown = `nobody-${crypto.randomUUID()}@example.com`;
    const answers = [];
    for (const email of [user.email, unknown]) {
      const response = await forgot(email);
      answers.push({ status: response.status, body: (await response.text()).replace(email, "<email>") });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.status).toBe(200);
    expect(await mailedToken(user.email, "reset-password")).toHaveLength(43);
    const toUnknown = await lastMail(unknown);
    expect(toUnknown.subject).toBe("环球代购密码重设申请");
    expect(toUnknown.body).not.toMatch(/reset-password\//);
    expect(await db.passwordReset.count({ where: { user: { email: unknown } } })).toBe(0);
  });

  test("the link sets a new password, signs out every session, logs the owner in, and works once", async () => {
    const user = await createTestUser("SHOPPER");
    const otherDevice = cookieFrom(await logIn(user.email, TEST_PASSWORD));
    await forgot(user.email);
    const token = await mailedToken(user.email, "reset-password");
    expect((await openReset(token)).status).toBe(200);

    const response = await useReset(token);
    expect(response.status).toBe(302);
    expect((await getUser(getRequest("/", cookieFrom(response))))?.id).toBe(user.id);
    expect(await getUser(getRequest("/", user.cookie))).toBeNull();
    expect(await getUser(getRequest("/", otherDevice))).toBeNull();
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(400);
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(302);

    expect((await openReset(token)).status).toBe(410);
    const again = await useReset(token, "another-start-43");
    expect(again.status).toBe(410);
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(302);
  });

  test("two uses of one link at once: one new password, the other refused", async () => {
    const user = await createTestUser("SHOPPER");
    await forgot(user.email);
    const token = await mailedToken(user.email, "reset-password");
    const responses = await Promise.all([useReset(token, "racing-pass-1"), useReset(token, "racing-pass-2")]);
    expect(responses.map((response) => response.status).sort()).toEqual([302, 410]);
    const logins = await Promise.all([logIn(user.email, "racing-pass-1"), logIn(user.email, "racing-pass-2")]);
    expect(logins.map((response) => response.status).sort()).toEqual([302, 400]);
  });

  test("two links of one user used at once: no deadlock, and the user's other links are spent", async () => {
    const user = await createTestUser("SHOPPER");
    await forgot(user.email, { ip: "198.51.100.160" });
    const first = await mailedToken(user.email, "reset-password");
    await forgot(user.email, { ip: "198.51.100.161" });
    const second = await mailedToken(user.email, "reset-password");
    await forgot(user.email, { ip: "198.51.100.162" });
    const third = await mailedToken(user.email, "reset-password");
    const responses = await Promise.all([useReset(first, "racing-pass-3"), useReset(second, "racing-pass-4")]);
    // One sets the password; the other does too, or finds its link spent by the first (never a 500).
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses[0]).toBe(302);
    expect([302, 410]).toContain(statuses[1]);
    expect((await openReset(third)).status).toBe(410);
    expect(await db.passwordReset.count({ where: { userId: user.id } })).toBe(0);
  });

  test("a new password follows the same rules, the common list too; the link stays usable after a refusal", async () => {
    const user = await createTestUser("SHOPPER");
    await forgot(user.email);
    const token = await mailedToken(user.email, "reset-password");
    const common = await useReset(token, "Iloveyou1");
    expect(common.status).toBe(400);
    expect(((await common.json()) as { result: { error: Record<string, string[]> } }).result.error.newPassword).toEqual([
      "auth:errors.passwordCommon",
    ]);
    const short = await useReset(token, "abc1");
    expect(short.status).toBe(400);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(302);
    expect((await useReset(token)).status).toBe(302);
  });

  test("an expired link is refused", async () => {
    const user = await createTestUser("SHOPPER");
    await forgot(user.email);
    const token = await mailedToken(user.email, "reset-password");
    await db.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await openReset(token)).status).toBe(410);
    expect((await useReset(token)).status).toBe(410);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  test("requests are limited per address (429) and per email (the same answer, no more mail)", async () => {
    const user = await createTestUser("SHOPPER");
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await forgot(user.email, { ip: `198.51.100.${150 + index}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await db.emailOutbox.count({ where: { to: user.email } })).toBe(3);

    const fromOne: number[] = [];
    for (let index = 0; index < 11; index += 1) fromOne.push((await forgot(`spray-${index}@example.com`, { ip: "203.0.113.99" })).status);
    expect(fromOne.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(fromOne[10]).toBe(429);
  });

  test("the reset mail is in the asker's language", async () => {
    const user = await createTestUser("SHOPPER");
    await forgot(user.email, { language: "en" });
    const mail = await lastMail(user.email);
    expect(mail.subject).toBe("Reset your GlobalBuy password");
    expect(mail.body).toMatch(/http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]{43}/);
  });
});

describe("housekeeping", () => {
  test("expired sign-up and reset links are pruned with the sessions; live ones stay", async () => {
    const user = await createTestUser("SHOPPER");
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3600_000);
    const request = { email: "prune@example.com", name: "x", passwordHash: "scrypt$x" };
    await db.signupRequest.create({ data: { ...request, tokenHash: "expired-signup", expiresAt: past } });
    await db.signupRequest.create({ data: { ...request, tokenHash: "live-signup", expiresAt: future } });
    await db.passwordReset.create({ data: { userId: user.id, tokenHash: "expired-reset", expiresAt: past } });
    await db.passwordReset.create({ data: { userId: user.id, tokenHash: "live-reset", expiresAt: future } });
    const run = await runHousekeeping("CLI", "test");
    expect(run.outcome).toBe("OK");
    expect(
      (await db.signupRequest.findMany({ where: { email: request.email }, select: { tokenHash: true } })).map((row) => row.tokenHash),
    ).toEqual(["live-signup"]);
    expect(
      (await db.passwordReset.findMany({ where: { userId: user.id }, select: { tokenHash: true } })).map((row) => row.tokenHash),
    ).toEqual(["live-reset"]);
  });
});
