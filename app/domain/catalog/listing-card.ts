import { withShownTitle, type ShownTitle } from "~/domain/localization/english-title";

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

export type ShownListingCard = ListingCardData & { shown: ShownTitle };

/** The cards with the titles their reader sees (in the loader: the glossary stays on the server). */
export function showCards(cards: readonly ListingCardData[], locale: string): ShownListingCard[] {
  return cards.map((card) => withShownTitle(card, locale, card.store.country));
}
