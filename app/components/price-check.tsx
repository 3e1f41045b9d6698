import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PriceCheckRecord } from "~/domain/orders/price-check";
import { formatDateTime, formatMoney } from "~/utils/format";
import { fromFen } from "~/domain/landed-cost/money";
import { Errors, Input, type FieldErrors } from "./order-actions";

type CheckItem = { position: number; title: string; titleZh: string; price: string; quantity: number };

/**
 * The agent's quick form for the price check before buying: per item the store's price now and the
 * stock, the store's shipping if it changed, and evidence (a screenshot and/or the product page).
 */
export function PriceCheckForm({
  orderId,
  version,
  items,
  currency,
  quotedStoreShipping,
  errors,
}: {
  orderId: string;
  version: number;
  items: CheckItem[];
  currency: string;
  quotedStoreShipping: string;
  errors?: FieldErrors;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const formId = "price-check";
  const itemError = (index: number, field: string) => errors?.[`items.${index}.${field}`];
  return (
    <Form
      method="post"
      action={`/orders/${orderId}?form=${formId}`}
      encType="multipart/form-data"
      className="transition-form price-check-form"
      aria-labelledby={`${formId}-title`}
    >
      <h3 id={`${formId}-title`}>{t("orders:check.title")}</h3>
      <p className="muted">{t("orders:check.intro")}</p>
      <input type="hidden" name="intent" value="price-check" />
      <input type="hidden" name="version" value={version} />
      {items.map((item, index) => (
        <fieldset key={item.position} className="check-item">
          <legend>
            {i18n.language === "en" ? item.title : item.titleZh} × {item.quantity}
          </legend>
          <p className="muted">{t("orders:check.quotedPrice", { price: formatMoney(item.price, currency, i18n.language) })}</p>
          <div className="field">
            <label htmlFor={`${formId}-price-${item.position}`}>{t("orders:check.priceNow", { currency })}</label>
            <input
              id={`${formId}-price-${item.position}`}
              name={`price-${item.position}`}
              inputMode="decimal"
              autoComplete="off"
              defaultValue={item.price}
              aria-invalid={itemError(index, "price") ? true : undefined}
              aria-describedby={itemError(index, "price") ? `${formId}-price-${item.position}-error` : undefined}
            />
            <Errors id={`${formId}-price-${item.position}-error`} errors={itemError(index, "price")} />
          </div>
          <div className="field segmented" role="radiogroup" aria-label={t("orders:check.stock")}>
            <label>
              <input type="radio" name={`stock-${item.position}`} value="IN_STOCK" defaultChecked /> {t("orders:check.inStock")}
            </label>
            <label>
              <input type="radio" name={`stock-${item.position}`} value="OUT_OF_STOCK" /> {t("orders:check.outOfStock")}
            </label>
          </div>
        </fieldset>
      ))}
      <Input
        form={formId}
        name="storeShipping"
        label={t("orders:check.storeShipping", { currency, quoted: quotedStoreShipping })}
        errors={errors}
        inputMode="decimal"
        autoComplete="off"
      />
      <fieldset className="evidence">
        <legend>{t("orders:check.evidence")}</legend>
        <Input
          form={formId}
          name="photos"
          label={t("orders:check.screenshot")}
          errors={errors}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
        />
        <Input
          form={formId}
          name="evidenceUrl"
          label={t("orders:check.pageUrl")}
          errors={errors}
          type="url"
          inputMode="url"
          autoComplete="off"
        />
        <Errors id={`${formId}-evidence-error`} errors={errors?.evidence ?? errors?.items} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${formId}-note`}>{t("orders:fields.note")}</label>
        <textarea id={`${formId}-note`} name="note" rows={2} maxLength={1000} />
      </div>
      <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
        {t("orders:check.submit")}
      </button>
    </Form>
  );
}

/** The latest price check as everyone who sees the order reads it: what was found, against what was quoted, and what it means. */
export function PriceCheckSummary({ check, photoBase }: { check: PriceCheckRecord; photoBase: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", locale);
  return (
    <section aria-labelledby="check-summary-title" className="price-check-summary" data-testid="price-check">
      <h2 id="check-summary-title">{t("orders:check.summaryTitle")}</h2>
      <p>
        <span className={`badge check-${check.outcome.toLowerCase()}`} data-testid="price-check-outcome">
          {t(`orders:check.outcomes.${check.outcome}`)}
        </span>{" "}
        <span className="muted">{formatDateTime(check.checkedAt, locale)}</span>
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("orders:check.item")}</th>
              <th scope="col" className="num">
                {t("orders:check.quoted")}
              </th>
              <th scope="col" className="num">
                {t("orders:check.found")}
              </th>
              <th scope="col">{t("orders:check.stock")}</th>
            </tr>
          </thead>
          <tbody>
            {check.items.map((item) => (
              <tr key={item.position}>
                <th scope="row">{item.title}</th>
                <td className="num">{formatMoney(item.quotedPrice, check.currency, locale)}</td>
                <td className="num">{item.price === null ? "—" : formatMoney(item.price, check.currency, locale)}</td>
                <td>{t(item.inStock ? "orders:check.inStock" : "orders:check.outOfStock")}</td>
              </tr>
            ))}
            {check.storeShipping !== null ? (
              <tr>
                <th scope="row">{t("quote:lines.domestic_shipping")}</th>
                <td className="num">{formatMoney(check.quotedStoreShipping, check.currency, locale)}</td>
                <td className="num">{formatMoney(check.storeShipping, check.currency, locale)}</td>
                <td />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {check.requotedFen !== null ? <p>{t("orders:check.requoted", { total: cny(check.requotedFen), paid: cny(check.paidFen) })}</p> : null}
      {check.absorbedFen > 0 ? <p>{t("orders:check.absorbed", { amount: cny(check.absorbedFen) })}</p> : null}
      {check.evidence.url ? (
        <p>
          <a href={check.evidence.url} target="_blank" rel="noopener noreferrer nofollow">
            {t("orders:check.evidenceLink")}
          </a>
        </p>
      ) : null}
      {check.evidence.photos.length > 0 ? (
        <ul className="timeline-photos">
          {check.evidence.photos.map((name, index) => (
            <li key={name}>
              <a href={`${photoBase}/${name}`}>
                <img
                  src={`${photoBase}/${name}`}
                  alt={t("orders:check.screenshotAlt", { index: index + 1 })}
                  width="120"
                  height="120"
                  loading="lazy"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
