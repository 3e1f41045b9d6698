import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CHANNELS, OPTIONAL_CATEGORIES } from "~/domain/notifications/kinds";
import { preferencesFormSchema } from "~/domain/notifications/preferences-form";
import { getPreferences, savePreferences } from "~/services/notification-preferences.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// A shopper's notification settings: per category and channel; order updates are shown, always on.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "account-notifications") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ preferences: await getPreferences(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = preferencesFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: "promo:errors.badRequest" }, { status: 400 });
  await savePreferences(user.id, parsed.data);
  return redirect("/account/notifications?saved=1");
}

export default function NotificationSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">{t("promo:preferences.title")}</h1>
      <p className="muted">{t("promo:preferences.intro")}</p>
      {searchParams.get("saved") ? (
        <p role="status" className="notice success">
          {t("promo:preferences.saved")}
        </p>
      ) : null}
      <Form method="post">
        <fieldset data-testid="category-ORDER">
          <legend>{t("promo:categories.ORDER")}</legend>
          <p className="muted">{t("promo:categoryHints.ORDER")}</p>
          {CHANNELS.map((channel) => (
            <label key={channel} className="checkbox">
              <input type="checkbox" checked disabled aria-describedby="order-always" /> {t(`promo:channels.${channel}`)}
            </label>
          ))}
          <p id="order-always" className="muted">
            {t("promo:preferences.alwaysOn")}
          </p>
        </fieldset>
        {OPTIONAL_CATEGORIES.map((category) => (
          <fieldset key={category} data-testid={`category-${category}`}>
            <legend>{t(`promo:categories.${category}`)}</legend>
            <p className="muted" id={`hint-${category}`}>
              {t(`promo:categoryHints.${category}`)}
            </p>
            {CHANNELS.map((channel) => (
              <label key={channel} className="checkbox">
                <input
                  type="checkbox"
                  name={`${category}.${channel}`}
                  defaultChecked={preferences[category][channel]}
                  aria-describedby={`hint-${category}`}
                />{" "}
                {t(`promo:channels.${channel}`)}
              </label>
            ))}
          </fieldset>
        ))}
        <button type="submit" className="button primary">
          {t("promo:preferences.save")}
        </button>
      </Form>
      <p>
        <Link to="/account">{t("auth:account.title")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
