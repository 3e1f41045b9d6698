import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "~/services/order-photos.server";
import { requestPhotoVisible } from "~/services/product-requests.server";
import { getUser } from "~/utils/auth.server";

// A request's photo (also the one-off listing's image): to its shopper and to staff only.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const name = params.name ?? "";
  if (!(await requestPhotoVisible(viewer, params.id ?? "", name))) throw new Response("Not found", { status: 404 });
  return photoResponse(name);
}
