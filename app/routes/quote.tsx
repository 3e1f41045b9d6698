import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LineQuoteCard, QuoteErrorNotice } from "~/components/line-quote-card";
import { AllowanceMeter } from "~/components/allowance-meter";
import { CustomsRulesNote } from "~/components/customs-rules-note";
import { defaultOrigin, quoteFormSchema, toQuoteRequest, type QuoteForm } from "~/domain/quote-form";
import { checkoutArrivals } from "~/services/arrival-estimates.server";
import { getAnnualCbecUsedCny, getQuoteOptions, quoteAcrossLines } from "~/services/quote.server";
import { getUser } from "~/utils/auth.server";
import { i18next } from "~/utils/i18n.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { GuaranteeLink } from "~/components/guarantee-link";
import { listingPrefillSchema } from "~/domain/catalog/listing-quote-form";
import { listingPrefillQuery } from "~/services/listing-quote-prefill.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "quote") }];

export const EXAMPLE_QUERY =
  "items[0].title=Sony+WH-1000XM5&items[0].price=279.99&items[0].currency=USD&items[0].quantity=1&items[0].weightGrams=1250&items[0].lengthCm=25&items[0].widthCm=20&items[0].heightCm=10&items[0].taxCategory=electronics&insurance=on";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [user, options] = await Promise.all([getUser(request), getQuoteOptions()]);
  const annualCbecUsedCny = user ? await getAnnualCbecUsedCny(user.id) : "0.00";
  const base = {
    signedIn: Boolean(user),
    currencies: options.currencies,
    taxCategories: options.taxCategories,
    origins: options.origins,
    annualCbecUsedCny,
  };
  // From a listing ("compare every shipping line"): its figures become the form's query, quoted at once.
  if (url.searchParams.has("listing")) {
    const prefill = listingPrefillSchema.safeParse(Object.fromEntries(url.searchParams));
    const query = prefill.success ? await listingPrefillQuery(prefill.data, user, await i18next.getLocale(request)) : null;
    if (query) return redirect(`/quote?${query}`);
    const prefillError: string = prefill.success
      ? "product:compare.errors.notFound"
      : (prefill.error.issues[0]?.message ?? "product:compare.errors.listing");
    return json({ ...base, lastResult: null, results: null, origin: "ALL", prefillError }, { status: prefill.success ? 404 : 400 });
  }
  if (![...url.searchParams.keys()].some((key) => key.startsWith("items"))) {
    return json({ ...base, lastResult: null, results: null, origin: "ALL" });
  }
  const submission = parseWithZod(url.searchParams, { schema: quoteFormSchema });
  if (submission.status !== "success") {
    return json(
      { ...base, lastResult: submission.reply(), results: null, origin: "ALL" },
      { status: submission.status === "error" ? 400 : 200 },
    );
  }
  const t = await i18next.getFixedT(request);
  const form: QuoteForm = submission.value;
  const origin = defaultOrigin(form);
  const results = await quoteAcrossLines(
    toQuoteRequest(form, annualCbecUsedCny, (index) => t("quote:form.untitled", { index })),
    { origin },
  );
  // No store behind a typed-in quote: each line's date is learned from all its stores' deliveries.
  const arrivals = results.ok
    ? await checkoutArrivals(
        null,
        results.quotes.map((quote) => quote.line.code),
      )
    : {};
  return json({ ...base, lastResult: submission.reply(), results, origin, arrivals });
}

export default function QuotePage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [form, fields] = useForm({
    id: "quote",
    lastResult: data.lastResult,
    defaultValue: { items: [{ currency: "USD", quantity: "1", taxCategory: "general" }] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quoteFormSchema }),
    ...FIELD_VALIDATION,
  });
  const items = fields.items.getFieldList();
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript the numbers follow the typing; without it the submit button does the same.
  const onChange = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => formRef.current?.requestSubmit(), 450);
  };

  return (
    <div className="page">
      <h1>{t("quote:title")}</h1>
      <p className="muted">{t("quote:intro")}</p>
      <p>
        <Link to={`/quote?${EXAMPLE_QUERY}`}>{t("quote:example")}</Link> · <GuaranteeLink />
      </p>
      {"prefillError" in data && data.prefillError ? (
        <p className="form-errors" role="alert">
          {t(String(data.prefillError))}
        </p>
      ) : null}
      {data.signedIn ? <AllowanceMeter used={data.annualCbecUsedCny} /> : null}
      <Form method="get" ref={formRef} {...getFormProps(form)} onChange={onChange} preventScrollReset replace>
        {items.map((item, index) => (
          <ItemFields
            key={item.key}
            item={item}
            index={index}
            currencies={data.currencies}
            taxCategories={data.taxCategories}
            canRemove={items.length > 1}
            removeButton={form.remove.getButtonProps({ name: fields.items.name, index })}
          />
        ))}
        {items.length < 10 ? (
          <button
            className="button small"
            {...form.insert.getButtonProps({
              name: fields.items.name,
              defaultValue: { currency: "USD", quantity: "1", taxCategory: "general" },
            })}
          >
            {t("quote:form.addItem")}
          </button>
        ) : null}
        <div className="form-grid quote-options">
          <div className="field checkbox">
            <label>
              <input {...getInputProps(fields.insurance, { type: "checkbox" })} /> {t("quote:form.insurance")}
            </label>
          </div>
          <div className="field">
            <label htmlFor="quote-origin">{t("quote:form.origin")}</label>
            <select id="quote-origin" name="origin" defaultValue={data.origin}>
              <option value="ALL">{t("quote:form.allOrigins")}</option>
              {data.origins.map((origin) => (
                <option key={origin} value={origin}>
                  {t(`countries.${origin}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button primary">
          {t("quote:form.submit")}
        </button>
        <span className="visually-hidden" role="status">
          {navigation.state === "loading" ? t("quote:updating") : ""}
        </span>
      </Form>
      {data.results ? (
        data.results.ok ? (
          <section aria-labelledby="results-title" aria-busy={navigation.state === "loading"}>
            <h2 id="results-title">{t("quote:results.title")}</h2>
            <CustomsRulesNote ruleSet={data.results.customsRuleSet} />
            <div className="quote-results">
              {data.results.quotes.map((quote) => (
                <LineQuoteCard
                  key={quote.line.code}
                  quote={quote}
                  locale={i18n.language}
                  expectedAt={"arrivals" in data ? (data.arrivals[quote.line.code]?.deliveredAt ?? null) : null}
                />
              ))}
            </div>
          </section>
        ) : (
          <QuoteErrorNotice error={data.results.error} />
        )
      ) : null}
    </div>
  );
}

type ItemProps = {
  item: FieldMetadata<QuoteForm["items"][number]>;
  index: number;
  currencies: string[];
  taxCategories: { code: string; nameZh: string; nameEn: string }[];
  canRemove: boolean;
  removeButton: ReturnType<ReturnType<typeof useForm>[0]["remove"]["getButtonProps"]>;
};

function ItemFields({ item, index, currencies, taxCategories, canRemove, removeButton }: ItemProps) {
  const { t, i18n } = useTranslation();
  const f = item.getFieldset();
  const text = (
    field: FieldMetadata<string | number | undefined>,
    label: string,
    inputMode: "decimal" | "numeric" | "text" = "decimal",
  ) => (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        {...getInputProps(field, { type: "text" })}
        inputMode={inputMode}
        aria-describedby={field.errors ? field.errorId : undefined}
      />
      {field.errors ? (
        <p id={field.errorId} className="field-errors" role="alert">
          {field.errors.map((error) => t(error)).join(" ")}
        </p>
      ) : null}
    </div>
  );
  return (
    <fieldset className="item-fieldset">
      <legend>{t("quote:form.item", { index: index + 1 })}</legend>
      <div className="form-grid">
        {text(f.title, t("quote:form.title"), "text")}
        {text(f.price, t("quote:form.price"))}
        <div className="field">
          <label htmlFor={f.currency.id}>{t("quote:form.currency")}</label>
          <select {...getSelectProps(f.currency)}>
            {currencies.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </select>
        </div>
        {text(f.quantity, t("quote:form.quantity"), "numeric")}
        {text(f.weightGrams, t("quote:form.weightGrams"), "numeric")}
        {text(f.lengthCm, t("quote:form.lengthCm"))}
        {text(f.widthCm, t("quote:form.widthCm"))}
        {text(f.heightCm, t("quote:form.heightCm"))}
        <div className="field">
          <label htmlFor={f.taxCategory.id}>{t("quote:form.category")}</label>
          <select {...getSelectProps(f.taxCategory)}>
            {taxCategories.map((category) => (
              <option key={category.code} value={category.code}>
                {i18n.language === "en" ? category.nameEn : category.nameZh}
              </option>
            ))}
          </select>
        </div>
        {text(f.domesticShipping, t("quote:form.domesticShipping"))}
      </div>
      {canRemove ? (
        <button className="button small" {...removeButton}>
          {t("quote:form.removeItem", { index: index + 1 })}
        </button>
      ) : null}
    </fieldset>
  );
}
