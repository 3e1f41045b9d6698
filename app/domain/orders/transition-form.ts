import { z } from "zod";
import { orderStatusSchema } from "./status-machine";
import { formText } from "~/domain/state-machine";

// What a transition form posts: the move (to + the version the actor saw) and the fields of its
// payload as text. The payload itself is checked by the state machine's table (status-machine.ts).

export const transitionFormSchema = z.object({
  intent: z.literal("transition"),
  to: orderStatusSchema,
  version: z.coerce.number().int().min(0),
});

// Numbers typed into a form: "" is absent, anything else is parsed (NaN is refused by the payload schema).
const number = (form: FormData, name: string) => {
  const value = formText(form, name);
  return value === undefined ? undefined : Number(value);
};

/** The payload object the state machine checks, from the form and the photos already stored. */
export function transitionPayloadFromForm(form: FormData, photos: string[]) {
  const length = number(form, "lengthCm");
  const width = number(form, "widthCm");
  const height = number(form, "heightCm");
  return {
    note: formText(form, "note"),
    foreignOrderNumber: formText(form, "foreignOrderNumber"),
    actualCost: formText(form, "actualCost"),
    weightGrams: number(form, "weightGrams"),
    dimensionsCm: length === undefined && width === undefined && height === undefined ? undefined : [length, width, height],
    photos: photos.length > 0 ? photos : undefined,
    carrier: formText(form, "carrier"),
    trackingNumber: formText(form, "trackingNumber"),
    acceptedQuoteId: formText(form, "acceptedQuoteId"),
    evidencePhotos: photos.length > 0 ? photos : undefined,
    evidenceUrl: formText(form, "evidenceUrl"),
  };
}

export const priceCheckFormSchema = z.object({ intent: z.literal("price-check"), version: z.coerce.number().int().min(0) });

/**
 * The price check's payload from its form: per item `price-<position>` and `stock-<position>`
 * (IN_STOCK / OUT_OF_STOCK radios), the store's shipping if it changed, the evidence link and photos.
 */
export function priceCheckPayloadFromForm(form: FormData, photos: string[]) {
  const positions = new Set<number>();
  for (const key of form.keys()) {
    const match = /^(?:price|stock)-(\d{1,2})$/.exec(key);
    if (match) positions.add(Number(match[1]));
  }
  const items = [...positions]
    .sort((a, b) => a - b)
    .map((position) => {
      const stock = formText(form, `stock-${position}`);
      return {
        position,
        price: formText(form, `price-${position}`),
        inStock: stock === "IN_STOCK" ? true : stock === "OUT_OF_STOCK" ? false : undefined,
      };
    });
  return {
    items,
    storeShipping: formText(form, "storeShipping"),
    evidencePhotos: photos.length > 0 ? photos : undefined,
    evidenceUrl: formText(form, "evidenceUrl"),
    note: formText(form, "note"),
  };
}

export const noticeFormSchema = z.object({ intent: z.literal("notice") });

export const messageFormSchema = z.object({
  intent: z.literal("message"),
  text: z
    .string({ required_error: "orders:errors.messageRequired" })
    .trim()
    .min(1, "orders:errors.messageRequired")
    .max(1000, "orders:errors.messageTooLong"),
});

/** Tracking pages of carriers the agents use; others show the number alone. */
const TRACKING_URLS: Record<string, string> = {
  EMS: "https://www.ems.com.cn/qps/yjcx?mailNum=",
  SF: "https://www.sf-express.com/chn/sc/waybill/waybill-detail/",
  DHL: "https://www.dhl.com/cn-zh/home/tracking.html?tracking-id=",
  UPS: "https://www.ups.com/track?tracknum=",
  FEDEX: "https://www.fedex.com/fedextrack/?trknbr=",
  USPS: "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
  JAPANPOST: "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=",
};

export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  const key = carrier.toUpperCase().replace(/[\s_-]/g, "");
  const base = TRACKING_URLS[key];
  return base ? `${base}${encodeURIComponent(trackingNumber)}` : null;
}
