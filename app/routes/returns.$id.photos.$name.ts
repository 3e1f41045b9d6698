import fs from "node:fs/promises";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoContentType, photoPath } from "~/services/order-photos.server";
import { getReturn } from "~/services/returns.server";
import { requireUser } from "~/utils/auth.server";

// A return's photo (the shopper's evidence, the agent's inspection, a dispute's), only to those who may see the return.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  const file = photoPath(name);
  const entry = file ? await getReturn(user, params.id ?? "") : null;
  if (!file || !entry || !entry.events.some((event) => event.attachments.includes(name))) throw new Response("Not found", { status: 404 });
  const body = await fs.readFile(file).catch(() => null);
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(body, { headers: { "Content-Type": photoContentType(name), "Cache-Control": "private, max-age=86400, immutable", "X-Content-Type-Options": "nosniff" } });
}
