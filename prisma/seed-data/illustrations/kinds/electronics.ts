import { circle, darker, ellipse, group, ink, lighter, line, outline, path, rect, text } from "../svg";
import type { Kind } from "../types";

export const headphones: Kind = {
  front: (l) =>
    line("M175 350V290a125 125 0 0 1 250 0v60", l.main, 30) +
    line("M215 205a125 125 0 0 1 170 0", lighter(l.main, 0.25), 22) +
    text(300, 190, 18, ink(lighter(l.main, 0.25)), l.label) +
    [150, 450]
      .map(
        (x) =>
          rect(x - 42, 300, 84, 150, l.main, 38) +
          rect(x + (x < 300 ? 26 : -44), 318, 18, 114, darker(l.main, 0.45), 9) +
          ellipse(x, 375, 22, 50, l.accent, ' opacity=".9"'),
      )
      .join(""),
  side: (l) =>
    line("M300 260V200a110 110 0 0 1 110-110", l.main, 26) +
    circle(300, 360, 125, darker(l.main, 0.35)) +
    circle(300, 360, 108, l.main) +
    circle(300, 360, 60, lighter(l.main, 0.15)) +
    circle(300, 360, 14, l.accent) +
    text(300, 450, 24, ink(l.main), l.label),
  detail: (l) =>
    path("M150 300c0-90 70-150 150-150s150 60 150 150-70 180-150 180-150-90-150-180z", darker(l.main, 0.2)) +
    line("M168 300c0-80 62-132 132-132s132 52 132 132", l.accent, 6, ' stroke-dasharray="10 8"') +
    text(300, 330, 34, ink(darker(l.main, 0.2)), l.label) +
    text(300, 372, 20, ink(darker(l.main, 0.2)), l.sub ?? "", ' opacity=".75"') +
    rect(420, 240, 40, 18, l.accent, 6),
};

export const lens: Kind = {
  front: (l) =>
    circle(300, 300, 190, darker(l.main, 0.2)) +
    circle(300, 300, 176, l.main, ` stroke="${lighter(l.main, 0.3)}" stroke-width="14" stroke-dasharray="6 8"`) +
    circle(300, 300, 140, "#0f172a") +
    circle(300, 300, 112, "#1e3a8a") +
    circle(300, 300, 70, "#312e81") +
    path("M220 250a95 95 0 0 1 70-60", "none", ' stroke="#fff" stroke-width="12" stroke-linecap="round" opacity=".55"') +
    circle(350, 340, 16, "#fff", ' opacity=".25"') +
    text(300, 154, 18, "#e5e7eb", l.label) +
    circle(300, 474, 8, l.accent),
  side: (l) =>
    rect(110, 235, 40, 130, "#cbd5e1", 6) +
    rect(140, 215, 130, 170, l.main, 10) +
    rect(270, 200, 130, 200, darker(l.main, 0.15), 10) +
    line("M282 212v176M298 212v176M314 212v176M330 212v176M346 212v176M362 212v176M378 212v176", lighter(l.main, 0.2), 6) +
    rect(400, 190, 80, 220, l.main, 12) +
    ellipse(480, 300, 18, 108, "#1e3a8a") +
    rect(148, 292, 112, 4, l.accent) +
    text(205, 270, 22, "#e5e7eb", l.label) +
    text(205, 340, 16, "#e5e7eb", l.sub ?? ""),
};

export const chargingStand: Kind = {
  front: (l) =>
    rect(110, 420, 380, 56, l.main, 22) +
    path("M215 130h150a16 16 0 0 1 16 16l-10 280H209l-10-280a16 16 0 0 1 16-16z", darker(l.main, 0.12)) +
    rect(232, 160, 116, 220, "#0f172a", 18) +
    circle(290, 270, 32, "none", ` stroke="${l.accent}" stroke-width="8"`) +
    line("M410 420V300", lighter(l.main, 0.3), 14) +
    circle(410, 282, 32, l.main) +
    circle(410, 282, 18, l.accent, ' opacity=".85"') +
    ellipse(160, 440, 36, 10, l.accent, ' opacity=".8"') +
    text(300, 458, 22, ink(l.main), l.label),
  side: (l) =>
    path("M120 460h340v24H120z", l.main) +
    path("M170 460l130-300 24 10-120 290z", darker(l.main, 0.15)) +
    line("M300 160l22 10", l.accent, 10) +
    path("M380 460l16-90 24 4-12 86z", lighter(l.main, 0.2)) +
    circle(402, 360, 24, l.main) +
    text(330, 520, 22, darker(l.main, 0.2), l.label),
};

export const earbuds: Kind = {
  front: (l) => {
    const bud = (x: number, flip: number): string =>
      group(
        `translate(${x} 250) scale(${flip} 1)`,
        circle(0, 0, 40, l.main, outline(l.main)) +
          circle(14, 4, 18, darker(l.main, 0.25)) +
          rect(-16, 20, 28, 120, l.main, 14) +
          circle(-2, 130, 6, l.accent),
      );
    return (
      path("M170 320h260v110a70 70 0 0 1-70 70H240a70 70 0 0 1-70-70z", l.main, outline(l.main)) +
      path(
        "M170 320h260v-10a70 70 0 0 0-70-70H240a70 70 0 0 0-70 70z",
        lighter(l.main, 0.1),
        ' transform="rotate(-12 170 320)"' + outline(l.main),
      ) +
      rect(190, 330, 220, 60, darker(l.main, 0.2), 20) +
      bud(250, 1) +
      bud(350, -1) +
      circle(300, 460, 7, l.accent) +
      text(300, 425, 20, ink(l.main), l.label)
    );
  },
  side: (l) =>
    circle(290, 240, 110, l.main, outline(l.main)) +
    ellipse(200, 250, 46, 60, darker(l.main, 0.2)) +
    circle(330, 210, 30, darker(l.main, 0.35)) +
    rect(300, 300, 64, 200, l.main, 32, outline(l.main)) +
    rect(318, 470, 28, 14, l.accent, 7) +
    text(290, 250, 22, ink(l.main), l.label),
};

export const speaker: Kind = {
  front: (l) =>
    `<defs><pattern id="g" width="18" height="18" patternUnits="userSpaceOnUse"><circle cx="9" cy="9" r="4" fill="${darker(l.main, 0.35)}"/></pattern></defs>` +
    rect(190, 130, 220, 350, l.main, 70) +
    rect(210, 170, 180, 270, "url(#g)", 50) +
    line("M410 170c50 0 50 80 0 80", darker(l.main, 0.3), 12) +
    rect(240, 110, 120, 36, darker(l.main, 0.25), 18) +
    text(268, 134, 22, "#fff", "–") +
    text(332, 134, 22, "#fff", "+") +
    rect(222, 290, 156, 44, l.accent, 12) +
    text(300, 321, 24, ink(l.accent), l.label),
  side: (l) =>
    `<defs><pattern id="g" width="18" height="18" patternUnits="userSpaceOnUse"><circle cx="9" cy="9" r="4" fill="${darker(l.main, 0.35)}"/></pattern></defs>` +
    rect(130, 220, 320, 200, l.main, 100) +
    rect(160, 240, 260, 160, "url(#g)", 80) +
    ellipse(450, 320, 56, 100, darker(l.main, 0.2)) +
    circle(450, 320, 30, l.accent) +
    text(290, 470, 24, darker(l.main, 0.3), l.sub ?? l.label),
};
