// International returns, the pure part (docs/returns.md): reasons and fault, eligibility,
// unit selection, the itemized refund, the return's state machine, inspection and disputes.
// Amounts are integer fen; messages are locale keys of the `returns` namespace.

export {
  DESCRIPTION_MIN_CHARS,
  EVIDENCE_RULES,
  FAULTS,
  REASON_RULES,
  RETURN_REASONS,
  checkEvidence,
  descriptionLength,
  evidenceRuleOf,
  faultOf,
  returnReasonSchema,
} from "./reasons";
export type { Evidence, EvidenceCheck, EvidenceErrorCode, EvidenceRule, Fault, ReasonRule, ReturnReason } from "./reasons";

export { DAY_MS, DEFAULT_RETURN_POLICY, checkEligibility, returnDeadline, returnPolicyConfigSchema, windowDays } from "./eligibility";
export type { Eligibility, EligibilityErrorCode, EligibilityInput, EligibilityItem, ReturnPolicyConfig } from "./eligibility";

export { checkUnitSelection, returnedUnitsMap, unitsInReturns } from "./units";
export type { DeliveredItem, ReturnedUnits, UnitSelection, UnitSelectionCheck, UnitSelectionError, UnitSelectionErrorCode } from "./units";

export { REFUND_LINE_CODES, cbecTaxDeadline, computeRefund, isCbecTaxRefundable } from "./refund";
export type {
  RefundComputation,
  RefundInput,
  RefundLine,
  RefundLineCode,
  RefundLineTreatment,
  RefundPosition,
  StoredQuote,
} from "./refund";

export {
  ACTORS,
  REFUND_ADJUSTMENTS,
  RELEASED_STATUSES,
  RETURN_CONDITIONS,
  RETURN_STATUSES,
  RETURN_STATUS_ORDER,
  RETURN_TRANSITIONS,
  allowedReturnTransitions,
  checkReturnTransition,
  countsAsReturned,
  inTransitPayloadSchema,
  isReturnTerminal,
  labelIssuedPayloadSchema,
  receivedPayloadSchema,
  rejectPayloadSchema,
  returnNotePayloadSchema,
  returnPayloadSchemaFor,
  returnStatusSchema,
  storeAcceptedPayloadSchema,
  unitInspectionSchema,
} from "./status-machine";
export type {
  Actor,
  InTransitPayload,
  LabelIssuedPayload,
  ReceivedPayload,
  RefundAdjustment,
  RejectPayload,
  ReturnCondition,
  ReturnNotePayload,
  ReturnStatus,
  ReturnTransitionCheck,
  ReturnTransitionErrorCode,
  ReturnTransitionPayload,
  ReturnTransitionRequest,
  ReturnTransitionRule,
  StoreAcceptedPayload,
  UnitInspection,
  UnitInspectionInput,
} from "./status-machine";

export {
  DISPUTE_OUTCOMES,
  canDispute,
  checkInspections,
  disputeDecisionSchema,
  disputeFilingSchema,
  finalRefundFen,
  refundAfterInspection,
} from "./condition";
export type {
  DisputeDecision,
  DisputeFiling,
  DisputeOutcome,
  DroppedUnit,
  InspectedPosition,
  InspectionError,
  InspectionErrorCode,
  InspectionOutcome,
  InspectionRecord,
} from "./condition";

export { parseReturnForm, requestedUnits, returnFormSchema, returnMoveFormSchema, returnPayloadFromForm } from "./return-form";
export type { ReturnForm } from "./return-form";

export { isLowered, returnAmount, returnNotice, returnStage, returnStatusKey, returnView, settledRefundFen } from "./view";
export type {
  BreakdownAdjustment,
  DisputeStatus,
  GoodsName,
  Message,
  Notice,
  ReturnAmount,
  ReturnLineState,
  ReturnLineView,
  ReturnMoney,
  ReturnStage,
  ReturnState,
  ReturnView,
  ReturnViewer,
  UnitRecord,
} from "./view";

export { filingVerdict } from "./filing-view";
export type { FilingAlternative, FilingInput, FilingVerdict } from "./filing-view";

export { ADDRESS_MAX_CHARS, ADDRESS_MIN_CHARS, parseReturnAddressForm, returnAddressSchema } from "./address-form";
export type { ReturnAddressInput } from "./address-form";
