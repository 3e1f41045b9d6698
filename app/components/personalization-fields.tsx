import { useTranslation } from "react-i18next";
import {
  personalizationInputName,
  type PersonalizationError,
  type PersonalizationField,
  type PersonalizationValues,
} from "~/domain/catalog/personalization";
import { Field } from "./form-field";

/**
 * The listing's personalization fields inside the add-to-cart form, each with its limits as a hint; after a
 * refused add they show what the shopper typed with the reason, so nothing typed is lost.
 */
export function PersonalizationFields({
  fields,
  errors = [],
  values = {},
}: {
  fields: readonly PersonalizationField[];
  errors?: readonly PersonalizationError[];
  values?: Readonly<Record<string, string>>;
}) {
  const { t, i18n } = useTranslation();
  if (fields.length === 0) return null;
  const firstRefused = fields.find((field) => errors.some((error) => error.key === field.key))?.key;
  return (
    <fieldset className="personalization">
      <legend>{t("product:personalization.legend")}</legend>
      {fields.map((field) => {
        const name = personalizationInputName(field.key);
        const hint = t(field.charset === "latin" ? "product:personalization.hintLatin" : "product:personalization.hintAny", {
          max: field.maxLength,
        });
        return (
          <Field
            key={field.key}
            label={`${i18n.language === "en" ? field.labelEn : field.labelZh}${field.required ? "" : t("product:personalization.optional")}`}
            hint={hint}
            errors={errors.filter((error) => error.key === field.key).map((error) => error.message)}
            inputProps={{
              id: name,
              name,
              type: "text",
              required: field.required,
              maxLength: field.maxLength * 2, // a soft stop for pasted text; the server counts characters
              defaultValue: values[name] ?? "",
              autoComplete: "off",
              autoFocus: field.key === firstRefused,
              spellCheck: false,
            }}
          />
        );
      })}
    </fieldset>
  );
}

/** What the shopper asked to be engraved (or printed), exactly as typed, under the label they were asked. */
export function PersonalizationSummary({ values }: { values: readonly PersonalizationValues[number][] }) {
  const { t, i18n } = useTranslation();
  if (values.length === 0) return null;
  return (
    <dl className="personalization-values" aria-label={t("product:personalization.shown")} data-testid="personalization">
      {values.map((entry) => (
        <div key={entry.key}>
          <dt>{i18n.language === "en" ? entry.labelEn : entry.labelZh}</dt>
          <dd>
            <code>{entry.value}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
