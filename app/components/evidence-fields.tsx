import { useTranslation } from "react-i18next";
import { MAX_PHOTOS_PER_FORM } from "~/domain/orders/photos";
import { FieldErrors } from "./form-field";

/**
 * What happened and the photos that show it: the two fields every filing form (a complaint, a claim)
 * ends with. `labels` are locale keys; the photos go in the multipart field "photos".
 */
export function EvidenceFields({
  idPrefix,
  labels,
  maxLength,
  description,
  errors,
}: {
  idPrefix: string;
  labels: { description: string; hint: string; photos: string };
  maxLength: number;
  description: string;
  errors?: string[] | null;
}) {
  const { t } = useTranslation();
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <>
      <div className="field">
        <label htmlFor={id("description")}>{t(labels.description)}</label>
        <textarea
          id={id("description")}
          name="description"
          rows={5}
          required
          maxLength={maxLength}
          defaultValue={description}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? id("description-error") : id("description-hint")}
        />
        <p id={id("description-hint")} className="field-hint">
          {t(labels.hint)}
        </p>
        <FieldErrors id={id("description-error")} errors={errors} />
      </div>
      <div className="field">
        <label htmlFor={id("photos")}>{t(labels.photos, { max: MAX_PHOTOS_PER_FORM })}</label>
        <input id={id("photos")} type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp" />
      </div>
    </>
  );
}
