import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { StaleRatesBanner } from "~/components/stale-rates-banner";
import { ratesHealth } from "~/services/fx-rates.server";
import { requireRole } from "~/utils/auth.server";

// The admin layout: every /admin page is admin-only and warns while rates are stale.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const health = await ratesHealth();
  return json({ rates: { stale: health.stale, asOf: health.active?.asOf ?? null, maxAgeHours: health.maxAgeHours } });
}

export default function AdminLayout() {
  const { rates } = useLoaderData<typeof loader>();
  return (
    <>
      <StaleRatesBanner rates={rates} />
      <Outlet />
    </>
  );
}
