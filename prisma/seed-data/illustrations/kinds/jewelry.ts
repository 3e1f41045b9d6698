import { circle, darker, ellipse, group, lighter, line, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

/** A point on the quadratic curve a necklace hangs along. */
function along(t: number, sag: number): [number, number] {
  const u = 1 - t;
  return [u * u * 150 + 2 * u * t * 300 + t * t * 450, u * u * 90 + 2 * u * t * sag + t * t * 90];
}

const pearl = (x: number, y: number, r: number, tint: string): string =>
  circle(x, y, r, tint, ` stroke="${darker(tint, 0.3)}" stroke-width="3"`) +
  circle(x - r * 0.35, y - r * 0.35, r * 0.3, "#fff", ' opacity=".8"');

export type NecklaceStyle = "pearls" | "bar" | "layered";

function hanging(l: Look, style: NecklaceStyle): string {
  if (style === "pearls")
    return Array.from({ length: 27 }, (_, i) => {
      const [x, y] = along(i / 26, 560);
      return pearl(x, y, 16, l.accent);
    }).join("");
  if (style === "bar")
    return (
      line("M150 90Q300 600 450 90", darker(l.main, 0.1), 8) +
      rect(196, 316, 208, 60, l.main, 10, ` stroke="${darker(l.main, 0.25)}" stroke-width="4"`) +
      text(300, 356, 30, darker(l.main, 0.5), l.label)
    );
  return (
    line("M150 90Q300 480 450 90", darker(l.main, 0.1), 7) +
    line("M150 90Q300 640 450 90", darker(l.main, 0.1), 7) +
    circle(300, 290, 22, l.accent) +
    path("M300 360l32 44-32 44-32-44Z", l.accent)
  );
}

export function necklace(style: NecklaceStyle): Kind {
  return {
    front: (l) => hanging(l, style),
    // Worn on a display bust.
    side: (l) =>
      path("M230 60H370V180Q470 210 520 300V560H80V300Q130 210 230 180Z", "#44403c") +
      group("translate(300 150) scale(.75) translate(-300 -90)", hanging(l, style)),
    detail: (l) =>
      style === "pearls"
        ? rect(330, 330, 200, 150, "#fff", 8, ' stroke="#d6d3d1" stroke-width="3"') +
          text(430, 380, 18, "#57534e", "CERTIFICATE") +
          line("M370 410h120M370 440h90", "#d6d3d1", 6) +
          [0, 1, 2, 3].map((i) => pearl(110 + i * 70, 200 + i * 26, 36, l.accent)).join("") +
          rect(390, 270, 40, 24, l.main, 8) +
          text(200, 400, 30, darker(l.main, 0.3), l.sub ?? l.label)
        : style === "bar"
          ? line("M40 300h100M460 300h100", l.main, 6) +
            rect(120, 240, 360, 110, l.main, 14) +
            text(300, 312, 54, darker(l.main, 0.45), l.label)
          : line("M80 150Q300 330 520 150", l.main, 6) +
            circle(300, 240, 40, l.accent) +
            path("M300 330l70 100-70 100-70-100Z", l.accent) +
            text(300, 570, 24, darker(l.main, 0.3), l.label),
  };
}

export const signetRing: Kind = {
  front: (l) =>
    ellipse(300, 340, 150, 130, "none", ` stroke="${l.main}" stroke-width="36"`) +
    ellipse(300, 210, 110, 70, darker(l.main, 0.1)) +
    ellipse(300, 204, 92, 56, l.main) +
    text(300, 220, 44, darker(l.main, 0.45), l.label, ' font-family="Georgia,serif"'),
  side: (l) =>
    circle(300, 330, 130, "none", ` stroke="${l.main}" stroke-width="30"`) +
    rect(210, 166, 180, 44, darker(l.main, 0.1), 12) +
    line("M225 175h150", lighter(l.main, 0.4), 6),
  // In its open box.
  detail: (l) =>
    rect(130, 120, 340, 170, "#1e3a8a", 20) +
    rect(130, 300, 340, 200, "#1e40af", 20) +
    rect(160, 330, 280, 140, "#f5f5f4", 16) +
    ellipse(300, 390, 70, 60, "none", ` stroke="${l.main}" stroke-width="20"`) +
    ellipse(300, 336, 58, 34, l.main) +
    text(300, 346, 24, darker(l.main, 0.45), l.label, ' font-family="Georgia,serif"') +
    text(300, 216, 26, "#fde68a", l.sub ?? ""),
};

export const pearlStuds: Kind = {
  front: (l) =>
    [210, 390].map((x) => pearl(x, 290, 72, l.accent) + circle(x, 290, 78, "none", ` stroke="${l.main}" stroke-width="4"`)).join("") +
    text(300, 460, 30, darker(l.main, 0.3), l.label),
  // One stud from the side: pearl, gold post and butterfly back.
  side: (l) =>
    pearl(220, 300, 100, l.accent) + rect(320, 292, 150, 16, l.main, 8) + path("M420 230Q460 300 420 370H450Q490 300 450 230Z", l.main),
  detail: (l) =>
    rect(170, 120, 260, 360, "#fff", 16, ' stroke="#e7e5e4" stroke-width="4"') +
    pearl(250, 250, 38, l.accent) +
    pearl(350, 250, 38, l.accent) +
    text(300, 380, 28, darker(l.main, 0.3), l.label) +
    text(300, 420, 20, darker(l.main, 0.3), l.sub ?? ""),
};

function charms(l: Look, scale: number, points: [number, number][]): string {
  const shapes = [
    (x: number, y: number) =>
      path(
        `M${x} ${y + 24 * scale}l${-24 * scale} ${-24 * scale}a12 12 0 0 1 ${24 * scale} ${-14 * scale}a12 12 0 0 1 ${24 * scale} ${14 * scale}Z`,
        l.accent,
      ),
    (x: number, y: number) => circle(x, y, 20 * scale, l.main) + circle(x, y, 9 * scale, darker(l.main, 0.35)),
    (x: number, y: number) => circle(x, y, 20 * scale, lighter(l.accent, 0.3)) + circle(x + 8 * scale, y - 6 * scale, 16 * scale, "#fff"),
  ];
  return points.map(([x, y], i) => (shapes[i] ?? shapes[0])!(x, y)).join("");
}

export const charmBracelet: Kind = {
  front: (l) =>
    line("M110 220Q300 480 490 220", l.main, 10, ' stroke-dasharray="16 6"') +
    charms(l, 1.3, [
      [210, 330],
      [300, 390],
      [390, 330],
    ]) +
    text(300, 170, 28, darker(l.main, 0.3), l.label),
  side: (l) =>
    ellipse(300, 320, 170, 110, "none", ` stroke="${l.main}" stroke-width="10" stroke-dasharray="16 6"`) +
    charms(l, 1.2, [
      [200, 440],
      [300, 460],
      [400, 440],
    ]),
  detail: (l) =>
    charms(l, 3.4, [
      [170, 280],
      [330, 260],
      [470, 300],
    ]) + text(300, 520, 28, darker(l.main, 0.3), l.sub ?? l.label),
};
