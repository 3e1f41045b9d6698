import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "~/services/order-photos.server";
import { getReturn } from "~/services/returns.server";
import { requireUser } from "~/utils/auth.server";

// A return's photo (the shopper's evidence, the agent's inspection, a dispute's), only to those who may see the return.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  const entry = await getReturn(user, params.id ?? "");
  if (!entry?.events.some((event) => event.attachments.includes(name))) throw new Response("Not found", { status: 404 });
  return photoResponse(name);
}
