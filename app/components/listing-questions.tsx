import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/format";

type Question = {
  id: string;
  asker: string;
  text: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  mine: boolean;
  published: boolean;
};

/** A listing's Q&A: the published ones, and the viewer's own (marked when only they can see it). */
export function ListingQuestions({ questions }: { questions: Question[] }) {
  const { t, i18n } = useTranslation();
  if (questions.length === 0) return <p className="empty">{t("consult:listing.empty")}</p>;
  return (
    <ul className="question-list">
      {questions.map((question) => (
        <li key={question.id} className="question-item" data-testid="listing-question">
          <p>
            <strong>{t("consult:listing.asker", { name: question.asker })}</strong> {question.text}
            {question.mine && !question.published ? <span className="badge badge-muted">{t("consult:listing.onlyYou")}</span> : null}
          </p>
          {question.answer ? (
            <p>
              <strong>{t("consult:listing.answer")}</strong> {question.answer}{" "}
              {question.answeredAt ? <span className="muted">{formatDateTime(question.answeredAt, i18n.language)}</span> : null}
            </p>
          ) : (
            <p className="muted">{t("consult:listing.waiting")}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
