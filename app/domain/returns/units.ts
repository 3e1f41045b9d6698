import { countsAsReturned, type ReturnStatus } from "./status-machine";

// What goes back: units of the order's item lines. A line is named by its `position` (its index in
// the order's quote request, OrderItem.position); a unit is one of the line's `quantity` pieces.
// Units of the same line are interchangeable, so a selection is position → how many.

/** `quantity` units of the order's item line at `position`. */
export type UnitSelection = { position: number; quantity: number };

/** What the order delivered: each item line's position and quantity. */
export type DeliveredItem = { position: number; quantity: number };

/** Units per position already in earlier returns that still count (neither CANCELLED nor REJECTED). */
export type ReturnedUnits = ReadonlyMap<number, number> | Readonly<Record<number, number>>;

export type UnitSelectionErrorCode =
  "EMPTY_SELECTION" | "INVALID_QUANTITY" | "UNKNOWN_POSITION" | "DUPLICATE_POSITION" | "MORE_THAN_DELIVERED" | "ALREADY_RETURNED";

export type UnitSelectionError = {
  code: UnitSelectionErrorCode;
  /** Locale key; `params` fill it in. */
  message: string;
  /** Index of the offending entry in `requested` (absent for EMPTY_SELECTION). */
  index?: number;
  params: { position?: number; requested?: number; delivered?: number; remaining?: number };
};

export type UnitSelectionCheck =
  | { ok: true; /** The selection sorted by position. */ selection: UnitSelection[]; units: number }
  | { ok: false; code: UnitSelectionErrorCode; message: string; /** Every problem, the first one first. */ errors: UnitSelectionError[] };

const MESSAGES: Record<UnitSelectionErrorCode, string> = {
  EMPTY_SELECTION: "returns:errors.selectionEmpty",
  INVALID_QUANTITY: "returns:errors.quantityInvalid",
  UNKNOWN_POSITION: "returns:errors.unknownItem",
  DUPLICATE_POSITION: "returns:errors.duplicateItem",
  MORE_THAN_DELIVERED: "returns:errors.moreThanDelivered",
  ALREADY_RETURNED: "returns:errors.alreadyReturned",
};

/** A ReturnedUnits as a Map; a missing position is 0. */
export function returnedUnitsMap(returned: ReturnedUnits | undefined): Map<number, number> {
  if (!returned) return new Map();
  if (returned instanceof Map) return new Map(returned);
  return new Map(Object.entries(returned).map(([position, units]) => [Number(position), units as number]));
}

/**
 * Units per position across the given returns, counting only those that still hold units
 * (every status but CANCELLED and REJECTED): the `alreadyReturned` of checkUnitSelection and the
 * `previouslyRefunded` of computeRefund.
 */
export function unitsInReturns(returns: readonly { status: ReturnStatus; units: readonly UnitSelection[] }[]): Map<number, number> {
  const units = new Map<number, number>();
  for (const entry of returns) {
    if (!countsAsReturned(entry.status)) continue;
    for (const { position, quantity } of entry.units) units.set(position, (units.get(position) ?? 0) + quantity);
  }
  return units;
}

/**
 * Is `requested` a valid selection of units to return? Each entry must name a delivered position
 * once, with a whole number of units from 1 to what is left of that line (delivered − already
 * returned). Reports every problem; the first is also `code`/`message`.
 */
export function checkUnitSelection({
  items,
  alreadyReturned,
  requested,
}: {
  items: readonly DeliveredItem[];
  alreadyReturned?: ReturnedUnits;
  requested: readonly UnitSelection[];
}): UnitSelectionCheck {
  const delivered = new Map(items.map((item) => [item.position, item.quantity]));
  const returned = returnedUnitsMap(alreadyReturned);
  const errors: UnitSelectionError[] = [];
  const error = (code: UnitSelectionErrorCode, index: number | undefined, params: UnitSelectionError["params"]) =>
    errors.push({ code, message: MESSAGES[code], ...(index === undefined ? {} : { index }), params });

  if (requested.length === 0) error("EMPTY_SELECTION", undefined, {});
  const seen = new Set<number>();
  requested.forEach(({ position, quantity }, index) => {
    const deliveredUnits = Number.isSafeInteger(position) ? delivered.get(position) : undefined;
    if (deliveredUnits === undefined) return error("UNKNOWN_POSITION", index, { position });
    if (seen.has(position)) return error("DUPLICATE_POSITION", index, { position });
    seen.add(position);
    if (!Number.isSafeInteger(quantity) || quantity < 1) return error("INVALID_QUANTITY", index, { position, requested: quantity });
    if (quantity > deliveredUnits) return error("MORE_THAN_DELIVERED", index, { position, requested: quantity, delivered: deliveredUnits });
    const remaining = Math.max(0, deliveredUnits - (returned.get(position) ?? 0));
    if (quantity > remaining)
      return error("ALREADY_RETURNED", index, { position, requested: quantity, delivered: deliveredUnits, remaining });
  });

  const [first] = errors;
  if (first) return { ok: false, code: first.code, message: first.message, errors };
  const selection = requested.map(({ position, quantity }) => ({ position, quantity })).sort((a, b) => a.position - b.position);
  return { ok: true, selection, units: selection.reduce((total, entry) => total + entry.quantity, 0) };
}
