// A request's statuses and who moves it:
//   OPEN      → QUOTED (agent sends a quote) | DECLINED (agent, with a reason) | CANCELLED (shopper)
//   QUOTED    → QUOTED (agent re-quotes after changes) | ACCEPTED (shopper) | DECLINED (agent) |
//               CANCELLED (shopper declines the quote) | OPEN (shopper asks for a new quote: expired)
//   ACCEPTED, DECLINED, CANCELLED are final.
export const REQUEST_STATUSES = ["OPEN", "QUOTED", "ACCEPTED", "DECLINED", "CANCELLED"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The statuses an agent may quote or decline from (a quote may be replaced until it is accepted). */
export const AGENT_ACTIONABLE: readonly RequestStatus[] = ["OPEN", "QUOTED"];

/** The agents' queue: what waits for an agent first, then what waits for the shopper. */
export const QUEUE_STATUSES: readonly RequestStatus[] = ["OPEN", "QUOTED"];

export function isFinal(status: string) {
  return status === "ACCEPTED" || status === "DECLINED" || status === "CANCELLED";
}
