import { circle, darker, ellipse, ink, lighter, line, outline, path, rect, text } from "../svg";
import type { Kind } from "../types";

export const kettle: Kind = {
  front: (l) =>
    rect(170, 440, 260, 44, darker(l.main, 0.35), 14) +
    path("M210 170H390L420 440H180Z", l.main, outline(l.main)) +
    rect(200, 150, 200, 30, darker(l.main, 0.2), 10) +
    path("M210 210L130 170L140 150L214 176Z", l.main) +
    path("M390 190Q470 200 466 300Q462 400 412 410", "none", ` stroke="${darker(l.main, 0.35)}" stroke-width="26"`) +
    rect(236, 230, 14, 180, "#bae6fd", 7, ' opacity=".8"') +
    text(320, 330, 30, ink(l.main), l.label) +
    circle(300, 462, 8, l.accent),
  // Head on, showing the temperature buttons on the base.
  side: (l) =>
    rect(160, 440, 280, 50, darker(l.main, 0.35), 14) +
    path("M220 170H380L420 440H180Z", l.main, outline(l.main)) +
    rect(210, 150, 180, 30, darker(l.main, 0.2), 10) +
    [200, 250, 300, 350, 400].map((x, i) => circle(x, 465, 9, i === 2 ? l.accent : "#e5e7eb")).join("") +
    text(300, 330, 22, ink(l.main), l.sub ?? l.label),
};

export const riceCooker: Kind = {
  front: (l) =>
    path("M140 300Q140 190 300 180Q460 190 460 300Z", lighter(l.main, 0.05), outline(l.main)) +
    rect(140, 290, 320, 190, l.main, 40, outline(l.main)) +
    rect(230, 200, 140, 30, darker(l.main, 0.12), 14) +
    rect(220, 330, 160, 110, "#1f2937", 14) +
    rect(240, 346, 120, 40, "#a7f3d0", 6) +
    text(300, 375, 24, "#064e3b", l.label) +
    circle(255, 414, 10, l.accent) +
    circle(300, 414, 10, "#e5e7eb") +
    circle(345, 414, 10, "#e5e7eb"),
  // Lid open: the inner pot full of rice.
  side: (l) =>
    path("M150 260Q150 100 300 90Q450 100 450 260Z", lighter(l.main, 0.05), outline(l.main)) +
    ellipse(300, 250, 120, 60, "#cbd5e1") +
    rect(140, 290, 320, 190, l.main, 40, outline(l.main)) +
    ellipse(300, 300, 150, 44, "#57534e") +
    ellipse(300, 300, 130, 34, "#fafaf9") +
    text(300, 420, 24, ink(l.main), l.sub ?? l.label),
};

export const garmentSteamer: Kind = {
  front: (l) =>
    line("M120 170v110M96 190v70", "#cbd5e1", 8, ' stroke-dasharray="10 12"') +
    path("M170 160H380Q410 160 410 190V250Q410 280 380 280H170Z", l.main, outline(l.main)) +
    rect(146, 150, 30, 140, "#94a3b8", 10) +
    [180, 210, 240, 270].map((y) => circle(161, y, 5, "#475569")).join("") +
    rect(300, 270, 72, 160, darker(l.main, 0.15), 30) +
    rect(290, 300, 14, 46, l.accent, 6) +
    rect(280, 420, 112, 84, "#bae6fd", 20, ' opacity=".9"') +
    text(290, 230, 28, ink(l.main), l.label),
};

export const stickVacuum: Kind = {
  front: (l) =>
    rect(140, 470, 200, 40, darker(l.main, 0.3), 16) +
    rect(170, 470, 140, 10, l.accent, 4) +
    line("M250 470L360 250", "#9ca3af", 16) +
    rect(330, 140, 60, 130, "#cbd5e1", 28, ' stroke="#94a3b8" stroke-width="4"') +
    rect(386, 120, 80, 110, l.main, 20) +
    path("M446 200Q486 240 446 300", "none", ` stroke="${darker(l.main, 0.3)}" stroke-width="20"`) +
    rect(396, 236, 50, 80, l.accent, 10) +
    text(426, 184, 26, ink(l.main), l.label),
  // Its battery, the part people ask about.
  detail: (l) =>
    rect(180, 170, 240, 300, l.main, 30) +
    rect(260, 130, 80, 50, darker(l.main, 0.3), 10) +
    [0, 1, 2, 3].map((i) => rect(220, 390 - i * 56, 160, 40, i < 3 ? l.accent : "#e5e7eb", 8)).join("") +
    text(300, 540, 28, darker(l.main, 0.3), l.sub ?? l.label),
};

export const milkFrother: Kind = {
  front: (l) =>
    rect(190, 440, 220, 40, darker(l.main, 0.25), 14, outline(l.main)) +
    rect(210, 170, 180, 280, l.main, 30, outline(l.main)) +
    rect(200, 150, 200, 40, darker(l.main, 0.15), 16) +
    path("M390 210Q450 220 450 300T390 390", "none", ` stroke="${darker(l.main, 0.2)}" stroke-width="22"`) +
    circle(300, 400, 16, l.accent) +
    text(300, 300, 24, ink(l.main), l.label),
  // Poured out: a cup with its foam.
  detail: (l) =>
    path("M170 280H430L410 470Q300 500 190 470Z", "#fafaf9", outline("#fafaf9")) +
    path("M430 320Q490 330 480 390T420 430", "none", ' stroke="#e7e5e4" stroke-width="16"') +
    ellipse(300, 280, 130, 34, "#f5e6d3") +
    circle(250, 268, 22, "#fff") +
    circle(300, 260, 26, "#fff") +
    circle(350, 268, 22, "#fff") +
    text(300, 560, 26, darker(l.main, 0.3), l.label),
};
