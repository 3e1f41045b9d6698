import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReturnList } from "~/components/return-list";
import { listReturns } from "~/services/returns.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "returns-index") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ returns: await listReturns({ id: user.id, role: "SHOPPER" }) });
}

export default function MyReturnsPage() {
  const { returns } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="returns-title">
      <h1 id="returns-title">{t("returns:list.title")}</h1>
      {returns.length === 0 ? <p className="empty">{t("returns:list.empty")}</p> : <ReturnList returns={returns} />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
