import { circle, darker, ellipse, group, ink, lighter, line, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

function shoeProfile(l: Look, trail: boolean): string {
  const sole = trail ? darker(l.accent, 0.1) : "#f8fafc";
  const lugs = trail ? [150, 200, 250, 300, 350, 400, 450].map((x) => rect(x - 14, 458, 28, 16, "#27272a", 3)).join("") : "";
  return (
    lugs +
    rect(120, 420, 370, 44, sole, 20) +
    path("M128 430Q118 378 178 366L286 336Q326 302 348 250L452 238Q488 320 478 430Z", l.main) +
    path("M340 256L452 244Q460 262 462 280L356 292Z", darker(l.main, 0.3)) +
    line("M262 342l24 28M286 326l26 26M310 306l26 24", "#fff", 7) +
    path("M200 404Q300 350 420 380Q340 376 250 410Z", l.accent) +
    text(410, 330, 20, ink(l.main), l.label)
  );
}

export function shoe(trail: boolean): Kind {
  return {
    front: (l) => shoeProfile(l, trail),
    side: (l) =>
      group("translate(60 -40) scale(.9)", `<g opacity=".55">${shoeProfile(l, trail)}</g>`) +
      group("translate(-30 30)", shoeProfile(l, trail)),
    // The outsole from below.
    detail: (l) =>
      path("M300 90C380 90 400 180 390 260S370 420 360 470 240 520 225 460 210 330 215 250 220 90 300 90Z", trail ? "#27272a" : "#e5e7eb") +
      (trail
        ? [140, 190, 240, 290, 340, 390, 440]
            .map((y) => rect(245, y, 40, 22, darker(l.accent, 0.1), 6) + rect(315, y + 14, 40, 22, darker(l.accent, 0.1), 6))
            .join("")
        : line("M240 150h120M230 220h140M232 290h136M236 360h124M240 430h110", l.main, 10)) +
      text(300, 560, 26, darker(l.main, 0.2), l.label),
  };
}

export const trekkingPoles: Kind = {
  front: (l) =>
    [
      [230, 280],
      [370, 320],
    ]
      .map(
        ([top = 0, bottom = 0]) =>
          line(`M${top} 150L${bottom} 510`, l.main, 14) +
          line(`M${top} 150L${top + (bottom - top) * 0.18} 215`, "#b45309", 26) +
          line(`M${top - 8} 150q-30 30 10 60`, l.accent, 6) +
          ellipse(top + (bottom - top) * 0.9, 474, 24, 7, "#27272a") +
          line(`M${top + (bottom - top) * 0.4} 294l4 0M${top + (bottom - top) * 0.66} 388l4 0`, l.accent, 18),
      )
      .join("") + text(300, 110, 28, darker(l.main, 0.2), l.label),
  // Folded: each pole packs into three short sections.
  side: (l) =>
    [200, 360]
      .map(
        (x) =>
          [0, 22, 44].map((dx) => rect(x + dx, 200, 16, 230, dx ? l.main : "#b45309", 8)).join("") +
          line(`M${x - 4} 260h68M${x - 4} 380h68`, l.accent, 6),
      )
      .join("") + text(300, 480, 24, darker(l.main, 0.2), l.sub ?? l.label),
};

export const yogaMat: Kind = {
  front: (l) =>
    rect(130, 250, 300, 140, l.main, 20) +
    ellipse(430, 320, 46, 70, lighter(l.main, 0.2)) +
    [60, 48, 36, 24, 12].map((r) => ellipse(430, 320, r * 0.66, r, "none", ` stroke="${darker(l.main, 0.2)}" stroke-width="4"`)).join("") +
    rect(190, 244, 26, 152, l.accent, 6) +
    rect(340, 244, 26, 152, l.accent, 6) +
    line("M203 244Q280 150 353 244", l.accent, 8) +
    text(280, 332, 26, ink(l.main), l.label),
  side: (l) =>
    path("M110 480H490L430 270H170Z", l.main) +
    path("M150 420H450", "none", ` stroke="${lighter(l.main, 0.2)}" stroke-width="4" stroke-dasharray="12 10"`) +
    rect(160, 226, 280, 64, darker(l.main, 0.12), 32) +
    text(300, 460, 24, ink(l.main), l.sub ?? l.label),
  detail: (l) =>
    circle(300, 300, 200, lighter(l.main, 0.15)) +
    [170, 132, 96, 60, 28].map((r) => circle(300, 300, r, "none", ` stroke="${darker(l.main, 0.25)}" stroke-width="10"`)).join("") +
    rect(360, 470, 180, 60, "#fff", 12) +
    text(450, 510, 28, darker(l.main, 0.3), l.sub ?? l.label),
};

export const campingChair: Kind = {
  front: (l) =>
    line("M200 380L400 490M400 380L200 490", "#9ca3af", 10) +
    line("M180 490h80M340 490h80", "#4b5563", 12) +
    path("M196 150H404L398 330H202Z", l.main) +
    path("M188 330H412L396 392H204Z", darker(l.main, 0.15)) +
    line("M196 150V392M404 150V392", "#9ca3af", 8) +
    rect(250, 190, 100, 36, l.accent, 8) +
    text(300, 216, 20, ink(l.accent), l.label),
  side: (l) =>
    line("M220 480L360 360M380 480L250 360", "#9ca3af", 10) +
    path("M220 360H380L370 384H230Z", darker(l.main, 0.15)) +
    path("M220 360L180 150L206 146L248 360Z", l.main) +
    line("M200 480h60M350 480h60", "#4b5563", 12),
  // Packed into its stuff sack.
  detail: (l) =>
    rect(200, 190, 200, 300, darker(l.main, 0.05), 40) +
    ellipse(300, 196, 100, 24, darker(l.main, 0.3)) +
    line("M300 196q-30-60 20-80", l.accent, 6) +
    rect(230, 290, 140, 80, l.accent, 10) +
    text(300, 340, 24, ink(l.accent), l.label) +
    text(300, 430, 18, ink(l.main), l.sub ?? ""),
};
