import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAuditLog } from "~/services/pricing-admin.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ entries: await listAuditLog() });
}

export default function AdminAudit() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{t("admin:audit.title")}</h1>
      {entries.length === 0 ? <p className="empty">{t("admin:audit.empty")}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin:audit.when")}</th>
              <th scope="col">{t("admin:audit.who")}</th>
              <th scope="col">{t("admin:audit.what")}</th>
              <th scope="col">{t("admin:audit.before")}</th>
              <th scope="col">{t("admin:audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.createdAt, i18n.language)}</td>
                <td>{entry.actor ? `${entry.actor.name} <${entry.actor.email}>` : "—"}</td>
                <td>
                  {entry.entity} {entry.entityId} · {entry.action}
                </td>
                <td>
                  <code>{entry.before ?? "—"}</code>
                </td>
                <td>
                  <code>{entry.after ?? "—"}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
