import fs from "node:fs";
import path from "node:path";

// Built stylesheets are content-hashed (/build/_assets/app-XXXX.css), so one read per file serves
// every later request. Served from the same folder as express.static in app/server/web-server.ts.
const PUBLIC_DIR = path.resolve("public");
const texts = new Map<string, string | null>();

/** The text of a built stylesheet by its URL, or null when it is not a file under public/. */
export function readStylesheetText(href: string): string | null {
  const cached = texts.get(href);
  if (cached !== undefined) return cached;
  const file = path.join(PUBLIC_DIR, new URL(href, "http://local").pathname);
  if (!file.startsWith(PUBLIC_DIR + path.sep) || !file.endsWith(".css")) return null;
  let text: string | null;
  try {
    // "</style" cannot occur in our CSS; guarding it keeps an inlined file from ending the element early.
    text = fs.readFileSync(file, "utf8").replaceAll("</style", "<\\/style");
  } catch {
    text = null;
  }
  // Only a successful read is kept: a missing file may appear once a build finishes.
  if (text !== null) texts.set(href, text);
  return text;
}
