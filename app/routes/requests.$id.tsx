import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RequestFacts, RequestQuote, RequestStatusBadge } from "~/components/request-facts";
import { shopperDecisionSchema } from "~/domain/requests/request-form";
import { acceptQuote, askForRequote, declineByShopper, getOwnRequest } from "~/services/product-requests.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/request-form.server";
import { parseWithZod } from "~/utils/parse-form";
import { pageTitle } from "~/utils/meta";

// One of the shopper's own requests (404 for anyone else's): its status, the quote's full breakdown
// when quoted, and the shopper's answer: accept into the cart, decline, or ask for a new quote.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "requests-id") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await getOwnRequest(user.id, params.id ?? "");
  if (!found) throw new Response("Request not found", { status: 404 });
  return json({ request: found });
}

const REFUSAL_STATUS = { stale: 409, notQuoted: 409, expired: 409, ratesStale: 409, cartOtherStore: 409 } as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: shopperDecisionSchema });
  if (submission.status !== "success") return json({ error: "requests:errors.invalid", storeName: null }, { status: 400 });
  const { intent, version } = submission.value;
  if (intent === "accept") {
    const accepted = await acceptQuote(user, id, version);
    if (accepted.ok) return redirect("/cart");
    if (accepted.reason === "notFound") throw new Response("Request not found", { status: 404 });
    return json(
      { error: `requests:errors.${accepted.reason}`, storeName: accepted.storeName ?? null },
      { status: REFUSAL_STATUS[accepted.reason] },
    );
  }
  const moved = intent === "decline" ? await declineByShopper(user, id, version) : await askForRequote(user, id, version);
  if (moved.ok) return redirect(`/requests/${id}`);
  if (moved.reason === "notFound") throw new Response("Request not found", { status: 404 });
  return json({ error: "requests:errors.stale", storeName: null }, { status: 409 });
}

export default function RequestPage() {
  const { request } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const quoted = request.status === "QUOTED" && request.quote;
  const mustRequote = result?.error === "requests:errors.expired" || result?.error === "requests:errors.ratesStale";
  return (
    <section className="page narrow" aria-labelledby="request-title">
      <h1 id="request-title">{request.title ?? t("requests:detail.title")}</h1>
      <p>
        <Link to="/requests">{t("requests:detail.back")}</Link>
      </p>
      {searchParams.get("filed") ? (
        <p className="notice success" role="status">
          {t("requests:detail.filed")}
        </p>
      ) : null}
      <p>
        <RequestStatusBadge status={request.status} testId="request-status" />
      </p>
      {result?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(result.error, { store: result.storeName ?? "" })}</p>
        </div>
      ) : null}
      {request.status === "DECLINED" ? (
        <p className="notice">{t("requests:detail.declinedByAgent", { reason: request.declineReason ?? "" })}</p>
      ) : null}
      {request.status === "OPEN" ? <p className="muted">{t("requests:detail.waiting")}</p> : null}
      {request.status === "ACCEPTED" && request.listingId ? (
        <p className="notice success">
          {t("requests:detail.accepted")} <Link to="/cart">{t("requests:detail.viewCart")}</Link> ·{" "}
          <Link to={`/listings/${request.listingId}`}>{t("requests:detail.viewListing")}</Link>
        </p>
      ) : null}
      {request.quote && request.status !== "DECLINED" && request.status !== "CANCELLED" ? <RequestQuote request={request} /> : null}
      {quoted ? (
        <div className="actions">
          {request.quote?.expired || mustRequote ? (
            <>
              <p className="notice">{t(mustRequote && result ? result.error : "requests:detail.quoteExpired")}</p>
              <Form method="post">
                <input type="hidden" name="version" value={request.version} />
                <button type="submit" name="intent" value="requote" className="button primary" disabled={busy}>
                  {t("requests:detail.requote")}
                </button>
              </Form>
            </>
          ) : (
            <Form method="post">
              <input type="hidden" name="version" value={request.version} />
              <button type="submit" name="intent" value="accept" className="button primary" disabled={busy}>
                {t("requests:detail.accept")}
              </button>
            </Form>
          )}
        </div>
      ) : null}
      {request.status === "OPEN" || request.status === "QUOTED" ? (
        <Form method="post">
          <input type="hidden" name="version" value={request.version} />
          <button type="submit" name="intent" value="decline" className="button" disabled={busy}>
            {t(request.status === "QUOTED" ? "requests:detail.decline" : "requests:detail.withdraw")}
          </button>
        </Form>
      ) : null}
      <RequestFacts request={request} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
