import readline from "node:readline";

// Another instance of the app (tests/integration/live-timeline.test.ts starts it as its own process on the
// test file's database): each "go" line on stdin posts a message on the order as the given user, the way
// a request on another web instance would, printing the time just before it starts and "done" after.
const [orderId, userId, role] = process.argv.slice(2);
if (!orderId || !userId || !role) throw new Error("usage: timeline-writer <orderId> <userId> <role>");
const { postOrderMessage } = await import("~/services/orders.server");
const { db } = await import("~/utils/db.server");

await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true } }); // connected before the first "go"
console.log("ready");
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line !== "go") break;
  console.log(`start ${Date.now()}`);
  const outcome = await postOrderMessage({ id: userId, role: role as "SHOPPER" }, orderId, "from the other instance");
  console.log(outcome.ok ? "done" : `failed ${JSON.stringify(outcome)}`);
}
await db.$disconnect();
