// When the parcel should arrive: the line's ETA range counted from payment (or from now for an
// order not yet paid), as calendar days in China.

const DAY_MS = 86_400_000;

export type DeliveryEstimate = { from: Date; earliest: Date; latest: Date; fromPayment: boolean };

export function deliveryEstimate(line: { etaDaysMin: number; etaDaysMax: number }, paidAt: Date | null, now: Date): DeliveryEstimate {
  if (
    !Number.isInteger(line.etaDaysMin) ||
    !Number.isInteger(line.etaDaysMax) ||
    line.etaDaysMin < 0 ||
    line.etaDaysMax < line.etaDaysMin
  ) {
    throw new RangeError(`not an ETA range in days: ${line.etaDaysMin}–${line.etaDaysMax}`);
  }
  const from = paidAt ?? now;
  return {
    from,
    earliest: new Date(from.getTime() + line.etaDaysMin * DAY_MS),
    latest: new Date(from.getTime() + line.etaDaysMax * DAY_MS),
    fromPayment: paidAt !== null,
  };
}
