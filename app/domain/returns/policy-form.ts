import { z } from "zod";
import { returnPolicyConfigSchema } from "./eligibility";

// The admin's return-policy form (parsed by ~/utils/parse-form, strict digits): numbers arrive as text, categories as one comma-separated field.
export const returnPolicyFormSchema = z
  .object({
    shopperFaultDays: z.number({
      required_error: "returns:errors.configDaysInvalid",
      invalid_type_error: "returns:errors.configDaysInvalid",
    }),
    platformFaultDays: z.number({
      required_error: "returns:errors.configDaysInvalid",
      invalid_type_error: "returns:errors.configDaysInvalid",
    }),
    cbecTaxReturnDays: z.number({
      required_error: "returns:errors.configDaysInvalid",
      invalid_type_error: "returns:errors.configDaysInvalid",
    }),
    restockingRate: z.string({ required_error: "returns:errors.configRateInvalid" }),
    excludedCategories: z
      .string()
      .optional()
      .transform((value) => (value ?? "").split(/[,，\s]+/).filter(Boolean)),
    // How shoppers reach the platform (a complaint, a return the agent cannot help with): an email, hours.
    platformContact: z.string().trim().max(300, "returns:errors.contactTooLong").optional().default(""),
  })
  .superRefine((value, ctx) => {
    const { platformContact: _contact, ...config } = value;
    const parsed = returnPolicyConfigSchema.safeParse(config);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path.slice(0, 1) });
  });
