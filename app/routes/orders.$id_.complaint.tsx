import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EvidenceFields } from "~/components/evidence-fields";
import { FieldErrors } from "~/components/form-field";
import { COMPLAINT_CATEGORIES, COMPLAINT_TEXT_MAX, complaintFilingSchema } from "~/domain/trust/complaint-machine";
import { fileComplaint, getComplaintFiling } from "~/services/complaints.server";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { requireUser } from "~/utils/auth.server";
import { parseWithZod } from "~/utils/parse-form";
import { pageTitle } from "~/utils/meta";

// The order's shopper files a complaint (投诉): a category, what happened, photos. Separate from a
// return: it is about the service, and it goes to the agent, then (if need be) to an admin.
// A plain multipart form: works without JavaScript; a refused form stores no photo.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-id-complaint") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filing = await getComplaintFiling(user, params.id ?? "");
  if (!filing) throw new Response("Order not found", { status: 404 });
  return json(filing);
}

type Errors = Record<string, string[] | null>;
type Values = { category?: string; description?: string };

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.id ?? "";
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok)
    return json({ errors: { "": [parsed.error] } as Errors, values: {} as Values }, { status: photoFormStatus(parsed.error) });
  const values: Values = {
    category: String(parsed.form.get("category") ?? "").slice(0, 40),
    description: String(parsed.form.get("description") ?? "").slice(0, COMPLAINT_TEXT_MAX),
  };
  const submission = parseWithZod(parsed.form, { schema: complaintFilingSchema });
  if (submission.status !== "success") {
    await discardPhotos(parsed.photos);
    return json({ errors: (submission.reply().error ?? {}) as Errors, values }, { status: 400 });
  }
  const filed = await fileComplaint(user, orderId, submission.value, parsed.photos);
  if (filed.ok) return redirect(`/complaints/${filed.complaintId}`);
  await discardPhotos(parsed.photos);
  if (filed.reason === "notFound") throw new Response("Order not found", { status: 404 });
  return json({ errors: { "": [`complaints:errors.${filed.reason}`] } as Errors, values }, { status: 409 });
}

export default function FileComplaintPage() {
  const { order, refusal, open, answerHours } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors: Errors = result?.errors ?? {};
  const values: Values = result?.values ?? {};
  const formErrors = errors[""] ?? [];
  return (
    <section className="page narrow" aria-labelledby="complaint-file-title">
      <h1 id="complaint-file-title">{t("complaints:file.title", { number: order.number })}</h1>
      <p>
        <Link to={`/orders/${order.id}`}>{t("complaints:detail.order", { number: order.number })}</Link>
      </p>
      <p className="muted">{t("complaints:file.intro", { hours: answerHours })}</p>
      {formErrors.length ? (
        <div className="form-errors" role="alert">
          {formErrors.map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
        </div>
      ) : null}
      {open ? (
        <p className="notice" data-testid="complaint-open">
          {t("complaints:file.open")} <Link to={`/complaints/${open.id}`}>{open.number}</Link>
        </p>
      ) : refusal === "notPaid" ? (
        <p className="notice">{t("complaints:file.notPaid")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack-form" aria-labelledby="complaint-file-title">
          <fieldset aria-describedby={errors.category ? "category-error" : undefined}>
            <legend>{t("complaints:file.category")}</legend>
            {COMPLAINT_CATEGORIES.map((category) => (
              <label key={category} className="choice">
                <input type="radio" name="category" value={category} required defaultChecked={values.category === category} />{" "}
                {t(`complaints:categories.${category}`)}
              </label>
            ))}
            <FieldErrors id="category-error" errors={errors.category} />
          </fieldset>
          <EvidenceFields
            idPrefix="complaint"
            labels={{
              description: "complaints:file.description",
              hint: "complaints:file.descriptionHint",
              photos: "complaints:file.photos",
            }}
            maxLength={COMPLAINT_TEXT_MAX}
            description={values.description ?? ""}
            errors={errors.description}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t("complaints:file.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
