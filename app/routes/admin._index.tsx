import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({});
}

// Each section's page is /admin/<section>, except the arbitration queue: the complaints page every role
// shares, opened on the escalated ones.
const sections = [
  "users",
  "pricing",
  "customs",
  "search-synonyms",
  "guarantee",
  "jobs",
  "topups",
  "payments",
  "reconciliation",
  "returns",
  "complaints",
  "claims",
  "stores",
  "trust",
  "reviews",
  "reminders",
  "outbox",
  "audit",
] as const;

export default function AdminHome() {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin:home.title")}</h1>
      <ul className="workspace-links">
        {sections.map((section) => (
          <li key={section}>
            <Link to={section === "complaints" ? "/complaints?status=ESCALATED" : `/admin/${section}`}>{t(`admin:home.${section}`)}</Link>
            <p className="muted">{t(`admin:home.${section}Hint`)}</p>
          </li>
        ))}
        <li>
          <Link to="/admin/contact">{t("consult:nav.adminContact")}</Link>
          <p className="muted">{t("consult:nav.adminContactHint")}</p>
        </li>
        <li>
          <Link to="/admin/campaigns">{t("promo:admin.title")}</Link>
          <p className="muted">{t("promo:admin.hint")}</p>
        </li>
      </ul>
    </section>
  );
}
