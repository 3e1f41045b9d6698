import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { completeSignup, findSignupRequest } from "~/services/account-tokens.server";
import { createUserSession } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

// The link of a sign-up mail (/signup/<token>). Opening it shows what it will create; the button
// creates the account and logs in. Not on the GET itself: mail scanners open links, and would use it up.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "signup-token") }];

// The token is in the address: never sent on as a Referer, never cached.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const request = await findSignupRequest(params.token ?? "");
  if (!request) return json({ state: "invalid" as const }, { status: 410, headers: { "Cache-Control": "no-store" } });
  return json({ state: "ready" as const, email: request.email, name: request.name }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await completeSignup(params.token ?? "");
  if (outcome.ok) return createUserSession(outcome.userId, outcome.redirectTo, request);
  return json({ state: outcome.reason }, { status: outcome.reason === "taken" ? 409 : 410 });
}

export default function SignupLinkPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = actionData?.state ?? data.state;
  return (
    <section className="page narrow" aria-labelledby="signup-link-title">
      <h1 id="signup-link-title">{t("auth:signupLink.title")}</h1>
      {state === "ready" && data.state === "ready" ? (
        <Form method="post">
          <p>{t("auth:signupLink.intro", { email: data.email, name: data.name })}</p>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("auth:signupLink.submit")}
          </button>
        </Form>
      ) : state === "taken" ? (
        <>
          <p className="notice error" role="alert">
            {t("auth:signupLink.taken")}
          </p>
          <p>
            <Link to="/login">{t("auth:login.title")}</Link> · <Link to="/forgot-password">{t("auth:login.forgotPassword")}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="notice error" role="alert">
            {t("auth:signupLink.invalid")}
          </p>
          <p>
            <Link to="/signup">{t("auth:signupLink.signupAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
