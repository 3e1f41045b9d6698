import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KINDS: Record<number, string> = {
  403: "forbidden",
  404: "notFound",
  405: "methodNotAllowed",
  413: "tooLarge",
  415: "unsupportedType",
  429: "tooMany",
};
// Why a form was refused (app/utils/request-form.server.ts), when the thrown Response says.
const REASONS = new Set(["notAForm", "brokenForm", "tooManyFields", "nameTooLong", "indexTooLarge"]);

// One error page for every route: 4xx are thrown Responses (or Remix's own 404/405), anything else a 500.
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = KINDS[status] ?? (status >= 500 ? "server" : "badRequest");
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  const reason = typeof data === "object" && data && "reason" in data && REASONS.has(String(data.reason)) ? String(data.reason) : null;
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <section className="page narrow error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{t(`errors.${kind}.title`)}</h1>
      <p>{reason ? t(`errors.reasons.${reason}`) : t(`errors.${kind}.body`)}</p>
      <p>
        <Link className="button" to="/">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
