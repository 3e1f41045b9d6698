export {
  ACTORS,
  NOTICE_REASONS,
  NOTICE_STATUSES,
  ORDER_STATUSES,
  STATUS_ORDER,
  TRANSITIONS,
  acceptQuotePayloadSchema,
  allowedTransitions,
  atWarehousePayloadSchema,
  checkTransition,
  isTerminal,
  mayPostNotice,
  mayRecordPriceCheck,
  notePayloadSchema,
  noticePayloadSchema,
  orderStatusSchema,
  payloadSchemaFor,
  priceCheckPayloadSchema,
  purchasedPayloadSchema,
  shippedPayloadSchema,
  shouldAutoComplete,
  statusAfterPriceCheck,
} from "./status-machine";
export type {
  AcceptQuotePayload,
  Actor,
  AtWarehousePayload,
  NotePayload,
  NoticePayload,
  NoticeReason,
  OrderStatus,
  PriceCheckPayload,
  PurchasedPayload,
  ShippedPayload,
  TransitionCheck,
  TransitionErrorCode,
  TransitionPayload,
  TransitionRequest,
  TransitionRule,
} from "./status-machine";
export { GUARANTEE_STAGES, REFUND_STATES, differenceLines, refundRoute, settleStage } from "./cost-difference";
export type { DifferenceLine, GuaranteeRow, GuaranteeStage, RefundState, StageInput, StageSettlement } from "./cost-difference";
export {
  PRICE_CHECK_OUTCOMES,
  decidePriceCheck,
  parsePriceCheck,
  parsePurchaseEvidence,
  priceCheckPassed,
  priceCheckRecordSchema,
  purchaseEvidenceSchema,
} from "./price-check";
export type { PriceCheckDecision, PriceCheckInput, PriceCheckOutcome, PriceCheckRecord, PurchaseEvidence } from "./price-check";
export { chinaMonth } from "~/domain/china-time";
export { summarizeGuarantee } from "./guarantee-report";
export type { GuaranteeCostRow, GuaranteeGroup, GuaranteeSummary } from "./guarantee-report";
export { deliveryEstimate } from "./delivery-estimate";
export type { DeliveryEstimate } from "./delivery-estimate";
export {
  ARRIVAL_MILESTONES,
  ARRIVAL_STAGES,
  buildArrivalModel,
  milestonesFromEvents,
  predictArrival,
  stageEstimate,
  stageSamplesOf,
} from "./arrival-prediction";
export type { ArrivalModel, ArrivalPrediction, LineEta, Milestone, PredictedStage, StageSample } from "./arrival-prediction";
export {
  LEDGER_ENTRY_KINDS,
  TOP_UP_STATUSES,
  ledgerEntryKindSchema,
  topUpStatusSchema,
  TOP_UP_ALPHABET,
  applyEntry,
  balanceOf,
  canCharge,
  isValidEntry,
  isValidTopUpReference,
  makeTopUpReference,
  parseTopUpReference,
} from "./wallet-ledger";
export type { ApplyResult, LedgerEntry, LedgerEntryKind, LedgerErrorCode, TopUpStatus } from "./wallet-ledger";
export { CHINA_MOBILE, chinaAddressSchema, formatChinaAddress, normalizeChinaMobile } from "./china-address";
export type { ChinaAddress } from "./china-address";
export { buyerIdentitySchema, maskName, maskResidentId, residentIdCheckCode, validateResidentId } from "./resident-id";
export type { BuyerIdentity, ResidentIdCheck, ResidentIdReason } from "./resident-id";
export {
  actualCostRequest,
  dutiableFen,
  priceCheckRequest,
  purchaseNeedsEvidence,
  quotedForeignTotal,
  quotedStoreShipping,
} from "./actual-cost";
export type { ActualData, CheckedItem } from "./actual-cost";
