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

export function pageFromUrl(request: Request) {
  const raw = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
}
