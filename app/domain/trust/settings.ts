import { z } from "zod";

// The trust rules admins set at /admin/trust (stored in TrustSettings).
const hours = z
  .number({ invalid_type_error: "trust:errors.hoursInvalid" })
  .int("trust:errors.hoursInvalid")
  .min(1, "trust:errors.hoursInvalid")
  .max(24 * 60, "trust:errors.hoursInvalid");

export const trustSettingsSchema = z.object({
  procurementTargetHours: hours,
  dispatchTargetHours: hours,
  complaintAnswerHours: hours,
  reviewEditDays: z
    .number({ invalid_type_error: "trust:errors.daysInvalid" })
    .int("trust:errors.daysInvalid")
    .min(1, "trust:errors.daysInvalid")
    .max(365, "trust:errors.daysInvalid"),
  minimumSample: z
    .number({ invalid_type_error: "trust:errors.sampleInvalid" })
    .int("trust:errors.sampleInvalid")
    .min(1, "trust:errors.sampleInvalid")
    .max(100, "trust:errors.sampleInvalid"),
});
export type TrustSettingsInput = z.output<typeof trustSettingsSchema>;
