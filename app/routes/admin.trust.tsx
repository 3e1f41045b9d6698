import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/form-field";
import { trustSettingsSchema } from "~/domain/trust/settings";
import { getTrustSettings, updateTrustSettings } from "~/services/trust-settings.server";
import { requireRole } from "~/utils/auth.server";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";

// The trust rules: agents' on-time targets, the complaint answer SLA, the review edit window and the
// smallest sample a score is shown for.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ settings: await getTrustSettings() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: trustSettingsSchema });
  if (submission.status !== "success") return json({ ok: false, errors: submission.reply().error ?? {} }, { status: 400 });
  await updateTrustSettings(admin, submission.value);
  return json({ ok: true, errors: {} as Record<string, string[] | null> });
}

const FIELDS = ["procurementTargetHours", "dispatchTargetHours", "complaintAnswerHours", "reviewEditDays", "minimumSample"] as const;

export default function AdminTrust() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("trust:admin.settingsTitle")}</h1>
      {result?.ok ? (
        <p role="status" className="notice success">
          {t("trust:admin.saved")}
        </p>
      ) : null}
      <Form method="post" className="admin-form">
        {FIELDS.map((name) => (
          <Field
            key={name}
            label={t(`trust:admin.settings.${name}`)}
            hint={t(`trust:admin.settings.${name}Hint`)}
            errors={result?.errors[name] ?? undefined}
            inputProps={{ id: `trust-${name}`, name, inputMode: "numeric", required: true, defaultValue: settings[name] }}
          />
        ))}
        <button type="submit" className="button primary" disabled={busy}>
          {t("trust:admin.save")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
