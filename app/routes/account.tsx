import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { changePasswordSchema } from "~/domain/auth/schemas";
import { changePassword } from "~/services/user.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  const hidden = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return json({ result: submission.reply(hidden), changed: false }, { status: 400 });
  const { currentPassword, newPassword } = submission.value;
  const outcome = await changePassword(user.id, currentPassword, newPassword, await currentSessionId(request));
  if (!outcome.ok) {
    const fieldErrors: Record<string, string[]> =
      outcome.reason === "passwordCommon"
        ? { newPassword: ["auth:errors.passwordCommon"] }
        : { currentPassword: ["auth:errors.currentPasswordWrong"] };
    return json({ result: submission.reply({ fieldErrors, ...hidden }), changed: false }, { status: 400 });
  }
  return json({ result: submission.reply({ resetForm: true }), changed: true });
}

export default function AccountPage() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    ...FIELD_VALIDATION,
  });
  const focusField = firstFieldWithErrors([fields.currentPassword, fields.newPassword, fields.confirmPassword]);
  return (
    <section className="page narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("auth:account.title")}</h1>
      <dl className="facts">
        <dt>{t("auth:fields.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("auth:fields.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("auth:fields.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
      </dl>
      <ul className="workspace-links">
        <li>
          <Link to="/returns">{t("nav.returns")}</Link>
        </li>
        <li>
          <Link to="/complaints">{t("nav.complaints")}</Link>
        </li>
        <li>
          <Link to="/account/notifications">{t("promo:preferences.link")}</Link>
        </li>
      </ul>
      <h2>{t("auth:account.changePassword")}</h2>
      {actionData?.changed ? (
        <p role="status" className="notice success">
          {t("auth:account.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <Field
          label={t("auth:fields.currentPassword")}
          inputProps={{
            autoFocus: focusField === fields.currentPassword.name,
            ...getInputProps(fields.currentPassword, { type: "password" }),
            autoComplete: "current-password",
            required: true,
          }}
          errors={fields.currentPassword.errors}
        />
        <NewPasswordFields
          password={fields.newPassword}
          confirm={fields.confirmPassword}
          label={t("auth:fields.newPassword")}
          focusPassword={focusField === fields.newPassword.name}
          focusConfirm={focusField === fields.confirmPassword.name}
        />
        <button type="submit" className="button primary">
          {t("auth:account.changePassword")}
        </button>
      </Form>
    </section>
  );
}
