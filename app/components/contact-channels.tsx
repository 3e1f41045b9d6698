import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type ContactView = {
  inSite: boolean;
  email: string | null;
  wechatId: string | null;
  phone: string | null;
  hoursStart: string;
  hoursEnd: string;
  hoursDays: string;
  openNow: boolean;
};

function useHours(contact: ContactView) {
  const { t } = useTranslation();
  const days = [...contact.hoursDays].map((day) => t(`consult:contact.weekdays.${day}`)).join("、");
  return t("consult:contact.hoursValue", { days, start: contact.hoursStart, end: contact.hoursEnd });
}

/** The channels as a definition list; the full page adds the WeChat QR code. */
export function ContactChannels({ contact, qrSvg, askHref = "/ask" }: { contact: ContactView; qrSvg?: string | null; askHref?: string }) {
  const { t } = useTranslation();
  const hours = useHours(contact);
  return (
    <dl className="facts contact-channels">
      {contact.inSite ? (
        <>
          <dt>{t("consult:contact.inSite")}</dt>
          <dd>
            <Link to={askHref}>{t("consult:contact.inSiteLink")}</Link>
          </dd>
        </>
      ) : null}
      {contact.email ? (
        <>
          <dt>{t("consult:contact.email")}</dt>
          <dd>
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </dd>
        </>
      ) : null}
      {contact.wechatId ? (
        <>
          <dt>{t("consult:contact.wechat")}</dt>
          <dd>
            <span data-testid="contact-wechat">{contact.wechatId}</span>
            {qrSvg ? (
              <div
                className="contact-qr"
                role="img"
                aria-label={t("consult:contact.wechatScan")}
                dangerouslySetInnerHTML={{ __html: qrSvg }}
              />
            ) : null}
          </dd>
        </>
      ) : null}
      {contact.phone ? (
        <>
          <dt>{t("consult:contact.phone")}</dt>
          <dd>
            <a href={`tel:${contact.phone.replace(/[\s-]/g, "")}`}>{contact.phone}</a>
          </dd>
        </>
      ) : null}
      <dt>{t("consult:contact.hours")}</dt>
      <dd>
        {hours} <span className="muted">{t(contact.openNow ? "consult:contact.openNow" : "consult:contact.closedNow")}</span>
      </dd>
    </dl>
  );
}

/** The compact block on every order page: how to reach a person about this order. */
export function ContactBlock({ contact, orderId }: { contact: ContactView; orderId: string }) {
  const { t } = useTranslation();
  return (
    <aside className="contact-block" aria-labelledby="contact-block-title" data-testid="contact-block">
      <h2 id="contact-block-title">{t("consult:contact.blockTitle")}</h2>
      <ContactChannels contact={contact} askHref={`/ask?order=${encodeURIComponent(orderId)}`} />
      <p>
        <Link to="/contact">{t("consult:contact.more")}</Link>
      </p>
    </aside>
  );
}
