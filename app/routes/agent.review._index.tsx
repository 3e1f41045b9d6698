import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listReviewQueue } from "~/services/listing-review.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AGENT", "ADMIN"]);
  return json({ queue: await listReviewQueue() });
}

export default function ReviewQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section className="page" aria-labelledby="review-title">
      <h1 id="review-title">{t("catalog:review.queueTitle")}</h1>
      {queue.length === 0 ? <p className="empty">{t("catalog:review.empty")}</p> : null}
      <ul className="review-queue">
        {queue.map((item) => (
          <li key={item.id}>
            <Link to={`/agent/review/${item.id}`}>
              {item.images[0] ? <img src={item.images[0].url} alt="" width="64" height="64" /> : null}
              <span>
                <strong>{item.titleZh}</strong>
                <span className="muted" lang="und">
                  {" "}
                  {item.title}
                </span>
                <br />
                <span className="muted">
                  {item.store.name} · {formatDateTime(item.createdAt, i18n.language)} ·{" "}
                  {t(item.status === "PUBLISHED" ? "catalog:review.statusPublished" : "catalog:review.statusDraft")}
                  {item.weightGrams ? null : ` · ${t("catalog:weightUnknown")}`}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
