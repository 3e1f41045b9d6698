import type { LoaderFunctionArgs } from "@remix-run/node";
import { timelineStream } from "~/services/order-feed.server";
import { orderTimelineMark } from "~/services/orders.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";

// The order page's live feed (Server-Sent Events), for those who may see the order; a few per login session.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.id ?? "";
  const first = await orderTimelineMark(user, orderId);
  if (first === null) throw new Response("Order not found", { status: 404 });
  const session = (await currentSessionId(request)) ?? user.id;
  return timelineStream(request.signal, orderId, first, () => orderTimelineMark(user, orderId), session);
}
