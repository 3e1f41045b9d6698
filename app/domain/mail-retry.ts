// When a mail that could not be sent is tried again, and which failures are worth trying again.
// An SMTP outage of minutes or hours must not lose mail: temporary failures back off exponentially
// (1, 2, 4 … minutes, at most four hours apart) for about a day and a half before the mail is given
// up; a server that refuses the recipient or the message for good (5xx) is not asked again.

const MINUTE = 60_000;
export const FIRST_RETRY_MS = MINUTE;
export const MAX_RETRY_GAP_MS = 4 * 60 * MINUTE;
/** The failure that gives a mail up: with the schedule below, about 32 hours after its first failure. */
export const MAX_MAIL_ATTEMPTS = 16;

/** The wait after the `attempts`-th failed attempt (1-based): doubling from a minute, capped. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempts) - 1), 30);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_GAP_MS);
}

/** When a mail that has failed `attempts` times may be tried again, or null when it is given up on. */
export function nextMailAttempt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_MAIL_ATTEMPTS) return null;
  return new Date(now.getTime() + retryDelayMs(attempts));
}

/** How long a mail that keeps failing is retried before it is given up (the sum of all waits). */
export function totalRetryWindowMs(): number {
  let total = 0;
  for (let attempts = 1; attempts < MAX_MAIL_ATTEMPTS; attempts += 1) total += retryDelayMs(attempts);
  return total;
}

/** What a transport reports about a failed send: nodemailer's `responseCode`, `code` and `command`. */
export type MailFailure = { responseCode?: number; code?: string; command?: string };

export type MailFailureKind =
  /** The server refused this recipient or message for good: give the mail up now. */
  | "permanent"
  /** This mail may go through later (a 4xx answer on it): retry it, go on with the others. */
  | "temporary"
  /** The server cannot be used at all now (down, slow, TLS or login refused): retry, and stop this run. */
  | "unavailable";

// Failures of the connection itself (nodemailer's codes), a refused login and a TLS problem are about
// the server or our configuration, never about one mail: every other mail would fail the same way.
const SERVER_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "ENOAUTH", "EPROXY", "EPROTOCOL"]);
// Commands whose 5xx answer is about this mail: the envelope (sender, recipient) or the message.
const MAIL_CODES = new Set(["EENVELOPE", "EMESSAGE"]);
const MAIL_COMMANDS = /^(MAIL FROM|RCPT TO|DATA)/i;

/** Which kind a failure is. Anything unrecognised is temporary: a wrong guess costs a retry, not a lost mail. */
export function classifyMailFailure(failure: MailFailure): MailFailureKind {
  const { responseCode, code, command } = failure;
  const aboutThisMail = (code !== undefined && MAIL_CODES.has(code)) || (command !== undefined && MAIL_COMMANDS.test(command));
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600 && aboutThisMail) return "permanent";
  // 421: the server is closing the connection ("service not available"), whatever the command.
  if (responseCode === 421) return "unavailable";
  if (code !== undefined && SERVER_CODES.has(code)) return "unavailable";
  return "temporary";
}
