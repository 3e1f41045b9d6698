// Writes every listing's gallery into public/images/listings/ and removes files no listing uses any more.
//   npm run illustrations

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listings } from "../catalog";
import { renderListing } from "./render";

const listingDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "public", "images", "listings");

fs.mkdirSync(listingDir, { recursive: true });
const written = new Set<string>();
for (const listing of listings) {
  for (const { file, svg } of renderListing(listing)) {
    fs.writeFileSync(path.join(listingDir, file), svg);
    written.add(file);
  }
}
for (const file of fs.readdirSync(listingDir)) {
  if (file.endsWith(".svg") && !written.has(file)) fs.rmSync(path.join(listingDir, file));
}
console.log(`Wrote ${written.size} illustrations for ${listings.length} listings into public/images/listings/.`);
