import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RequestList } from "~/components/request-list";
import { listOwnRequests } from "~/services/product-requests.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "requests-index") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ requests: await listOwnRequests(user.id) });
}

export default function MyRequestsPage() {
  const { requests } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="requests-title">
      <h1 id="requests-title">{t("requests:list.title")}</h1>
      <p>
        <Link to="/requests/new" className="button primary">
          {t("requests:list.new")}
        </Link>
      </p>
      {requests.length === 0 ? <p className="empty">{t("requests:list.empty")}</p> : <RequestList requests={requests} base="/requests" />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
