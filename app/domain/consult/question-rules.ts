import { z } from "zod";
import { maskName } from "~/domain/trust/review-rules";

// Pre-sale questions (#19): what a question and an answer may hold, when one is overdue, and who sees it
// on a listing. Pure rules; the service stores and the routes show.

export const QUESTION_TEXT_MIN = 5;
export const QUESTION_TEXT_MAX = 1000;
export const ANSWER_TEXT_MAX = 2000;
/** The longest id a form may name (cuids are 25 characters). */
const ID_MAX = 40;

const optionalId = z.string().max(ID_MAX, "consult:errors.referenceInvalid").optional();

export const questionFormSchema = z.object({
  text: z
    .string({ required_error: "consult:errors.textRequired" })
    .trim()
    .min(QUESTION_TEXT_MIN, "consult:errors.textTooShort")
    .max(QUESTION_TEXT_MAX, "consult:errors.textTooLong"),
  publish: z.boolean().optional(),
  // Rendered into the form as it is shown: a second submit of the same form carries the same key.
  submitKey: z.string({ required_error: "consult:errors.formExpired" }).uuid("consult:errors.formExpired"),
  listingId: optionalId,
  orderId: optionalId,
});
export type QuestionFormInput = z.output<typeof questionFormSchema>;

export const answerFormSchema = z.object({
  questionId: z.string({ required_error: "consult:errors.questionMissing" }).max(ID_MAX, "consult:errors.questionMissing"),
  answer: z
    .string({ required_error: "consult:errors.answerRequired" })
    .trim()
    .min(2, "consult:errors.answerRequired")
    .max(ANSWER_TEXT_MAX, "consult:errors.answerTooLong"),
});

export const hideFormSchema = z.object({
  questionId: z.string({ required_error: "consult:errors.questionMissing" }).max(ID_MAX, "consult:errors.questionMissing"),
  hidden: z.enum(["1", "0"]),
});

/** When an open question should have been answered by. */
export function answerDueAt(createdAt: Date, slaHours: number): Date {
  return new Date(createdAt.getTime() + slaHours * 3_600_000);
}

/** An unanswered question past its SLA: flagged in the agents' queue like a stale order. */
export function isOverdue(question: { status: string; createdAt: Date }, now: Date, slaHours: number): boolean {
  return question.status === "OPEN" && now.getTime() >= answerDueAt(question.createdAt, slaHours).getTime();
}

type Visibility = { userId: string; status: string; publishConsent: boolean; hiddenAt: Date | null };

/** Shown to everyone on its listing: answered, the asker agreed, and staff have not hidden it. */
export function isPublished(question: Visibility): boolean {
  return question.status === "ANSWERED" && question.publishConsent && question.hiddenAt === null;
}

/** Whether `viewerId` (null for a visitor) sees the question on its listing: the asker always does. */
export function visibleTo(question: Visibility, viewerId: string | null): boolean {
  return isPublished(question) || (viewerId !== null && question.userId === viewerId);
}

/** The asker as a public page names them: the first character only, like reviewers. */
export const askerLabel = maskName;
