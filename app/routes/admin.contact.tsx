import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FieldErrors } from "~/components/form-field";
import { contactSettingsSchema, WEEKDAYS } from "~/domain/consult/contact-settings";
import { getContactSettings, updateContactSettings } from "~/services/contact-settings.server";
import { requireRole } from "~/utils/auth.server";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";

// The contact channels shown at /contact and on every order page, and the answer SLA of questions.
// Saved changes are audited (AuditLog "ContactSettings").

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ settings: await getContactSettings() });
}

type Errors = Record<string, string[] | null>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: contactSettingsSchema });
  if (submission.status !== "success") return json({ ok: false, errors: (submission.reply().error ?? {}) as Errors }, { status: 400 });
  await updateContactSettings(admin, submission.value);
  return json({ ok: true, errors: {} as Errors });
}

const TEXT_FIELDS = [
  { name: "email", type: "email", max: 200 },
  { name: "wechatId", type: "text", max: 20, hint: true },
  { name: "wechatUrl", type: "url", max: 500, hint: true },
  { name: "phone", type: "tel", max: 24 },
] as const;

export default function AdminContact() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const errors = result?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("consult:admin.title")}</h1>
      {result?.ok ? (
        <p role="status" className="notice success">
          {t("consult:admin.saved")}
        </p>
      ) : null}
      <Form method="post" className="admin-form">
        <label className="checkbox">
          <input type="checkbox" name="inSite" value="on" defaultChecked={settings.inSite} /> {t("consult:admin.inSite")}
        </label>
        {TEXT_FIELDS.map((field) => (
          <Field
            key={field.name}
            label={t(`consult:admin.${field.name}`)}
            hint={"hint" in field ? t(`consult:admin.${field.name}Hint`) : undefined}
            errors={errors[field.name] ?? undefined}
            inputProps={{
              id: `contact-${field.name}`,
              name: field.name,
              type: field.type,
              maxLength: field.max,
              defaultValue: settings[field.name] ?? "",
            }}
          />
        ))}
        {(["hoursStart", "hoursEnd"] as const).map((name) => (
          <Field
            key={name}
            label={t(`consult:admin.${name}`)}
            errors={errors[name] ?? undefined}
            inputProps={{ id: `contact-${name}`, name, type: "time", required: true, defaultValue: settings[name] }}
          />
        ))}
        <fieldset aria-describedby={errors.hoursDays ? "contact-days-error" : undefined}>
          <legend>{t("consult:admin.hoursDays")}</legend>
          {WEEKDAYS.map((day) => (
            <label key={day} className="choice">
              <input type="checkbox" name="hoursDays" value={day} defaultChecked={settings.hoursDays.includes(day)} />{" "}
              {t(`consult:contact.weekdays.${day}`)}
            </label>
          ))}
          <FieldErrors id="contact-days-error" errors={errors.hoursDays} />
        </fieldset>
        <Field
          label={t("consult:admin.answerSlaHours")}
          hint={t("consult:admin.answerSlaHoursHint")}
          errors={errors.answerSlaHours ?? undefined}
          inputProps={{
            id: "contact-answerSlaHours",
            name: "answerSlaHours",
            inputMode: "numeric",
            required: true,
            defaultValue: settings.answerSlaHours,
          }}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {t("consult:admin.save")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
