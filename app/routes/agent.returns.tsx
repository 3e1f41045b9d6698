import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReturnList } from "~/components/return-list";
import { RETURN_STATUSES, returnStatusSchema } from "~/domain/returns";
import { listReturns } from "~/services/returns.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "agent-returns") }];

const filterSchema = z.object({
  status: returnStatusSchema.optional().catch(undefined),
  disputes: z.literal("1").optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["AGENT", "ADMIN"]);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ returns: await listReturns(user, { status: filter.status ?? null, disputesOnly: filter.disputes === "1" }), filter });
}

export default function ReturnsQueuePage() {
  const { returns, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <section className="page" aria-labelledby="returns-queue-title">
      <h1 id="returns-queue-title">{t("returns:queue.title")}</h1>
      <Form method="get" className="filters" onChange={(event) => submit(event.currentTarget, { replace: true })}>
        <label htmlFor="returns-status">{t("returns:queue.status")}</label>
        <select id="returns-status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("returns:queue.anyStatus")}</option>
          {RETURN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`returns:status.${status}`)}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" name="disputes" value="1" defaultChecked={filter.disputes === "1"} /> {t("returns:queue.disputesOnly")}
        </label>
        <noscript>
          <button type="submit" className="button small">
            {t("returns:queue.apply")}
          </button>
        </noscript>
      </Form>
      {returns.length === 0 ? <p className="empty">{t("returns:queue.empty")}</p> : <ReturnList returns={returns} showShopper />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
