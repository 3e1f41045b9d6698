import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { signupSchema } from "~/domain/auth/schemas";
import { mailLocale } from "~/services/account-mail.server";
import { requestSignup } from "~/services/account-tokens.server";
import { getUser } from "~/utils/auth.server";
import { clientIp, hitRateLimit, rules } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "signup") }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signupSchema });
  const hidden = { hideFields: ["password", "confirmPassword"] };
  if (submission.status !== "success") return json(submission.reply(hidden), { status: 400 });
  const wait = await hitRateLimit(rules.signupPerIp, clientIp(request));
  if (wait !== null) {
    return json(submission.reply({ formErrors: ["auth:errors.tooManyAttempts"], ...hidden }), {
      status: 429,
      headers: { "Retry-After": String(wait) },
    });
  }
  const { email, name, password, redirectTo } = submission.value;
  const locale = await mailLocale(request);
  const outcome = await requestSignup({ email, name, password, redirectTo: safeRedirect(redirectTo), locale });
  if (!outcome.ok) return json(submission.reply({ fieldErrors: { password: ["auth:errors.passwordCommon"] }, ...hidden }), { status: 400 });
  // The same answer whether or not the email is registered: what differs goes only to that address.
  return json({ ...submission.reply({ resetForm: true }), sentTo: email });
}

export default function SignupPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
    ...FIELD_VALIDATION,
  });
  const focusField = firstFieldWithErrors([fields.email, fields.name, fields.password, fields.confirmPassword]);
  if (lastResult && "sentTo" in lastResult) {
    return (
      <section className="page narrow" aria-labelledby="signup-sent-title">
        <h1 id="signup-sent-title">{t("auth:signup.sentTitle")}</h1>
        <p role="status" className="notice success">
          {t("auth:signup.sent", { email: lastResult.sentTo })}
        </p>
        <p className="muted">{t("auth:signup.sentHint")}</p>
      </section>
    );
  }
  return (
    <section className="page narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("auth:signup.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field
          label={t("auth:fields.email")}
          inputProps={{
            autoFocus: focusField === fields.email.name,
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            required: true,
          }}
          errors={fields.email.errors}
        />
        <Field
          label={t("auth:fields.name")}
          inputProps={{
            autoFocus: focusField === fields.name.name,
            ...getInputProps(fields.name, { type: "text" }),
            autoComplete: "nickname",
            required: true,
          }}
          errors={fields.name.errors}
        />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirmPassword}
          label={t("auth:fields.password")}
          focusPassword={focusField === fields.password.name}
          focusConfirm={focusField === fields.confirmPassword.name}
        />
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("auth:signup.submit")}
        </button>
      </Form>
      <p>
        {t("auth:signup.haveAccount")} <Link to="/login">{t("auth:login.title")}</Link>
      </p>
    </section>
  );
}
