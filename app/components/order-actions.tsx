import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NOTICE_REASONS, type OrderStatus } from "~/domain/orders/status-machine";

export type FieldErrors = Record<string, string[]> | undefined;

export function Errors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{t(error, { max: "5 MB" })}</li>
      ))}
    </ul>
  );
}

export function Input({
  form,
  name,
  label,
  errors,
  ...rest
}: { form: string; name: string; label: string; errors: FieldErrors } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `${form}-${name}`;
  const own = errors?.[name] ?? Object.entries(errors ?? {}).find(([key]) => key.startsWith(`${name}.`))?.[1];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={own ? true : undefined} aria-describedby={own ? `${id}-error` : undefined} {...rest} />
      <Errors id={`${id}-error`} errors={own} />
    </div>
  );
}

/**
 * One quick form per move the viewer may make now. Each posts the version it was rendered with, so a
 * move made on an outdated page is refused instead of overwriting someone else's.
 */
/**
 * A weighed parcel: its weight in grams, its three sides in cm and its photos, as the warehouse records
 * it on arrival (AT_WAREHOUSE) and once more when it is packed. `labels` name the weight and photo fields.
 */
export function ParcelFields({
  formId,
  errors,
  labels,
}: {
  formId: string;
  errors?: FieldErrors;
  labels: { weight: string; photos: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Input
        form={formId}
        name="weightGrams"
        label={t(labels.weight)}
        errors={errors}
        required
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
      />
      <fieldset className="dimensions">
        <legend>{t("orders:fields.dimensions")}</legend>
        {(["length", "width", "height"] as const).map((side) => (
          <Input
            key={side}
            form={formId}
            name={`${side}Cm`}
            label={t(`orders:fields.${side}`)}
            errors={errors}
            required
            type="number"
            min={0.1}
            step={0.1}
            inputMode="decimal"
          />
        ))}
        <Errors id={`${formId}-dimensions-error`} errors={errors?.dimensionsCm} />
      </fieldset>
      <Input
        form={formId}
        name="photos"
        label={t(labels.photos)}
        errors={errors}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        required
      />
    </>
  );
}

export function TransitionForms({
  orderId,
  version,
  targets,
  errors,
  failedTarget,
}: {
  orderId: string;
  version: number;
  targets: OrderStatus[];
  errors?: FieldErrors;
  failedTarget?: string | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="transition-forms">
      {targets.map((to) => {
        const formId = `move-${to}`;
        const fieldErrors = failedTarget === to ? errors : undefined;
        const multipart = to === "AT_WAREHOUSE" || to === "PURCHASED";
        return (
          // The form names itself in the URL: a photo refused before the fields are read still reports at the right form.
          <Form
            key={to}
            method="post"
            action={`/orders/${orderId}${multipart ? `?form=${to}` : ""}`}
            encType={multipart ? "multipart/form-data" : undefined}
            className="transition-form"
            aria-labelledby={`${formId}-title`}
          >
            <h3 id={`${formId}-title`}>{t(`orders:moves.${to}`)}</h3>
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="version" value={version} />
            {to === "PURCHASED" ? (
              <>
                <Input
                  form={formId}
                  name="foreignOrderNumber"
                  label={t("orders:fields.foreignOrderNumber")}
                  errors={fieldErrors}
                  required
                  autoComplete="off"
                />
                <Input
                  form={formId}
                  name="actualCost"
                  label={t("orders:fields.actualCost")}
                  errors={fieldErrors}
                  required
                  inputMode="decimal"
                  autoComplete="off"
                />
                <fieldset className="evidence" aria-describedby={`${formId}-evidence-hint`}>
                  <legend>{t("orders:fields.purchaseEvidence")}</legend>
                  <p id={`${formId}-evidence-hint`} className="muted">
                    {t("orders:fields.purchaseEvidenceHint")}
                  </p>
                  <Input
                    form={formId}
                    name="photos"
                    label={t("orders:fields.receiptPhotos")}
                    errors={fieldErrors}
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    multiple
                  />
                  <Input
                    form={formId}
                    name="evidenceUrl"
                    label={t("orders:fields.orderPageUrl")}
                    errors={fieldErrors}
                    type="url"
                    inputMode="url"
                    autoComplete="off"
                  />
                  <Errors id={`${formId}-evidence-error`} errors={fieldErrors?.evidence} />
                </fieldset>
              </>
            ) : null}
            {to === "AT_WAREHOUSE" ? (
              <ParcelFields
                formId={formId}
                errors={fieldErrors}
                labels={{ weight: "orders:fields.weightGrams", photos: "orders:fields.photos" }}
              />
            ) : null}
            {to === "SHIPPED" ? (
              <>
                <Input
                  form={formId}
                  name="carrier"
                  label={t("orders:fields.carrier")}
                  errors={fieldErrors}
                  required
                  list="carriers"
                  autoComplete="off"
                />
                <datalist id="carriers">
                  {["EMS", "SF", "DHL", "UPS", "FedEx", "USPS", "JapanPost"].map((carrier) => (
                    <option key={carrier} value={carrier} />
                  ))}
                </datalist>
                <Input
                  form={formId}
                  name="trackingNumber"
                  label={t("orders:fields.trackingNumber")}
                  errors={fieldErrors}
                  required
                  autoComplete="off"
                />
              </>
            ) : null}
            <div className="field">
              <label htmlFor={`${formId}-note`}>{t("orders:fields.note")}</label>
              <textarea id={`${formId}-note`} name="note" rows={2} maxLength={1000} />
              <Errors id={`${formId}-note-error`} errors={fieldErrors?.note} />
            </div>
            <button type="submit" className={to === "CANCELLED" ? "button" : "button primary"} disabled={busy}>
              {t(`orders:moves.${to}`)}
            </button>
          </Form>
        );
      })}
    </div>
  );
}

/** A notice on the timeline (customs hold, delay): the shopper is told; no status or money changes. */
export function NoticeForm({ orderId, errors }: { orderId: string; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const formId = "notice";
  return (
    <Form method="post" action={`/orders/${orderId}`} className="transition-form" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t("orders:notice.title")}</h3>
      <input type="hidden" name="intent" value="notice" />
      <div className="field">
        <label htmlFor={`${formId}-reason`}>{t("orders:fields.reason")}</label>
        <select id={`${formId}-reason`} name="reason" required>
          {NOTICE_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`orders:notice.reasons.${reason}`)}
            </option>
          ))}
        </select>
        <Errors id={`${formId}-reason-error`} errors={errors?.reason} />
      </div>
      <div className="field">
        <label htmlFor={`${formId}-note`}>{t("orders:fields.noteRequired")}</label>
        <textarea id={`${formId}-note`} name="note" rows={2} maxLength={1000} required />
        <Errors id={`${formId}-note-error`} errors={errors?.note} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("orders:notice.submit")}
      </button>
    </Form>
  );
}
