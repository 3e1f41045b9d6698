import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWechatNotice } from "~/services/wechat-pay.server";

// WeChat Pay's notification (POST, JSON, signed over the raw body with WeChat Pay's key; its resource
// encrypted with our APIv3 key). It is the source of truth for a payment or a refund: the service
// verifies and applies it once. WeChat Pay wants 200 (or 204) with no body to stop sending; a 4xx or
// 5xx with {"code":"FAIL","message":…} and it sends the notification again later.

const fail = (status: number, message: string) =>
  new Response(JSON.stringify({ code: "FAIL", message }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return fail(405, "POST only");
  // The signature is over the body exactly as it came: read as text, never re-serialized.
  const body = await request.text();
  const reply = await acceptWechatNotice(request.headers, body);
  if (!reply.accepted) return fail(reply.status, reply.message);
  return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return new Response(JSON.stringify({ code: "FAIL", message: "POST only" }), {
    status: 405,
    headers: { "Content-Type": "application/json; charset=utf-8", Allow: "POST" },
  });
}
