// CNY amounts cross into the database as integer fen. Both directions are exact: an amount
// with more than two decimals is a bug upstream, so it is refused rather than rounded again.

const CNY_AMOUNT = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

export function toFen(amount: string): number {
  const match = CNY_AMOUNT.exec(amount);
  if (!match) throw new RangeError(`not a CNY amount with at most 2 decimals: ${JSON.stringify(amount)}`);
  const [, minus, whole = "0", fraction = ""] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${amount}`);
  return minus && fen !== 0 ? -fen : fen;
}

export function fromFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer number of fen: ${fen}`);
  const magnitude = Math.abs(fen);
  const fraction = String(magnitude % 100).padStart(2, "0");
  return `${fen < 0 ? "-" : ""}${Math.floor(magnitude / 100)}.${fraction}`;
}
