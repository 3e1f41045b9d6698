import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventStream } from "remix-utils/sse/server";
import { subscribeToOrder } from "~/services/order-feed.server";
import { orderTimelineMark } from "~/services/orders.server";
import { requireUser } from "~/utils/auth.server";

// The order page's live feed: an event named "change" carrying the timeline's mark whenever it moves.
// This process's changes wake it at once; a slow poll catches changes made by other web processes.
const POLL_MS = 5_000;
const KEEPALIVE_MS = 25_000;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.id ?? "";
  const first = await orderTimelineMark(user, orderId);
  if (first === null) throw new Response("Order not found", { status: 404 });

  return eventStream(request.signal, (send) => {
    let last = first;
    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const mark = await orderTimelineMark(user, orderId);
        if (mark !== null && mark !== last) {
          last = mark;
          send({ event: "change", data: mark });
        }
      } finally {
        checking = false;
      }
    };
    const unsubscribe = subscribeToOrder(orderId, () => void check());
    const poll = setInterval(() => void check(), POLL_MS);
    const keepAlive = setInterval(() => send({ event: "ping", data: "" }), KEEPALIVE_MS);
    return () => {
      unsubscribe();
      clearInterval(poll);
      clearInterval(keepAlive);
    };
  });
}
