import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContactChannels } from "~/components/contact-channels";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { contactView } from "~/services/contact-settings.server";
import { qrCodeSvg } from "~/utils/qr-code.server";
import { pageTitle } from "~/utils/meta";

// How to reach a person (#19), public: the channels the admin set, the working hours and the WeChat QR
// code (drawn on the server, so it shows without script).

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "contact") }];

export async function loader(_args: LoaderFunctionArgs) {
  const { contact, qrText } = await contactView();
  return json({ contact, qrSvg: qrText ? await qrCodeSvg(qrText) : null });
}

export default function ContactPage() {
  const { contact, qrSvg } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="page narrow" aria-labelledby="contact-title">
      <h1 id="contact-title">{t("consult:contact.title")}</h1>
      <p className="muted">{t("consult:contact.intro")}</p>
      <ContactChannels contact={contact} qrSvg={qrSvg} />
      {contact.inSite ? (
        <p>
          <Link to="/ask" className="button primary">
            {t("consult:ask.title")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
