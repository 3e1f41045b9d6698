import type { LoaderFunctionArgs } from "@remix-run/node";
import { claimHasPhoto } from "~/services/claims.server";
import { photoResponse } from "~/services/order-photos.server";
import { requireUser } from "~/utils/auth.server";

// A claim's evidence photo, only to those who may see the claim (its shopper, an admin).
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  if (!(await claimHasPhoto(user, params.id ?? "", name))) throw new Response("Not found", { status: 404 });
  return photoResponse(name);
}
