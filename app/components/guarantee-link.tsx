import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A link to /guarantee, the page that states what the quoted landed price covers; for footers, listings, quotes and checkout. */
export function GuaranteeLink({
  className,
  short = false,
}: {
  className?: string;
  /** Beside a text that already states the promise. */ short?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Link to="/guarantee" className={className ?? "guarantee-link"}>
      {t(short ? "common:guarantee.details" : "common:guarantee.link")}
    </Link>
  );
}
