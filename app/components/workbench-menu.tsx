import { NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/domain/auth/roles";

/** The agent's and admin's own pages, in one list for the header menu and the 我的 page. */
export function WorkbenchLinks({ role }: { role: Role }) {
  const { t } = useTranslation();
  if (role !== "AGENT" && role !== "ADMIN") return null;
  const links = [
    { to: "/agent", label: t("nav.agent") },
    { to: "/agent/orders", label: t("nav.orderQueue") },
    { to: "/agent/returns", label: t("nav.returnQueue") },
    { to: "/agent/questions", label: t("consult:nav.queue") },
    { to: "/agent/requests", label: t("requests:nav.queue") },
    ...(role === "ADMIN" ? [{ to: "/admin", label: t("nav.admin") }] : []),
  ];
  return (
    <ul className="workbench-links">
      {links.map((link) => (
        <li key={link.to}>
          <NavLink to={link.to} end>
            {link.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * A disclosure in the header (a native <details>: keyboard and screen readers work without script), so the
 * staff's six links take one button's width on a phone.
 */
export function WorkbenchMenu({ role }: { role: Role }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  // The header stays mounted across client-side navigations: close the menu once a link in it was followed.
  useEffect(() => menu.current?.removeAttribute("open"), [pathname]);
  if (role !== "AGENT" && role !== "ADMIN") return null;
  return (
    <details className="workbench-menu" ref={menu}>
      <summary aria-label={t("shell:workbench.label")}>{t("shell:workbench.menu")}</summary>
      <nav aria-label={t("shell:workbench.label")}>
        <WorkbenchLinks role={role} />
      </nav>
    </details>
  );
}
