import { circle, darker, group, ink, lighter, line, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

export type CoverMotif = "paint" | "code" | "flag" | "garden" | "cards";

/** Cover art centred on (300, 300), about 220 wide. */
const motifs: Record<CoverMotif, (l: Look) => string> = {
  paint: (l) =>
    circle(250, 280, 56, "#60a5fa", ' opacity=".7"') +
    circle(330, 260, 50, "#f472b6", ' opacity=".7"') +
    circle(300, 340, 54, "#facc15", ' opacity=".7"') +
    line("M360 380l40-90", l.accent, 12),
  code: (l) => text(300, 290, 70, l.accent, "</>") + line("M220 330h90M230 360h140M220 390h60", lighter(l.main, 0.35), 12),
  flag: (l) =>
    rect(200, 230, 200, 30, "#111827") +
    rect(200, 260, 200, 30, "#dc2626") +
    rect(200, 290, 200, 30, "#facc15") +
    text(300, 400, 70, l.accent, "A1"),
  garden: (l) =>
    rect(200, 210, 200, 190, "#dcfce7", 8) +
    line("M210 300h180M300 220v170", "#d6d3d1", 12) +
    [232, 368].map((x) => circle(x, 252, 22, "#16a34a") + circle(x, 352, 22, "#15803d")).join("") +
    circle(300, 300, 18, l.accent),
  cards: (l) =>
    group("rotate(-10 300 300)", rect(210, 230, 170, 110, "#fff", 10)) +
    rect(230, 250, 170, 110, lighter(l.accent, 0.6), 10) +
    text(315, 322, 48, darker(l.main, 0.1), "3000"),
};

function cover(l: Look, motif: CoverMotif): string {
  return (
    rect(170, 100, 260, 400, l.main, 6) +
    rect(170, 100, 22, 400, darker(l.main, 0.25)) +
    text(310, 170, l.label.length > 12 ? 22 : 32, ink(l.main), l.label) +
    motifs[motif](l) +
    text(310, 470, 18, ink(l.main), l.sub ?? "", ' opacity=".85"')
  );
}

export function book(motif: CoverMotif): Kind {
  return {
    front: (l) => cover(l, motif),
    // Turned to show the spine.
    side: (l) =>
      path("M230 112L430 92V492L230 512Z", "#f5f5f4") +
      group("matrix(.769 -.077 0 1 99.2 23.1)", cover(l, motif)) +
      path("M172 122L232 110V510L172 498Z", darker(l.main, 0.3)) +
      text(0, 0, 18, "#fff", l.label, ' transform="translate(208 310) rotate(90)"'),
    // Opened at a spread.
    detail: (l) =>
      rect(64, 172, 472, 326, l.main, 12) +
      path("M80 190Q190 160 300 196V480Q190 446 80 470Z", "#fafaf9", ' stroke="#d6d3d1" stroke-width="3"') +
      path("M520 190Q410 160 300 196V480Q410 446 520 470Z", "#ffffff", ' stroke="#d6d3d1" stroke-width="3"') +
      line("M110 240h160M110 270h160M110 300h150M110 330h160M110 360h120M110 390h160", "#a8a29e", 6) +
      group("translate(410 330) scale(.55) translate(-300 -300)", motifs[motif](l)) +
      rect(80, 470, 440, 14, l.main, 4),
  };
}

function volume(l: Look, x: number, n: number): string {
  const fill = n % 2 ? l.main : lighter(l.main, 0.18);
  return (
    rect(x, 150, 34, 320, fill, 3) + path(`M${x} 200q17-14 34 0v16q-17-14-34 0Z`, l.accent) + text(x + 17, 450, 18, ink(fill), String(n))
  );
}

export const comicSet: Kind = {
  front: (l) =>
    rect(112, 136, 376, 348, darker(l.main, 0.35), 8) +
    Array.from({ length: 10 }, (_, i) => volume(l, 122 + i * 36, i + 1)).join("") +
    text(300, 526, 26, darker(l.main, 0.3), l.label),
  // Volume 1 face on.
  side: (l) =>
    rect(170, 100, 260, 400, lighter(l.accent, 0.5), 6) +
    path("M170 380q65-40 130 0t130 0V500H170Z", l.main) +
    path("M170 420q65-40 130 0t130 0V500H170Z", darker(l.main, 0.2)) +
    rect(330, 250, 34, 120, "#fff") +
    path("M322 250h50l-25-34Z", "#dc2626") +
    circle(230, 200, 40, "#fde68a") +
    text(300, 160, 30, darker(l.main, 0.4), l.label) +
    text(300, 480, 22, "#fff", "1"),
};
