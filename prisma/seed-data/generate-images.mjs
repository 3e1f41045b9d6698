// Generates the category tiles and the favicon: flat, language-neutral SVG illustrations.
//   npx tsx prisma/seed-data/generate-images.mjs
// Writes public/images/categories/<slug>.svg and public/favicon.svg. No dependencies; deterministic output.
// Listing galleries have their own generator, prisma/seed-data/illustrations (npm run illustrations).
// (Run with tsx because it imports catalog.ts; the script itself is plain JavaScript.)

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { categories } from "./catalog.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const categoryDir = path.join(root, "public", "images", "categories");

// Per category: soft background, alternate background (detail view), icon colours to vary between listings, accent.
const palettes = {
  electronics: { bg: "#e0ecf8", bg2: "#eef2ff", mains: ["#334155", "#1e293b", "#475569", "#3f3f46"], accent: "#3b82f6", dark: "#0f172a" },
  clothing: { bg: "#fdeee4", bg2: "#fff7ed", mains: ["#1e3a5f", "#57534e", "#4d7c0f", "#9f1239"], accent: "#f97316", dark: "#1c1917" },
  sports: { bg: "#e3f5ea", bg2: "#f0fdf4", mains: ["#0f766e", "#1d4ed8", "#b91c1c", "#4b5563"], accent: "#facc15", dark: "#134e4a" },
  cosmetics: { bg: "#fbe7ef", bg2: "#fdf2f8", mains: ["#be185d", "#9d174d", "#c2410c", "#7e22ce"], accent: "#f9a8d4", dark: "#500724" },
  toys: { bg: "#fff4cc", bg2: "#fefce8", mains: ["#dc2626", "#16a34a", "#9333ea", "#ea580c"], accent: "#2563eb", dark: "#7f1d1d" },
  books: { bg: "#efe8dc", bg2: "#faf5ec", mains: ["#7c2d12", "#1e3a8a", "#065f46", "#581c87"], accent: "#d97706", dark: "#292524" },
  food: { bg: "#eaf3d9", bg2: "#f7fee7", mains: ["#4d7c0f", "#92400e", "#b91c1c", "#0f766e"], accent: "#eab308", dark: "#365314" },
  appliances: { bg: "#e6eef0", bg2: "#f1f5f9", mains: ["#475569", "#0f766e", "#1f2937", "#9a3412"], accent: "#0ea5e9", dark: "#1e293b" },
  watches: { bg: "#e9e6f5", bg2: "#f5f3ff", mains: ["#1f2937", "#1e3a8a", "#14532d", "#78350f"], accent: "#a78bfa", dark: "#111827" },
  jewelry: { bg: "#f6efe0", bg2: "#fffbeb", mains: ["#b45309", "#a8a29e", "#be123c", "#a16207"], accent: "#67e8f9", dark: "#451a03" },
};

// Flat icons drawn around the centre of a 600 × 600 canvas. m: main colour, a: accent, d: dark.
const icons = {
  electronics: (m, a) =>
    `<path d="M170 340v-50a130 130 0 0 1 260 0v50" fill="none" stroke="${m}" stroke-width="26" stroke-linecap="round"/>` +
    `<rect x="135" y="300" width="75" height="130" rx="32" fill="${m}"/><rect x="390" y="300" width="75" height="130" rx="32" fill="${m}"/>` +
    `<rect x="158" y="322" width="30" height="86" rx="15" fill="${a}"/><rect x="412" y="322" width="30" height="86" rx="15" fill="${a}"/>`,
  clothing: (m, a) =>
    `<path d="M240 170l-90 45-35 80 60 25 20-40v200h210v-200l20 40 60-25-35-80-90-45c-10 30-30 45-60 45s-50-15-60-45z" fill="${m}"/>` +
    `<path d="M240 170c10 30 30 45 60 45s50-15 60-45" fill="none" stroke="${a}" stroke-width="12"/>` +
    `<rect x="330" y="290" width="44" height="44" rx="6" fill="${a}" opacity=".85"/>`,
  sports: (m, a) =>
    `<path d="M120 385c0-45 10-95 30-125l60 10c20 30 60 50 110 55l90 15c40 7 70 30 70 60v15H120z" fill="${m}"/>` +
    `<rect x="108" y="392" width="384" height="38" rx="19" fill="${a}"/>` +
    `<path d="M220 292l34-12M242 314l34-12M266 334l34-12" stroke="#fff" stroke-width="9" stroke-linecap="round"/>`,
  cosmetics: (m, a, d) =>
    `<rect x="252" y="140" width="96" height="66" rx="16" fill="${a}"/><rect x="266" y="200" width="68" height="46" fill="${d}"/>` +
    `<rect x="215" y="240" width="170" height="235" rx="28" fill="${m}"/>` +
    `<rect x="242" y="310" width="116" height="92" rx="12" fill="#fff" opacity=".85"/><circle cx="300" cy="356" r="20" fill="${a}"/>`,
  toys: (m, a) =>
    `<rect x="172" y="306" width="52" height="30" rx="8" fill="${m}"/><rect x="376" y="306" width="52" height="30" rx="8" fill="${m}"/>` +
    `<rect x="155" y="330" width="290" height="125" rx="14" fill="${m}"/>` +
    `<rect x="246" y="210" width="46" height="30" rx="8" fill="${a}"/><rect x="310" y="210" width="46" height="30" rx="8" fill="${a}"/>` +
    `<rect x="228" y="234" width="146" height="98" rx="12" fill="${a}"/>`,
  books: (m, a, d) =>
    `<rect x="200" y="438" width="215" height="22" rx="4" fill="#fff"/><rect x="190" y="145" width="230" height="300" rx="12" fill="${m}"/>` +
    `<rect x="180" y="145" width="34" height="315" rx="10" fill="${d}"/>` +
    `<rect x="240" y="215" width="140" height="18" rx="9" fill="${a}"/><rect x="240" y="248" width="100" height="12" rx="6" fill="${a}" opacity=".7"/>`,
  food: (m, a) =>
    `<rect x="212" y="165" width="176" height="56" rx="14" fill="${a}"/><rect x="195" y="212" width="210" height="258" rx="44" fill="${m}"/>` +
    `<rect x="220" y="292" width="160" height="104" rx="16" fill="#fff" opacity=".85"/>` +
    `<path d="M300 372c-28-10-34-40-10-64 22 18 28 48 10 64z" fill="${m}"/>`,
  appliances: (m, a, d) =>
    `<path d="M372 275c80-5 80 150 22 158" fill="none" stroke="${m}" stroke-width="24" stroke-linecap="round"/>` +
    `<path d="M236 304L158 236l-14 20 84 88z" fill="${m}"/><path d="M200 460l30-210q70-32 140 0l30 210z" fill="${m}"/>` +
    `<rect x="182" y="452" width="236" height="32" rx="10" fill="${d}"/><circle cx="300" cy="226" r="20" fill="${a}"/>` +
    `<rect x="262" y="312" width="18" height="110" rx="9" fill="${a}"/>`,
  watches: (m, a, d) =>
    `<rect x="255" y="110" width="90" height="140" rx="18" fill="${d}"/><rect x="255" y="350" width="90" height="140" rx="18" fill="${d}"/>` +
    `<rect x="392" y="288" width="22" height="24" rx="5" fill="${m}"/><circle cx="300" cy="300" r="104" fill="${m}"/><circle cx="300" cy="300" r="84" fill="#fff"/>` +
    `<g fill="${a}"><circle cx="300" cy="232" r="7"/><circle cx="368" cy="300" r="7"/><circle cx="300" cy="368" r="7"/><circle cx="232" cy="300" r="7"/></g>` +
    `<path d="M300 300v-58M300 300l44 18" stroke="${d}" stroke-width="9" stroke-linecap="round"/><circle cx="300" cy="300" r="9" fill="${d}"/>`,
  jewelry: (m, a) =>
    `<circle cx="300" cy="360" r="104" fill="none" stroke="${m}" stroke-width="28"/><rect x="272" y="246" width="56" height="22" rx="4" fill="${m}"/>` +
    `<path d="M258 170h84l32 34-74 66-74-66z" fill="${a}"/>` +
    `<path d="M226 204h148M258 170l18 34 24 66 24-66 18-34" fill="none" stroke="#fff" stroke-width="5" opacity=".7"/>`,
};

function escapeXml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
}

function svg(title, body, size = 600) {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img">` +
    `<title>${escapeXml(title)}</title>${body}</svg>\n`
  );
}

/** Category tile: the icon on a white disc. */
function categoryTile(category, title) {
  const p = palettes[category];
  return svg(
    title,
    `<rect width="600" height="600" fill="${p.bg}"/><circle cx="300" cy="300" r="235" fill="#fff" opacity=".6"/>` +
      icons[category](p.mains[0], p.accent, p.dark),
  );
}

function favicon() {
  const brand = "#c2410c";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img"><title>代购</title>` +
    `<rect width="64" height="64" rx="12" fill="#fff"/>` +
    `<rect x="8" y="28" width="34" height="28" rx="3" fill="${brand}"/><rect x="8" y="28" width="34" height="7" rx="2" fill="#9a3412"/>` +
    `<rect x="22" y="28" width="6" height="28" fill="#fff" opacity=".85"/>` +
    `<path d="M58 6L33 17l9 3z" fill="${brand}"/><path d="M58 6L42 20l4 9z" fill="#9a3412"/>` +
    `<path d="M33 24c-4 2-7 4-9 7" fill="none" stroke="${brand}" stroke-width="2" stroke-dasharray="3 3" stroke-linecap="round"/>` +
    `</svg>\n`
  );
}

fs.mkdirSync(categoryDir, { recursive: true });

for (const category of categories) {
  if (!palettes[category.slug]) throw new Error(`no palette for category ${category.slug}`);
  fs.writeFileSync(path.join(categoryDir, `${category.slug}.svg`), categoryTile(category.slug, category.nameZh));
}
fs.writeFileSync(path.join(root, "public", "favicon.svg"), favicon());

console.log(`Wrote ${categories.length} category images and public/favicon.svg.`);
