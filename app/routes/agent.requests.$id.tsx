import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FieldErrors } from "~/components/form-field";
import { QuoteErrorNotice, type QuoteErrorView } from "~/components/line-quote-card";
import { RequestFacts, RequestQuote, RequestStatusBadge } from "~/components/request-facts";
import { agentRequestSchema, REQUEST_LIMITS } from "~/domain/requests/request-form";
import { AGENT_ACTIONABLE, type RequestStatus } from "~/domain/requests/request-status";
import { declineByAgent, getRequestForAgent, sendQuote } from "~/services/product-requests.server";
import { requireRole } from "~/utils/auth.server";
import { readForm } from "~/utils/request-form.server";
import { parseWithZod } from "~/utils/parse-form";
import { pageTitle } from "~/utils/meta";

// An agent quotes a request with the landed-cost calculator (price, currency, the store's domestic
// shipping, weight, dimensions, tax category, origin) or declines it with a reason. The form carries
// the version it was read at: a second agent's quote (or the shopper's answer) in between is refused.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "agent-requests-id") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireRole(request, ["AGENT", "ADMIN"]);
  const found = await getRequestForAgent(params.id ?? "");
  if (!found) throw new Response("Request not found", { status: 404 });
  return json(found);
}

const QUOTE_FIELDS = [
  "title",
  "price",
  "currency",
  "domesticShipping",
  "weightGrams",
  "lengthCm",
  "widthCm",
  "heightCm",
  "taxCategory",
  "originCountry",
  "reason",
] as const;
type Values = Partial<Record<(typeof QUOTE_FIELDS)[number], string>>;
type Errors = Record<string, string[] | null>;

const REFUSAL_STATUS = { stale: 409, final: 409, noLine: 400, unknownCurrency: 400, unknownCategory: 400, quoteFailed: 422 } as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const agent = await requireRole(request, ["AGENT", "ADMIN"]);
  const id = params.id ?? "";
  const form = await readForm(request);
  const values = Object.fromEntries(QUOTE_FIELDS.map((key) => [key, String(form.get(key) ?? "").slice(0, 600)])) as Values;
  const submission = parseWithZod(form, { schema: agentRequestSchema });
  if (submission.status !== "success") {
    return json({ errors: (submission.reply().error ?? {}) as Errors, values, quoteError: null as QuoteErrorView | null }, { status: 400 });
  }
  const input = submission.value;
  const outcome =
    input.intent === "quote" ? await sendQuote(agent, id, input) : await declineByAgent(agent, id, input.version, input.reason);
  if (outcome.ok) return redirect(`/agent/requests/${id}?done=${input.intent}`);
  if (outcome.reason === "notFound") throw new Response("Request not found", { status: 404 });
  const field =
    outcome.reason === "unknownCurrency"
      ? "currency"
      : outcome.reason === "unknownCategory"
        ? "taxCategory"
        : outcome.reason === "noLine"
          ? "originCountry"
          : "";
  return json(
    {
      errors: { [field]: [`requests:errors.${outcome.reason}`] } as Errors,
      values,
      quoteError: outcome.reason === "quoteFailed" ? outcome.error : null,
    },
    { status: REFUSAL_STATUS[outcome.reason] },
  );
}

export default function AgentRequestPage() {
  const { request, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const err = (name: string) => errors[name] ?? undefined;
  const dimensions = request.dimensionsCm ? (JSON.parse(request.dimensionsCm) as number[]) : [];
  const actionable = AGENT_ACTIONABLE.includes(request.status as RequestStatus);
  const done = searchParams.get("done");
  return (
    <section className="page narrow" aria-labelledby="agent-request-title">
      <h1 id="agent-request-title">{t("requests:agent.title", { name: request.user.name })}</h1>
      <p>
        <Link to="/agent/requests">{t("requests:agent.back")}</Link>
      </p>
      {done ? (
        <p className="notice success" role="status">
          {t(done === "quote" ? "requests:agent.quoteSent" : "requests:agent.declined")}
        </p>
      ) : null}
      <p>
        <RequestStatusBadge status={request.status} testId="request-status" />
      </p>
      {errors[""] ? (
        <div className="form-errors" role="alert">
          {errors[""].map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
        </div>
      ) : null}
      {result?.quoteError ? <QuoteErrorNotice error={result.quoteError} /> : null}
      <RequestFacts request={request} />
      {request.quote ? <RequestQuote request={request} /> : null}
      {request.declineReason ? <p className="notice">{t("requests:detail.declinedByAgent", { reason: request.declineReason })}</p> : null}
      {actionable ? (
        <>
          <Form method="post" className="stack-form" aria-labelledby="agent-quote-title" noValidate>
            <h2 id="agent-quote-title">{t(request.quote ? "requests:agent.requoteTitle" : "requests:agent.quoteTitle")}</h2>
            <input type="hidden" name="version" value={request.version} />
            <Field
              label={t("requests:agent.productTitle")}
              errors={err("title")}
              inputProps={{
                id: "title",
                name: "title",
                required: true,
                maxLength: REQUEST_LIMITS.title,
                defaultValue: values.title ?? request.title ?? "",
              }}
            />
            <Field
              label={t("requests:agent.price")}
              errors={err("price")}
              inputProps={{
                id: "price",
                name: "price",
                inputMode: "decimal",
                required: true,
                defaultValue: values.price ?? request.price ?? "",
              }}
            />
            <div className="field">
              <label htmlFor="currency">{t("requests:agent.currency")}</label>
              <select
                id="currency"
                name="currency"
                defaultValue={values.currency ?? request.currency ?? options.currencies[0]}
                aria-describedby="currency-error"
              >
                {options.currencies.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
              <FieldErrors id="currency-error" errors={err("currency")} />
            </div>
            <Field
              label={t("requests:agent.domesticShipping")}
              errors={err("domesticShipping")}
              inputProps={{
                id: "domesticShipping",
                name: "domesticShipping",
                inputMode: "decimal",
                defaultValue: values.domesticShipping ?? request.domesticShipping ?? "0",
              }}
            />
            <Field
              label={t("requests:agent.weight")}
              errors={err("weightGrams")}
              inputProps={{
                id: "weightGrams",
                name: "weightGrams",
                type: "number",
                inputMode: "numeric",
                min: 1,
                required: true,
                defaultValue: values.weightGrams ?? (request.weightGrams ? String(request.weightGrams) : ""),
              }}
            />
            <fieldset>
              <legend>{t("requests:agent.dimensions")}</legend>
              {(["lengthCm", "widthCm", "heightCm"] as const).map((name, index) => (
                <Field
                  key={name}
                  label={t(`requests:agent.${name}`)}
                  errors={err(name)}
                  inputProps={{
                    id: name,
                    name,
                    inputMode: "decimal",
                    defaultValue: values[name] ?? (dimensions[index] !== undefined ? String(dimensions[index]) : ""),
                  }}
                />
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="taxCategory">{t("requests:agent.taxCategory")}</label>
              <select
                id="taxCategory"
                name="taxCategory"
                defaultValue={values.taxCategory ?? request.taxCategory ?? ""}
                aria-describedby="taxCategory-error"
              >
                {options.taxCategories.map((category) => (
                  <option key={category.code} value={category.code}>
                    {i18n.language === "en" ? category.nameEn : category.nameZh}
                  </option>
                ))}
              </select>
              <FieldErrors id="taxCategory-error" errors={err("taxCategory")} />
            </div>
            <div className="field">
              <label htmlFor="originCountry">{t("requests:agent.origin")}</label>
              <select
                id="originCountry"
                name="originCountry"
                defaultValue={values.originCountry ?? request.originCountry ?? options.origins[0]}
                aria-describedby="originCountry-error"
              >
                {options.origins.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
              <FieldErrors id="originCountry-error" errors={err("originCountry")} />
            </div>
            <button type="submit" name="intent" value="quote" className="button primary" disabled={busy}>
              {t(request.quote ? "requests:agent.requote" : "requests:agent.sendQuote")}
            </button>
          </Form>
          <Form method="post" className="stack-form" aria-labelledby="agent-decline-title">
            <h2 id="agent-decline-title">{t("requests:agent.declineTitle")}</h2>
            <input type="hidden" name="version" value={request.version} />
            <div className="field">
              <label htmlFor="reason">{t("requests:agent.reason")}</label>
              <textarea
                id="reason"
                name="reason"
                rows={3}
                required
                maxLength={REQUEST_LIMITS.reason}
                defaultValue={values.reason}
                aria-describedby={err("reason") ? "reason-error" : undefined}
              />
              <FieldErrors id="reason-error" errors={err("reason")} />
            </div>
            <button type="submit" name="intent" value="decline" className="button" disabled={busy}>
              {t("requests:agent.decline")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
