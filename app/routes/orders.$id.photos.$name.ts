import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "~/services/order-photos.server";
import { getOrder } from "~/services/orders.server";
import { requireUser } from "~/utils/auth.server";

// A warehouse photo, only to those who may see its order, and only if the photo belongs to that order.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  const order = await getOrder(user, params.id ?? "");
  if (!order?.events.some((event) => event.attachments.includes(name))) throw new Response("Not found", { status: 404 });
  return photoResponse(name);
}
