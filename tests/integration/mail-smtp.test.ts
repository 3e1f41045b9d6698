import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { smtpTransport, type SmtpOptions } from "~/integrations/mail.server";
import { runMailer, sendOutbox } from "~/services/outbox.server";
import { db } from "~/utils/db.server";

// The real SMTP transport (nodemailer) against a real SMTP server on a loopback port: what arrives,
// what a refusal or an outage does to the outbox row, and that a slow server cannot stall the mailer.

const MINUTE = 60_000;
const FAST: SmtpOptions["timeouts"] = { connectionTimeout: 300, greetingTimeout: 300, socketTimeout: 300 };

let certDir: string;
let tls: { key: Buffer; cert: Buffer };

beforeAll(() => {
  // A self-signed certificate for 127.0.0.1, made for this run: the transport must trust it as a given CA.
  certDir = mkdtempSync(path.join(tmpdir(), "smtp-test-"));
  const key = path.join(certDir, "key.pem");
  const cert = path.join(certDir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"].concat([
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]),
    { stdio: "ignore" },
  );
  tls = { key: readFileSync(key), cert: readFileSync(cert) };
});

afterAll(() => rmSync(certDir, { recursive: true, force: true }));

type Received = { parsed: ParsedMail; secure: boolean; user: string | undefined; method: string | undefined };
const closers: (() => Promise<void>)[] = [];

async function listen(server: { listen(port: number, host: string, cb: () => void): unknown }, port = 0) {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
}

function refusal(message: string, responseCode: number) {
  return Object.assign(new Error(message), { responseCode });
}

/** A real SMTP server; `options` refuse what a test needs refused. Plain (no TLS, no AUTH) unless told. */
async function startSmtp(options: Partial<SMTPServerOptions> = {}, port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({ parsed, secure: session.secure, user: session.user as string | undefined, method: methods.get(session.id) });
          callback();
        })
        .catch(callback);
    },
    ...options,
  });
  const methods = new Map<string, string>();
  const onAuth = options.onAuth;
  if (onAuth)
    server.onAuth = (auth, session, callback) => {
      methods.set(session.id, auth.method);
      onAuth(auth, session, callback);
    };
  await listen(server, port);
  const address = server.server.address() as net.AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  closers.push(close);
  return { port: address.port, received, close };
}

/** A scripted SMTP peer for what a real server does badly: never greet, stall, hang up mid-DATA. */
async function startRaw(script: "silent" | "hangUpInData" | "stallAfterData") {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    if (script === "silent") return;
    socket.write("220 test ESMTP\r\n");
    let inData = false;
    socket.on("data", (chunk) => {
      if (inData) {
        if (script === "hangUpInData") socket.destroy();
        // stallAfterData: read the message and never answer it
        return;
      }
      for (const line of chunk.toString().split("\r\n").filter(Boolean)) {
        if (/^(EHLO|HELO)/i.test(line)) socket.write("250 test\r\n");
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else socket.write("250 ok\r\n");
      }
    });
  });
  await listen(server);
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  closers.push(close);
  return { port: (server.address() as net.AddressInfo).port };
}

/** A loopback port nothing listens on (for now). */
async function freePort() {
  const server = net.createServer();
  await listen(server);
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const transportFor = (port: number, options: SmtpOptions = {}, credentials = "", query = "") =>
  smtpTransport(`smtp://${credentials}127.0.0.1:${port}${query}`, { timeouts: options.timeouts ?? {}, tls: options.tls })!;

async function queueMail(to: string, subject: string, extra: { html?: string; headers?: Record<string, string> } = {}) {
  return db.emailOutbox.create({
    data: {
      to,
      subject,
      body: `正文：${subject}`,
      html: extra.html ?? null,
      headers: extra.headers ? JSON.stringify(extra.headers) : null,
      createdAt: new Date(Date.now() - MINUTE),
    },
  });
}

const row = (id: string) =>
  db.emailOutbox.findUniqueOrThrow({
    where: { id },
    select: { status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true },
  });

beforeEach(async () => {
  await db.emailOutbox.deleteMany();
  await db.jobLease.deleteMany();
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("a mail through a real SMTP server", () => {
  const secureServer = (accept: { user: string; pass: string }) =>
    startSmtp({
      key: tls.key,
      cert: tls.cert,
      disabledCommands: [],
      authOptional: false,
      authMethods: ["PLAIN", "LOGIN"],
      onAuth(auth, _session, callback) {
        if (auth.username === accept.user && auth.password === accept.pass) return callback(null, { user: auth.username });
        return callback(refusal("Invalid username or password", 535));
      },
    });

  test.each(["PLAIN", "LOGIN"])("arrives over STARTTLS after AUTH %s, with its html alternative and extra headers", async (method) => {
    const smtp = await secureServer({ user: "mailer", pass: "s3cret:pass" });
    const mail = await queueMail("shopper@example.com", "订单已发货", {
      html: '<p>订单已发货 <img src="https://example.com/p.png" alt=""></p>',
      headers: { "List-Unsubscribe": "<https://daigou.example/unsubscribe?t=abc>" },
    });
    const transport = transportFor(smtp.port, { tls: { ca: tls.cert } }, "mailer:s3cret%3Apass@", `?requireTLS=true&authMethod=${method}`);

    const counts = await sendOutbox({ transport });

    expect(counts).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(await row(mail.id)).toMatchObject({ status: "SENT", attempts: 0, nextAttemptAt: null });
    expect(smtp.received).toHaveLength(1);
    const [arrived] = smtp.received;
    expect(arrived).toMatchObject({ secure: true, user: "mailer", method });
    expect(arrived!.parsed.subject).toBe("订单已发货");
    expect(arrived!.parsed.text?.trim()).toBe("正文：订单已发货");
    expect(arrived!.parsed.html).toContain('<img src="https://example.com/p.png"');
    expect(arrived!.parsed.headerLines).toContainEqual({
      key: "list-unsubscribe",
      line: "List-Unsubscribe: <https://daigou.example/unsubscribe?t=abc>",
    });
  });

  test("a wrong password is refused: the mail waits for a later attempt, nothing arrives", async () => {
    const smtp = await secureServer({ user: "mailer", pass: "right" });
    const mail = await queueMail("shopper@example.com", "hello");
    const before = Date.now();

    const counts = await sendOutbox({ transport: transportFor(smtp.port, { tls: { ca: tls.cert } }, "mailer:wrong@", "?requireTLS=true") });

    expect(counts).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    const after = await row(mail.id);
    expect(after).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringMatching(/Invalid username or password/) });
    expect(after.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + MINUTE);
    expect(smtp.received).toHaveLength(0);
  });

  test("a certificate the transport was not told to trust is refused, and the mail is retried later", async () => {
    const smtp = await secureServer({ user: "mailer", pass: "right" });
    const mail = await queueMail("shopper@example.com", "hello");

    await sendOutbox({ transport: transportFor(smtp.port, {}, "mailer:right@", "?requireTLS=true") });

    expect(await row(mail.id)).toMatchObject({ status: "PENDING", attempts: 1, nextAttemptAt: expect.any(Date) });
    expect(smtp.received).toHaveLength(0);
  });
  test("SMTP_URL's own TLS options reach the transport (here: not verifying the certificate)", async () => {
    const smtp = await secureServer({ user: "mailer", pass: "right" });
    const mail = await queueMail("shopper@example.com", "hello");

    await sendOutbox({ transport: transportFor(smtp.port, {}, "mailer:right@", "?requireTLS=true&tls.rejectUnauthorized=false") });

    expect((await row(mail.id)).status).toBe("SENT");
    expect(smtp.received).toEqual([expect.objectContaining({ secure: true, user: "mailer" })]);
  });
});

describe("refusals", () => {
  const refusingRecipient = (to: string, message: string, code: number) =>
    startSmtp({
      onRcptTo(address, _session, callback) {
        callback(address.address === to ? refusal(message, code) : null);
      },
    });

  test("550 on the recipient fails the mail at once with the server's words; the next mail still goes", async () => {
    const smtp = await refusingRecipient("nobody@example.com", "5.1.1 user unknown", 550);
    const bad = await queueMail("nobody@example.com", "bad");
    const good = await queueMail("ok@example.com", "good");

    const counts = await sendOutbox({ transport: transportFor(smtp.port) });

    expect(counts).toMatchObject({ sent: 1, retrying: 0, failed: 1 });
    expect(await row(bad.id)).toMatchObject({
      status: "FAILED",
      attempts: 1,
      nextAttemptAt: null,
      lastError: expect.stringMatching(/550.*user unknown/),
    });
    expect((await row(good.id)).status).toBe("SENT");
    expect(smtp.received.map((mail) => mail.parsed.subject)).toEqual(["good"]);
  });

  test("554 on the message (after DATA) fails it at once", async () => {
    const smtp = await startSmtp({
      onData(stream, _session, callback) {
        stream.on("end", () => callback(refusal("5.7.1 message rejected as spam", 554)));
        stream.resume();
      },
    });
    const mail = await queueMail("shopper@example.com", "spammy");

    await sendOutbox({ transport: transportFor(smtp.port) });

    expect(await row(mail.id)).toMatchObject({ status: "FAILED", lastError: expect.stringMatching(/554.*spam/) });
  });

  test.each([
    [451, "4.7.1 greylisted, try again later"],
    [450, "4.2.0 mailbox busy"],
    [421, "4.3.2 service shutting down"],
  ])("%i on the recipient is retried later with a next attempt", async (code, message) => {
    const smtp = await refusingRecipient("later@example.com", message, code);
    const mail = await queueMail("later@example.com", "later");
    const now = new Date();

    const counts = await sendOutbox({ transport: transportFor(smtp.port), now: () => now });

    expect(counts).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    expect(await row(mail.id)).toMatchObject({
      status: "PENDING",
      attempts: 1,
      nextAttemptAt: new Date(now.getTime() + MINUTE),
      lastError: expect.stringContaining(String(code)),
    });
    // Not due yet: the next run leaves it alone.
    expect(await sendOutbox({ transport: transportFor(smtp.port), now: () => now })).toMatchObject({ sent: 0, retrying: 0 });
  });
});

describe("a server that breaks or is slow", () => {
  test("hanging up mid-DATA: the mail is retried later", async () => {
    const raw = await startRaw("hangUpInData");
    const mail = await queueMail("shopper@example.com", "cut off");

    const counts = await sendOutbox({ transport: transportFor(raw.port, { timeouts: FAST }) });

    expect(counts).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    expect(await row(mail.id)).toMatchObject({ status: "PENDING", attempts: 1, nextAttemptAt: expect.any(Date) });
  });

  test.each(["silent", "stallAfterData"] as const)(
    "a %s server times out: the run ends quickly, the mail is retried, the rest wait for the next run",
    async (script) => {
      const raw = await startRaw(script);
      const first = await queueMail("a@example.com", "first");
      await queueMail("b@example.com", "second");
      await queueMail("c@example.com", "third");
      const started = Date.now();

      const run = await runMailer("MANUAL", "test", { transport: transportFor(raw.port, { timeouts: FAST }) });

      // One timeout, not one per mail: a dead server does not hold the mailer's lease.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(run.outcome).toBe("FAILED");
      expect(run.counts).toMatchObject({ sent: 0, retrying: 1, failed: 0, deferred: 2, waiting: 1 });
      expect(await row(first.id)).toMatchObject({ status: "PENDING", attempts: 1, nextAttemptAt: expect.any(Date) });
      expect(await db.emailOutbox.count({ where: { status: "PENDING", attempts: 0, nextAttemptAt: null } })).toBe(2);
    },
  );

  test("a five-minute outage: the mail is still pending with a next attempt, and sent once the server is back", async () => {
    const port = await freePort();
    const mail = await queueMail("shopper@example.com", "survives");
    const start = Date.now();
    const at = (minutes: number) => () => new Date(start + minutes * MINUTE);
    const transport = transportFor(port, { timeouts: FAST });

    // The mailer runs every minute while nothing listens: each due attempt fails and backs off further.
    const runs = [];
    for (let minute = 0; minute < 5; minute += 1) runs.push(await runMailer("SCHEDULE", "test", { transport, now: at(minute) }));
    expect(runs.map((run) => run.counts)).toEqual([
      expect.objectContaining({ retrying: 1, waiting: 1 }), // minute 0: refused, next at 1
      expect.objectContaining({ retrying: 1, waiting: 1 }), // minute 1: refused, next at 3
      expect.objectContaining({ retrying: 0, sent: 0, waiting: 1 }), // minute 2: not due
      expect.objectContaining({ retrying: 1, waiting: 1 }), // minute 3: refused, next at 7
      expect.objectContaining({ retrying: 0, sent: 0, waiting: 1 }), // minute 4: not due
    ]);
    expect(await row(mail.id)).toMatchObject({
      status: "PENDING",
      attempts: 3,
      nextAttemptAt: at(7)(),
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });

    // The server is back at minute 5; the mail goes at its next attempt, once.
    const smtp = await startSmtp({}, port);
    expect((await runMailer("SCHEDULE", "test", { transport, now: at(6) })).counts).toMatchObject({ sent: 0, waiting: 1 });
    const back = await runMailer("SCHEDULE", "test", { transport, now: at(7) });
    expect(back.outcome).toBe("OK");
    expect(back.counts).toMatchObject({ sent: 1, retrying: 0, failed: 0, waiting: 0 });
    expect(await row(mail.id)).toMatchObject({ status: "SENT", sentAt: at(7)() });
    await runMailer("SCHEDULE", "test", { transport, now: at(8) });
    expect(smtp.received.map((received) => received.parsed.subject)).toEqual(["survives"]);
  });
});
