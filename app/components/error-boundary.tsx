import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// One error page for every route: 404 and 403 are thrown Responses, anything else is a 500.
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind =
    status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 429 ? "tooMany" : status >= 500 ? "server" : "badRequest";
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <section className="page narrow error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      <p>
        <Link className="button" to="/">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
