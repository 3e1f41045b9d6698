import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form-field";
import { fromFen } from "~/domain/landed-cost/money";
import { topUpFen, topUpSchema } from "~/domain/payments/top-up";
import { alipayAvailable } from "~/services/alipay-client.server";
import { startTopUp } from "~/services/payment-trades.server";
import { wechatPayAvailable } from "~/services/wechat-pay-client.server";
import { getWallet, requestTopUp } from "~/services/wallet.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { readForm } from "~/utils/request-form.server";
import { cashierDevice } from "~/utils/cashier-device";
import { clientIp } from "~/utils/rate-limit.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "wallet") }];

const topUpsPerUser = { name: "topup-user", limit: 10, windowSeconds: 3600 };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ wallet: await getWallet(user.id), alipay: alipayAvailable(), wechat: wechatPayAvailable() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: topUpSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), topUp: null }, { status: 400 });
  if ((await hitRateLimit(topUpsPerUser, user.id)) !== null) {
    return json({ result: submission.reply({ formErrors: ["wallet:errors.tooMany"] }), topUp: null }, { status: 429 });
  }
  const amountFen = topUpFen(submission.value.amount);
  if (submission.value.method === "alipay" || submission.value.method === "wechat") {
    const wechat = submission.value.method === "wechat";
    const started = await startTopUp(user, amountFen, {
      provider: wechat ? "WECHAT" : "ALIPAY",
      device: cashierDevice(request),
      clientIp: clientIp(request),
    });
    if (started.ok) return redirect(started.cashierUrl);
    const error =
      started.reason === "tooManyOpen"
        ? "wallet:errors.tooManyOpenTrades"
        : wechat
          ? "wallet:errors.wechatUnavailable"
          : "wallet:errors.alipayUnavailable";
    return json(
      { result: submission.reply({ formErrors: [error] }), topUp: null },
      { status: started.reason === "tooManyOpen" ? 429 : 400 },
    );
  }
  const topUp = await requestTopUp(user.id, amountFen);
  return json({ result: submission.reply({ resetForm: true }), topUp });
}

export default function WalletPage() {
  const { wallet, alipay, wechat } = useLoaderData<typeof loader>();
  const online = alipay || wechat;
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", i18n.language);
  const [form, fields] = useForm({
    id: "top-up",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: topUpSchema }),
    ...FIELD_VALIDATION,
  });
  return (
    <section className="page narrow" aria-labelledby="wallet-title">
      <h1 id="wallet-title">{t("wallet:title")}</h1>
      <p className="landed-price" data-testid="wallet-balance">
        {cny(wallet.balanceFen)}
      </p>
      <p className="muted">{t("wallet:balanceHint")}</p>

      <h2>{t("wallet:topUp.title")}</h2>
      {actionData?.topUp ? (
        <div className="notice success" role="status">
          <p>{t("wallet:topUp.created", { amount: cny(actionData.topUp.amountFen) })}</p>
          <p>
            {t("wallet:topUp.reference")}: <strong data-testid="top-up-reference">{actionData.topUp.reference}</strong>
          </p>
          <p>{t("wallet:topUp.bank")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <Field
          label={t("wallet:topUp.amount")}
          hint={t("wallet:topUp.hint")}
          inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal", autoFocus: Boolean(fields.amount.errors) }}
          errors={fields.amount.errors}
        />
        <div className="button-row">
          {alipay ? (
            <button type="submit" name="method" value="alipay" className="button primary" data-testid="alipay-top-up">
              {t("wallet:alipay.submit")}
            </button>
          ) : null}
          {wechat ? (
            <button type="submit" name="method" value="wechat" className={alipay ? "button" : "button primary"} data-testid="wechat-top-up">
              {t("wallet:wechat.submit")}
            </button>
          ) : null}
          <button type="submit" name="method" value="bank" className={online ? "button" : "button primary"}>
            {t("wallet:topUp.submit")}
          </button>
        </div>
        {alipay ? <p className="field-hint">{t("wallet:alipay.hint")}</p> : null}
        {wechat ? <p className="field-hint">{t("wallet:wechat.hint")}</p> : null}
      </Form>

      {wallet.topUps.length > 0 ? (
        <>
          <h2>{t("wallet:topUps")}</h2>
          <ul className="notification-list">
            {wallet.topUps.map((topUp) => (
              <li key={topUp.id}>
                {topUp.reference} · {cny(topUp.amountFen)} · {t(`wallet:status.${topUp.status}`)} ·{" "}
                <span className="muted">{formatDateTime(topUp.createdAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("wallet:ledger")}</h2>
      {wallet.entries.length === 0 ? <p className="empty">{t("wallet:empty")}</p> : null}
      <div className="table-wrap">
        <table>
          <tbody>
            {wallet.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.createdAt, i18n.language)}</td>
                <td>{t(`wallet:kinds.${entry.kind}`)}</td>
                <td className="num">{cny(entry.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
