import { circle, darker, ellipse, group, ink, lighter, line, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

function carProfile(l: Look): string {
  return (
    path("M110 390Q110 340 170 330L250 260Q290 240 360 246L430 320Q490 330 492 390Z", l.main) +
    path("M262 274Q296 258 350 262L394 318H236Z", "#bfdbfe") +
    line("M316 262v56", l.main, 8) +
    circle(190, 392, 40, "#1f2937") +
    circle(190, 392, 18, "#d4d4d8") +
    circle(410, 392, 40, "#1f2937") +
    circle(410, 392, 18, "#d4d4d8") +
    circle(300, 350, 26, "#fff") +
    text(300, 359, 22, darker(l.main, 0.2), l.label) +
    rect(474, 346, 16, 12, "#fde047", 3)
  );
}

export const miniCar: Kind = {
  front: carProfile,
  side: (l) =>
    path("M150 400V330Q150 300 190 292L230 210H370L410 292Q450 300 450 330V400Z", l.main) +
    path("M246 226H354L380 290H220Z", "#bfdbfe") +
    circle(200, 336, 24, "#fde047") +
    circle(400, 336, 24, "#fde047") +
    rect(250, 330, 100, 34, darker(l.main, 0.4), 8) +
    rect(160, 400, 50, 44, "#1f2937", 10) +
    rect(390, 400, 50, 44, "#1f2937", 10),
  // On its blister card, as the store sells it.
  detail: (l) =>
    rect(130, 90, 340, 440, l.accent, 22) +
    circle(300, 122, 14, "#fff") +
    text(300, 190, 40, ink(l.accent), l.sub ?? "1:64") +
    rect(150, 220, 300, 240, "#fff", 30, ' opacity=".55"') +
    group("translate(300 340) scale(.62) translate(-300 -330)", carProfile(l)),
};

const studs = (x: number, y: number, n: number, fill: string): string =>
  Array.from({ length: n }, (_, i) => rect(x + i * 34, y, 22, 12, fill, 3)).join("");

function shuttle(l: Look): string {
  return (
    path("M120 380L180 300H430Q500 310 510 350Q500 380 430 390H150Z", "#f8fafc", ' stroke="#cbd5e1" stroke-width="4"') +
    path("M200 300L260 200H330L340 300Z", "#e5e7eb", ' stroke="#cbd5e1" stroke-width="4"') +
    path("M420 340H500Q510 352 500 362H420Z", "#1f2937") +
    rect(140, 380, 280, 24, "#1f2937") +
    rect(90, 330, 40, 56, l.main) +
    rect(230, 320, 140, 30, l.main) +
    studs(190, 288, 7, "#e5e7eb") +
    text(300, 343, 20, "#fff", l.label)
  );
}

export const shuttleSet: Kind = {
  front: shuttle,
  // Seen from above: the delta wing.
  side: (l) =>
    path("M300 90Q330 130 336 220L470 440V470H130V440L264 220Q270 130 300 90Z", "#f8fafc", ' stroke="#cbd5e1" stroke-width="4"') +
    path("M160 470L136 440L264 300V470ZM440 470L464 440L336 300V470Z", "#1f2937") +
    rect(280, 250, 40, 150, l.main) +
    studs(246, 420, 4, "#e5e7eb"),
};

function locomotive(l: Look, x: number): string {
  return (
    rect(x, 300, 150, 100, l.main, 10) +
    rect(x + 100, 230, 70, 170, darker(l.main, 0.15), 8) +
    rect(x + 112, 246, 46, 40, "#fef3c7", 6) +
    rect(x + 20, 250, 30, 50, "#1f2937", 6) +
    circle(x + 40, 410, 26, l.accent) +
    circle(x + 120, 410, 26, l.accent) +
    circle(x + 40, 410, 8, "#78350f") +
    circle(x + 120, 410, 8, "#78350f")
  );
}

export const woodenTrain: Kind = {
  front: (l) =>
    rect(60, 440, 480, 28, "#d6a86b", 6) +
    line("M60 446h480M60 462h480", "#b7854a", 4) +
    locomotive(l, 300) +
    rect(90, 320, 170, 80, "#e9c48f", 10) +
    circle(130, 410, 26, l.accent) +
    circle(220, 410, 26, l.accent) +
    line("M260 380h40", "#78350f", 10) +
    text(175, 368, 26, "#78350f", l.label),
  // Head-on, as it comes down the track.
  side: (l) =>
    path("M200 480L250 200H350L400 480Z", "#e9c48f") +
    rect(220, 250, 160, 200, l.main, 14) +
    circle(300, 330, 48, darker(l.main, 0.2)) +
    circle(300, 330, 22, "#fef3c7") +
    rect(270, 170, 60, 80, "#1f2937", 6) +
    rect(230, 450, 40, 40, l.accent, 8) +
    rect(330, 450, 40, 40, l.accent, 8),
};

function bear(l: Look): string {
  const fur = l.main;
  const muzzle = lighter(fur, 0.45);
  return (
    ellipse(210, 440, 60, 42, fur) +
    ellipse(390, 440, 60, 42, fur) +
    ellipse(300, 370, 110, 120, fur) +
    ellipse(300, 390, 64, 74, muzzle) +
    ellipse(190, 330, 38, 66, darker(fur, 0.08), ' transform="rotate(30 190 330)"') +
    ellipse(410, 330, 38, 66, darker(fur, 0.08), ' transform="rotate(-30 410 330)"') +
    circle(215, 140, 42, fur) +
    circle(385, 140, 42, fur) +
    circle(215, 140, 22, muzzle) +
    circle(385, 140, 22, muzzle) +
    circle(300, 200, 100, fur) +
    ellipse(300, 236, 48, 38, muzzle) +
    circle(262, 186, 11, "#1c1917") +
    circle(338, 186, 11, "#1c1917") +
    ellipse(300, 222, 16, 11, "#1c1917") +
    line("M300 234v12M286 252q14 10 28 0", "#1c1917", 5) +
    path("M250 300l50 22 50-22-10 40-40-14-40 14Z", l.accent)
  );
}

export const teddyBear: Kind = {
  front: bear,
  // The swing tag in the ear, as on a collector's bear.
  detail: (l) =>
    group("translate(300 330) scale(1.6) translate(-300 -200)", bear(l)) +
    rect(420, 360, 130, 90, "#fff", 10, ` stroke="${l.accent}" stroke-width="4"`) +
    text(485, 400, 24, darker(l.main, 0.3), l.label) +
    text(485, 432, 20, darker(l.main, 0.3), l.sub ?? ""),
};

function mysteryBox(l: Look, x: number, y: number, s: number): string {
  return group(
    `translate(${x} ${y}) scale(${s})`,
    path("M0 40L40 0H200L160 40Z", lighter(l.main, 0.25)) +
      path("M160 40L200 0V200L160 240Z", darker(l.main, 0.3)) +
      rect(0, 40, 160, 200, l.main) +
      text(80, 170, 110, "#fff", "?"),
  );
}

function figure(l: Look): string {
  return (
    rect(250, 330, 100, 120, l.accent, 30) +
    rect(258, 440, 36, 44, darker(l.accent, 0.3), 10) +
    rect(306, 440, 36, 44, darker(l.accent, 0.3), 10) +
    circle(300, 250, 100, "#fde68a") +
    path("M200 240Q210 140 300 140Q390 140 400 240Q350 190 300 200Q250 190 200 240Z", darker(l.main, 0.2)) +
    circle(262, 262, 14, "#1c1917") +
    circle(338, 262, 14, "#1c1917") +
    ellipse(240, 290, 14, 8, "#fda4af") +
    ellipse(360, 290, 14, 8, "#fda4af") +
    path("M286 296q14 12 28 0", "none", ' stroke="#1c1917" stroke-width="5" stroke-linecap="round"')
  );
}

export const blindBox: Kind = {
  front: (l) => group("translate(60 0)", figure(l)) + mysteryBox(l, 60, 290, 0.9),
  side: (l) => mysteryBox(l, 160, 150, 1.4) + text(300, 540, 26, darker(l.main, 0.3), l.label),
  detail: (l) =>
    [0, 1, 2].map((i) => mysteryBox(l, 110 + i * 120, 320 - i * 8, 0.6)).join("") +
    rect(120, 150, 360, 120, l.main, 14) +
    text(300, 222, 40, "#fff", l.sub ?? l.label),
};
