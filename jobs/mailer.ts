import type { MailTransport } from "~/integrations/mail.server";
import type { JobTrigger } from "~/services/jobs.server";
import { runMailer } from "~/services/outbox.server";
import { processHolder } from "./holder";

export type MailerJobOptions = { trigger?: JobTrigger; holder?: string; transport?: MailTransport | null; now?: () => Date };

/** Sends the outbox's due mail once through SMTP_URL, under the "mailer" lease. */
export function runMailerJob(options: MailerJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), transport, now } = options;
  return runMailer(trigger, holder, { transport, now });
}
