import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form-field";
import { importFormSchema } from "~/domain/listing-forms";
import { importListing } from "~/services/listing-import.server";
import { requireUser } from "~/utils/auth.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "import-index") }];

const importsPerUser = { name: "import-user", limit: 30, windowSeconds: 3600 };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // A link pasted into the search box arrives here from the no-results suggestions: prefilled, if valid.
  const pasted = importFormSchema.safeParse({ url: new URL(request.url).searchParams.get("url") ?? undefined });
  return json({ url: pasted.success ? pasted.data.url : "" });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: importFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const wait = await hitRateLimit(importsPerUser, user.id);
  if (wait !== null) return json(submission.reply({ formErrors: ["catalog:import.errors.tooMany"] }), { status: 429 });
  const outcome = await importListing(submission.value.url, { importer: { id: user.id, role: user.role } });
  if (!outcome.ok) {
    const key = `catalog:import.codes.${outcome.error.code}`;
    return json(submission.reply({ fieldErrors: { url: [key] } }), { status: outcome.error.code === "IMPORTED_BY_OTHER" ? 409 : 422 });
  }
  // A published listing is the shopper's to buy: its own page (staff get the import page and its review link).
  const staff = user.role === "AGENT" || user.role === "ADMIN";
  return redirect(outcome.listing.status === "PUBLISHED" && !staff ? `/listings/${outcome.listing.id}` : `/import/${outcome.listing.id}`);
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { url } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "import",
    lastResult,
    defaultValue: { url },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importFormSchema }),
    ...FIELD_VALIDATION,
  });
  const busy = navigation.state === "submitting";
  return (
    <section className="page narrow" aria-labelledby="import-title">
      <h1 id="import-title">{t("catalog:import.title")}</h1>
      <p className="muted">{t("catalog:import.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <Field
          label={t("catalog:import.url")}
          hint={t("catalog:import.hint")}
          inputProps={{ ...getInputProps(fields.url, { type: "url" }), placeholder: "https://", autoFocus: true, required: true }}
          errors={fields.url.errors}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("catalog:import.working") : t("catalog:import.submit")}
        </button>
      </Form>
      <RequestInstead failed={Boolean(fields.url.errors?.some((error) => error.includes(":import.codes.")))} url={fields.url.value} />
    </section>
  );
}

/** "Buy anything for me": when a link cannot be imported (or there is none), an agent quotes a description instead. */
function RequestInstead({ failed, url }: { failed: boolean; url: string | undefined }) {
  const { t } = useTranslation();
  const search = new URLSearchParams(failed && url ? { from: "import", link: url } : {});
  return (
    <p className={failed ? "notice" : "muted"} data-testid="request-instead">
      {t(failed ? "requests:importFailed" : "requests:importHint")}{" "}
      <Link to={`/requests/new${search.size ? `?${search}` : ""}`}>{t("requests:importLink")}</Link>
    </p>
  );
}
