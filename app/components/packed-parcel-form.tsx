import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Errors, Input, type FieldErrors } from "./order-actions";

/** The agent's (or an admin's) record of the packed parcel before it leaves: weight, size and photos. */
export function PackedParcelForm({ orderId, version, errors }: { orderId: string; version: number; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const formId = "packed";
  const side = (name: "lengthCm" | "widthCm" | "heightCm") => (
    <Input
      form={formId}
      name={name}
      label={t(`orders:packed.${name}`)}
      errors={errors}
      required
      type="number"
      min={0.1}
      step={0.1}
      inputMode="decimal"
    />
  );
  return (
    <Form
      method="post"
      action={`/orders/${orderId}?form=packed`}
      encType="multipart/form-data"
      className="transition-form"
      aria-labelledby="packed-form-title"
      data-testid="packed-form"
    >
      <h3 id="packed-form-title">{t("orders:packed.record")}</h3>
      <input type="hidden" name="intent" value="packed" />
      <input type="hidden" name="version" value={version} />
      <Input
        form={formId}
        name="weightGrams"
        label={t("orders:packed.weightGrams")}
        errors={errors}
        required
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
      />
      <fieldset className="dimensions">
        <legend>{t("orders:fields.dimensions")}</legend>
        {side("lengthCm")}
        {side("widthCm")}
        {side("heightCm")}
        <Errors id={`${formId}-dimensions-error`} errors={errors?.dimensionsCm} />
      </fieldset>
      <Input
        form={formId}
        name="photos"
        label={t("orders:packed.photos")}
        errors={errors}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        required
      />
      <button type="submit" className="button">
        {t("orders:packed.save")}
      </button>
    </Form>
  );
}
