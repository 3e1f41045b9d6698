import { Form, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { variantParcel } from "~/domain/catalog/variant-parcel";
import { formatMoney, formatWeight } from "~/utils/format";

type Variant = { id: string; title: string; titleZh: string; price: string; available: boolean; weightGrams: number | null };

// A GET form (?variant=id): without JavaScript its button reloads the page on the chosen variant;
// with it a change re-quotes at once (price, weight, landed total come from the loader either way).
export function VariantPicker({
  variants,
  chosenId,
  currency,
  listingWeightGrams,
}: {
  variants: Variant[];
  chosenId: string | null;
  currency: string;
  /** What a variant without its own weight weighs (the listing's). */
  listingWeightGrams: number | null;
}) {
  const { t, i18n } = useTranslation();
  const submit = useSubmit();
  const locale = i18n.language;
  return (
    <Form
      method="get"
      className="variants-form"
      data-testid="variant-picker"
      onChange={(event) => submit(event.currentTarget, { preventScrollReset: true, replace: true })}
    >
      <fieldset className="variants">
        <legend>{t("product:variant.legend")}</legend>
        {variants.map((variant) => {
          const weight = variantParcel({ weightGrams: listingWeightGrams }, variant).weightGrams;
          return (
            <label key={variant.id} className={variant.available ? "variant" : "variant unavailable"}>
              <input
                type="radio"
                name="variant"
                value={variant.id}
                defaultChecked={variant.id === chosenId}
                disabled={!variant.available}
              />
              <span>
                {locale === "en" ? variant.title : variant.titleZh || variant.title} · {formatMoney(variant.price, currency, locale)}
                {weight ? <span className="muted"> · {formatWeight(weight, locale)}</span> : null}
              </span>
              {variant.available ? null : <span className="visually-hidden"> ({t("catalog:soldOut")})</span>}
            </label>
          );
        })}
      </fieldset>
      <noscript>
        <button type="submit" className="button small">
          {t("product:variant.choose")}
        </button>
      </noscript>
    </Form>
  );
}
