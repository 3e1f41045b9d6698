import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listOutbox, retryMail } from "~/services/outbox.server";
import { requireRole } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";

const FILTERS = ["all", "PENDING", "SENT", "FAILED"] as const;
// A bad or missing status shows everything rather than an error: it is only a view filter.
const querySchema = z.object({ status: z.enum(FILTERS).catch("all").default("all") });

const retrySchema = z.object({ intent: z.literal("retry"), id: z.string().trim().min(1).max(64) });

const BADGES: Record<string, string> = {
  PENDING: "badge",
  SENDING: "badge badge-muted",
  SENT: "badge badge-good",
  FAILED: "badge badge-bad",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const { status } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { mails, totals } = await listOutbox(status);
  const all = Object.values(totals).reduce((sum, count) => sum + count, 0);
  return json({ status, mails, totals: { ...totals, all }, smtpConfigured: Boolean(getEnv().SMTP_URL) });
}

// "Retry now": the mail goes on the next mailer run; the redirect keeps the admin's filter.
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = retrySchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: "admin:outbox.errors.invalid", id: null }, { status: 400 });
  const outcome = await retryMail(admin, parsed.data.id);
  if (!outcome.ok)
    return json(
      { error: `admin:outbox.errors.${outcome.reason}`, id: parsed.data.id },
      { status: outcome.reason === "notFound" ? 404 : 409 },
    );
  const back = new URL(request.url);
  back.searchParams.set("retried", "1");
  return redirect(`${back.pathname}${back.search}`);
}

// A FAILED mail, or a PENDING one waiting for its next attempt, can be sent on the next run.
const canRetry = (mail: { status: string; nextAttemptAt: string | null }) =>
  mail.status === "FAILED" || (mail.status === "PENDING" && mail.nextAttemptAt !== null);

export default function AdminOutbox() {
  const { status, mails, totals, smtpConfigured } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <div className="page">
      <h1>{t("admin:outbox.title")}</h1>
      <p className="muted">{t("admin:outbox.intro")}</p>
      {smtpConfigured ? null : <p className="notice warning">{t("admin:outbox.noSmtp")}</p>}
      {searchParams.get("retried") ? (
        <p role="status" className="notice success">
          {t("admin:outbox.retried")}
        </p>
      ) : null}
      {result?.error ? (
        <p role="alert" className="notice error">
          {t(result.error)}
        </p>
      ) : null}
      <nav aria-label={t("admin:outbox.filter")} className="filter-nav">
        {FILTERS.map((filter) => (
          <Link
            key={filter}
            to={filter === "all" ? "/admin/outbox" : `/admin/outbox?status=${filter}`}
            aria-current={filter === status ? "page" : undefined}
          >
            {t("admin:outbox.filterCount", { label: t(`admin:outbox.filters.${filter}`), count: totals[filter] ?? 0 })}
          </Link>
        ))}
      </nav>
      {mails.length === 0 ? <p className="empty">{t("admin:outbox.empty")}</p> : null}
      <ol className="mail-list" hidden={mails.length === 0}>
        {mails.map((mail) => (
          <li key={mail.id}>
            <article aria-labelledby={`mail-${mail.id}`}>
              <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
              <dl className="facts">
                <dt>{t("admin:outbox.to")}</dt>
                <dd>{mail.to}</dd>
                <dt>{t("admin:outbox.status")}</dt>
                <dd>
                  <span className={BADGES[mail.status] ?? "badge"}>
                    {t(`admin:outbox.statuses.${mail.status}`, { defaultValue: mail.status })}
                  </span>
                </dd>
                <dt>{t("admin:outbox.createdAt")}</dt>
                <dd>{formatDateTime(mail.createdAt, locale)}</dd>
                {mail.sentAt ? (
                  <>
                    <dt>{t("admin:outbox.sentAt")}</dt>
                    <dd>{formatDateTime(mail.sentAt, locale)}</dd>
                  </>
                ) : null}
                <dt>{t("admin:outbox.attempts")}</dt>
                <dd>{mail.attempts}</dd>
                {mail.status === "PENDING" && mail.nextAttemptAt ? (
                  <>
                    <dt>{t("admin:outbox.nextAttemptAt")}</dt>
                    <dd>{formatDateTime(mail.nextAttemptAt, locale)}</dd>
                  </>
                ) : null}
                {mail.lastError ? (
                  <>
                    <dt>{t("admin:outbox.lastError")}</dt>
                    <dd>
                      <code>{mail.lastError}</code>
                    </dd>
                  </>
                ) : null}
              </dl>
              {canRetry(mail) ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="retry" />
                  <input type="hidden" name="id" value={mail.id} />
                  <button type="submit" aria-describedby={`mail-${mail.id}`}>
                    {t("admin:outbox.retry")}
                  </button>
                </Form>
              ) : null}
              <h3 className="visually-hidden">{t("admin:outbox.body")}</h3>
              <pre className="mail-body">{mail.body}</pre>
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
