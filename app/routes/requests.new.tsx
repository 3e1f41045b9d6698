import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FieldErrors } from "~/components/form-field";
import { REQUEST_LIMITS, requestFormSchema } from "~/domain/requests/request-form";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { createRequest } from "~/services/product-requests.server";
import { requireUser } from "~/utils/auth.server";
import { parseWithZod } from "~/utils/parse-form";
import { pageTitle } from "~/utils/meta";

// "Buy anything for me": the shopper describes goods no link imports (or that have no link); an agent
// quotes them. The import page links here with the failed link prefilled (?link=).

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "requests-new") }];

const FIELDS = ["storeName", "link", "description", "variant", "quantity", "budget"] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;
type Errors = Record<string, string[] | null>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  const link = (params.get("link") ?? "").slice(0, REQUEST_LIMITS.link);
  return json({ link: /^https?:\/\//i.test(link) ? link : "", fromImport: params.get("from") === "import" });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok) {
    return json({ errors: { photos: [parsed.error] } as Errors, values: {} as Values }, { status: photoFormStatus(parsed.error) });
  }
  const values = Object.fromEntries(FIELDS.map((key) => [key, String(parsed.form.get(key) ?? "").slice(0, 2_100)])) as Values;
  const submission = parseWithZod(parsed.form, { schema: requestFormSchema });
  if (submission.status !== "success") {
    await discardPhotos(parsed.photos);
    return json({ errors: (submission.reply().error ?? {}) as Errors, values }, { status: 400 });
  }
  const id = await createRequest(user, submission.value, parsed.photos);
  return redirect(`/requests/${id}?filed=1`);
}

export default function NewRequestPage() {
  const { link, fromImport } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const err = (name: string) => errors[name] ?? undefined;
  return (
    <section className="page narrow" aria-labelledby="request-new-title">
      <h1 id="request-new-title">{t("requests:new.title")}</h1>
      {fromImport ? (
        <p className="notice" role="status">
          {t("requests:new.fromImport")}
        </p>
      ) : null}
      <p className="muted">{t("requests:new.intro")}</p>
      <p>
        <Link to="/requests">{t("requests:nav.mine")}</Link>
      </p>
      <Form method="post" encType="multipart/form-data" className="stack-form" noValidate>
        <Field
          label={t("requests:fields.storeName")}
          errors={err("storeName")}
          inputProps={{
            id: "storeName",
            name: "storeName",
            required: true,
            maxLength: REQUEST_LIMITS.storeName,
            defaultValue: values.storeName,
            autoFocus: Boolean(err("storeName")),
          }}
        />
        <Field
          label={t("requests:fields.link")}
          hint={t("requests:fields.linkHint")}
          errors={err("link")}
          inputProps={{
            id: "link",
            name: "link",
            type: "url",
            inputMode: "url",
            maxLength: REQUEST_LIMITS.link,
            defaultValue: values.link ?? link,
          }}
        />
        <div className="field">
          <label htmlFor="description">{t("requests:fields.description")}</label>
          <textarea
            id="description"
            name="description"
            rows={5}
            required
            maxLength={REQUEST_LIMITS.description}
            defaultValue={values.description}
            aria-invalid={err("description") ? true : undefined}
            aria-describedby={err("description") ? "description-error" : "description-hint"}
          />
          <p id="description-hint" className="field-hint">
            {t("requests:fields.descriptionHint")}
          </p>
          <FieldErrors id="description-error" errors={err("description")} />
        </div>
        <Field
          label={t("requests:fields.variant")}
          hint={t("requests:fields.variantHint")}
          errors={err("variant")}
          inputProps={{ id: "variant", name: "variant", maxLength: REQUEST_LIMITS.variant, defaultValue: values.variant }}
        />
        <Field
          label={t("requests:fields.quantity")}
          errors={err("quantity")}
          inputProps={{
            id: "quantity",
            name: "quantity",
            type: "number",
            inputMode: "numeric",
            min: 1,
            max: REQUEST_LIMITS.quantity,
            required: true,
            defaultValue: values.quantity ?? "1",
          }}
        />
        <Field
          label={t("requests:fields.budget")}
          hint={t("requests:fields.budgetHint")}
          errors={err("budget")}
          inputProps={{ id: "budget", name: "budget", inputMode: "decimal", defaultValue: values.budget }}
        />
        <div className="field">
          <label htmlFor="photos">{t("requests:fields.photos")}</label>
          <input
            id="photos"
            type="file"
            name="photos"
            multiple
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={err("photos") ? "photos-error photos-hint" : "photos-hint"}
          />
          <p id="photos-hint" className="field-hint">
            {t("requests:fields.photosHint")}
          </p>
          <FieldErrors id="photos-error" errors={err("photos")} />
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {t("requests:new.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
