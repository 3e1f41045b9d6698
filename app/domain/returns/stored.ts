import { z } from "zod";
import { customsRegimeSchema } from "~/domain/landed-cost/schema";
import { fromColumn, fromJsonColumn } from "~/domain/stored";
import { DISPUTE_OUTCOMES } from "./condition";
import { FAULTS } from "./reasons";
import { REFUND_LINE_CODES, type RefundComputation } from "./refund";
import { REFUND_ADJUSTMENTS, RETURN_CONDITIONS, returnStatusSchema } from "./status-machine";
import type { DisputeStatus, UnitRecord } from "./view";

// The schemas of what a return keeps in its rows (ReturnRequest, ReturnItem), for reading them back
// through fromColumn / fromJsonColumn (app/domain/stored.ts) instead of casting.

export const faultSchema = z.enum(FAULTS);
export const disputeStatusSchema = z.enum(["OPEN", ...DISPUTE_OUTCOMES]) satisfies z.ZodType<DisputeStatus>;
export const disputeOutcomeSchema = z.enum(DISPUTE_OUTCOMES);

const fen = z.number().int();

/** ReturnRequest.computation: the refund as computed when filed (or recomputed), app/domain/returns/refund.ts. */
export const refundComputationSchema = z.object({
  fault: faultSchema,
  regime: customsRegimeSchema,
  positions: z.array(
    z.object({
      position: z.number().int().min(0),
      title: z.string(),
      quantity: z.number().int().min(0),
      unitGoodsFen: fen,
      unitDomesticShippingFen: fen,
      goodsFen: fen,
      domesticShippingFen: fen,
      paidFen: fen,
      refundFen: fen,
      shopperFaultRefundFen: fen,
    }),
  ),
  paidForUnitsFen: fen,
  refundableFen: fen,
  returnShippingFen: fen,
  returnShippingPaidBy: faultSchema,
  returnChargeableGrams: z.number().min(0),
  restockingFeeFen: fen,
  deductionsFen: fen,
  refundFen: fen,
  shortfallFen: fen,
  worthFiling: z.boolean(),
  importTaxRefunded: z.boolean(),
  shopperFaultRefundFen: fen,
  lines: z.array(
    z.object({
      code: z.enum(REFUND_LINE_CODES),
      amountFen: fen,
      treatment: z.enum(["REFUNDED", "NOT_REFUNDED", "DEDUCTED", "PLATFORM_PAYS", "NONE"]),
      effectFen: fen,
    }),
  ),
}) satisfies z.ZodType<RefundComputation>;

/** ReturnItem.inspection: one record per returned unit of the line, as the agent found it. */
export const unitRecordsSchema = z.array(
  z.object({
    condition: z.enum(RETURN_CONDITIONS),
    refundAdjustment: z.enum(REFUND_ADJUSTMENTS),
    note: z.string().nullish(),
  }),
) satisfies z.ZodType<UnitRecord[]>;

/** The ReturnRequest columns as the code reads them back. */
export const storedReturnStatus = (value: string) => fromColumn(returnStatusSchema, "ReturnRequest.status", value);
export const storedFault = (value: string) => fromColumn(faultSchema, "ReturnRequest.fault", value);
export const storedDisputeStatus = (value: string | null) =>
  fromColumn(disputeStatusSchema.nullable(), "ReturnRequest.disputeStatus", value);
export const storedComputation = (text: string) => fromJsonColumn(refundComputationSchema, "ReturnRequest.computation", text);
