import type { LoaderFunctionArgs } from "@remix-run/node";
import { complaintHasPhoto } from "~/services/complaints.server";
import { photoResponse } from "~/services/order-photos.server";
import { requireUser } from "~/utils/auth.server";

// A complaint's photo (the shopper's evidence, the agent's, an escalation's), only to those who may see the complaint.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  if (!(await complaintHasPhoto(user, params.id ?? "", name))) throw new Response("Not found", { status: 404 });
  return photoResponse(name);
}
