import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RequestList } from "~/components/request-list";
import { listRequestQueue } from "~/services/product-requests.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "agent-requests-index") }];

// The agents' queue of "buy anything" requests: waiting for a quote first, then waiting for the shopper.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AGENT", "ADMIN"]);
  return json({ requests: await listRequestQueue() });
}

export default function RequestQueuePage() {
  const { requests } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="request-queue-title">
      <h1 id="request-queue-title">{t("requests:queue.title")}</h1>
      {requests.length === 0 ? (
        <p className="empty">{t("requests:queue.empty")}</p>
      ) : (
        <RequestList requests={requests} base="/agent/requests" />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
