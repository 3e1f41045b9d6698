import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_PHOTOS_PER_FORM } from "~/domain/orders/photos";
import { ARBITRATION_OUTCOMES, type ComplaintStatus } from "~/domain/trust/complaint-machine";
import { FieldErrors } from "./form-field";

type FieldErrorMap = Record<string, string[]> | undefined;

/** Which form a move to `to` from `from` is: the status names the answer and the escalation; closing depends on where it stands. */
function formKind(from: ComplaintStatus, to: ComplaintStatus) {
  if (to !== "RESOLVED") return to;
  return from === "ESCALATED" ? "decide" : from === "ANSWERED" ? "accept" : "withdraw";
}

/**
 * One form per move the viewer may make now (from the complaint's detail: the machine decides, not the
 * template), each carrying the version it was rendered with so a stale page is refused, not applied.
 */
export function ComplaintMoveForms({
  status,
  version,
  targets,
  paidLimit,
  failed,
}: {
  status: ComplaintStatus;
  version: number;
  targets: ComplaintStatus[];
  paidLimit: string;
  failed?: { to: string; fieldErrors?: Record<string, string[]> } | null;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="transition-forms">
      {targets.map((to) => {
        const kind = formKind(status, to);
        const errors: FieldErrorMap = failed?.to === to ? failed.fieldErrors : undefined;
        const id = (field: string) => `complaint-${kind}-${field}`;
        const stated = kind === "ANSWERED" || kind === "ESCALATED";
        return (
          <Form
            key={to}
            method="post"
            encType={stated ? "multipart/form-data" : undefined}
            className="transition-form"
            aria-labelledby={id("title")}
            data-testid={`complaint-move-${kind}`}
          >
            <h3 id={id("title")}>{t(`complaints:moves.${kind}.title`)}</h3>
            {kind === "ESCALATED" ? <p className="muted">{t("complaints:moves.ESCALATED.hint")}</p> : null}
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="version" value={version} />
            {kind === "decide" ? (
              <fieldset aria-describedby={errors?.outcome ? id("outcome-error") : undefined}>
                <legend>{t("complaints:moves.decide.outcome")}</legend>
                {ARBITRATION_OUTCOMES.map((outcome) => (
                  <label key={outcome} className="choice">
                    <input type="radio" name="outcome" value={outcome} required /> {t(`complaints:outcomes.${outcome}`)}
                  </label>
                ))}
                <FieldErrors id={id("outcome-error")} errors={errors?.outcome} />
              </fieldset>
            ) : null}
            <div className="field">
              <label htmlFor={id("note")}>{t(`complaints:moves.${kind}.note`)}</label>
              <textarea
                id={id("note")}
                name="note"
                rows={3}
                maxLength={1000}
                required={kind === "ANSWERED" || kind === "ESCALATED" || kind === "decide"}
                aria-invalid={errors?.note ? true : undefined}
                aria-describedby={errors?.note ? id("note-error") : undefined}
              />
              <FieldErrors id={id("note-error")} errors={errors?.note} />
            </div>
            {kind === "decide" ? (
              <div className="field">
                <label htmlFor={id("compensation")}>{t("complaints:moves.decide.compensation")}</label>
                <input
                  id={id("compensation")}
                  name="compensation"
                  inputMode="decimal"
                  pattern="\d{1,9}(\.\d{1,2})?"
                  maxLength={12}
                  aria-invalid={errors?.compensation ? true : undefined}
                  aria-describedby={[id("compensation-hint"), errors?.compensation ? id("compensation-error") : null]
                    .filter(Boolean)
                    .join(" ")}
                />
                <p id={id("compensation-hint")} className="field-hint">
                  {t("complaints:moves.decide.compensationHint", { max: paidLimit })}
                </p>
                <FieldErrors id={id("compensation-error")} errors={errors?.compensation} />
              </div>
            ) : null}
            {stated ? (
              <div className="field">
                <label htmlFor={id("photos")}>{t("complaints:file.photos", { max: MAX_PHOTOS_PER_FORM })}</label>
                <input id={id("photos")} name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" />
                <FieldErrors id={id("photos-error")} errors={errors?.photos} />
              </div>
            ) : null}
            <button type="submit" className={kind === "withdraw" ? "button" : "button primary"} disabled={busy}>
              {t(`complaints:moves.${kind}.submit`)}
            </button>
          </Form>
        );
      })}
    </div>
  );
}
