import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ClaimList } from "~/components/claim-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CLAIM_STATUSES, claimStatusSchema } from "~/domain/claims";
import { listClaims } from "~/services/claims.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

// Claims the viewer may see: a shopper's own, every one for an admin. An unknown status filter is a 400.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "claims-index") }];

const querySchema = z.object({ status: z.union([z.literal(""), claimStatusSchema]).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Unknown claim status", { status: 400 });
  const status = query.data.status || null;
  return json({ status, admin: user.role === "ADMIN", claims: await listClaims(user, { status }) });
}

export default function ClaimsPage() {
  const { status, admin, claims } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="claims-title">
      <h1 id="claims-title">{t("claims:list.title")}</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="claim-status">{t("claims:list.filter")}</label>
        <select id="claim-status" name="status" defaultValue={status ?? ""}>
          <option value="">{t("claims:list.all")}</option>
          {CLAIM_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`claims:status.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("claims:list.apply")}
        </button>
      </Form>
      {claims.length === 0 ? <p className="empty">{t("claims:list.empty")}</p> : <ClaimList claims={claims} showShopper={admin} />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
