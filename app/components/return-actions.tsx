import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REFUND_ADJUSTMENTS, RETURN_CONDITIONS, type ReturnStatus } from "~/domain/returns";

type FieldErrors = Record<string, string[]> | undefined;
type Unit = { position: number; title: string };

function Errors({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul className="field-errors">
      {errors.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  );
}

function Text({
  id,
  name,
  label,
  errors,
  ...rest
}: { id: string; name: string; label: string; errors?: string[] } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={errors?.length ? true : undefined} {...rest} />
      <Errors errors={errors} />
    </div>
  );
}

/**
 * One form per move the viewer may make on the return now, each carrying the version it was rendered
 * with. `refundDue` says what the refund move pays (the amount that stands, from the return's view).
 */
export function ReturnMoveForms({
  version,
  fault,
  targets,
  units,
  errors,
  failedTarget,
  refundDue,
}: {
  version: number;
  fault: string;
  targets: ReturnStatus[];
  units: Unit[];
  errors?: FieldErrors;
  failedTarget?: string | null;
  refundDue?: string | null;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="transition-forms">
      {targets.map((to) => {
        const id = `return-move-${to}`;
        const fieldErrors = failedTarget === to ? errors : undefined;
        const noteRequired = to === "REJECTED" || (to === "AWAITING_SHIPMENT" && fault === "SHOPPER");
        return (
          <Form
            key={to}
            method="post"
            encType={to === "RECEIVED" ? "multipart/form-data" : undefined}
            className="transition-form"
            aria-labelledby={`${id}-title`}
          >
            <h3 id={`${id}-title`}>{t(`returns:moves.${to}${to === "AWAITING_SHIPMENT" ? `_${fault}` : ""}`)}</h3>
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="version" value={version} />
            {to === "AWAITING_SHIPMENT" && fault === "SHOPPER" ? (
              <label className="checkbox">
                <input type="checkbox" name="storeAccepted" value="true" required /> {t("returns:fields.storeAccepted")}
                <Errors errors={fieldErrors?.storeAccepted} />
              </label>
            ) : null}
            {to === "AWAITING_SHIPMENT" && fault === "PLATFORM" ? (
              <>
                <Text
                  id={`${id}-label`}
                  name="labelReference"
                  label={t("returns:fields.labelReference")}
                  errors={fieldErrors?.labelReference}
                  autoComplete="off"
                />
                <Text
                  id={`${id}-carrier`}
                  name="carrier"
                  label={t("returns:fields.carrier")}
                  errors={fieldErrors?.carrier}
                  autoComplete="off"
                />
                <Text
                  id={`${id}-tracking`}
                  name="trackingNumber"
                  label={t("returns:fields.trackingNumber")}
                  errors={fieldErrors?.trackingNumber}
                  autoComplete="off"
                />
              </>
            ) : null}
            {to === "REFUNDED" ? (
              <p data-testid="refund-due">
                {refundDue ? t("returns:moves.refundDue", { amount: refundDue }) : t("returns:moves.refundDueNone")}
              </p>
            ) : null}
            {to === "IN_TRANSIT" ? (
              <>
                <Text
                  id={`${id}-carrier`}
                  name="carrier"
                  label={t("returns:fields.carrier")}
                  errors={fieldErrors?.carrier}
                  required
                  autoComplete="off"
                />
                <Text
                  id={`${id}-tracking`}
                  name="trackingNumber"
                  label={t("returns:fields.trackingNumber")}
                  errors={fieldErrors?.trackingNumber}
                  required
                  autoComplete="off"
                />
              </>
            ) : null}
            {to === "RECEIVED"
              ? units.map((unit, index) => (
                  <fieldset key={index} className="unit-inspection">
                    <legend>{t("returns:fields.unit", { index: index + 1, title: unit.title })}</legend>
                    <input type="hidden" name={`unit-${index}-position`} value={unit.position} />
                    <div className="field">
                      <label htmlFor={`${id}-condition-${index}`}>{t("returns:fields.condition")}</label>
                      <select id={`${id}-condition-${index}`} name={`unit-${index}-condition`} defaultValue="AS_CLAIMED">
                        {RETURN_CONDITIONS.map((condition) => (
                          <option key={condition} value={condition}>
                            {t(`returns:conditions.${condition}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`${id}-adjustment-${index}`}>{t("returns:fields.adjustment")}</label>
                      <select id={`${id}-adjustment-${index}`} name={`unit-${index}-adjustment`} defaultValue="KEEP">
                        {REFUND_ADJUSTMENTS.map((adjustment) => (
                          <option key={adjustment} value={adjustment}>
                            {t(`returns:adjustments.${adjustment}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Text
                      id={`${id}-note-${index}`}
                      name={`unit-${index}-note`}
                      label={t("returns:fields.conditionNote")}
                      errors={fieldErrors?.[`units.${index}.note`]}
                    />
                    <Text
                      id={`${id}-photos-${index}`}
                      name={`photos-${index}`}
                      label={t("returns:fields.conditionPhotos")}
                      type="file"
                      accept="image/jpeg,image/png,image/webp"
                      multiple
                      errors={fieldErrors?.[`units.${index}.photos`]}
                    />
                  </fieldset>
                ))
              : null}
            <Errors errors={fieldErrors?.units ?? fieldErrors?.payload} />
            <div className="field">
              <label htmlFor={`${id}-note`}>{t(noteRequired ? "returns:fields.noteRequired" : "returns:fields.note")}</label>
              <textarea id={`${id}-note`} name="note" rows={2} maxLength={1000} required={noteRequired} />
              <Errors errors={fieldErrors?.note} />
            </div>
            <button type="submit" className={to === "REJECTED" || to === "CANCELLED" ? "button" : "button primary"} disabled={busy}>
              {t(`returns:moves.${to}${to === "AWAITING_SHIPMENT" ? `_${fault}` : ""}`)}
            </button>
          </Form>
        );
      })}
    </div>
  );
}
