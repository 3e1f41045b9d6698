/** What a listing card shows (home, category, search): the landed price precomputed, the original beside it. */
export type ListingCardData = {
  id: string;
  title: string;
  titleZh: string;
  localizationStatus: string;
  price: string;
  currency: string;
  landedFen: number | null;
  landedStatus: string | null;
  available: boolean;
  store: { name: string; country: string };
  images: { url: string; alt: string }[];
};
