import { circle, darker, ellipse, ink, lighter, line, outline, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

export type BottleShape = "dropper" | "essence" | "milk" | "jar" | "perfume";

function labelPanel(l: Look, x: number, y: number, w: number, h: number, fill = "#ffffff"): string {
  const size = l.label.length > 9 ? 20 : 28;
  return (
    rect(x, y, w, h, fill, 8, ' opacity=".92"') +
    text(x + w / 2, y + h / 2 + (l.sub ? -2 : 9), size, ink(fill), l.label) +
    (l.sub ? text(x + w / 2, y + h / 2 + 28, 17, darker(l.accent, 0.2), l.sub) : "")
  );
}

const shapes: Record<BottleShape, (l: Look) => string> = {
  dropper: (l) =>
    rect(215, 250, 170, 235, l.main, 30) +
    rect(258, 208, 84, 48, l.accent, 6) +
    ellipse(300, 160, 38, 58, "#1f2937") +
    labelPanel(l, 232, 318, 136, 112),
  essence: (l) =>
    rect(232, 128, 136, 56, l.accent, 8) +
    rect(222, 180, 156, 310, l.main, 24, outline(l.main)) +
    rect(236, 196, 16, 270, "#fff", 8, ' opacity=".3"') +
    labelPanel(l, 240, 300, 120, 120),
  milk: (l) =>
    rect(254, 110, 92, 80, l.accent, 10) +
    path("M248 190H352Q372 340 362 490H238Q228 340 248 190Z", l.main, outline(l.main)) +
    labelPanel(l, 250, 290, 100, 130, l.accent),
  jar: (l) =>
    rect(165, 250, 270, 66, l.accent, 14) + rect(178, 310, 244, 170, l.main, 26, outline(l.main)) + labelPanel(l, 210, 340, 180, 104),
  perfume: (l) =>
    rect(250, 120, 100, 96, l.accent, 14) +
    rect(280, 212, 40, 32, "#d4d4d8") +
    rect(180, 240, 240, 240, lighter(l.main, 0.55), 26, ` stroke="${l.main}" stroke-width="6"`) +
    rect(204, 300, 192, 156, l.main, 16, ' opacity=".75"') +
    labelPanel(l, 220, 330, 160, 90),
};

export function bottle(shape: BottleShape): Kind {
  const kind: Kind = { front: shapes[shape] };
  // The pipette itself, drawing up a drop of the serum.
  if (shape === "dropper")
    kind.detail = (l) =>
      ellipse(300, 120, 46, 66, "#1f2937") +
      rect(256, 176, 88, 50, l.accent, 6) +
      path("M284 226H316L308 450Q300 470 292 450Z", lighter(l.main, 0.5), ` stroke="${l.main}" stroke-width="4"`) +
      path("M300 480Q318 510 300 526Q282 510 300 480Z", l.main) +
      circle(300, 300, 180, "none", ` stroke="#fff" stroke-width="6" opacity=".7"`) +
      text(300, 570, 26, darker(l.main, 0.2), l.label);
  return kind;
}

export const cushionCompact: Kind = {
  front: (l) =>
    ellipse(300, 200, 160, 96, darker(l.main, 0.15)) +
    ellipse(300, 200, 134, 76, "#cbd5e1") +
    path("M220 170Q260 140 300 150", "none", ' stroke="#fff" stroke-width="10" stroke-linecap="round" opacity=".8"') +
    ellipse(300, 390, 170, 104, l.main, outline(l.main)) +
    ellipse(300, 384, 132, 76, l.accent) +
    path("M210 390Q300 300 390 390Q300 440 210 390Z", "#f5f5f4") +
    text(300, 478, 20, ink(l.main), l.label),
  side: (l) =>
    rect(140, 300, 320, 90, l.main, 30, outline(l.main)) +
    ellipse(300, 300, 160, 60, lighter(l.main, 0.15), outline(l.main)) +
    line("M140 340h320", darker(l.main, 0.2), 4) +
    text(300, 310, 30, ink(lighter(l.main, 0.15)), l.label) +
    text(300, 375, 20, ink(l.main), l.sub ?? ""),
  // The refill pan beside its puff.
  detail: (l) =>
    circle(220, 300, 130, "#e7e5e4") +
    circle(220, 300, 104, l.accent) +
    text(220, 310, 26, ink(l.accent), l.sub ?? l.label) +
    circle(420, 360, 100, "#fafaf9", outline("#fafaf9")) +
    rect(380, 270, 80, 30, l.main, 12),
};
