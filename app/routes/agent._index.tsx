import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["AGENT", "ADMIN"]);
  return json({ name: user.name });
}

export default function AgentWorkspace() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="agent-title">
      <h1 id="agent-title">{t("admin:agent.title")}</h1>
      <p>{t("admin:agent.welcome", { name })}</p>
      <ul className="workspace-links">
        <li>
          <Link to="/agent/review">{t("admin:agent.review")}</Link>
          <p className="muted">{t("admin:agent.reviewHint")}</p>
        </li>
        <li>
          <Link to="/complaints?status=OPEN">{t("admin:agent.complaints")}</Link>
          <p className="muted">{t("admin:agent.complaintsHint")}</p>
        </li>
        <li>
          <Link to="/agent/reports">{t("admin:agent.reports")}</Link>
          <p className="muted">{t("admin:agent.reportsHint")}</p>
        </li>
        <li>
          <Link to="/import">{t("admin:agent.import")}</Link>
          <p className="muted">{t("admin:agent.importHint")}</p>
        </li>
        <li>
          <Link to="/agent/listings/new">{t("admin:agent.manual")}</Link>
          <p className="muted">{t("admin:agent.manualHint")}</p>
        </li>
        <li>
          <Link to="/quote">{t("admin:agent.quote")}</Link>
          <p className="muted">{t("admin:agent.quoteHint")}</p>
        </li>
      </ul>
    </section>
  );
}
