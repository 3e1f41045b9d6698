import { questionFormSchema } from "~/domain/consult/question-rules";
import type { SessionUser } from "~/utils/auth.server";
import { parseWithZod } from "~/utils/parse-form";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { askQuestion } from "./questions.server";

// The one way a form's question is taken, for the listing page and /ask alike: parsed (bounded), rate
// limited per shopper, then stored once per form (askQuestion's submitKey).

export const questionsPerUser = { name: "question-user", limit: 10, windowSeconds: 60 * 60 };

export type QuestionErrors = Record<string, string[] | null>;
export type SubmitResult =
  { ok: true; id: string; listingId: string | null } | { ok: false; status: 400 | 404 | 429; errors: QuestionErrors; text: string };

export async function submitQuestion(user: Pick<SessionUser, "id">, form: FormData): Promise<SubmitResult> {
  // Echoed back into the textarea when refused (bounded like the field).
  const text = String(form.get("text") ?? "").slice(0, 1000);
  const submission = parseWithZod(form, { schema: questionFormSchema });
  if (submission.status !== "success") return { ok: false, status: 400, errors: submission.reply().error ?? {}, text };
  if ((await hitRateLimit(questionsPerUser, user.id)) !== null)
    return { ok: false, status: 429, errors: { "": ["consult:errors.tooMany"] }, text };
  const asked = await askQuestion(user, submission.value);
  if (!asked.ok) return { ok: false, status: 404, errors: { "": [`consult:errors.${asked.reason}`] }, text };
  return { ok: true, id: asked.id, listingId: asked.listingId };
}
