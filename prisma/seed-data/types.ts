// The shape of the demo catalog the seed inserts. Pure data: no Prisma here.
import type { PersonalizationField } from "~/domain/catalog/personalization";

export type SeedStore = {
  slug: string;
  name: string;
  country: string; // ISO 3166-1 alpha-2: US, JP, DE, KR, ...
  currency: string; // ISO 4217: USD, JPY, EUR, KRW
  platform: "SHOPIFY" | "JSONLD" | "MANUAL";
  baseUrl: string; // https://... (never fetched by the demo)
  // An admin's verification of the store (its badge on the store page): what was checked.
  verification?: { officialDomain: string; registration: string };
};

export type SeedCategory = {
  slug: string; // kebab-case
  nameZh: string;
  nameEn: string;
  taxCategory: string; // one of the spec's tax table codes
  sortOrder: number;
};

export type SeedVariant = {
  title: string; // original language, e.g. "Black / M"
  titleZh: string; // "黑色 / M"
  sku: string;
  price: string; // decimal string in the store currency ("129.99"; JPY/KRW whole numbers "1200")
  available: boolean;
  // A pack or size with its own parcel (3 bags weigh 3 bags); absent: the listing's weight and size.
  weightGrams?: number;
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
};

export type SeedListing = {
  store: string; // SeedStore.slug
  category: string; // SeedCategory.slug
  handle: string; // kebab-case, unique; used for image file names and the source URL
  title: string; // original language of the store
  description: string;
  titleZh: string;
  descriptionZh: string;
  price: string; // lowest variant price, decimal string in the store currency
  weightGrams: number | null; // null = unknown
  dimensionsCm: [number, number, number] | null;
  customMade?: boolean;
  // what the shopper fills in (engraving text and its limits): app/domain/catalog/personalization.ts
  personalization?: PersonalizationField[];
  featured?: boolean;
  images: { file: string; alt: string }[]; // file under public/images/listings/, e.g. "sony-wh-1000xm5-1.svg"
  variants: SeedVariant[];
  // price history, oldest first, the last equal to `price`; decimal strings; one per week going back
  priceHistory: string[];
};
