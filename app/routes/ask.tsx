import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuestionForm } from "~/components/question-form";
import { contactView } from "~/services/contact-settings.server";
import { submitQuestion } from "~/services/question-submit.server";
import { askReferences } from "~/services/questions.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// "Ask an agent" (#19): a question from anywhere, optionally about a listing (?listing=) or one of the
// shopper's orders (?order=). Answers arrive as a notification and at /questions.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "ask") }];

// Tampered references are dropped, not refused: the page still lets the shopper ask.
const refsSchema = z.object({
  listing: z.string().max(40).optional().catch(undefined),
  order: z.string().max(40).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const refs = refsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ listing, orders }, { answerSlaHours }] = await Promise.all([
    askReferences(user?.id ?? null, refs.listing ?? null),
    contactView(),
  ]);
  const orderId = orders.some((order) => order.id === refs.order) ? (refs.order ?? null) : null;
  return json({ signedIn: Boolean(user), listing, orders, orderId, slaHours: answerSlaHours, submitKey: crypto.randomUUID() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await submitQuestion(user, await readForm(request));
  if (result.ok) return redirect(`/questions?asked=${encodeURIComponent(result.id)}`);
  return json({ errors: result.errors, text: result.text }, { status: result.status });
}

export default function AskPage() {
  const { signedIn, listing, orders, orderId, slaHours, submitKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <section className="page narrow" aria-labelledby="ask-title">
      <h1 id="ask-title">{t("consult:ask.title")}</h1>
      <p className="muted">{t("consult:ask.intro", { hours: slaHours })}</p>
      {listing ? (
        <p>
          {t("consult:ask.listing")}: <Link to={`/listings/${listing.id}`}>{i18n.language === "en" ? listing.title : listing.titleZh}</Link>
        </p>
      ) : null}
      {signedIn ? (
        <>
          <QuestionForm
            submitKey={submitKey}
            listingId={listing?.id}
            orders={orders}
            orderId={orderId}
            errors={result?.errors}
            text={result?.text}
          />
          <p>
            <Link to="/questions">{t("consult:ask.myQuestions")}</Link> · <Link to="/contact">{t("consult:nav.contact")}</Link>
          </p>
        </>
      ) : (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>{t("consult:ask.loginToAsk")}</Link>
        </p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
