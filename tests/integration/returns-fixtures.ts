import crypto from "node:crypto";
import { expect } from "vitest";
import type { ReturnReason, ReturnStatus } from "~/domain/returns";
import { addToCart } from "~/services/cart.server";
import { getCheckout, placeOrder } from "~/services/checkout.server";
import { storePhoto } from "~/services/order-photos.server";
import type { TransitionActor } from "~/services/order-transitions.server";
import { transitionReturn, type ReturnActor } from "~/services/return-transitions.server";
import { fileReturn, type ReturnInput } from "~/services/returns.server";
import { fileStorage } from "~/services/storage/storage.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { BASE } from "./helpers";
import { asActor, deposit, IDENTITY, lineFen, move, placeInput, purchase, sessionUser, storedQuote, US_POSTAL } from "./order-fixtures";

// Returns need a delivered order: a real one, bought, weighed as listed (so no cost difference),
// shipped and delivered along the order machine, then aged by setting Order.deliveredAt.

export const DAY_MS = 86_400_000;
export type Person = SessionUser & { cookie: string };
const system: TransitionActor = { id: null, role: "SYSTEM" };

export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

export { createListing } from "./order-fixtures";

type Line = { listingId: string; quantity?: number; variantId?: string };

/** A paid order of `lines` on `lineCode`, not yet bought: the shopper and the order. */
export async function paidOrder(lines: Line[], options: { shopper?: Person; lineCode?: string; insurance?: boolean } = {}) {
  const shopper = options.shopper ?? (await sessionUser("SHOPPER"));
  await deposit(shopper.id, 2_000_000);
  for (const line of lines) {
    const added = await addToCart(shopper.id, line.listingId, line.variantId, line.quantity ?? 1);
    if (!added.ok) throw new Error(`could not add to cart: ${added.error}`);
  }
  const checkout = await getCheckout(shopper, { lineCode: options.lineCode ?? US_POSTAL, insurance: options.insurance ?? false });
  if (!checkout.locked) throw new Error(`checkout locked no quote: ${JSON.stringify(checkout.lockError ?? checkout.blocked)}`);
  const placed = await placeOrder(
    shopper,
    placeInput(checkout.locked.id, { identity: checkout.locked.regime === "CBEC" ? IDENTITY : null }),
  );
  if (!placed.ok) throw new Error(`order not placed: ${placed.reason}`);
  const order = await db.order.findUniqueOrThrow({
    where: { id: placed.orderId },
    select: { status: true, paidFen: true, totalFen: true },
  });
  expect(order.status).toBe("PAID");
  expect(order.paidFen).toBe(order.totalFen);
  return { shopper, orderId: placed.orderId, quoteId: checkout.locked.id, totalFen: checkout.locked.totalFen };
}

/**
 * A delivered order: bought by `agent` at the listed price (or `actualCost`), weighed as listed,
 * shipped, delivered, and delivered `deliveredDaysAgo` days ago.
 */
export async function deliveredOrder(
  agent: Person,
  lines: Line[],
  options: {
    shopper?: Person;
    lineCode?: string;
    insurance?: boolean;
    deliveredDaysAgo?: number;
    actualCost?: string;
    until?: "DELIVERED" | "SHIPPED" | "PAID";
  } = {},
) {
  const placed = await paidOrder(lines, options);
  const until = options.until ?? "DELIVERED";
  if (until === "PAID") return placed;
  const listings = await Promise.all(
    lines.map((line) => db.listing.findUniqueOrThrow({ where: { id: line.listingId }, select: { price: true, weightGrams: true } })),
  );
  const cost =
    options.actualCost ??
    listings.reduce((total, listing, index) => total + Number(listing.price) * (lines[index]?.quantity ?? 1), 0).toFixed(2);
  const grams = listings.reduce((total, listing, index) => total + (listing.weightGrams ?? 0) * (lines[index]?.quantity ?? 1), 0);
  await move(asActor(agent), placed.orderId, "PURCHASING");
  await purchase(asActor(agent), placed.orderId, { foreignOrderNumber: `US-${crypto.randomInt(1000, 9999)}`, actualCost: cost });
  await move(asActor(agent), placed.orderId, "AT_WAREHOUSE", {
    weightGrams: grams,
    dimensionsCm: [10, 10, 10],
    photos: ["0123456789abcdef0123456789abcdef.jpg"],
  });
  await move(asActor(agent), placed.orderId, "SHIPPED", { carrier: "EMS", trackingNumber: "EA123456789CN" });
  if (until === "SHIPPED") return placed;
  await move(system, placed.orderId, "IN_CUSTOMS");
  await move(system, placed.orderId, "DELIVERED");
  if (options.deliveredDaysAgo !== undefined) await setDeliveredAgo(placed.orderId, options.deliveredDaysAgo);
  return placed;
}

export async function setDeliveredAgo(orderId: string, days: number, now = Date.now()) {
  await db.order.update({ where: { id: orderId }, data: { deliveredAt: new Date(now - days * DAY_MS) } });
}

/** The order's stored quote line, in fen. */
export async function quoteLine(quoteId: string, code: string) {
  return lineFen((await storedQuote(quoteId)).result, code);
}

export async function file(
  shopper: Pick<SessionUser, "id">,
  orderId: string,
  input: Partial<ReturnInput> & { reason: ReturnReason; requested: ReturnInput["requested"]; photos?: string[] },
) {
  const photos = input.photos ?? (["CHANGED_MIND", "SIZE_FIT"].includes(input.reason) ? [] : [await storedPhoto()]);
  const filed = await fileReturn(shopper, orderId, {
    description: input.description,
    reason: input.reason,
    requested: input.requested,
    photoCount: photos.length,
    photos,
  });
  if (!filed.ok) throw new Error(`return not filed: ${JSON.stringify(filed)}`);
  return filed.returnId;
}

export async function returnRow(returnId: string) {
  return db.returnRequest.findUniqueOrThrow({ where: { id: returnId }, include: { items: true } });
}

/** Moves a return one step and fails loudly if the step is refused. */
export async function step(actor: ReturnActor | Person, returnId: string, to: ReturnStatus, payload: unknown = {}, now?: Date) {
  const { version } = await returnRow(returnId);
  const outcome = await transitionReturn({ id: actor.id, role: actor.role }, returnId, { to, version, payload }, now);
  if (!outcome.ok) throw new Error(`${to} refused: ${outcome.code} ${outcome.message} ${JSON.stringify(outcome.fieldErrors ?? {})}`);
  return outcome.status;
}

export const STORE_ACCEPTED = { storeAccepted: true, note: "Store RMA 4711, ship to their LA warehouse" };
export const LABEL = { carrier: "UPS", trackingNumber: "1Z999AA10123456784" };
export const IN_TRANSIT = { carrier: "EMS", trackingNumber: "EB123456789CN" };

/** APPROVED → AWAITING_SHIPMENT → IN_TRANSIT by the people allowed to, for either fault. */
export async function toInTransit(agent: Person, returnId: string) {
  const { fault } = await returnRow(returnId);
  await step(agent, returnId, "APPROVED", { note: "ok" });
  await step(agent, returnId, "AWAITING_SHIPMENT", fault === "SHOPPER" ? STORE_ACCEPTED : LABEL);
  await step(agent, returnId, "IN_TRANSIT", IN_TRANSIT);
}

/** Every unit of the return recorded AS_CLAIMED. */
export async function asClaimed(returnId: string) {
  const { items } = await returnRow(returnId);
  return {
    units: items.flatMap((item) => Array.from({ length: item.quantity }, () => ({ position: item.position, condition: "AS_CLAIMED" }))),
  };
}

export async function toReceived(agent: Person, returnId: string, payload?: unknown, now?: Date) {
  await toInTransit(agent, returnId);
  await step(agent, returnId, "RECEIVED", payload ?? (await asClaimed(returnId)), now);
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** A photo as the upload stores it (random name, through the storage driver of the run), for service-level calls. */
export async function storedPhoto() {
  const stored = await storePhoto(PNG);
  if (!stored.ok) throw new Error(stored.error);
  return stored.name;
}

export function pngFile(name = "photo.png") {
  return new File([new Uint8Array(PNG)], name, { type: "image/png" });
}

/** A multipart POST as the browser sends it: fields, then files per field. */
export function multipartRequest(pathname: string, fields: Record<string, string>, files: Record<string, File[]>, cookie: string) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const [field, list] of Object.entries(files)) for (const entry of list) form.append(field, entry);
  return new Request(`${BASE}${pathname}`, { method: "POST", body: form, headers: { Cookie: cookie } });
}

/** Every stored photo's name, whichever driver stores them (files under UPLOAD_DIR or StoredFile rows). */
export async function storedFiles() {
  return (await fileStorage().listBefore(new Date(Date.now() + 3600_000), { take: 100_000 })).sort();
}

export async function refunds(returnId: string) {
  return db.walletEntry.findMany({
    where: { returnId },
    select: { kind: true, amountFen: true, orderId: true, userId: true, returnId: true },
  });
}
