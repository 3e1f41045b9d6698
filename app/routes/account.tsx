import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { changePasswordSchema } from "~/domain/auth/schemas";
import { changePassword } from "~/services/user.server";
import { getBalanceFen } from "~/services/wallet.server";
import { LocaleSwitcher } from "~/components/site-header";
import { WorkbenchLinks } from "~/components/workbench-menu";
import { fromFen } from "~/domain/landed-cost/money";
import { formatMoney } from "~/utils/format";
import { i18next } from "~/utils/i18n.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// The 我的 tab: who is signed in, the shortcuts a shopper looks for (orders, wallet, after-sales, requests,
// questions, notifications), the staff's workbench, language, logging out, and the password form.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [balanceFen, t] = await Promise.all([getBalanceFen(user.id), i18next.getFixedT(request)]);
  return json({ user, balanceFen, title: `${t("shell:hub.metaTitle")} · ${t("brand.name")}` });
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
  const { user, balanceFen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    ...FIELD_VALIDATION,
  });
  const focusField = firstFieldWithErrors([fields.currentPassword, fields.newPassword, fields.confirmPassword]);
  return (
    <section className="page narrow" aria-labelledby="account-title">
      <div className="hub-header">
        <span className="hub-avatar" aria-hidden="true">
          {user.name.slice(0, 1)}
        </span>
        <div>
          <h1 id="account-title">{t("shell:hub.greeting", { name: user.name })}</h1>
          <p className="muted">
            {user.email} · {t(`roles.${user.role}`)}
          </p>
        </div>
      </div>
      <section className="hub-section" aria-labelledby="hub-orders">
        <h2 id="hub-orders">{t("shell:hub.orders")}</h2>
        <ul className="hub-tiles">
          <li>
            <Link to="/orders">{t("shell:hub.allOrders")}</Link>
          </li>
          <li>
            <Link to="/wallet">
              <span>{t("shell:hub.wallet")}</span>
              <strong>{formatMoney(fromFen(balanceFen), "CNY", i18n.language)}</strong>
            </Link>
          </li>
        </ul>
      </section>
      <section className="hub-section" aria-labelledby="hub-services">
        <h2 id="hub-services">{t("shell:hub.services")}</h2>
        <ul className="hub-tiles">
          <li>
            <Link to="/returns">{t("nav.returns")}</Link>
          </li>
          <li>
            <Link to="/complaints">{t("nav.complaints")}</Link>
          </li>
          <li>
            <Link to="/claims">{t("nav.claims")}</Link>
          </li>
          <li>
            <Link to="/requests">{t("requests:nav.mine")}</Link>
          </li>
          <li>
            <Link to="/questions">{t("consult:mine.title")}</Link>
          </li>
          <li>
            <Link to="/notifications">{t("nav.notifications")}</Link>
          </li>
          <li>
            <Link to="/contact">{t("consult:nav.contact")}</Link>
          </li>
        </ul>
      </section>
      {user.role === "AGENT" || user.role === "ADMIN" ? (
        <section className="hub-section" aria-labelledby="hub-workbench">
          <h2 id="hub-workbench">{t("shell:hub.workbench")}</h2>
          <WorkbenchLinks role={user.role} />
        </section>
      ) : null}
      <section className="hub-section" aria-labelledby="hub-settings">
        <h2 id="hub-settings">{t("shell:hub.settings")}</h2>
        <ul className="workspace-links">
          <li>
            <Link to="/account/notifications">{t("promo:preferences.link")}</Link>
          </li>
        </ul>
        <div className="hub-language">
          <span>{t("shell:hub.language")}</span>
          <LocaleSwitcher locale={i18n.language} path="/account" />
        </div>
        <Form method="post" action="/logout">
          <button type="submit" className="button">
            {t("nav.logout")}
          </button>
        </Form>
      </section>
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
