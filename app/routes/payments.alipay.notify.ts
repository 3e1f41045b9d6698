import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptAlipayNotice } from "~/services/alipay.server";
import { readForm } from "~/utils/request-form.server";

// Alipay's asynchronous notification (POST, form-encoded, signed RSA2). It is the source of truth for
// a payment: the service verifies and applies it once. Alipay expects the bare text "success" to stop
// sending; anything else and it tries again later.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("failure", { status: 405, headers: { "Content-Type": "text/plain" } });
  const form = await readForm(request);
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  const reply = await acceptAlipayNotice(fields);
  return new Response(reply, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export function loader() {
  return new Response("failure", { status: 405, headers: { "Content-Type": "text/plain", Allow: "POST" } });
}
