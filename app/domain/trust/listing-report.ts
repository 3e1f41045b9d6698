import { z } from "zod";

// Reports of wrong information on a listing (anyone signed in), and an agent's decision on one.

export const REPORT_FIELDS = ["PRICE", "WEIGHT", "DESCRIPTION", "IMAGES", "COUNTERFEIT"] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
export const REPORT_STATUSES = ["OPEN", "CORRECTED", "REJECTED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_TEXT_MIN = 5;
export const REPORT_TEXT_MAX = 1000;

export const listingReportSchema = z.object({
  field: z.enum(REPORT_FIELDS, { errorMap: () => ({ message: "trust:errors.fieldRequired" }) }),
  description: z
    .string({ required_error: "trust:errors.descriptionRequired" })
    .trim()
    .min(REPORT_TEXT_MIN, "trust:errors.descriptionTooShort")
    .max(REPORT_TEXT_MAX, "trust:errors.descriptionTooLong"),
});
export type ListingReportInput = z.output<typeof listingReportSchema>;

export const reportDecisionSchema = z.object({
  reportId: z
    .string({ required_error: "trust:errors.reportUnknown" })
    .min(1, "trust:errors.reportUnknown")
    .max(64, "trust:errors.reportUnknown"),
  decision: z.enum(["CORRECTED", "REJECTED"], { errorMap: () => ({ message: "trust:errors.decisionRequired" }) }),
  resolution: z
    .string({ required_error: "trust:errors.reasonRequired" })
    .trim()
    .min(1, "trust:errors.reasonRequired")
    .max(REPORT_TEXT_MAX, "trust:errors.reasonTooLong"),
});
export type ReportDecisionInput = z.output<typeof reportDecisionSchema>;
