import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { NotificationProduct } from "~/components/notification-product";
import { notificationProduct } from "~/domain/notifications/product";
import { listNotifications, markNotificationsRead } from "~/services/notifications.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { safeRedirect } from "~/utils/safe-redirect";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "notifications") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ notifications: await listNotifications(user.id) });
}

const readSchema = z.object({ ids: z.array(z.string().min(1).max(40)).min(1).max(50), redirectTo: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = readSchema.safeParse({ ids: form.getAll("id"), redirectTo: form.get("redirectTo") ?? undefined });
  if (!parsed.success) return json({ error: "errors.badRequest.body" }, { status: 400 });
  await markNotificationsRead(user.id, parsed.data.ids);
  return redirect(safeRedirect(parsed.data.redirectTo, "/notifications"));
}

export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const unread = notifications.filter((item) => !item.readAt);
  const money = (value: unknown) => (typeof value === "string" ? formatMoney(value, "CNY", i18n.language) : "");
  return (
    <section className="page narrow" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t("notifications.title")}</h1>
      {unread.length > 0 ? (
        <Form method="post">
          {unread.map((item) => (
            <input key={item.id} type="hidden" name="id" value={item.id} />
          ))}
          <button type="submit" className="button small">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p className="empty">{t("notifications.empty")}</p> : null}
      <ul className="notification-list">
        {notifications.map((item) => (
          <li key={item.id} className={item.readAt ? "read" : "unread"}>
            <NotificationProduct params={item.params} />
            <p>
              {item.readAt ? null : <span className="badge">{t("notifications.new")}</span>}{" "}
              {t(`notifications.kinds.${item.kind}`, {
                ...item.params,
                title: notificationProduct(item.params, i18n.language)?.title ?? "",
                total: money(item.params.total),
                before: money(item.params.before),
                amount: money(item.params.amount),
                defaultValue: item.kind,
              })}
            </p>
            <p className="muted">
              {formatDateTime(item.createdAt, i18n.language)}
              {item.link ? (
                <>
                  {" · "}
                  <Link to={item.link}>{t("notifications.open")}</Link>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
