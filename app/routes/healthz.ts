import { db } from "~/utils/db.server";

export async function loader() {
  try {
    await db.$queryRaw`SELECT 1`;
    return new Response("OK", { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return new Response("DATABASE UNAVAILABLE", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
