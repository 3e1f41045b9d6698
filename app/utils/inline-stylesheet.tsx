import { createContext, useContext, useState } from "react";

// The site's stylesheets are small (about 9 KB gzipped together), so every document carries them
// in <style> elements instead of <link>s: the first paint then waits for one response, not three,
// which on a throttled phone connection is most of the first-contentful-paint time. The server reads
// each built file (app/utils/stylesheet-text.server.ts); in the browser the component keeps the text
// the server sent, so hydration matches and client navigations never re-render it.
const StylesheetTextContext = createContext<(href: string) => string | null>(() => null);
export const StylesheetTextProvider = StylesheetTextContext.Provider;

export function InlineStylesheet({ href, nonce }: { href: string; nonce: string }) {
  const readOnServer = useContext(StylesheetTextContext);
  const [text] = useState(() =>
    typeof document === "undefined"
      ? readOnServer(href)
      : (document.querySelector(`style[data-href="${CSS.escape(href)}"]`)?.textContent ?? null),
  );
  // A file the server could not read (a build being replaced) is linked as usual.
  if (text === null) return <link rel="stylesheet" href={href} />;
  return <style data-href={href} nonce={nonce} dangerouslySetInnerHTML={{ __html: text }} />;
}
