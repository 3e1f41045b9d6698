import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCheckIn } from "~/services/check-ins.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

// Where the check-in notification and mail lead: the order's product and what the shopper may still
// do about it (review, return, complaint; only those still allowed). Only the order's shopper sees it.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-id-check-in") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const checkIn = await getCheckIn(user.id, params.id ?? "");
  if (!checkIn) throw new Response("Order not found", { status: 404 });
  return json(checkIn);
}

export default function CheckIn() {
  const { order, product, actions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const links = [
    actions.review ? { to: `/orders/${order.id}/review`, key: "review" } : null,
    actions.return ? { to: `/orders/${order.id}/return`, key: "return" } : null,
    actions.complaint ? { to: `/orders/${order.id}/complaint`, key: "complaint" } : null,
  ].filter((link): link is { to: string; key: string } => link !== null);
  return (
    <section className="page narrow" aria-labelledby="check-in-title">
      <h1 id="check-in-title">{t("revisits:checkIn.title")}</h1>
      <div className="check-in-product">
        {product.image ? <img src={product.image} alt="" width={96} height={96} loading="lazy" /> : null}
        <p>
          <strong>{product.title}</strong>
          {product.more > 0 ? ` ${t("revisits:checkIn.more", { count: product.more })}` : null}
        </p>
      </div>
      {order.deliveredAt ? (
        <p className="muted">{t("revisits:checkIn.intro", { number: order.number, date: formatDate(order.deliveredAt, i18n.language) })}</p>
      ) : null}
      {links.length ? (
        <ul className="workspace-links" data-testid="check-in-actions">
          {links.map((link) => (
            <li key={link.key}>
              <Link to={link.to} className="button">
                {t(`revisits:checkIn.${link.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("revisits:checkIn.nothing")}</p>
      )}
      <p>
        <Link to={`/orders/${order.id}`}>{t("revisits:checkIn.order")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
