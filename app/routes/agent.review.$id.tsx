import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/form-field";
import { reviewFormSchema } from "~/domain/listing-forms";
import { listCategories } from "~/services/catalog.server";
import { getListingForReview, reviewListing } from "~/services/listing-review.server";
import { requireRole } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { CategoryOptions } from "~/components/category-options";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { readForm } from "~/utils/request-form.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireRole(request, ["AGENT", "ADMIN"]);
  const [listing, categories] = await Promise.all([getListingForReview(params.id ?? ""), listCategories()]);
  if (!listing) throw new Response("Not found", { status: 404 });
  return json({ listing, categories });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const agent = await requireRole(request, ["AGENT", "ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: reviewFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = await reviewListing(agent, params.id ?? "", submission.value);
  if (!outcome.ok) {
    if (outcome.reason === "notFound") throw new Response("Not found", { status: 404 });
    return json(submission.reply({ fieldErrors: { categorySlug: ["catalog:review.errors.categoryRequired"] } }), { status: 400 });
  }
  return redirect(submission.value.intent === "publish" ? `/listings/${params.id}` : "/agent/review");
}

export default function ReviewListing() {
  const { listing, categories } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "review",
    lastResult,
    defaultValue: {
      titleZh: listing.titleZh,
      descriptionZh: listing.descriptionZh,
      categorySlug: listing.categorySlug,
      weightGrams: listing.weightGrams ?? undefined,
      variants: listing.variants.map((variant) => ({
        id: variant.id,
        weightGrams: variant.weightGrams ?? undefined,
        lengthCm: variant.lengthCm ?? undefined,
        widthCm: variant.widthCm ?? undefined,
        heightCm: variant.heightCm ?? undefined,
      })),
      // The declared fields and one empty row to add another (up to five).
      personalization: [...listing.personalization, ...(listing.personalization.length < 5 ? [{ charset: "latin" as const }] : [])],
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewFormSchema }),
    ...FIELD_VALIDATION,
  });
  const variantFields = fields.variants.getFieldList();
  const personalizationRows = fields.personalization.getFieldList();
  return (
    <article className="page">
      <h1>{t("catalog:review.title")}</h1>
      <div className="listing-layout">
        <div>
          <h2 lang="und">{listing.title}</h2>
          <p lang="und" className="muted">
            {listing.description}
          </p>
          <p>
            {formatMoney(listing.price, listing.currency, i18n.language)} <span className="currency-code">{listing.currency}</span> ·{" "}
            {listing.store.name}
          </p>
          <ul className="variant-list">
            {listing.variants.map((variant) => (
              <li key={`${variant.title}-${variant.price}`}>
                {variant.titleZh} <span className="muted">({variant.title})</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={listing.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
              {t("catalog:viewAtStore")}
            </a>
          </p>
        </div>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={`${form.id}-errors`} errors={form.errors} />
          <Field
            label={t("catalog:review.titleZh")}
            inputProps={{ ...getInputProps(fields.titleZh, { type: "text" }) }}
            errors={fields.titleZh.errors}
          />
          <div className="field">
            <label htmlFor={fields.descriptionZh.id}>{t("catalog:review.descriptionZh")}</label>
            <textarea
              {...getTextareaProps(fields.descriptionZh)}
              rows={6}
              aria-describedby={fields.descriptionZh.errors ? fields.descriptionZh.errorId : undefined}
            />
            {fields.descriptionZh.errors ? (
              <p id={fields.descriptionZh.errorId} className="field-errors" role="alert">
                {fields.descriptionZh.errors.map((error) => t(error)).join(" ")}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={fields.categorySlug.id}>{t("catalog:filters.category")}</label>
            <select id={fields.categorySlug.id} name={fields.categorySlug.name} defaultValue={listing.categorySlug}>
              <CategoryOptions categories={categories} />
            </select>
          </div>
          <Field
            label={t("catalog:review.weightGrams")}
            hint={listing.weightGrams ? undefined : t("catalog:review.weightMissing")}
            inputProps={{ ...getInputProps(fields.weightGrams, { type: "number" }), inputMode: "numeric" }}
            errors={fields.weightGrams.errors}
          />
          {listing.variants.length > 1
            ? variantFields.map((item, index) => {
                const variant = listing.variants[index];
                const f = item.getFieldset();
                const number = (field: typeof f.weightGrams, label: string, mode: "numeric" | "decimal") => (
                  <Field
                    label={label}
                    inputProps={{ ...getInputProps(field, { type: "number" }), inputMode: mode, step: mode === "decimal" ? "any" : 1 }}
                    errors={field.errors}
                  />
                );
                return variant ? (
                  <fieldset key={item.key} className="item-fieldset" data-testid="variant-parcel">
                    <legend>{t("product:variant.parcelLegend", { name: variant.titleZh || variant.title })}</legend>
                    <input {...getInputProps(f.id, { type: "hidden" })} />
                    <p className="field-hint">{t("product:variant.parcelHint")}</p>
                    <div className="form-grid">
                      {number(f.weightGrams, t("catalog:review.weightGrams"), "numeric")}
                      {number(f.lengthCm, t("quote:form.lengthCm"), "decimal")}
                      {number(f.widthCm, t("quote:form.widthCm"), "decimal")}
                      {number(f.heightCm, t("quote:form.heightCm"), "decimal")}
                    </div>
                  </fieldset>
                ) : null;
              })
            : null}
          <fieldset className="item-fieldset" data-testid="personalization-declaration">
            <legend>{t("product:personalization.declareLegend")}</legend>
            <p className="field-hint">{t("product:personalization.declareHint")}</p>
            {personalizationRows.map((row, index) => {
              const f = row.getFieldset();
              return (
                <div
                  key={row.key}
                  className="form-grid personalization-row"
                  role="group"
                  aria-label={t("product:personalization.row", { n: index + 1 })}
                >
                  <input {...getInputProps(f.key, { type: "hidden" })} />
                  <Field
                    label={t("product:personalization.labelZh")}
                    inputProps={{ ...getInputProps(f.labelZh, { type: "text" }) }}
                    errors={f.labelZh.errors}
                  />
                  <Field
                    label={t("product:personalization.labelEn")}
                    inputProps={{ ...getInputProps(f.labelEn, { type: "text" }) }}
                    errors={f.labelEn.errors}
                  />
                  <Field
                    label={t("product:personalization.maxLength")}
                    inputProps={{ ...getInputProps(f.maxLength, { type: "number" }), inputMode: "numeric", min: 1, max: 200 }}
                    errors={f.maxLength.errors}
                  />
                  <div className="field">
                    <label htmlFor={f.charset.id}>{t("product:personalization.charset")}</label>
                    <select id={f.charset.id} name={f.charset.name} defaultValue={f.charset.initialValue ?? "latin"}>
                      <option value="latin">{t("product:personalization.charsets.latin")}</option>
                      <option value="any">{t("product:personalization.charsets.any")}</option>
                    </select>
                  </div>
                  <div className="field checkbox">
                    <label>
                      <input {...getInputProps(f.required, { type: "checkbox" })} /> {t("product:personalization.requiredField")}
                    </label>
                  </div>
                </div>
              );
            })}
          </fieldset>
          <div className="button-row">
            <button type="submit" name="intent" value="save" className="button">
              {t("catalog:review.save")}
            </button>
            <button type="submit" name="intent" value="publish" className="button primary">
              {t("catalog:review.publish")}
            </button>
          </div>
        </Form>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
