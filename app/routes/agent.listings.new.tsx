import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form-field";
import { manualListingSchema } from "~/domain/listing-forms";
import { createManualListing, listRegisteredStores } from "~/services/listing-import.server";
import { requireRole } from "~/utils/auth.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { readForm } from "~/utils/request-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AGENT", "ADMIN"]);
  return json({ stores: await listRegisteredStores() });
}

export async function action({ request }: ActionFunctionArgs) {
  const agent = await requireRole(request, ["AGENT", "ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: manualListingSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = await createManualListing(submission.value, agent.id);
  if (!outcome.ok) {
    const field = outcome.error.code === "URL_NOT_IN_STORE" ? "sourceUrl" : "storeId";
    return json(submission.reply({ fieldErrors: { [field]: [`catalog:manual.codes.${outcome.error.code}`] } }), { status: 400 });
  }
  return redirect(`/agent/review/${outcome.listing.id}`);
}

export default function ManualListing() {
  const { stores } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "manual-listing",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: manualListingSchema }),
    ...FIELD_VALIDATION,
  });
  const errorText = (errors?: string[]) => errors?.map((error) => t(error)).join(" ");
  return (
    <section className="page narrow" aria-labelledby="manual-title">
      <h1 id="manual-title">{t("catalog:manual.title")}</h1>
      <p className="muted">{t("catalog:manual.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.storeId.id}>{t("catalog:manual.store")}</label>
          <select {...getSelectProps(fields.storeId)} aria-describedby={fields.storeId.errors ? fields.storeId.errorId : undefined}>
            <option value="">{t("catalog:manual.chooseStore")}</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name} · {store.baseUrl} · {store.currency}
              </option>
            ))}
          </select>
          {fields.storeId.errors ? (
            <p id={fields.storeId.errorId} className="field-errors" role="alert">
              {errorText(fields.storeId.errors)}
            </p>
          ) : null}
        </div>
        <Field
          label={t("catalog:manual.sourceUrl")}
          inputProps={{ ...getInputProps(fields.sourceUrl, { type: "url" }) }}
          errors={fields.sourceUrl.errors}
        />
        <Field
          label={t("catalog:manual.originalTitle")}
          inputProps={{ ...getInputProps(fields.title, { type: "text" }) }}
          errors={fields.title.errors}
        />
        <div className="field">
          <label htmlFor={fields.description.id}>{t("catalog:manual.description")}</label>
          <textarea {...getTextareaProps(fields.description)} rows={4} />
        </div>
        <Field
          label={t("catalog:manual.price")}
          inputProps={{ ...getInputProps(fields.price, { type: "text" }), inputMode: "decimal" }}
          errors={fields.price.errors}
        />
        <div className="field checkbox">
          <label>
            <input {...getInputProps(fields.available, { type: "checkbox" })} defaultChecked /> {t("catalog:manual.available")}
          </label>
        </div>
        <Field
          label={t("catalog:review.weightGrams")}
          inputProps={{ ...getInputProps(fields.weightGrams, { type: "number" }), inputMode: "numeric" }}
          errors={fields.weightGrams.errors}
        />
        <div className="field">
          <label htmlFor={fields.imageUrls.id}>{t("catalog:manual.images")}</label>
          <textarea
            {...getTextareaProps(fields.imageUrls)}
            rows={3}
            aria-describedby={fields.imageUrls.errors ? fields.imageUrls.errorId : undefined}
          />
          {fields.imageUrls.errors ? (
            <p id={fields.imageUrls.errorId} className="field-errors" role="alert">
              {errorText(fields.imageUrls.errors)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button primary">
          {t("catalog:manual.submit")}
        </button>
      </Form>
    </section>
  );
}
