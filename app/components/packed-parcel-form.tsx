import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ParcelFields, type FieldErrors } from "./order-actions";

/** The agent's (or an admin's) record of the packed parcel before it leaves: weight, size and photos. */
export function PackedParcelForm({ orderId, version, errors }: { orderId: string; version: number; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const formId = "packed";
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
      <ParcelFields formId={formId} errors={errors} labels={{ weight: "orders:packed.weightGrams", photos: "orders:packed.photos" }} />
      <button type="submit" className="button">
        {t("orders:packed.save")}
      </button>
    </Form>
  );
}
