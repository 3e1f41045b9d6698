export type View = "front" | "side" | "detail";

/** What one product looks like: its colours and the words printed on it. */
export interface Look {
  /** Body colour, usually the first variant's colour. */
  main: string;
  /** Trim, logo or contents colour. */
  accent: string;
  /** Model name or size printed on the product, kept short (it must read at full width). */
  label: string;
  /** A second, smaller line (capacity, SPF, piece count). */
  sub?: string;
}

/** A way of drawing one kind of product; views it leaves out get the shared three-quarter or boxed view. */
export interface Kind {
  front(look: Look): string;
  side?(look: Look): string;
  detail?(look: Look): string;
}
