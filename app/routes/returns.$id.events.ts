import type { LoaderFunctionArgs } from "@remix-run/node";
import { timelineStream } from "~/services/order-feed.server";
import { returnTimelineMark, returnTopic } from "~/services/returns.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";

// The return page's live feed (Server-Sent Events), for those who may see the return; a few per login session.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const returnId = params.id ?? "";
  const first = await returnTimelineMark(user, returnId);
  if (first === null) throw new Response("Return not found", { status: 404 });
  const session = (await currentSessionId(request)) ?? user.id;
  return timelineStream(request.signal, returnTopic(returnId), first, () => returnTimelineMark(user, returnId), session);
}
