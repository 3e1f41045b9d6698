import { z } from "zod";

// The shopper's wallet as an append-only ledger: the balance is the sum of the entries, never a
// stored number that is edited. Amounts are signed CNY fen: money in is positive, money out negative.

export const LEDGER_ENTRY_KINDS = ["DEPOSIT", "CHARGE", "REFUND", "ADJUSTMENT", "COMPENSATION", "CLAIM_PAYOUT"] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];
export const ledgerEntryKindSchema = z.enum(LEDGER_ENTRY_KINDS);

/** A bank-transfer top-up: PENDING until an admin confirms the money arrived (or rejects it). */
export const TOP_UP_STATUSES = ["PENDING", "CONFIRMED", "REJECTED"] as const;
export type TopUpStatus = (typeof TOP_UP_STATUSES)[number];
export const topUpStatusSchema = z.enum(TOP_UP_STATUSES);

export type LedgerEntry =
  /** A bank transfer confirmed; `reference` is what matched it (the top-up reference, or the bank's). Positive. */
  | { kind: "DEPOSIT"; amountFen: number; reference: string }
  /** An order's payment (or the difference of an accepted new quote). Negative. */
  | { kind: "CHARGE"; amountFen: number; orderId: string }
  /** Money back for an order. Positive. */
  | { kind: "REFUND"; amountFen: number; orderId: string }
  /** An admin's award on a complaint (complaint arbitration), linked to it. Positive. */
  | { kind: "COMPENSATION"; amountFen: number; complaintId: string }
  /** The payout of an approved claim for a lost or damaged parcel, linked to it (paid once). Positive. */
  | { kind: "CLAIM_PAYOUT"; amountFen: number; claimId: string }
  /** An admin's correction, either way, never zero, always with a reason. */
  | { kind: "ADJUSTMENT"; amountFen: number; reason: string };

export type LedgerErrorCode = "INSUFFICIENT_FUNDS" | "INVALID_ENTRY";
export type ApplyResult = { ok: true; balanceFen: number } | { ok: false; code: LedgerErrorCode };

/** The entry's sign and fields agree with its kind. */
export function isValidEntry(entry: LedgerEntry): boolean {
  const { amountFen } = entry;
  if (!Number.isSafeInteger(amountFen) || amountFen === 0) return false;
  switch (entry.kind) {
    case "DEPOSIT":
      return amountFen > 0 && entry.reference.trim().length > 0;
    case "CHARGE":
      return amountFen < 0 && entry.orderId.length > 0;
    case "REFUND":
      return amountFen > 0 && entry.orderId.length > 0;
    case "COMPENSATION":
      return amountFen > 0 && entry.complaintId.length > 0;
    case "CLAIM_PAYOUT":
      return amountFen > 0 && entry.claimId.length > 0;
    case "ADJUSTMENT":
      return entry.reason.trim().length > 0;
    default:
      return false;
  }
}

/** The balance of a ledger: the sum of its entries, in fen. */
export function balanceOf(entries: readonly LedgerEntry[]): number {
  let balance = 0;
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.amountFen)) throw new RangeError(`not an integer number of fen: ${entry.amountFen}`);
    balance += entry.amountFen;
  }
  return balance;
}

/** Whether a charge of `amountFen` (a positive amount) fits in the balance. */
export function canCharge(balanceFen: number, amountFen: number): boolean {
  return Number.isSafeInteger(amountFen) && amountFen > 0 && Number.isSafeInteger(balanceFen) && balanceFen >= amountFen;
}

/** The balance after appending `entry`; refused when the entry is malformed or would take the balance below zero. */
export function applyEntry(balanceFen: number, entry: LedgerEntry): ApplyResult {
  if (!Number.isSafeInteger(balanceFen) || !isValidEntry(entry)) return { ok: false, code: "INVALID_ENTRY" };
  const next = balanceFen + entry.amountFen;
  if (!Number.isSafeInteger(next)) return { ok: false, code: "INVALID_ENTRY" };
  if (next < 0) return { ok: false, code: "INSUFFICIENT_FUNDS" };
  return { ok: true, balanceFen: next };
}

// ---------------------------------------------------------------------------------------------
// Top-up references: the code a shopper writes in the bank transfer's memo so the deposit can be
// matched. "TU-" and 8 characters from an alphabet without 0/O and 1/I; the 8th is a Luhn mod 32
// check character over the first 7, so a mistyped or swapped character is caught before matching.

export const TOP_UP_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const N = TOP_UP_ALPHABET.length;
const PREFIX = "TU-";
const BODY = 7;
const TOP_UP_REFERENCE = new RegExp(`^${PREFIX}[${TOP_UP_ALPHABET}]{${BODY + 1}}$`);

function checkCharacter(body: string): string {
  // Luhn mod N: from the right, double every other code point value.
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let value = TOP_UP_ALPHABET.indexOf(body.charAt(i));
    if (double) value = Math.floor((value * 2) / N) + ((value * 2) % N);
    sum += value;
  }
  return TOP_UP_ALPHABET.charAt((N - (sum % N)) % N);
}

export function isValidTopUpReference(reference: string): boolean {
  if (!TOP_UP_REFERENCE.test(reference)) return false;
  const body = reference.slice(PREFIX.length, PREFIX.length + BODY);
  return reference.charAt(PREFIX.length + BODY) === checkCharacter(body);
}

/** A new reference from `random` (values in [0, 1), e.g. Math.random or a seeded generator). */
export function makeTopUpReference(random: () => number): string {
  let body = "";
  for (let i = 0; i < BODY; i++) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1): ${r}`);
    body += TOP_UP_ALPHABET.charAt(Math.floor(r * N));
  }
  return `${PREFIX}${body}${checkCharacter(body)}`;
}

/**
 * A reference as it comes back in a bank statement's memo ("tu 2345 6789", "TU23456789") in its
 * canonical form, or null when it is not a valid reference.
 */
export function parseTopUpReference(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, "");
  if (!compact.startsWith("TU")) return null;
  const reference = `${PREFIX}${compact.slice(2)}`;
  return isValidTopUpReference(reference) ? reference : null;
}
