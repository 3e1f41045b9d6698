import type { ConnectionOptions } from "node:tls";
import nodemailer, { type Transporter } from "nodemailer";
// The file itself: Node cannot import a directory from the built (ESM) server.
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { MailFailure } from "~/domain/mail-retry";
import { getEnv } from "~/utils/env.server";

export type Mail = { from: string; to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

/** Anything that can deliver one mail or throw: SMTP in production, a fake in tests. */
export type MailTransport = { send(mail: Mail): Promise<void> };

/** A failed send, with what the SMTP conversation said, so the outbox can tell a refusal from an outage. */
export class MailSendError extends Error implements MailFailure {
  readonly responseCode?: number;
  readonly code?: string;
  readonly command?: string;
  constructor(message: string, failure: MailFailure) {
    super(message);
    this.name = "MailSendError";
    this.responseCode = failure.responseCode;
    this.code = failure.code;
    this.command = failure.command;
  }
}

export type SmtpTimeouts = { connectionTimeout: number; greetingTimeout: number; socketTimeout: number };

// Bounded so one dead or slow SMTP host cannot hold the mailer's lease for minutes. No retries here:
// a failed mail stays in the outbox and a later run tries it again (see ~/domain/mail-retry).
const TIMEOUTS: SmtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export type SmtpOptions = {
  /** Shorter timeouts (tests). */
  timeouts?: Partial<SmtpTimeouts>;
  /**
   * TLS options, e.g. `{ ca }` to trust a private CA (tests). In production a private CA is trusted
   * through Node's NODE_EXTRA_CA_CERTS, and SMTP_URL's query sets the rest (`?requireTLS=true`).
   */
  tls?: ConnectionOptions;
};

let cached: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string, options: SmtpOptions | undefined) {
  // SMTPTransport itself, not createTransport({ url, ... }): that one reads only the URL and drops
  // every other option (the timeouts and TLS). The URL's own query still wins over these.
  const create = () =>
    nodemailer.createTransport(
      new SMTPTransport({ url, ...TIMEOUTS, ...options?.timeouts, ...(options?.tls ? { tls: options.tls } : {}) }),
    );
  // Only the configured transport is cached: one given options is the caller's own.
  if (options) return create();
  if (cached?.url !== url) cached = { url, transporter: create() };
  return cached.transporter;
}

function asMailSendError(error: unknown) {
  if (error instanceof MailSendError) return error;
  const raw = (typeof error === "object" && error !== null ? error : {}) as { responseCode?: unknown; code?: unknown; command?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  return new MailSendError(message, {
    responseCode: typeof raw.responseCode === "number" ? raw.responseCode : undefined,
    code: typeof raw.code === "string" ? raw.code : undefined,
    command: typeof raw.command === "string" ? raw.command : undefined,
  });
}

/** The SMTP transport for SMTP_URL, or null when none is configured (mail then waits in the outbox). */
export function smtpTransport(url = getEnv().SMTP_URL, options?: SmtpOptions): MailTransport | null {
  if (!url) return null;
  const transporter = transporterFor(url, options);
  return {
    async send(mail) {
      let info: { rejected?: unknown[]; rejectedErrors?: { responseCode?: number; message?: string }[] };
      try {
        info = (await transporter.sendMail(mail)) as typeof info;
      } catch (error) {
        throw asMailSendError(error);
      }
      // The server accepted the message but refused the recipient: that mail was not delivered.
      if (info.rejected?.length) {
        const refusal = info.rejectedErrors?.[0];
        throw new MailSendError(refusal?.message ?? `recipient rejected: ${mail.to}`, {
          responseCode: refusal?.responseCode,
          code: "EENVELOPE",
          command: "RCPT TO",
        });
      }
    },
  };
}
