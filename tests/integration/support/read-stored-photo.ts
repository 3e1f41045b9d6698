// A second process on the same database (another web instance): serves one stored photo the way the
// photo routes do and prints what a browser would get. Run by tests/integration/file-storage.test.ts.
import crypto from "node:crypto";

const name = process.argv[2] ?? "";
const { photoResponse } = await import("~/services/order-photos.server");
const { db } = await import("~/utils/db.server");
let response: Response;
try {
  response = await photoResponse(name);
} catch (thrown) {
  if (!(thrown instanceof Response)) throw thrown;
  response = thrown;
}
const bytes = Buffer.from(await response.arrayBuffer());
console.log(
  JSON.stringify({
    status: response.status,
    contentType: response.headers.get("Content-Type"),
    cacheControl: response.headers.get("Cache-Control"),
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
  }),
);
await db.$disconnect();
