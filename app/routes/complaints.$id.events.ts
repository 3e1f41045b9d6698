import type { LoaderFunctionArgs } from "@remix-run/node";
import { complaintTimelineMark, complaintTopic } from "~/services/complaints.server";
import { timelineStream } from "~/services/order-feed.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";

// The complaint page's live feed (Server-Sent Events), for those who may see the complaint; a few per login session.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const complaintId = params.id ?? "";
  const first = await complaintTimelineMark(user, complaintId);
  if (first === null) throw new Response("Complaint not found", { status: 404 });
  const session = (await currentSessionId(request)) ?? user.id;
  return timelineStream(request.signal, complaintTopic(complaintId), first, () => complaintTimelineMark(user, complaintId), session);
}
