import { circle, darker, group, ink, lighter, line, outline, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

export interface GarmentCut {
  sleeves: "long" | "short";
  /** Hem height on the canvas: 440 for a sweater, 520 for a coat. */
  hem: number;
  neck: "crew" | "collar" | "hood";
  opening?: "zip" | "buttons";
  pockets?: "chest" | "flaps" | "kangaroo";
  belt?: boolean;
  knit?: boolean;
}

function silhouette(cut: GarmentCut): string {
  const h = cut.hem;
  const flare = h > 480 ? 18 : 0;
  const left = cut.sleeves === "long" ? "L200 165L118 410L166 428L210 270" : "L200 165L136 252L178 282L210 238";
  const right = cut.sleeves === "long" ? "L390 270L434 428L482 410L400 165" : "L390 238L422 282L464 252L400 165";
  return `M255 150${left}L${210 - flare} ${h}H${390 + flare}${right}L345 150Q300 186 255 150Z`;
}

function bands(cut: GarmentCut, l: Look): string {
  if (!cut.knit) return "";
  const rib = lighter(l.main, 0.15);
  const cuffs = cut.sleeves === "long" ? line("M122 402l44 16M478 402l-44 16", rib, 16) : "";
  return rect(210, cut.hem - 22, 180, 22, rib) + cuffs;
}

function neckline(cut: GarmentCut, l: Look, back: boolean): string {
  if (cut.neck === "crew") return line("M255 150Q300 188 345 150", lighter(l.main, 0.2), 12);
  if (cut.neck === "collar")
    return back
      ? path("M250 148Q300 128 350 148L344 176Q300 160 256 176Z", darker(l.main, 0.2))
      : path("M255 150L300 212L272 232L238 162ZM345 150L300 212L328 232L362 162Z", darker(l.main, 0.2));
  return back
    ? path("M238 158C236 96 364 96 362 158L350 250Q300 280 250 250Z", darker(l.main, 0.12))
    : path("M236 172C222 76 378 76 364 172Q300 200 236 172Z", darker(l.main, 0.12)) +
        path("M258 166C256 112 344 112 342 166Q300 186 258 166Z", darker(l.main, 0.4));
}

function fastenings(cut: GarmentCut, l: Look): string {
  const h = cut.hem;
  let out = "";
  if (cut.opening === "zip") out += line(`M300 170V${h}`, l.accent, 6) + rect(293, 200, 14, 26, l.accent, 4);
  if (cut.opening === "buttons")
    out += line(`M300 212V${h}`, darker(l.main, 0.25), 3) + [250, 300, 350, 400].map((y) => circle(314, y, 7, l.accent)).join("");
  if (cut.pockets === "chest") out += rect(318, 214, 44, 46, darker(l.main, 0.1), 4, ` stroke="${darker(l.main, 0.25)}" stroke-width="3"`);
  if (cut.pockets === "flaps")
    out += [226, 318]
      .map((x) => rect(x, h - 110, 56, 60, darker(l.main, 0.12), 4) + rect(x - 2, h - 112, 60, 20, darker(l.main, 0.28), 4))
      .join("");
  if (cut.pockets === "kangaroo") out += path(`M235 ${h - 40}L252 ${h - 110}H348L365 ${h - 40}Z`, darker(l.main, 0.12));
  if (cut.belt)
    out += rect(210, 330, 180, 22, darker(l.main, 0.2)) + rect(286, 326, 28, 30, "none", 4, ` stroke="${l.accent}" stroke-width="5"`);
  return out;
}

export function garment(cut: GarmentCut): Kind {
  return {
    front: (l) =>
      (cut.neck === "hood" ? path("M236 172C222 76 378 76 364 172Z", darker(l.main, 0.12)) : "") +
      path(silhouette(cut), l.main, outline(l.main)) +
      bands(cut, l) +
      neckline(cut, l, false) +
      fastenings(cut, l),
    // The back: same cut, no fastenings, a yoke seam and the neck label.
    side: (l) =>
      path(silhouette(cut), darker(l.main, 0.06), outline(l.main)) +
      bands(cut, l) +
      line("M212 236Q300 252 388 236", darker(l.main, 0.22), 4) +
      neckline(cut, l, true) +
      rect(288, 160, 24, 14, l.accent, 2),
    // Folded on a shelf, with its swing tag.
    detail: (l) =>
      rect(150, 250, 300, 210, l.main, 18, outline(l.main)) +
      line("M230 250l-20 210M370 250l20 210", darker(l.main, 0.15), 4) +
      (cut.knit ? line("M170 440h260", lighter(l.main, 0.15), 18, ' stroke-dasharray="4 6"') : "") +
      path("M250 250Q300 296 350 250Z", darker(l.main, 0.25)) +
      line("M410 270l40 -60", "#a8a29e", 3) +
      group(
        "rotate(12 470 200)",
        rect(410, 130, 110, 150, l.accent, 10) +
          circle(465, 150, 7, "#fff") +
          text(465, 205, 22, ink(l.accent), l.label) +
          text(465, 240, 18, ink(l.accent), l.sub ?? ""),
      ),
  };
}
