import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormErrors } from "~/components/form-field";
import { QUESTION_TEXT_MAX, QUESTION_TEXT_MIN } from "~/domain/consult/question-rules";

type Props = {
  /** A fresh key per rendered form (the loader's): a double submit stores one question. */
  submitKey: string;
  listingId?: string | null;
  orders?: { id: string; number: string }[];
  orderId?: string | null;
  errors?: Record<string, string[] | null>;
  text?: string;
  /** The listing page's form posts with this intent to its own action. */
  intent?: string;
};

/** A shopper's question: the text, optionally an order, and the consent to publish the answered Q&A. */
export function QuestionForm({ submitKey, listingId, orders = [], orderId, errors = {}, text, intent }: Props) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const textErrors = errors.text ?? undefined;
  return (
    <Form method="post" className="stack-form question-form" aria-label={t("consult:ask.title")}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <input type="hidden" name="submitKey" value={submitKey} />
      {listingId ? <input type="hidden" name="listingId" value={listingId} /> : null}
      <FormErrors id="question-form-errors" errors={[...(errors[""] ?? []), ...(errors.submitKey ?? []), ...(errors.listingId ?? [])]} />
      <div className="field">
        <label htmlFor="question-text">{t("consult:ask.text")}</label>
        <textarea
          id="question-text"
          name="text"
          rows={4}
          required
          minLength={QUESTION_TEXT_MIN}
          maxLength={QUESTION_TEXT_MAX}
          defaultValue={text ?? ""}
          // Back from the server with a refused text: the field takes the focus, with or without JavaScript.
          autoFocus={Boolean(textErrors)}
          aria-invalid={textErrors ? true : undefined}
          aria-describedby={textErrors ? "question-text-hint question-text-error" : "question-text-hint"}
        />
        <p id="question-text-hint" className="field-hint">
          {t("consult:ask.textHint", { min: QUESTION_TEXT_MIN, max: QUESTION_TEXT_MAX })}
        </p>
        <FieldErrors id="question-text-error" errors={textErrors} />
      </div>
      {orders.length ? (
        <div className="field">
          <label htmlFor="question-order">{t("consult:ask.order")}</label>
          <select id="question-order" name="orderId" defaultValue={orderId ?? ""}>
            <option value="">{t("consult:ask.noOrder")}</option>
            {orders.map((order) => (
              <option key={order.id} value={order.id}>
                {order.number}
              </option>
            ))}
          </select>
          <FieldErrors id="question-order-error" errors={errors.orderId ?? undefined} />
        </div>
      ) : null}
      {listingId ? (
        <label className="checkbox">
          <input type="checkbox" name="publish" value="on" /> {t("consult:ask.publish")}
        </label>
      ) : null}
      <button type="submit" className="button primary" disabled={busy}>
        {t("consult:ask.submit")}
      </button>
    </Form>
  );
}
