import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readUnsubscribeToken, unsubscribeWithToken } from "~/services/notification-preferences.server";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// One-click unsubscribe (RFC 8058), no login: the signed token in the link names the user and the
// category. GET asks for a confirmation (a link scanner opening it must not unsubscribe anyone);
// POST, from the button or from a mail client's `List-Unsubscribe=One-Click`, turns the category off.
// request-guards lets this path be posted from anywhere: the token, not a session, authorizes it.

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "unsubscribe-token") },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const claim = await readUnsubscribeToken(params.token ?? "");
  if (!claim) return json({ valid: false as const, category: null }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return json(
    { valid: true as const, category: claim.category },
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Whatever the body says (the button's empty form or List-Unsubscribe=One-Click), it must be a form.
  await readForm(request);
  const claim = await unsubscribeWithToken(params.token ?? "");
  if (!claim) return json({ done: false as const, category: null }, { status: 404 });
  return json({ done: true as const, category: claim.category });
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation();
  const category = done?.category ?? loaded.category;
  const valid = done ? done.done : loaded.valid;
  return (
    <section className="page narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t("promo:unsubscribe.title")}</h1>
      {!valid || !category ? (
        <p role="alert" className="notice">
          {t("promo:unsubscribe.invalid")}
        </p>
      ) : done?.done ? (
        <>
          <p role="status" className="notice success">
            {t("promo:unsubscribe.done", { category: t(`promo:categories.${category}`) })}
          </p>
          <p>
            {t("promo:unsubscribe.manage")} <Link to="/account/notifications">{t("promo:preferences.link")}</Link>
          </p>
        </>
      ) : (
        <Form method="post">
          <p>{t("promo:unsubscribe.confirmText", { category: t(`promo:categories.${category}`) })}</p>
          <button type="submit" className="button primary">
            {t("promo:unsubscribe.confirm")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
