import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "~/utils/env.server";

export type Mail = { from: string; to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

/** Anything that can deliver one mail or throw: SMTP in production, a fake in tests. */
export type MailTransport = { send(mail: Mail): Promise<void> };

// Bounded so one dead SMTP host cannot hold the mailer's lease for minutes per message. No retries
// here: a failed mail stays in the outbox and the next run (a minute later) tries it again.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

let cached: { url: string; transporter: Transporter } | undefined;

/** The SMTP transport for SMTP_URL, or null when none is configured (mail then waits in the outbox). */
export function smtpTransport(url = getEnv().SMTP_URL): MailTransport | null {
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transporter: nodemailer.createTransport({ url, ...TIMEOUTS }) };
  const { transporter } = cached;
  return {
    async send(mail) {
      const info = (await transporter.sendMail(mail)) as { rejected?: unknown[] };
      // The server accepted the message but refused the recipient: that mail was not delivered.
      if (info.rejected?.length) throw new Error(`recipient rejected: ${mail.to}`);
    },
  };
}
