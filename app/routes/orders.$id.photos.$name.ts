import fs from "node:fs/promises";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoContentType, photoPath } from "~/services/order-photos.server";
import { getOrder } from "~/services/orders.server";
import { requireUser } from "~/utils/auth.server";

// A warehouse photo, only to those who may see its order, and only if the photo belongs to that order.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  const file = photoPath(name);
  const order = file ? await getOrder(user, params.id ?? "") : null;
  if (!file || !order || !order.events.some((event) => event.attachments.includes(name))) throw new Response("Not found", { status: 404 });
  const body = await fs.readFile(file).catch(() => null);
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(body, { headers: { "Content-Type": photoContentType(name), "Cache-Control": "private, max-age=86400, immutable", "X-Content-Type-Options": "nosniff" } });
}
