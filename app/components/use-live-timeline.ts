import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

// While the stream is refused (a session holds only a few open: 429) or gone, the page reloads its data
// on this beat when it is visible, and tries the stream again after the server's Retry-After.
const POLL_MS = 15_000;
const RETRY_MS = 30_000;

/**
 * Reloads the page's data whenever the server says the timeline at `url` (Server-Sent Events) moved.
 * A dropped connection is reopened by the browser; a refused one falls back to polling.
 */
export function useLiveTimeline(url: string) {
  const revalidator = useRevalidator();
  // The latest revalidate, without reopening the stream each render.
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let poll: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const stopPolling = () => {
      clearInterval(poll);
      poll = undefined;
    };
    const open = () => {
      retry = undefined;
      const current = new EventSource(url);
      source = current;
      current.addEventListener("change", () => revalidate.current());
      current.addEventListener("open", stopPolling);
      current.addEventListener("error", () => {
        // CONNECTING: the browser retries by itself. CLOSED: the server refused (429, 404) and it never will.
        if (current.readyState !== EventSource.CLOSED) return;
        poll ??= setInterval(() => {
          if (document.visibilityState === "visible") revalidate.current();
        }, POLL_MS);
        retry ??= setTimeout(open, RETRY_MS);
      });
    };
    open();
    return () => {
      source?.close();
      stopPolling();
      clearTimeout(retry);
    };
  }, [url]);
}
