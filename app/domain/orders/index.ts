export {
  ACTORS,
  EXCEPTION_REASONS,
  EXCEPTION_SOURCES,
  ORDER_STATUSES,
  STATUS_ORDER,
  TRANSITIONS,
  acceptQuotePayloadSchema,
  allowedTransitions,
  atWarehousePayloadSchema,
  checkTransition,
  exceptionPayloadSchema,
  isTerminal,
  notePayloadSchema,
  orderStatusSchema,
  payloadSchemaFor,
  purchasedPayloadSchema,
  resolvePayloadSchema,
  shippedPayloadSchema,
  shouldAutoComplete,
} from "./status-machine";
export type {
  AcceptQuotePayload,
  Actor,
  AtWarehousePayload,
  ExceptionPayload,
  ExceptionReason,
  ExceptionSource,
  NotePayload,
  OrderStatus,
  PurchasedPayload,
  ResolvePayload,
  ShippedPayload,
  TransitionCheck,
  TransitionErrorCode,
  TransitionPayload,
  TransitionRequest,
  TransitionRule,
} from "./status-machine";
export { decideCostDifference, differenceLines, settle } from "./cost-difference";
export type { CostDecision, CostDifferenceInput, DifferenceLine, Settlement, ShopperChoice } from "./cost-difference";
export {
  LEDGER_ENTRY_KINDS,
  TOP_UP_ALPHABET,
  applyEntry,
  balanceOf,
  canCharge,
  isValidEntry,
  isValidTopUpReference,
  makeTopUpReference,
  parseTopUpReference,
} from "./wallet-ledger";
export type { ApplyResult, LedgerEntry, LedgerEntryKind, LedgerErrorCode } from "./wallet-ledger";
export { CHINA_MOBILE, chinaAddressSchema, formatChinaAddress, normalizeChinaMobile } from "./china-address";
export type { ChinaAddress } from "./china-address";
export { buyerIdentitySchema, maskName, maskResidentId, residentIdCheckCode, validateResidentId } from "./resident-id";
export type { BuyerIdentity, ResidentIdCheck, ResidentIdReason } from "./resident-id";
export { actualCostRequest, dutiableFen, quotedForeignTotal } from "./actual-cost";
export type { ActualData } from "./actual-cost";
