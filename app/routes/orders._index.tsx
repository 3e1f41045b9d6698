import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderList } from "~/components/order-list";
import { ORDER_TABS, orderTabSchema } from "~/domain/orders/order-tabs";
import { listShopperOrders } from "~/services/orders.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-index") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // An unknown ?tab= shows 全部 rather than an error: it is a link someone shared or an old bookmark.
  const tab = orderTabSchema.parse(new URL(request.url).searchParams.get("tab") ?? "all");
  const { orders, counts } = await listShopperOrders(user.id, tab);
  return json({ tab, orders, counts });
}

export default function OrdersPage() {
  const { tab, orders, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="orders-title">
      <h1 id="orders-title">{t("orders:list.title")}</h1>
      <nav className="order-tabs" aria-label={t("orders:tabs.label")}>
        {ORDER_TABS.map((each) => (
          <Link
            key={each}
            to={each === "all" ? "/orders" : `/orders?tab=${each}`}
            aria-current={each === tab ? "page" : undefined}
            data-testid={`order-tab-${each}`}
          >
            {t(`orders:tabs.${each}`)}
            {counts[each] > 0 && each !== "all" ? <span className="tab-count">{counts[each]}</span> : null}
          </Link>
        ))}
      </nav>
      {orders.length === 0 ? (
        <p className="empty">
          {t(tab === "all" ? "orders:list.empty" : "orders:tabs.empty")} <Link to="/search">{t("orders:cart.browse")}</Link>
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
