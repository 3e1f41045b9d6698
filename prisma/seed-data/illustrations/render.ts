// Turns a listing into its gallery: front, another angle, and a detail or boxed view, in the order of listing.images.

import type { SeedListing } from "../types";
import { illustrationOf } from "./products";
import { circle, darker, ellipse, group, hashOf, ink, lighter, mix, outline, rect, svgDocument, text } from "./svg";
import type { Kind, Look, View } from "./types";

const views: View[] = ["front", "side", "detail"];

const backgrounds: Record<string, string> = {
  electronics: "#e3edf8",
  clothing: "#fbeee6",
  sports: "#e4f4ea",
  cosmetics: "#fbe9f0",
  toys: "#fff3cf",
  books: "#f0e9dd",
  food: "#ebf3dc",
  appliances: "#e7eef1",
  watches: "#eae7f5",
  jewelry: "#f6efe1",
};

/** The front drawing turned a little and given depth: a generic three-quarter view. */
function threeQuarter(kind: Kind, look: Look): string {
  return (
    `<defs><g id="p">${kind.front(look)}</g><filter id="e"><feFlood flood-color="${darker(look.main, 0.5)}"/>` +
    `<feComposite in2="SourceAlpha" operator="in"/></filter></defs>` +
    group("matrix(.82 -.06 0 1 54 18)", `<use href="#p" x="18" y="4" filter="url(#e)"/><use href="#p"/>`)
  );
}

/** The product standing in front of its retail box. */
function boxed(kind: Kind, look: Look): string {
  const face = look.main;
  const box =
    `<path d="M120 190l40-40h280l-40 40z" fill="${lighter(face, 0.25)}"/>` +
    `<path d="M400 190l40-40v290l-40 40z" fill="${darker(face, 0.3)}"/>` +
    rect(120, 190, 280, 290, face, 0, outline(face)) +
    rect(120, 190, 280, 14, look.accent) +
    text(260, 262, look.label.length > 10 ? 28 : 38, ink(face), look.label) +
    (look.sub ? text(260, 300, 22, ink(face), look.sub, ' opacity=".8"') : "");
  return (
    box +
    ellipse(390, 530, 120, 16, "#000", ' opacity=".12"') +
    group("translate(390 360) scale(.5) translate(-300 -300)", kind.front(look))
  );
}

function backdrop(view: View, category: string, look: Look, seed: number): string {
  const base = backgrounds[category] ?? "#eeeeee";
  const bg = view === "front" ? base : view === "side" ? lighter(base, 0.45) : mix(base, look.main, 0.1);
  const dots = [0, 1]
    .map((i) => {
      const angle = ((seed >>> (i * 5)) % 360) * (Math.PI / 180);
      return circle(300 + Math.cos(angle) * 250, 300 + Math.sin(angle) * 250, 22 + i * 14, lighter(look.accent, 0.5), ' opacity=".35"');
    })
    .join("");
  return rect(0, 0, 600, 600, bg) + circle(300, 290, 230, lighter(bg, 0.5)) + dots + ellipse(300, 520, 190, 20, "#000", ' opacity=".08"');
}

export function drawView(kind: Kind, look: Look, view: View): string {
  if (view === "front") return kind.front(look);
  if (view === "side") return kind.side ? kind.side(look) : threeQuarter(kind, look);
  return kind.detail ? kind.detail(look) : boxed(kind, look);
}

/** Every image file of the listing with its SVG text; pure, so tests can compare it with the committed files. */
export function renderListing(listing: Pick<SeedListing, "handle" | "category" | "images">): { file: string; svg: string }[] {
  const { kind, look } = illustrationOf(listing.handle);
  const seed = hashOf(listing.handle);
  return listing.images.map((image, index) => {
    const view = views[index];
    if (!view) throw new Error(`${listing.handle}: no drawing for image ${index + 1}`);
    return { file: image.file, svg: svgDocument(image.alt, backdrop(view, listing.category, look, seed) + drawView(kind, look, view)) };
  });
}
