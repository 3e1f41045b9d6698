// Small string builders for the illustrations. Numbers are rounded so the files stay small and stable.

const r = (n: number): string => String(Math.round(n * 10) / 10);

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

export function rect(x: number, y: number, w: number, h: number, fill: string, rx = 0, extra = ""): string {
  return `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}"${rx ? ` rx="${r(rx)}"` : ""} fill="${fill}"${extra}/>`;
}

export function circle(cx: number, cy: number, radius: number, fill: string, extra = ""): string {
  return `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="${fill}"${extra}/>`;
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra = ""): string {
  return `<ellipse cx="${r(cx)}" cy="${r(cy)}" rx="${r(rx)}" ry="${r(ry)}" fill="${fill}"${extra}/>`;
}

export function path(d: string, fill: string, extra = ""): string {
  return `<path d="${d}" fill="${fill}"${extra}/>`;
}

/** An unfilled line or curve with round ends. */
export function line(d: string, colour: string, width: number, extra = ""): string {
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${r(width)}" stroke-linecap="round" stroke-linejoin="round"${extra}/>`;
}

export function text(x: number, y: number, size: number, fill: string, content: string, extra = ""): string {
  return (
    `<text x="${r(x)}" y="${r(y)}" font-size="${r(size)}" fill="${fill}" text-anchor="middle"` +
    `${extra.includes("font-family") ? "" : ' font-family="Helvetica,Arial,sans-serif"'} font-weight="700"${extra}>${esc(content)}</text>`
  );
}

export function group(transform: string, body: string): string {
  return `<g transform="${transform}">${body}</g>`;
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `to` mixed into `from` by `amount` (0–1), as #rrggbb. */
export function mix(from: string, to: string, amount: number): string {
  const a = channels(from);
  const b = channels(to);
  return `#${a
    .map((c, i) =>
      Math.round(c + ((b[i] ?? c) - c) * amount)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

export const darker = (hex: string, amount = 0.3): string => mix(hex, "#000000", amount);
export const lighter = (hex: string, amount = 0.3): string => mix(hex, "#ffffff", amount);

/** FNV-1a, so decorations vary by handle and still come out the same on every run. */
export function hashOf(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

export function svgDocument(title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600" role="img">` +
    `<title>${esc(title)}</title>${body}</svg>\n`
  );
}

/** Dark or light ink, whichever reads on `fill`. */
export function ink(fill: string): string {
  const n = Number.parseInt(fill.slice(1), 16);
  const luminance = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luminance > 150 ? "#1f2937" : "#ffffff";
}

/** A thin darker edge for white and pale products, which would vanish on the light backdrop. */
export function outline(fill: string): string {
  return ink(fill) === "#ffffff" ? "" : ` stroke="${darker(fill, 0.25)}" stroke-width="3"`;
}
