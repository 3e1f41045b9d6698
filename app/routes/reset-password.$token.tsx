import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { resetPasswordSchema } from "~/domain/auth/schemas";
import { findPasswordReset, resetPassword } from "~/services/account-tokens.server";
import { createUserSession } from "~/utils/auth.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { pageTitle } from "~/utils/meta";

// The link of a password-reset mail (/reset-password/<token>): a new password, every session of the
// user revoked, and the owner logged in.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "reset-password-token") }];

// The token is in the address: never sent on as a Referer, never cached.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findPasswordReset(params.token ?? "");
  return json({ valid: Boolean(reset) }, { status: reset ? 200 : 410, headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  const hidden = { hideFields: ["newPassword", "confirmPassword"] };
  if (submission.status !== "success") return json({ result: submission.reply(hidden), invalid: false }, { status: 400 });
  const outcome = await resetPassword(params.token ?? "", submission.value.newPassword);
  if (outcome.ok) return createUserSession(outcome.userId, "/", request);
  if (outcome.reason === "passwordCommon") {
    return json(
      { result: submission.reply({ fieldErrors: { newPassword: ["auth:errors.passwordCommon"] }, ...hidden }), invalid: false },
      { status: 400 },
    );
  }
  return json({ result: submission.reply(hidden), invalid: true }, { status: 410 });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    ...FIELD_VALIDATION,
  });
  const focusField = firstFieldWithErrors([fields.newPassword, fields.confirmPassword]);
  if (!valid || actionData?.invalid) {
    return (
      <section className="page narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("auth:reset.title")}</h1>
        <p className="notice error" role="alert">
          {t("auth:reset.invalid")}
        </p>
        <p>
          <Link to="/forgot-password">{t("auth:reset.requestAgain")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth:reset.title")}</h1>
      <p>{t("auth:reset.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <NewPasswordFields
          password={fields.newPassword}
          confirm={fields.confirmPassword}
          label={t("auth:fields.newPassword")}
          focusPassword={focusField !== fields.confirmPassword.name}
          focusConfirm={focusField === fields.confirmPassword.name}
        />
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("auth:reset.submit")}
        </button>
      </Form>
    </section>
  );
}
