import { PersonalizationSummary } from "~/components/personalization-fields";
import { itemName } from "~/components/order-product";
import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLiveTimeline } from "~/components/use-live-timeline";
import { NoticeForm, TransitionForms } from "~/components/order-actions";
import { ShopperDecision } from "~/components/order-decision";
import { OrderShippingFacts, PendingRefund } from "~/components/order-facts";
import { RefundChoice } from "~/components/refund-choice";
import { PriceCheckForm, PriceCheckSummary } from "~/components/price-check";
import { OrderProgress, OrderTimeline } from "~/components/order-timeline";
import { fromFen } from "~/domain/landed-cost/money";
import {
  allowedTransitions,
  differenceLines,
  mayPostNotice,
  mayRecordPriceCheck,
  noticePayloadSchema,
  orderStatusSchema,
  parsePriceCheck,
  priceCheckPassed,
  type OrderStatus,
} from "~/domain/orders";
import { formatChinaAddress } from "~/domain/orders/china-address";
import { REFUND_DESTINATIONS } from "~/domain/payments/alipay-refund";
import {
  messageFormSchema,
  priceCheckFormSchema,
  priceCheckPayloadFromForm,
  transitionFormSchema,
  transitionPayloadFromForm,
} from "~/domain/orders/transition-form";
import { confirmNewQuote, payOrder, requoteOrder } from "~/services/order-payment.server";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { priceCheckView, recordPriceCheck, waitForRestock } from "~/services/order-price-check.server";
import { transitionOrder } from "~/services/order-transitions.server";
import { listReturns } from "~/services/returns.server";
import { claimableReasonsFor, listClaims } from "~/services/claims.server";
import { listComplaints } from "~/services/complaints.server";
import { ContactBlock } from "~/components/contact-channels";
import { contactView } from "~/services/contact-settings.server";
import { alipayAvailable } from "~/services/alipay-client.server";
import { getRefundChoice, setRefundDestination } from "~/services/payment-refunds.server";
import { startOrderPayment } from "~/services/payment-trades.server";
import { wechatPayAvailable } from "~/services/wechat-pay-client.server";
import { clientIp } from "~/utils/rate-limit.server";
import { cashierDevice } from "~/utils/cashier-device";
import { moveStatusFor } from "~/utils/move-status";
import {
  getOrder,
  isStaffOfOrder,
  orderQuote,
  orderShipping,
  postOrderMessage,
  postOrderNotice,
  revealIdentity,
  type OrderDetail,
  type Viewer,
} from "~/services/orders.server";
import { requireUser } from "~/utils/auth.server";
import { textFields } from "~/utils/form-data";
import { fieldErrorsOf } from "~/domain/field-errors";
import { getBalanceFen } from "~/services/wallet.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { ReturnList } from "~/components/return-list";
import { ClaimList } from "~/components/claim-list";
import { StorageFacts } from "~/components/storage-facts";
import { PackedParcelForm } from "~/components/packed-parcel-form";
import { recordPackedParcel } from "~/services/order-packing.server";
import { ComplaintList } from "~/components/complaint-list";
import { fromColumn } from "~/domain/stored";
import { REVIEWABLE_STATUSES } from "~/domain/trust/review-rules";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "order", { number: data.order.number }) : "404" },
];

/** The moves this viewer gets a form for. The shopper's choice while the order waits for them is its own panel. */
function movesFor(viewer: Viewer, order: OrderDetail): OrderStatus[] {
  const status = fromColumn(orderStatusSchema, "Order.status", order.status);
  const moves = allowedTransitions(status, viewer.role);
  if (viewer.role === "SHOPPER") return status === "AWAITING_SHOPPER" ? [] : moves;
  const passed = priceCheckPassed(parsePriceCheck(order.priceCheck));
  // Buying waits for a passed price check: until then the check is the form to fill.
  const buyable = moves.filter((to) => to !== "PURCHASED" || passed);
  if (viewer.role === "AGENT")
    return order.agentId === viewer.id ? buyable : order.agentId === null ? buyable.filter((to) => to === "PURCHASING") : [];
  return buyable;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const order = await getOrder(user, params.id ?? "");
  if (!order) throw new Response("Order not found", { status: 404 });
  const [quote, check, wallet, shipping, returns, complaints, refund, claims, claimable] = await Promise.all([
    orderQuote(order),
    priceCheckView(order),
    user.role === "SHOPPER" ? getBalanceFen(user.id) : null,
    orderShipping(order),
    listReturns(user, { orderId: order.id }),
    listComplaints(user, { orderId: order.id }),
    order.userId === user.id ? getRefundChoice(user, order.id) : null,
    listClaims(user, { orderId: order.id }),
    claimableReasonsFor(user, order.id),
  ]);
  const status = fromColumn(orderStatusSchema, "Order.status", order.status);
  // How to reach a person about this order (#19).
  const { contact } = await contactView();
  return json({
    contact,
    order,
    viewer: { id: user.id, role: user.role },
    moves: movesFor(user, order),
    canCheck: isStaffOfOrder(user, order) && mayRecordPriceCheck(status, user.role),
    canNotice: isStaffOfOrder(user, order) && mayPostNotice(status, user.role),
    canPack: isStaffOfOrder(user, order) && status === "AT_WAREHOUSE",
    quote: quote ? { result: quote.result, expired: quote.validUntil <= new Date(), quotedStoreShipping: quote.quotedStoreShipping } : null,
    check: check
      ? {
          record: check.check,
          lines: check.current && check.offered ? differenceLines(check.current, check.offered) : null,
          offeredTotal: check.offered?.total ?? null,
        }
      : null,
    shipping,
    returns,
    complaints,
    claims,
    canClaim: claimable.length > 0,
    balanceFen: wallet,
    alipay: alipayAvailable(),
    wechat: wechatPayAvailable(),
    refund,
  });
}

type TransitionError = { to: string; code: string; message: string; fieldErrors?: Record<string, string[]>; max?: string };
type ActionResult = {
  error?: string;
  transition?: TransitionError;
  requote?: { quoteId: string; total: string };
  identity?: { realName: string; residentId: string };
  refundError?: string;
};

const statusFor = moveStatusFor({ INSUFFICIENT_FUNDS: 402, PRICE_CHECK_REQUIRED: 409 });
const PAY_ERRORS = {
  notFound: "orders:errors.notFound",
  notPayable: "orders:errors.notPayable",
  insufficientFunds: "orders:errors.insufficientFunds",
  quoteExpired: "orders:pay.expired",
} as const;

const simpleIntent = z.object({ intent: z.enum(["pay", "pay-alipay", "pay-wechat", "requote", "reveal"]) });
const confirmSchema = z.object({ intent: z.literal("confirm-quote"), quoteId: z.string().min(1).max(64) });
const waitSchema = z.object({ intent: z.literal("wait-restock"), version: z.coerce.number().int().min(0) });
const refundToSchema = z.object({ intent: z.literal("refund-to"), refundTo: z.enum(REFUND_DESTINATIONS) });
// Which form a multipart post came from (the forms put it in their action's URL).
const PHOTO_FORMS = ["AT_WAREHOUSE", "PURCHASED", "price-check", "packed"] as const;
const packedFormSchema = z.object({ intent: z.literal("packed"), version: z.coerce.number().int().min(0) });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.id ?? "";
  const self = `/orders/${orderId}`;
  const parsedForm = await parsePhotoForm(request);
  if (!parsedForm.ok) {
    const named = new URL(request.url).searchParams.get("form");
    const to = PHOTO_FORMS.find((candidate) => candidate === named) ?? "AT_WAREHOUSE";
    const max = `${Math.floor(parsedForm.maxBytes / 1_000_000)} MB`;
    return json<ActionResult>(
      { transition: { to, code: "MISSING_FIELDS", message: parsedForm.error, fieldErrors: { photos: [parsedForm.error] }, max } },
      { status: photoFormStatus(parsedForm.error) },
    );
  }
  const { form, photos } = parsedForm;
  const intent = form.get("intent");

  if (intent === "price-check") {
    const check = priceCheckFormSchema.safeParse(textFields(form));
    const outcome = check.success
      ? await recordPriceCheck({ id: user.id, role: user.role }, orderId, {
          version: check.data.version,
          payload: priceCheckPayloadFromForm(form, photos),
        })
      : null;
    if (outcome?.ok) return redirect(self);
    await discardPhotos(photos);
    if (!outcome) return json<ActionResult>({ error: "orders:errors.invalidRequest" }, { status: 400 });
    return json<ActionResult>(
      { transition: { to: "price-check", code: outcome.code, message: outcome.message, fieldErrors: outcome.fieldErrors } },
      { status: statusFor(outcome.code) },
    );
  }

  if (intent === "packed") {
    const parsed = packedFormSchema.safeParse(textFields(form));
    const outcome = parsed.success
      ? await recordPackedParcel(user, orderId, { version: parsed.data.version, payload: transitionPayloadFromForm(form, photos) })
      : null;
    if (outcome?.ok) return redirect(self);
    await discardPhotos(photos);
    if (!outcome) return json<ActionResult>({ error: "orders:errors.invalidRequest" }, { status: 400 });
    if (outcome.reason === "notFound") throw new Response("Order not found", { status: 404 });
    if (outcome.reason === "invalid")
      return json<ActionResult>(
        { transition: { to: "packed", code: "MISSING_FIELDS", message: "orders:errors.missingFields", fieldErrors: outcome.fieldErrors } },
        { status: 400 },
      );
    if (outcome.reason === "conflict") return json<ActionResult>({ error: "orders:errors.conflict" }, { status: 409 });
    return json<ActionResult>({ error: "orders:errors.packedNotAllowed" }, { status: outcome.reason === "notAllowed" ? 403 : 409 });
  }

  if (intent === "transition") {
    const move = transitionFormSchema.safeParse(textFields(form));
    if (!move.success) {
      await discardPhotos(photos);
      return json<ActionResult>({ error: "orders:errors.invalidRequest" }, { status: 400 });
    }
    const outcome = await transitionOrder({ id: user.id, role: user.role }, orderId, {
      to: move.data.to,
      version: move.data.version,
      payload: transitionPayloadFromForm(form, photos),
    });
    if (outcome.ok) return redirect(self);
    await discardPhotos(photos);
    return json<ActionResult>(
      { transition: { to: move.data.to, code: outcome.code, message: outcome.message, fieldErrors: outcome.fieldErrors } },
      { status: statusFor(outcome.code) },
    );
  }
  await discardPhotos(photos);

  if (intent === "wait-restock") {
    const parsed = waitSchema.safeParse(textFields(form));
    if (!parsed.success) return json<ActionResult>({ error: "orders:errors.invalidRequest" }, { status: 400 });
    const waited = await waitForRestock(user, orderId, parsed.data.version);
    if (waited.ok) return redirect(self);
    if (waited.reason === "notFound") throw new Response("Order not found", { status: 404 });
    return json<ActionResult>(
      { error: waited.reason === "conflict" ? "orders:errors.conflict" : "orders:errors.transitionNotAllowed" },
      { status: 409 },
    );
  }
  if (intent === "notice") {
    const parsed = noticePayloadSchema.safeParse(textFields(form));
    if (!parsed.success)
      return json<ActionResult>(
        {
          transition: {
            to: "notice",
            code: "MISSING_FIELDS",
            message: "orders:errors.missingFields",
            fieldErrors: fieldErrorsOf(parsed.error),
          },
        },
        { status: 400 },
      );
    const posted = await postOrderNotice(user, orderId, parsed.data);
    if (posted.ok) return redirect(self);
    if (posted.reason === "notFound") throw new Response("Order not found", { status: 404 });
    return json<ActionResult>(
      { error: posted.reason === "notAssigned" ? "orders:errors.notAssigned" : "orders:errors.transitionNotAllowed" },
      { status: posted.reason === "notAssigned" ? 403 : 409 },
    );
  }
  if (intent === "message") {
    const submission = parseWithZod(form, { schema: messageFormSchema });
    if (submission.status !== "success") return json<ActionResult>({ error: "orders:errors.messageRequired" }, { status: 400 });
    const posted = await postOrderMessage(user, orderId, submission.value.text);
    if (!posted.ok) throw new Response("Order not found", { status: posted.reason === "notFound" ? 404 : 403 });
    return redirect(`${self}#messages`);
  }
  if (intent === "refund-to") {
    const parsed = refundToSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json<ActionResult>({ refundError: "wallet:refundTo.errors.choose" }, { status: 400 });
    const chosen = await setRefundDestination(user, orderId, parsed.data.refundTo);
    if (chosen.ok) return redirect(`${self}#refund-choice-title`);
    if (chosen.reason === "notFound") throw new Response("Order not found", { status: 404 });
    return json<ActionResult>({ refundError: "wallet:refundTo.errors.notPaidWithAlipay" }, { status: 409 });
  }
  if (intent === "confirm-quote") {
    const parsed = confirmSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json<ActionResult>({ error: "orders:errors.invalidRequest" }, { status: 400 });
    const paid = await confirmNewQuote(user, orderId, parsed.data.quoteId);
    return paid.ok
      ? redirect(self)
      : json<ActionResult>({ error: PAY_ERRORS[paid.reason] }, { status: paid.reason === "notFound" ? 404 : 409 });
  }
  const parsed = simpleIntent.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json<ActionResult>({ error: "orders:errors.invalidRequest" }, { status: 400 });
  if (parsed.data.intent === "pay") {
    const paid = await payOrder(user, orderId);
    return paid.ok
      ? redirect(self)
      : json<ActionResult>({ error: PAY_ERRORS[paid.reason] }, { status: paid.reason === "notFound" ? 404 : 409 });
  }
  if (parsed.data.intent === "pay-alipay" || parsed.data.intent === "pay-wechat") {
    const wechat = parsed.data.intent === "pay-wechat";
    const started = await startOrderPayment(user, orderId, {
      provider: wechat ? "WECHAT" : "ALIPAY",
      device: cashierDevice(request),
      clientIp: clientIp(request),
    });
    if (started.ok) return redirect(started.cashierUrl);
    if (started.reason === "notFound") throw new Response("Order not found", { status: 404 });
    const error =
      started.reason === "tooManyOpen"
        ? "wallet:errors.tooManyOpenTrades"
        : started.reason === "unavailable"
          ? wechat
            ? "wallet:errors.wechatUnavailable"
            : "wallet:errors.alipayUnavailable"
          : PAY_ERRORS[started.reason];
    return json<ActionResult>({ error }, { status: started.reason === "tooManyOpen" ? 429 : 409 });
  }
  if (parsed.data.intent === "requote") {
    const requoted = await requoteOrder(user, orderId);
    if (!requoted.ok)
      return json<ActionResult>(
        { error: requoted.reason === "quoteFailed" ? `quote:errors.${requoted.error.code}` : "orders:errors.notPayable" },
        { status: 409 },
      );
    return json<ActionResult>({ requote: { quoteId: requoted.quoteId, total: requoted.total } });
  }
  const identity = await revealIdentity(user, orderId);
  if (!identity) throw new Response("Not found", { status: 404 });
  return json<ActionResult>({ identity });
}

export default function OrderPage() {
  const {
    order,
    viewer,
    moves,
    canCheck,
    canNotice,
    canPack,
    quote,
    check,
    shipping,
    returns,
    complaints,
    claims,
    canClaim,
    balanceFen,
    alipay,
    refund,
    wechat,
  } = useLoaderData<typeof loader>();
  const { contact } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  useLiveTimeline(`/orders/${order.id}/events`);
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", locale);
  const isOwner = viewer.id === order.userId;
  const address = order.address as Record<string, string> | null;
  const canMessage = viewer.role !== "AGENT" || order.agentId === viewer.id;
  const busy = navigation.state === "submitting";

  return (
    <article className="page narrow order-page" aria-labelledby="order-title">
      <h1 id="order-title">
        {t("orders:order.title", { number: order.number })}{" "}
        <span className={`badge status-${order.status.toLowerCase()}`} data-testid="order-status">
          {t(`orders:status.${order.status}`)}
        </span>
      </h1>
      <p className="muted">
        {order.storeName} · {formatDateTime(order.createdAt, locale)} ·{" "}
        {order.agent && order.agentId ? (
          <>
            <Link to={`/agents/${order.agentId}`}>{t("trust:agent.link", { name: order.agent.name })}</Link> ·{" "}
          </>
        ) : null}
        <Link to={`/orders/${order.id}`}>{t("orders:order.reload")}</Link>
      </p>
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {actionData?.transition ? (
        <p className="notice error" role="alert" data-testid="transition-error">
          {t(actionData.transition.message, { max: actionData.transition.max })}{" "}
          {actionData.transition.code === "CONFLICT" ? <Link to={`/orders/${order.id}`}>{t("orders:order.reload")}</Link> : null}
        </p>
      ) : null}

      <OrderProgress status={order.status} />

      {order.status === "PENDING_PAYMENT" && isOwner ? (
        <section className="notice warning" aria-labelledby="pay-title">
          <h2 id="pay-title">{t("orders:pay.title")}</h2>
          <p>{t("orders:pay.amount", { total: cny(order.totalFen), balance: balanceFen === null ? "" : cny(balanceFen) })}</p>
          {actionData?.requote ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm-quote" />
              <input type="hidden" name="quoteId" value={actionData.requote.quoteId} />
              <p>
                {t("orders:pay.newTotal", { before: cny(order.totalFen), total: formatMoney(actionData.requote.total, "CNY", locale) })}
              </p>
              <button type="submit" className="button primary" disabled={busy}>
                {t("orders:pay.confirmAndPay", { total: formatMoney(actionData.requote.total, "CNY", locale) })}
              </button>
            </Form>
          ) : quote?.expired ? (
            <Form method="post">
              <input type="hidden" name="intent" value="requote" />
              <p>{t("orders:pay.expired")}</p>
              <button type="submit" className="button primary" disabled={busy}>
                {t("orders:pay.requote")}
              </button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="pay" />
              <button type="submit" className="button primary" disabled={busy}>
                {t("orders:pay.submit", { total: cny(order.totalFen) })}
              </button>{" "}
              {alipay ? (
                <button type="submit" name="intent" value="pay-alipay" className="button" disabled={busy} data-testid="pay-alipay">
                  {t("wallet:alipay.payOrder", { total: cny(order.totalFen) })}
                </button>
              ) : null}{" "}
              {wechat ? (
                <button type="submit" name="intent" value="pay-wechat" className="button" disabled={busy} data-testid="pay-wechat">
                  {t("wallet:wechat.payOrder", { total: cny(order.totalFen) })}
                </button>
              ) : null}{" "}
              <Link to="/wallet">{t("orders:checkout.topUp")}</Link>
            </Form>
          )}
        </section>
      ) : null}

      {order.status === "AWAITING_SHOPPER" && check ? (
        isOwner ? (
          <ShopperDecision
            version={order.version}
            check={check.record}
            lines={check.lines}
            offeredTotal={check.offeredTotal}
            paidFen={order.paidFen}
            balanceFen={balanceFen}
          />
        ) : (
          <p className="notice warning" data-testid="awaiting-shopper">
            {t(
              `orders:decision.staffWaiting.${check.record.outcome === "OUT_OF_STOCK" ? (check.record.waiting ? "RESTOCK" : "OUT_OF_STOCK") : "PRICE_ROSE"}`,
            )}
          </p>
        )
      ) : null}

      {isOwner && (order.status === "DELIVERED" || order.status === "COMPLETED") ? (
        <p>
          <Link to={`/orders/${order.id}/return`} className="button">
            {t("returns:file.start")}
          </Link>
        </p>
      ) : null}
      {/* Verified reviews (#15): the order's shopper reviews each item once it is delivered. */}
      {isOwner && (REVIEWABLE_STATUSES as readonly string[]).includes(order.status) ? (
        <p>
          <Link to={`/orders/${order.id}/review`} className="button" data-testid="review-link">
            {t("reviews:order.link")}
          </Link>
        </p>
      ) : null}
      {/* Complaints (#15): about the service, once paid; one open at a time (the filing page says so). */}
      {isOwner && order.paidAt ? (
        <p>
          <Link to={`/orders/${order.id}/complaint`} className="button" data-testid="complaint-link">
            {t("complaints:file.start")}
          </Link>
        </p>
      ) : null}
      {complaints.length > 0 ? (
        <section aria-labelledby="order-complaints-title">
          <h2 id="order-complaints-title">{t("complaints:list.ofOrder")}</h2>
          <ComplaintList complaints={complaints} showShopper={!isOwner} />
        </section>
      ) : null}
      {/* Claims (#17): a parcel lost on its way, or delivered damaged; the form shows the payout table first. */}
      {canClaim ? (
        <p>
          <Link to={`/orders/${order.id}/claim`} className="button" data-testid="claim-link">
            {t("claims:file.start")}
          </Link>
        </p>
      ) : null}
      {claims.length > 0 ? (
        <section aria-labelledby="order-claims-title">
          <h2 id="order-claims-title">{t("claims:list.ofOrder")}</h2>
          <ClaimList claims={claims} showShopper={!isOwner} />
        </section>
      ) : null}
      {refund ? <RefundChoice {...refund} error={actionData?.refundError} /> : null}
      {returns.length > 0 ? (
        <section aria-labelledby="order-returns-title">
          <h2 id="order-returns-title">{t("returns:list.ofOrder")}</h2>
          {/* The same status and amount as each return's own page (after inspection, dispute, refund). */}
          <ReturnList returns={returns} />
        </section>
      ) : null}

      {moves.length > 0 || canCheck || canNotice || canPack ? (
        <section aria-labelledby="moves-title">
          <h2 id="moves-title">{t("orders:order.next")}</h2>
          {canCheck ? (
            <PriceCheckForm
              orderId={order.id}
              version={order.version}
              items={order.items}
              currency={order.currency}
              quotedStoreShipping={quote?.quotedStoreShipping ?? "0"}
              errors={actionData?.transition?.to === "price-check" ? actionData.transition.fieldErrors : undefined}
            />
          ) : null}
          <TransitionForms
            orderId={order.id}
            version={order.version}
            targets={moves}
            errors={actionData?.transition?.fieldErrors}
            failedTarget={actionData?.transition?.to ?? null}
          />
          {canPack ? (
            <PackedParcelForm
              orderId={order.id}
              version={order.version}
              errors={actionData?.transition?.to === "packed" ? actionData.transition.fieldErrors : undefined}
            />
          ) : null}
          {canNotice ? (
            <NoticeForm
              orderId={order.id}
              errors={actionData?.transition?.to === "notice" ? actionData.transition.fieldErrors : undefined}
            />
          ) : null}
        </section>
      ) : null}

      {check ? <PriceCheckSummary check={check.record} photoBase={`/orders/${order.id}/photos`} /> : null}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("orders:order.timeline")}</h2>
        <OrderTimeline events={order.events} photoBase={`/orders/${order.id}/photos`} />
      </section>

      <section aria-labelledby="messages" id="messages">
        <h2 id="messages-title">{t("orders:order.message")}</h2>
        {canMessage ? (
          <Form method="post" className="message-form">
            <input type="hidden" name="intent" value="message" />
            <label htmlFor="message-text" className="visually-hidden">
              {t("orders:order.message")}
            </label>
            <textarea id="message-text" name="text" rows={2} maxLength={1000} required />
            <button type="submit" className="button" disabled={busy}>
              {t("orders:order.send")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("orders:order.claimToMessage")}</p>
        )}
      </section>

      <section aria-labelledby="items-title">
        <h2 id="items-title">{t("orders:order.items")}</h2>
        <ul className="cart-lines">
          {order.items.map((item) => (
            <li key={item.id} className="cart-line">
              {item.imageUrl ? <img src={item.imageUrl} alt="" width="56" height="56" loading="lazy" /> : null}
              <div className="cart-line-body">
                <a href={item.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
                  {itemName(item, locale)}
                </a>
                {item.variantName ? <span className="muted"> · {item.variantName}</span> : null} × {item.quantity}
                <PersonalizationSummary values={item.personalization} />
                <p className="original-price">
                  {formatMoney(item.price, order.currency, locale)} <span className="currency-code">{order.currency}</span>
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="money-title">
        <h2 id="money-title">{t("orders:order.money")}</h2>
        <p className="landed-price">
          {t("orders:order.total")}: <strong data-testid="order-total">{cny(order.totalFen)}</strong>
        </p>
        <p>
          {t("orders:order.paid")}: <span data-testid="order-paid">{cny(order.paidFen)}</span>
          {order.absorbedFen > 0 ? (
            <span className="muted"> · {t("orders:order.absorbed", { amount: cny(order.absorbedFen) })}</span>
          ) : null}
        </p>
        <PendingRefund amountFen={order.pendingRefundFen} state={order.refundState} />
      </section>

      <OrderShippingFacts shipping={shipping} quote={quote ? quote.result : null} />
      <StorageFacts
        status={order.status}
        storage={order.storage}
        packed={{ weightGrams: order.packedWeightGrams, dimensionsCm: order.packedDimensionsCm }}
      />

      <section aria-labelledby="delivery-title">
        <h2 id="delivery-title">{t("orders:order.delivery")}</h2>
        {address ? (
          <p>
            {address.recipientName} · {address.mobile}
            <br />
            {formatChinaAddress({
              province: address.province ?? "",
              city: address.city ?? "",
              district: address.district ?? "",
              street: address.street ?? "",
            })}
          </p>
        ) : (
          <p className="muted" data-testid="delivery-hidden">
            {t("orders:order.deliveryAfterClaim")}
          </p>
        )}
        {order.identityMasked ? (
          // A div, not a p: a <form> inside a <p> is invalid HTML, so the browser splits the p and hydration fails.
          <div>
            {t("orders:order.identity")}:{" "}
            <span data-testid="identity">
              {actionData?.identity ? `${actionData.identity.realName} ${actionData.identity.residentId}` : order.identityMasked}
            </span>{" "}
            {(isOwner || viewer.role === "ADMIN") && !actionData?.identity ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="reveal" />
                <button type="submit" className="button small">
                  {t("orders:order.reveal")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {order.weightGrams ? (
          <p>{t("orders:order.parcel", { weight: order.weightGrams, dimensions: (order.dimensionsCm ?? []).join(" × ") })}</p>
        ) : null}
        {order.foreignOrderNumber && viewer.role !== "SHOPPER" ? (
          <p>{t("orders:order.foreign", { number: order.foreignOrderNumber, cost: order.actualCost, currency: order.currency })}</p>
        ) : null}
      </section>
      <ContactBlock contact={contact} orderId={order.id} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
