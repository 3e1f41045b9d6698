import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fromFen } from "~/domain/landed-cost/money";
import { getGuaranteeSettings } from "~/services/guarantee.server";
import { formatMoney } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "guarantee") }];

// What the quoted landed price promises, with the amounts an admin set today. Public: no login.
export async function loader(_args: LoaderFunctionArgs) {
  return json(await getGuaranteeSettings());
}

export default function GuaranteePage() {
  const { priceToleranceFen, refundApprovalFen } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", i18n.language);
  const list = (section: string, keys: string[], params: Record<string, string> = {}) => (
    <ul>
      {keys.map((key) => (
        <li key={key}>{t(`orders:guarantee.${section}.${key}`, params)}</li>
      ))}
    </ul>
  );
  return (
    <article className="page narrow" aria-labelledby="guarantee-title">
      <h1 id="guarantee-title">{t("orders:guarantee.title")}</h1>
      <p className="lead">{t("orders:guarantee.intro")}</p>
      <section aria-labelledby="covered-title">
        <h2 id="covered-title">{t("orders:guarantee.coveredTitle")}</h2>
        {list("covered", ["rates", "dearer", "heavier", "tax"])}
      </section>
      <section aria-labelledby="asked-title">
        <h2 id="asked-title">{t("orders:guarantee.askedTitle")}</h2>
        {list("asked", ["check", "tolerance", "rose", "stock", "nothing"], { tolerance: cny(priceToleranceFen) })}
      </section>
      <section aria-labelledby="cheaper-title">
        <h2 id="cheaper-title">{t("orders:guarantee.cheaperTitle")}</h2>
        {list("cheaper", ["evidence", "warehouse", "approval"], { approval: cny(refundApprovalFen) })}
      </section>
      <p>
        <Link to="/orders">{t("orders:guarantee.ordersLink")}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
