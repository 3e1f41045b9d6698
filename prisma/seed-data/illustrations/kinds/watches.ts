import { circle, darker, ink, lighter, line, path, rect, text } from "../svg";
import type { Kind, Look } from "../types";

export interface WatchStyle {
  /** Case metal. */
  metal: string;
  strap: "bracelet" | "canvas" | "leather" | "rubber" | "mesh";
  strapColour: string;
  numerals: "index" | "arabic" | "pilot" | "roman";
  diverBezel?: boolean;
}

const at = (cx: number, cy: number, radius: number, hour: number): [number, number] => {
  const a = (hour / 12) * 2 * Math.PI - Math.PI / 2;
  return [cx + Math.cos(a) * radius, cy + Math.sin(a) * radius];
};

const roman = ["XII", "III", "VI", "IX"];

function dial(l: Look, s: WatchStyle, cx: number, cy: number, r: number): string {
  let out = circle(cx, cy, r + 22, s.metal) + circle(cx, cy, r + 10, darker(s.metal, 0.2));
  if (s.diverBezel) {
    out += circle(cx, cy, r + 14, "#111827");
    out += Array.from({ length: 12 }, (_, h) => {
      const [x, y] = at(cx, cy, r + 6, h);
      return circle(x, y, r * 0.03, h ? "#e5e7eb" : l.accent);
    }).join("");
  }
  out += circle(cx, cy, r, l.main);
  const markInk = ink(l.main);
  out += Array.from({ length: 12 }, (_, h) => {
    const quarter = h % 3 === 0;
    if (quarter && s.numerals !== "index") {
      const [x, y] = at(cx, cy, r * 0.74, h);
      const word = s.numerals === "roman" ? (roman[h / 3] ?? "") : String(h || 12);
      if (s.numerals === "pilot" && h === 0)
        return path(`M${cx - r * 0.09} ${cy - r * 0.9}h${r * 0.18}l${-r * 0.09} ${r * 0.16}Z`, markInk);
      return text(x, y + r * 0.06, r * 0.17, markInk, word);
    }
    const [x1, y1] = at(cx, cy, r * 0.92, h);
    const [x2, y2] = at(cx, cy, quarter ? r * 0.7 : r * 0.8, h);
    return line(`M${x1.toFixed(1)} ${y1.toFixed(1)}L${x2.toFixed(1)} ${y2.toFixed(1)}`, markInk, r * (quarter ? 0.06 : 0.035));
  }).join("");
  const [hx, hy] = at(cx, cy, r * 0.5, 10);
  const [mx, my] = at(cx, cy, r * 0.8, 2);
  const [sx, sy] = at(cx, cy, r * 0.85, 7);
  out +=
    text(cx, cy - r * 0.32, r * 0.12, markInk, l.label) +
    (l.sub ? text(cx, cy + r * 0.45, r * 0.1, l.accent, l.sub) : "") +
    line(`M${cx} ${cy}L${hx.toFixed(1)} ${hy.toFixed(1)}`, lighter(markInk === "#ffffff" ? "#e5e7eb" : "#1f2937", 0.05), r * 0.07) +
    line(`M${cx} ${cy}L${mx.toFixed(1)} ${my.toFixed(1)}`, markInk === "#ffffff" ? "#f8fafc" : "#111827", r * 0.05) +
    line(`M${cx} ${cy}L${sx.toFixed(1)} ${sy.toFixed(1)}`, l.accent, r * 0.02) +
    circle(cx, cy, r * 0.05, l.accent);
  return out;
}

function strap(s: WatchStyle, y: number, h: number): string {
  const base = rect(240, y, 120, h, s.strapColour, s.strap === "rubber" ? 20 : 8);
  const dark = darker(s.strapColour, 0.25);
  if (s.strap === "bracelet")
    return (
      base +
      Array.from({ length: Math.floor(h / 30) }, (_, i) => line(`M244 ${y + 15 + i * 30}h112M300 ${y + i * 30}v30`, dark, 4)).join("")
    );
  if (s.strap === "mesh") return base + rect(240, y, 120, h, "url(#m)", 8);
  if (s.strap === "rubber")
    return base + Array.from({ length: Math.floor(h / 26) }, (_, i) => line(`M262 ${y + 13 + i * 26}h76`, dark, 6)).join("");
  const stitch = line(
    `M252 ${y}v${h}M348 ${y}v${h}`,
    s.strap === "canvas" ? "#fef3c7" : lighter(s.strapColour, 0.35),
    3,
    ' stroke-dasharray="8 6"',
  );
  return base + stitch + (s.strap === "canvas" ? line(`M276 ${y}v${h}M324 ${y}v${h}`, dark, 3) : "");
}

const mesh = (s: WatchStyle): string =>
  s.strap === "mesh"
    ? `<defs><pattern id="m" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M0 0L8 8M8 0L0 8" stroke="${darker(s.strapColour, 0.3)}" stroke-width="1.5"/></pattern></defs>`
    : "";

export function watch(s: WatchStyle): Kind {
  return {
    front: (l) => mesh(s) + strap(s, 40, 170) + strap(s, 390, 170) + rect(418, 284, 30, 32, s.metal, 6) + dial(l, s, 300, 300, 130),
    // The dial close up, where the model name and markers read.
    detail: (l) => rect(520, 270, 60, 60, s.metal, 10) + dial(l, s, 300, 300, 226),
  };
}
