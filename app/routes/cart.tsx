import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuoteErrorNotice } from "~/components/line-quote-card";
import { PersonalizationSummary } from "~/components/personalization-fields";
import { MAX_CART_QUANTITY, updateCartSchema } from "~/domain/orders/cart-forms";
import { getCart, quoteCart, removeCartItem, setCartQuantity } from "~/services/cart.server";
import { requireUser } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";
import { withShownTitle } from "~/domain/localization/english-title";
import { i18next } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "cart") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [cart, locale] = await Promise.all([getCart(user.id), i18next.getLocale(request)]);
  const landed = await quoteCart(user.id, cart);
  const lines = cart.lines.map((line) => ({ ...line, listing: withShownTitle(line.listing, locale, line.listing.store.country) }));
  return json({ cart: { ...cart, lines }, landed });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: updateCartSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    return json({ error: first && first.startsWith("orders:") ? first : "orders:errors.quantityInvalid" }, { status: 400 });
  }
  const { value } = submission;
  const changed =
    value.intent === "remove" ? await removeCartItem(user.id, value.itemId) : await setCartQuantity(user.id, value.itemId, value.quantity);
  if (!changed) throw new Response("Cart item not found", { status: 404 });
  return redirect("/cart");
}

type CartLanded = NonNullable<Awaited<ReturnType<typeof quoteCart>>>;

/** The cart's landed total on the default line; an unknown weight makes it pending (a minimum only). */
function CartTotal({ landed, units }: { landed: Omit<CartLanded, "line"> & { line: { nameZh: string; nameEn: string } }; units: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { outcome } = landed;
  if (!outcome.ok) return <QuoteErrorNotice error={outcome.error} />;
  const total = formatMoney(outcome.quote.total, "CNY", locale);
  const pending = outcome.quote.warnings.includes("WEIGHT_UNKNOWN");
  return (
    <section className="landed-box cart-total" aria-labelledby="cart-total-title">
      <h2 id="cart-total-title" className="muted">
        {pending ? t("orders:cart.weightPending") : t("orders:cart.total")}
      </h2>
      {pending ? (
        <p>{t("catalog:landed.atLeast", { amount: total })}</p>
      ) : (
        <p className="landed-price" data-testid="cart-total">
          {total}
        </p>
      )}
      <p className="muted">
        {t("orders:cart.totalFor", { count: units, line: locale === "en" ? landed.line.nameEn : landed.line.nameZh })}
      </p>
      {landed.excluded > 0 ? <p className="notice warning">{t("orders:cart.excluded", { count: landed.excluded })}</p> : null}
    </section>
  );
}

export default function CartPage() {
  const { cart, landed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section className="page narrow" aria-labelledby="cart-title">
      <h1 id="cart-title">{t("orders:cart.title")}</h1>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <p className="empty">
          {t("orders:cart.empty")} <Link to="/search">{t("orders:cart.browse")}</Link>
        </p>
      ) : (
        <>
          <p className="muted">{t("orders:cart.fromStore", { store: cart.store?.name ?? "" })}</p>
          <ul className="cart-lines">
            {cart.lines.map((line) => {
              const title = line.listing.shown.text;
              const variantName = line.variant ? (locale === "en" ? line.variant.title : line.variant.titleZh || line.variant.title) : null;
              return (
                <li key={line.id} className="cart-line">
                  {line.listing.images[0] ? <img src={line.listing.images[0].url} alt="" width="72" height="72" loading="lazy" /> : null}
                  <div className="cart-line-body">
                    <Link to={`/listings/${line.listing.id}`}>{title}</Link>
                    {variantName ? <span className="muted"> · {variantName}</span> : null}
                    <PersonalizationSummary values={line.personalization} />
                    <p className="original-price">
                      {formatMoney(line.unitPrice, line.listing.currency, locale)}{" "}
                      <span className="currency-code">{line.listing.currency}</span>
                    </p>
                    {line.buyable ? null : <p className="badge badge-muted">{t("orders:errors.unavailable")}</p>}
                    <div className="cart-line-actions">
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="itemId" value={line.id} />
                        <label htmlFor={`qty-${line.id}`} className="visually-hidden">
                          {t("orders:cart.quantity")}
                        </label>
                        <input
                          id={`qty-${line.id}`}
                          name="quantity"
                          type="number"
                          min={1}
                          max={MAX_CART_QUANTITY}
                          defaultValue={line.quantity}
                          inputMode="numeric"
                          className="quantity-input"
                        />
                        <button type="submit" className="button small">
                          {t("orders:cart.update")}
                        </button>
                      </Form>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="itemId" value={line.id} />
                        <button type="submit" className="button small">
                          {t("orders:cart.remove")}
                        </button>
                      </Form>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
          {landed ? (
            <CartTotal landed={landed} units={cart.lines.filter((line) => line.buyable).reduce((sum, line) => sum + line.quantity, 0)} />
          ) : cart.lines.some((line) => line.buyable) ? (
            <p className="notice warning">{t("orders:cart.noLine")}</p>
          ) : null}
          <p>
            <Link to="/checkout" className="button primary">
              {t("orders:cart.checkout")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
