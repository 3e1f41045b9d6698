import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { fromFen } from "~/domain/landed-cost/money";
import { decideTopUp, listPendingTopUps } from "~/services/wallet.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";

const decisionSchema = z.object({ topUpId: z.string().min(1).max(40), decision: z.enum(["CONFIRM", "REJECT"]) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ pending: await listPendingTopUps() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = decisionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: "wallet:errors.invalidDecision" }, { status: 400 });
  const outcome = await decideTopUp(admin, parsed.data.topUpId, parsed.data.decision);
  if (!outcome.ok) return json({ error: `wallet:errors.${outcome.reason}` }, { status: outcome.reason === "notFound" ? 404 : 409 });
  return json({ error: null });
}

export default function AdminTopUps() {
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section className="page" aria-labelledby="topups-title">
      <h1 id="topups-title">{t("wallet:admin.title")}</h1>
      <p className="muted">{t("wallet:admin.intro")}</p>
      {actionData?.error ? (
        <p role="alert" className="notice error">
          {t(actionData.error)}
        </p>
      ) : null}
      {pending.length === 0 ? <p className="empty">{t("wallet:admin.empty")}</p> : null}
      <ul className="notification-list">
        {pending.map((topUp) => (
          <li key={topUp.id}>
            <p>
              <strong>{topUp.reference}</strong> · {formatMoney(fromFen(topUp.amountFen), "CNY", i18n.language)} · {topUp.user.name} &lt;
              {topUp.user.email}&gt;
            </p>
            <p className="muted">{formatDateTime(topUp.createdAt, i18n.language)}</p>
            <Form method="post" className="button-row">
              <input type="hidden" name="topUpId" value={topUp.id} />
              <button type="submit" name="decision" value="CONFIRM" className="button primary small">
                {t("wallet:admin.confirm")}
              </button>
              <button type="submit" name="decision" value="REJECT" className="button small">
                {t("wallet:admin.reject")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
