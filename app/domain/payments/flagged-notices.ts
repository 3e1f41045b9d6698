// The notification outcomes an admin must read: those that moved no money as asked (a mismatch, a bad
// signature, a body we could not read, a trade we never opened) and those that moved it in a way the
// shopper did not plan (paid after we closed the trade; an order paid meanwhile, the money kept in the
// wallet). Shared by the admin page (its filter) and the service (its query).
export const FLAGGED_NOTICE_OUTCOMES = [
  "MISMATCH",
  "BAD_SIGNATURE",
  "MALFORMED",
  "UNKNOWN_TRADE",
  "LATE_CREDITED",
  "KEPT_IN_WALLET",
] as const;
export type FlaggedNoticeOutcome = (typeof FLAGGED_NOTICE_OUTCOMES)[number];
