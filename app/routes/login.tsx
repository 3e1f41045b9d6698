import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { loginSchema } from "~/domain/auth/schemas";
import { logIn } from "~/services/user.server";
import { createUserSession, getUser } from "~/utils/auth.server";
import { clientIp } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "login") }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await logIn(email, password, clientIp(request));
  if (outcome.ok) return createUserSession(outcome.userId, safeRedirect(redirectTo), request);
  if (outcome.reason === "limited") {
    return json(submission.reply({ formErrors: ["auth:errors.tooManyFailures"], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(outcome.retryAfter) },
    });
  }
  return json(submission.reply({ formErrors: ["auth:errors.invalidCredentials"], hideFields: ["password"] }), { status: 400 });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: { email: { required: true }, password: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    // Checked first on submit, not on leaving a field: the email field has the focus when the page opens,
    // so a check on leaving it would put a message above the "forgot password" link as it is tapped,
    // moving the link away from the pointer (the tap lost, as FIELD_VALIDATION describes).
    ...FIELD_VALIDATION,
    shouldValidate: "onSubmit",
  });
  const focusField = firstFieldWithErrors([fields.email, fields.password]);
  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth:login.title")}</h1>
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? `${form.id}-errors` : undefined}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field
          label={t("auth:fields.email")}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            autoFocus: focusField !== fields.password.name,
          }}
          errors={fields.email.errors}
        />
        <Field
          label={t("auth:fields.password")}
          inputProps={{
            autoFocus: focusField === fields.password.name,
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "current-password",
          }}
          errors={fields.password.errors}
        />
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("auth:login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth:login.forgotPassword")}</Link>
      </p>
      <p>
        {t("auth:login.noAccount")} <Link to="/signup">{t("auth:signup.title")}</Link>
      </p>
    </section>
  );
}
