import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderList } from "~/components/order-list";
import { ORDER_STATUSES, orderStatusSchema } from "~/domain/orders/status-machine";
import { listOrderQueue } from "~/services/orders.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "agent-orders") }];

const AGES = ["", "24", "48", "168"] as const;

// Unknown or tampered filters fall back to the defaults instead of failing the page.
const filterSchema = z.object({
  view: z.enum(["unassigned", "mine", "all"]).catch("unassigned"),
  status: orderStatusSchema.optional().catch(undefined),
  age: z.enum(AGES).catch(""),
  stale: z.literal("1").optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["AGENT", "ADMIN"]);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const orders = await listOrderQueue(user, {
    view: filter.view,
    status: filter.status ?? null,
    minAgeHours: filter.age ? Number(filter.age) : null,
    staleOnly: filter.stale === "1",
  });
  return json({ orders, filter });
}

export default function AgentOrdersPage() {
  const { orders, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <section className="page" aria-labelledby="queue-title">
      <h1 id="queue-title">{t("orders:queue.title")}</h1>
      <Form method="get" className="filters" onChange={(event) => submit(event.currentTarget, { replace: true })}>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t("orders:queue.view")}</legend>
          {(["unassigned", "mine", "all"] as const).map((view) => (
            <label key={view}>
              <input type="radio" name="view" value={view} defaultChecked={filter.view === view} /> {t(`orders:queue.views.${view}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="queue-status">{t("orders:queue.status")}</label>
        <select id="queue-status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("orders:queue.anyStatus")}</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`orders:status.${status}`)}
            </option>
          ))}
        </select>
        <label htmlFor="queue-age">{t("orders:queue.age")}</label>
        <select id="queue-age" name="age" defaultValue={filter.age}>
          {AGES.map((age) => (
            <option key={age} value={age}>
              {age ? t("orders:queue.ageAtLeast", { hours: age }) : t("orders:queue.anyAge")}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" name="stale" value="1" defaultChecked={filter.stale === "1"} /> {t("orders:queue.staleOnly")}
        </label>
        <noscript>
          <button type="submit" className="button small">
            {t("orders:queue.apply")}
          </button>
        </noscript>
      </Form>
      {orders.length === 0 ? <p className="empty">{t("orders:queue.empty")}</p> : <OrderList orders={orders} showPeople />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
