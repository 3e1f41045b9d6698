import { z } from "zod";
import { returnPolicyConfigSchema } from "./eligibility";

// The admin's return-policy form: numbers arrive as text, categories as one comma-separated field.
export const returnPolicyFormSchema = z.object({
  shopperFaultDays: z.coerce.number({ invalid_type_error: "returns:errors.configDaysInvalid" }),
  platformFaultDays: z.coerce.number({ invalid_type_error: "returns:errors.configDaysInvalid" }),
  cbecTaxReturnDays: z.coerce.number({ invalid_type_error: "returns:errors.configDaysInvalid" }),
  restockingRate: z.string({ required_error: "returns:errors.configRateInvalid" }),
  excludedCategories: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(/[,，\s]+/).filter(Boolean)),
  returnAddress: z.string().trim().max(500, "returns:errors.noteTooLong").optional().default(""),
}).superRefine((value, ctx) => {
  const { returnAddress: _address, ...config } = value;
  const parsed = returnPolicyConfigSchema.safeParse(config);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path.slice(0, 1) });
});
