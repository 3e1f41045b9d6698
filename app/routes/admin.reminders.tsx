import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FieldErrors } from "~/components/form-field";
import { revisitSettingsSchema } from "~/domain/revisits/settings";
import { getRevisitSettings, updateRevisitSettings } from "~/services/revisit-settings.server";
import { requireRole } from "~/utils/auth.server";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";

// Return visits (issue #19): the check-in delay and the re-order cadence of each consumable category.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json(await getRevisitSettings());
}

type Errors = Record<string, string[] | null>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: revisitSettingsSchema });
  if (submission.status !== "success") return json({ errors: (submission.reply().error ?? {}) as Errors }, { status: 400 });
  const saved = await updateRevisitSettings(admin, submission.value);
  if (!saved.ok) return json({ errors: { "": [`revisits:errors.${saved.reason}`] } as Errors }, { status: 400 });
  return redirect("/admin/reminders?saved=1");
}

export default function AdminReminders() {
  const { checkInDays, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const errors = result?.errors ?? {};
  const formErrors = [...(errors[""] ?? []), ...(errors.cadences ?? [])];
  return (
    <div className="page narrow">
      <h1>{t("revisits:admin.title")}</h1>
      <p className="muted">{t("revisits:admin.intro")}</p>
      {params.get("saved") && !result ? (
        <p role="status" className="notice success">
          {t("revisits:admin.saved")}
        </p>
      ) : null}
      {formErrors.length ? (
        <div role="alert" className="notice error">
          <FieldErrors id="reminders-form-error" errors={formErrors} />
        </div>
      ) : null}
      <Form method="post" className="admin-form">
        <Field
          label={t("revisits:admin.checkInDays")}
          hint={t("revisits:admin.checkInDaysHint")}
          errors={errors.checkInDays ?? undefined}
          inputProps={{ id: "reminders-checkInDays", name: "checkInDays", inputMode: "numeric", required: true, defaultValue: checkInDays }}
        />
        <h2>{t("revisits:admin.cadencesTitle")}</h2>
        <p className="muted">{t("revisits:admin.cadencesIntro")}</p>
        {categories.length === 0 ? <p className="empty">{t("revisits:admin.noCategories")}</p> : null}
        {categories.map((category, index) => (
          <div key={category.slug}>
            <input type="hidden" name={`cadences[${index}].slug`} value={category.slug} />
            <Field
              label={t("revisits:admin.cadenceLabel", { name: i18n.language === "en" ? category.nameEn : category.nameZh })}
              errors={errors[`cadences[${index}].days`] ?? undefined}
              inputProps={{
                id: `reminders-cadence-${category.slug}`,
                name: `cadences[${index}].days`,
                inputMode: "numeric",
                defaultValue: category.days ?? "",
              }}
            />
          </div>
        ))}
        <button type="submit" className="button primary" disabled={busy}>
          {t("revisits:admin.save")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
