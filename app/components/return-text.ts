import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import type { GoodsName, Message } from "~/domain/returns";
import { formatDateTime, formatMoney } from "~/utils/format";

/**
 * The text helpers of the return pages: a domain Message (every numeric param is fen) as the
 * reader's words, money in CNY, and a line's name by its position.
 */
export function useReturnText(goods: readonly GoodsName[] = []) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", locale);
  const text = (message: Message & { fen?: number }) => {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.params ?? {})) params[name] = cny(value);
    if (message.fen !== undefined) params.amount = cny(message.fen);
    return t(message.key, params);
  };
  /** Params of a filing alternative: deadlines are ISO instants shown as China-time dates. */
  const alternative = (params: Record<string, string> = {}) => ({
    ...params,
    ...(params.deadline ? { deadline: formatDateTime(params.deadline, locale) } : {}),
  });
  const nameOf = (position: number, fallback = "") => {
    const item = goods.find((entry) => entry.position === position);
    if (!item) return fallback;
    const title = locale === "en" ? item.title : item.titleZh || item.title;
    return item.variantName ? `${title} · ${item.variantName}` : title;
  };
  return { t, locale, cny, text, alternative, nameOf };
}
