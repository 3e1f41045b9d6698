import type { LoaderFunctionArgs } from "@remix-run/node";
import { claimTimelineMark, claimTopic } from "~/services/claims.server";
import { timelineStream } from "~/services/order-feed.server";
import { currentSessionId, requireUser } from "~/utils/auth.server";

// The claim page's live feed (Server-Sent Events), for those who may see the claim; a few per login session.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const claimId = params.id ?? "";
  const first = await claimTimelineMark(user, claimId);
  if (first === null) throw new Response("Claim not found", { status: 404 });
  const session = (await currentSessionId(request)) ?? user.id;
  return timelineStream(request.signal, claimTopic(claimId), first, () => claimTimelineMark(user, claimId), session);
}
