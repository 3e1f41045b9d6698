import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field } from "./form-field";

/** A new password and its confirmation, as sign-up, password reset and the account page ask for them. */
export function NewPasswordFields({
  password,
  confirm,
  label,
  focusPassword,
  focusConfirm,
}: {
  password: FieldMetadata<string>;
  confirm: FieldMetadata<string>;
  label: string;
  focusPassword: boolean;
  focusConfirm: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={label}
        hint={t("auth:hints.password")}
        inputProps={{
          autoFocus: focusPassword,
          ...getInputProps(password, { type: "password" }),
          autoComplete: "new-password",
          required: true,
        }}
        errors={password.errors}
      />
      <Field
        label={t("auth:fields.confirmPassword")}
        inputProps={{
          autoFocus: focusConfirm,
          ...getInputProps(confirm, { type: "password" }),
          autoComplete: "new-password",
          required: true,
        }}
        errors={confirm.errors}
      />
    </>
  );
}
