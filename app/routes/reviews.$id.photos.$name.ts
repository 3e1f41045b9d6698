import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "~/services/order-photos.server";
import { reviewPhotoVisible } from "~/services/reviews.server";
import { getUser } from "~/utils/auth.server";

// A review's photo: public while the review is shown; a hidden review's photos only to its author and admins.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const name = params.name ?? "";
  if (!(await reviewPhotoVisible(viewer, params.id ?? "", name))) throw new Response("Not found", { status: 404 });
  return photoResponse(name);
}
