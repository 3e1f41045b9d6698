import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldErrors } from "~/components/form-field";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ANSWER_TEXT_MAX, answerFormSchema, hideFormSchema } from "~/domain/consult/question-rules";
import { answerQuestion, listQuestionQueue, setQuestionHidden } from "~/services/questions.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// The agents' question queue (#19): open questions oldest first, overdue ones (past the SLA) flagged
// like stale orders; the answered ones, where staff hide a published Q&A from its listing.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "agent-questions") }];

const STAFF = ["AGENT", "ADMIN"] as const;
const filterSchema = z.object({ view: z.enum(["open", "answered"]).catch("open") });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF);
  const { view } = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue = await listQuestionQueue(view);
  return json({ view, ...queue });
}

type Errors = Record<string, string[] | null>;

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, STAFF);
  const form = await readForm(request);
  const questionId = String(form.get("questionId") ?? "").slice(0, 40);
  const answerText = String(form.get("answer") ?? "").slice(0, ANSWER_TEXT_MAX);
  if (form.get("intent") === "hide") {
    const submission = parseWithZod(form, { schema: hideFormSchema });
    if (submission.status !== "success")
      return json({ questionId, errors: { "": ["consult:errors.questionMissing"] } as Errors, answer: "" }, { status: 400 });
    const hidden = await setQuestionHidden(staff, submission.value.questionId, submission.value.hidden === "1");
    if (!hidden.ok) return json({ questionId, errors: { "": ["consult:errors.notFound"] } as Errors, answer: "" }, { status: 404 });
    return redirect("/agent/questions?view=answered&done=hidden");
  }
  const submission = parseWithZod(form, { schema: answerFormSchema });
  if (submission.status !== "success")
    return json({ questionId, errors: (submission.reply().error ?? {}) as Errors, answer: answerText }, { status: 400 });
  const answered = await answerQuestion(staff, submission.value);
  if (!answered.ok)
    return json(
      { questionId, errors: { "": [`consult:errors.${answered.reason}`] } as Errors, answer: answerText },
      { status: answered.reason === "notFound" ? 404 : 409 },
    );
  return redirect("/agent/questions?done=answered");
}

export default function AgentQuestionsPage() {
  const { view, questions, slaHours } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const done = searchParams.get("done");
  return (
    <section className="page" aria-labelledby="question-queue-title">
      <h1 id="question-queue-title">{t("consult:queue.title")}</h1>
      <p className="muted">{t("consult:queue.sla", { hours: slaHours })}</p>
      <nav className="segmented" aria-label={t("consult:queue.title")}>
        {(["open", "answered"] as const).map((candidate) => (
          <Link key={candidate} to={`/agent/questions?view=${candidate}`} aria-current={candidate === view ? "page" : undefined}>
            {t(`consult:queue.views.${candidate}`)}
          </Link>
        ))}
      </nav>
      {done ? (
        <p role="status" className="notice success">
          {t(done === "hidden" ? "consult:queue.hiddenOk" : "consult:queue.answeredOk")}
        </p>
      ) : null}
      {result && !questions.some((question) => question.id === result.questionId) ? (
        // The question left this view (answered by another agent meanwhile): its error is shown here.
        <div className="form-errors" role="alert">
          {(result.errors[""] ?? []).map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
        </div>
      ) : null}
      {questions.length === 0 ? (
        <p className="empty">{t(view === "open" ? "consult:queue.empty" : "consult:queue.emptyAnswered")}</p>
      ) : null}
      <ul className="order-list">
        {questions.map((question) => {
          const mine = result?.questionId === question.id;
          const errors = mine ? result.errors : {};
          const formErrors = errors[""] ?? [];
          return (
            <li key={question.id} className={question.overdue ? "order-card stale" : "order-card"} data-testid="queue-question">
              <p>
                {question.listing ? (
                  <Link to={`/listings/${question.listing.id}`}>{locale === "en" ? question.listing.title : question.listing.titleZh}</Link>
                ) : (
                  <span>{t("consult:queue.general")}</span>
                )}
                {question.order ? (
                  <>
                    {" · "}
                    <Link to={`/orders/${question.order.id}`}>{question.order.number}</Link>
                  </>
                ) : null}{" "}
                {question.overdue ? <span className="badge badge-warn">{t("consult:queue.overdue")}</span> : null}
                {question.hiddenAt ? <span className="badge badge-muted">{t("consult:queue.hidden")}</span> : null}
              </p>
              <p>{question.text}</p>
              <p className="muted">
                {t("consult:queue.asker", { name: question.user.name })} · {formatDateTime(question.createdAt, locale)}
                {question.status === "OPEN" ? <> · {t("consult:queue.due", { time: formatDateTime(question.dueAt, locale) })}</> : null}
                {question.listing ? (
                  <> · {t(question.publishConsent ? "consult:queue.publishConsent" : "consult:queue.noConsent")}</>
                ) : null}
              </p>
              {formErrors.length ? (
                <div className="form-errors" role="alert">
                  {formErrors.map((error) => (
                    <p key={error}>{t(error)}</p>
                  ))}
                </div>
              ) : null}
              {question.status === "OPEN" ? (
                <Form method="post" className="stack-form">
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="questionId" value={question.id} />
                  <div className="field">
                    <label htmlFor={`answer-${question.id}`}>{t("consult:queue.answer")}</label>
                    <textarea
                      id={`answer-${question.id}`}
                      name="answer"
                      rows={3}
                      required
                      maxLength={ANSWER_TEXT_MAX}
                      defaultValue={mine ? result.answer : ""}
                      autoFocus={Boolean(errors.answer)}
                      aria-invalid={errors.answer ? true : undefined}
                      aria-describedby={errors.answer ? `answer-${question.id}-error` : undefined}
                    />
                    <FieldErrors id={`answer-${question.id}-error`} errors={errors.answer} />
                  </div>
                  <button type="submit" className="button primary" disabled={busy}>
                    {t("consult:queue.submit")}
                  </button>
                </Form>
              ) : (
                <>
                  <p>
                    <strong>{t("consult:listing.answer")}</strong> {question.answer}
                  </p>
                  <p className="muted">
                    {t("consult:queue.answeredBy", {
                      name: question.answeredBy?.name ?? "",
                      time: question.answeredAt ? formatDateTime(question.answeredAt, locale) : "",
                    })}
                  </p>
                  {question.listing && question.publishConsent ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="hide" />
                      <input type="hidden" name="questionId" value={question.id} />
                      <input type="hidden" name="hidden" value={question.hiddenAt ? "0" : "1"} />
                      <button type="submit" className="button small" disabled={busy}>
                        {t(question.hiddenAt ? "consult:queue.unhide" : "consult:queue.hide")}
                      </button>
                    </Form>
                  ) : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
