import { circle, darker, ellipse, group, ink, lighter, line, outline, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

function label(l: Look, y: number, fill: string): string {
  return (
    rect(200, y, 200, 120, fill, 10) +
    text(300, y + 52, l.label.length > 9 ? 24 : 32, ink(fill), l.label) +
    text(300, y + 90, 20, ink(fill), l.sub ?? "", ' opacity=".8"')
  );
}

export const teaPowderPouch: Kind = {
  front: (l) =>
    path("M180 120H420L432 486Q300 504 168 486Z", l.main) +
    line("M186 168H414", darker(l.main, 0.25), 6) +
    ellipse(300, 250, 70, 50, l.accent) +
    label(l, 320, "#fefce8"),
  // Whisked in a bowl, as it is drunk.
  detail: (l) =>
    path("M130 300H470Q460 480 300 480T130 300Z", darker(l.main, 0.1)) +
    ellipse(300, 300, 170, 34, l.accent) +
    ellipse(300, 298, 120, 20, lighter(l.accent, 0.35)) +
    rect(240, 476, 120, 20, darker(l.main, 0.3), 6) +
    rect(462, 130, 26, 110, "#d6b98c", 8) +
    path("M444 240H506L496 330Q475 350 454 330Z", "#e9d5a8") +
    text(300, 560, 26, darker(l.main, 0.3), l.label),
};

export type Contents = "capsules" | "gummies" | "paste";

function contentsOf(contents: Contents, l: Look, y: number): string {
  if (contents === "paste") return "";
  const colours = contents === "gummies" ? [l.accent, "#7c3aed", "#e11d48", "#f97316"] : [l.accent];
  return Array.from({ length: 9 }, (_, i) => {
    const x = 230 + (i % 3) * 70;
    const cy = y + Math.floor(i / 3) * 56;
    const fill = colours[i % colours.length] ?? l.accent;
    return contents === "gummies" ? circle(x, cy, 22, fill) : ellipse(x, cy, 30, 16, fill, ` transform="rotate(${i * 37} ${x} ${cy})"`);
  }).join("");
}

export function supplementJar(contents: Contents, clear: boolean): Kind {
  return {
    front: (l) =>
      rect(210, 120, 180, 70, l.accent, 12) +
      line("M222 140h156M222 160h156", darker(l.accent, 0.2), 4) +
      rect(180, 186, 240, 300, clear ? lighter(l.main, 0.6) : l.main, 34, outline(l.main)) +
      (clear ? contentsOf(contents, l, 220) : "") +
      label(l, 290, clear ? l.main : "#ffffff"),
    // A few of them out of the jar.
    detail: (l) =>
      contents === "paste"
        ? path("M120 360Q300 300 480 360L470 380Q300 330 130 380Z", "#d6b98c") +
          ellipse(190, 362, 80, 40, "#3f1d0b") +
          circle(300, 260, 120, darker(l.main, 0.2), outline(l.main)) +
          text(300, 272, 30, ink(darker(l.main, 0.2)), l.label)
        : group("translate(300 300) scale(2.1) translate(-300 -276)", contentsOf(contents, l, 220)) +
          text(300, 560, 26, darker(l.main, 0.3), l.label),
  };
}

function teaBag(l: Look, x: number, y: number, turn: number): string {
  return group(
    `rotate(${turn} ${x} ${y})`,
    line(`M${x} ${y - 70}v-60`, "#a8a29e", 3) +
      rect(x - 24, y - 150, 48, 32, l.accent, 4) +
      rect(x - 60, y - 70, 120, 130, "#f5f5f4", 8, outline("#f5f5f4")) +
      rect(x - 40, y - 40, 80, 80, darker(l.main, 0.1), 6, ' opacity=".35"'),
  );
}

export const teaTin: Kind = {
  front: (l) =>
    ellipse(300, 150, 130, 30, darker(l.main, 0.2)) +
    rect(170, 150, 260, 320, l.main) +
    ellipse(300, 470, 130, 30, l.main) +
    rect(170, 170, 260, 22, l.accent) +
    label(l, 260, "#fffbeb"),
  // Bags out of the tin.
  detail: (l) => teaBag(l, 220, 360, -12) + teaBag(l, 380, 380, 10) + text(300, 560, 26, darker(l.main, 0.2), l.sub ?? l.label),
};
