import currency from "currency.js";

// CNY amounts cross into the database as integer fen, through currency.js at the fen's precision.
// Both directions are exact: an amount with more than two decimals is a bug upstream, so it is
// refused rather than rounded a second time.

const CNY_AMOUNT = /^-?\d{1,13}(?:\.\d{1,2})?$/;
const cny = (value: string | number, fromCents = false) => currency(value, { precision: 2, fromCents, errorOnInvalid: true });

// The calculator's own spelling ("123.45", never more than 13 digits): read exactly without
// currency.js, which is most of the cost when every listing is repriced.
const PLAIN_CNY = /^(\d{1,13})\.(\d\d)$/;

export function toFen(amount: string): number {
  const plain = PLAIN_CNY.exec(amount);
  if (plain) return Number(plain[1]) * 100 + Number(plain[2]);
  if (!CNY_AMOUNT.test(amount)) throw new RangeError(`not a CNY amount with at most 2 decimals: ${JSON.stringify(amount)}`);
  const fen = cny(amount).intValue;
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${amount}`);
  return Object.is(fen, -0) ? 0 : fen;
}

export function fromFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer number of fen: ${fen}`);
  return cny(fen, true).toString();
}
