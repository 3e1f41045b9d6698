import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ComplaintList } from "~/components/complaint-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { COMPLAINT_STATUSES, complaintStatusSchema } from "~/domain/trust/complaint-machine";
import { listComplaints } from "~/services/complaints.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

// Complaints the viewer may see: a shopper's own, an agent's orders', every one for an admin (who
// starts from ESCALATED, the arbitration queue). An unknown status filter is a 400, not an empty list.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "complaints-index") }];

const querySchema = z.object({ status: z.union([z.literal(""), complaintStatusSchema]).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Unknown complaint status", { status: 400 });
  const status = query.data.status || null;
  return json({ status, staff: user.role !== "SHOPPER", complaints: await listComplaints(user, { status }) });
}

export default function ComplaintsPage() {
  const { status, staff, complaints } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="complaints-title">
      <h1 id="complaints-title">{t("complaints:list.title")}</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="complaint-status">{t("complaints:list.filter")}</label>
        <select id="complaint-status" name="status" defaultValue={status ?? ""}>
          <option value="">{t("complaints:list.all")}</option>
          {COMPLAINT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`complaints:status.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("complaints:list.apply")}
        </button>
      </Form>
      {complaints.length === 0 ? (
        <p className="empty">{t("complaints:list.empty")}</p>
      ) : (
        <ComplaintList complaints={complaints} showShopper={staff} />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
