import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("page", String(target));
    return `?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span aria-current="page">{t("pagination.status", { page, pages })}</span>
      {page < pages ? <Link to={hrefFor(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
