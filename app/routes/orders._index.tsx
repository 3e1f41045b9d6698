import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderList } from "~/components/order-list";
import { listShopperOrders } from "~/services/orders.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-index") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ orders: await listShopperOrders(user.id) });
}

export default function OrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="orders-title">
      <h1 id="orders-title">{t("orders:list.title")}</h1>
      {orders.length === 0 ? (
        <p className="empty">
          {t("orders:list.empty")} <Link to="/search">{t("orders:cart.browse")}</Link>
        </p>
      ) : (
        <OrderList orders={orders} />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
