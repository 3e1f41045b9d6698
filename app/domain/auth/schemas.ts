import { z } from "zod";

// Messages are locale keys; the form renders them with t(). Shared by the browser (conform) and the server.
// A new password is also checked against the common-password list (common-passwords.ts) by the server
// only, in the service that sets it: the list is too big to send to the browser.

export const emailSchema = z
  .string({ required_error: "auth:errors.emailRequired" })
  .trim()
  .toLowerCase()
  .max(254, "auth:errors.emailInvalid")
  .email("auth:errors.emailInvalid");

export const passwordSchema = z
  .string({ required_error: "auth:errors.passwordRequired" })
  .min(8, "auth:errors.passwordTooShort")
  .max(128, "auth:errors.passwordTooLong")
  .refine((value) => /\p{L}/u.test(value) && /\d/.test(value), "auth:errors.passwordWeak");

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ required_error: "auth:errors.passwordRequired" }).max(128, "auth:errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const signupSchema = z
  .object({
    email: emailSchema,
    name: z
      .string({ required_error: "auth:errors.nameRequired" })
      .trim()
      .min(1, "auth:errors.nameRequired")
      .max(60, "auth:errors.nameTooLong"),
    password: passwordSchema,
    confirmPassword: z.string({ required_error: "auth:errors.confirmRequired" }),
    redirectTo: z.string().optional(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth:errors.passwordMismatch",
  });

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    newPassword: passwordSchema,
    confirmPassword: z.string({ required_error: "auth:errors.confirmRequired" }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth:errors.passwordMismatch",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "auth:errors.passwordRequired" }).max(128),
    newPassword: passwordSchema,
    confirmPassword: z.string({ required_error: "auth:errors.confirmRequired" }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth:errors.passwordMismatch",
  });

export const roleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(["SHOPPER", "AGENT", "ADMIN"], { errorMap: () => ({ message: "admin:errors.roleInvalid" }) }),
});
