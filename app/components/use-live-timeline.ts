import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useEventSource } from "remix-utils/sse/react";

/** Reloads the page's data whenever the server says the timeline at `url` (Server-Sent Events) moved. */
export function useLiveTimeline(url: string) {
  const revalidator = useRevalidator();
  const mark = useEventSource(url, { event: "change" });
  useEffect(() => {
    if (mark) revalidator.revalidate();
    // Only a new mark from the server matters, not the revalidator's own identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mark]);
}
