import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form-field";
import { forgotPasswordSchema } from "~/domain/auth/schemas";
import { mailLocale } from "~/services/account-mail.server";
import { requestPasswordReset } from "~/services/account-tokens.server";
import { clientIp, hitRateLimit, rules } from "~/utils/rate-limit.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "forgot-password") }];

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const wait = await hitRateLimit(rules.passwordResetPerIp, clientIp(request));
  if (wait !== null) {
    return json(submission.reply({ formErrors: ["auth:errors.tooManyAttempts"] }), {
      status: 429,
      headers: { "Retry-After": String(wait) },
    });
  }
  const { email } = submission.value;
  await requestPasswordReset({ email, locale: await mailLocale(request) });
  // The same answer whether or not the email has an account.
  return json({ ...submission.reply({ resetForm: true }), sentTo: email });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    constraint: { email: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    ...FIELD_VALIDATION,
  });
  if (lastResult && "sentTo" in lastResult) {
    return (
      <section className="page narrow" aria-labelledby="forgot-sent-title">
        <h1 id="forgot-sent-title">{t("auth:forgot.sentTitle")}</h1>
        <p role="status" className="notice success">
          {t("auth:forgot.sent", { email: lastResult.sentTo })}
        </p>
        <p>
          <Link to="/login">{t("auth:login.title")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth:forgot.title")}</h1>
      <p>{t("auth:forgot.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <Field
          label={t("auth:fields.email")}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", autoFocus: true }}
          errors={fields.email.errors}
        />
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("auth:forgot.submit")}
        </button>
      </Form>
    </section>
  );
}
