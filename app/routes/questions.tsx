import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listOwnQuestions } from "~/services/questions.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

// The shopper's own questions and their answers (only theirs: the query is scoped by the asker).

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "questions") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ questions: await listOwnQuestions(user.id) });
}

export default function MyQuestionsPage() {
  const { questions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section className="page narrow" aria-labelledby="questions-title">
      <h1 id="questions-title">{t("consult:mine.title")}</h1>
      {searchParams.get("asked") ? (
        <p role="status" className="notice success">
          {t("consult:ask.asked")}
        </p>
      ) : null}
      <p>
        <Link to="/ask">{t("consult:mine.askNew")}</Link>
      </p>
      {questions.length === 0 ? <p className="empty">{t("consult:mine.empty")}</p> : null}
      <ul className="question-list">
        {questions.map((question) => (
          <li key={question.id} className="question-item" data-testid="my-question">
            <p>
              <span className={question.status === "OPEN" ? "badge" : "badge badge-good"}>
                {t(question.status === "OPEN" ? "consult:mine.waiting" : "consult:mine.answered")}
              </span>{" "}
              {question.listing ? (
                <>
                  {t("consult:mine.about")}
                  <Link to={`/listings/${question.listing.id}`}>
                    {locale === "en" ? question.listing.title : question.listing.titleZh}
                  </Link>{" "}
                </>
              ) : null}
              {question.order ? (
                <Link to={`/orders/${question.order.id}`}>{t("consult:mine.orderRef", { number: question.order.number })}</Link>
              ) : null}
            </p>
            <p>{question.text}</p>
            <p className="muted">{t("consult:mine.askedAt", { time: formatDateTime(question.createdAt, locale) })}</p>
            {question.answer ? (
              <div className="question-answer">
                <p>
                  <strong>{t("consult:mine.answer")}</strong> {question.answer}
                </p>
                <p className="muted">
                  {question.answeredAt ? t("consult:mine.answeredAt", { time: formatDateTime(question.answeredAt, locale) }) : null}
                  {question.listing ? <> · {t(question.published ? "consult:mine.published" : "consult:mine.notPublished")}</> : null}
                </p>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
