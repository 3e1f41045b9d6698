import crypto from "node:crypto";
import { chinaDayStamp } from "~/domain/china-time";
import { fromFen } from "~/domain/landed-cost/money";
import { fromColumn } from "~/domain/stored";
import {
  allowedComplaintMoves,
  answerDueAt,
  complaintOutcomeSchema,
  complaintStatusSchema,
  filingRefusal,
  isAnswerOverdue,
  UNRESOLVED_STATUSES,
  type ComplaintFiling,
  type ComplaintStatus,
  type FilingRefusal,
} from "~/domain/trust/complaint-machine";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Prisma, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import {
  notifyWithMail,
  parsedTimeline,
  timelineEventsSelect,
  timelineRow,
  type Recipient,
  type TimelineEntry,
} from "./order-events.server";
import { orderProductParams } from "./notifications.server";
import { publishOrderChange } from "./order-feed.server";
import { getTrustSettings } from "./trust-settings.server";
import { withEnglishNames } from "./item-names.server";

// Complaints (投诉) on an order: filing, reading and listing, with the access rules of orders and
// returns. Moves along the machine are in complaint-moves.server.ts.

export type Viewer = Pick<SessionUser, "id" | "role">;

/** A shopper their own complaints, an agent those on orders assigned to them, an admin all. */
export function visibleComplaints(viewer: Viewer): Prisma.ComplaintWhereInput {
  if (viewer.role === "ADMIN") return {};
  if (viewer.role === "AGENT") return { order: { agentId: viewer.id } };
  return { userId: viewer.id };
}

export const complaintTopic = (complaintId: string) => `complaint:${complaintId}`;

export const storedComplaintStatus = (value: string) => fromColumn(complaintStatusSchema, "Complaint.status", value);

// ---------------------------------------------------------------------------------------------
// Timeline and notifications: every step one ComplaintEvent row, in the transaction of the step.

export type ComplaintEventInput = TimelineEntry & { complaintId: string };

export async function recordComplaintEvent(tx: Tx, event: ComplaintEventInput, at: Date) {
  await tx.complaintEvent.create({ data: { complaintId: event.complaintId, ...timelineRow(event, at) } });
  await tx.complaint.update({ where: { id: event.complaintId }, data: { lastEventAt: at } });
}

export async function notifyAboutComplaint(
  tx: Tx,
  recipient: Recipient,
  complaint: { id: string; number: string },
  kind: string,
  params: Record<string, string | number | null> = {},
) {
  const row = await tx.complaint.findUnique({ where: { id: complaint.id }, select: { orderId: true } });
  const product = row ? await orderProductParams(tx, row.orderId) : {};
  await notifyWithMail(tx, recipient, kind, { number: complaint.number, ...product, ...params }, `/complaints/${complaint.id}`);
}

// ---------------------------------------------------------------------------------------------
// Filing

function complaintNumber(now: Date) {
  return `CP${chinaDayStamp(now)}${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

const unresolved = { status: { in: [...UNRESOLVED_STATUSES] } };

function loadOrderForComplaint(client: Tx | typeof db, orderId: string) {
  return client.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      userId: true,
      paidAt: true,
      agentId: true,
      storeId: true,
      agent: { select: { email: true } },
      _count: { select: { complaints: { where: unresolved } } },
    },
  });
}

/** The filing form's facts: the order, whether a complaint may be filed, and the open one if there is. */
export async function getComplaintFiling(user: Viewer, orderId: string) {
  const order = await db.order.findFirst({
    where: { id: orderId, userId: user.id },
    select: {
      id: true,
      number: true,
      userId: true,
      paidAt: true,
      complaints: { where: unresolved, select: { id: true, number: true }, take: 1 },
    },
  });
  if (!order) return null;
  const settings = await getTrustSettings();
  const refusal = filingRefusal(user.id, order, order.complaints.length);
  return {
    order: { id: order.id, number: order.number },
    refusal,
    open: order.complaints[0] ?? null,
    answerHours: settings.complaintAnswerHours,
  };
}

export type FilingOutcome = { ok: true; complaintId: string } | { ok: false; reason: FilingRefusal };

/**
 * Files the complaint. The checks run inside the transaction behind the order's row lock, so a double
 * click or two tabs file one complaint.
 */
export async function fileComplaint(
  user: Viewer,
  orderId: string,
  filing: ComplaintFiling,
  photos: string[],
  now = new Date(),
): Promise<FilingOutcome> {
  const { complaintAnswerHours } = await getTrustSettings();
  const outcome = await transactionWithRetry(async (tx): Promise<FilingOutcome> => {
    await lockRow(tx, "Order", orderId);
    const order = await loadOrderForComplaint(tx, orderId);
    if (!order) return { ok: false, reason: "notFound" };
    const refusal = filingRefusal(user.id, order, order._count.complaints);
    if (refusal) return { ok: false, reason: refusal };
    const id = crypto.randomUUID();
    const number = complaintNumber(now);
    await tx.complaint.create({
      data: {
        id,
        number,
        orderId,
        userId: user.id,
        agentId: order.agentId,
        storeId: order.storeId,
        category: filing.category,
        description: filing.description,
        photos: JSON.stringify(photos),
        status: "OPEN" satisfies ComplaintStatus,
        answerDueAt: answerDueAt(now, complaintAnswerHours),
        createdAt: now,
        lastEventAt: now,
      },
    });
    await recordComplaintEvent(
      tx,
      {
        complaintId: id,
        kind: "STATUS",
        actorId: user.id,
        actorRole: "SHOPPER",
        toStatus: "OPEN",
        messageKey: `filed.${filing.category}`,
        note: filing.description,
        attachments: photos,
      },
      now,
    );
    if (order.agentId && order.agent)
      await notifyAboutComplaint(tx, { userId: order.agentId, email: order.agent.email }, { id, number }, "COMPLAINT_FILED", {
        order: order.number,
        hours: complaintAnswerHours,
      });
    return { ok: true, complaintId: id };
  });
  if (outcome.ok) publishOrderChange(complaintTopic(outcome.complaintId));
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Reading

const detailSelect = {
  id: true,
  number: true,
  orderId: true,
  userId: true,
  category: true,
  description: true,
  status: true,
  version: true,
  answerDueAt: true,
  outcome: true,
  compensationFen: true,
  decisionNote: true,
  decidedAt: true,
  createdAt: true,
  order: { select: { number: true, agentId: true, paidFen: true, status: true } },
  user: { select: { name: true } },
  events: timelineEventsSelect,
} as const;

/** A complaint with its timeline and the moves the viewer may make now; null when they may not see it. */
export async function getComplaint(viewer: Viewer, complaintId: string, now = new Date()) {
  const row = await db.complaint.findFirst({ where: { AND: [{ id: complaintId }, visibleComplaints(viewer)] }, select: detailSelect });
  if (!row) return null;
  const status = storedComplaintStatus(row.status);
  const overdue = isAnswerOverdue(status, row.answerDueAt, now);
  const mayAct =
    viewer.role === "ADMIN" ||
    (viewer.role === "SHOPPER" && row.userId === viewer.id) ||
    (viewer.role === "AGENT" && row.order.agentId === viewer.id);
  return {
    ...row,
    status,
    outcome: row.outcome === null ? null : fromColumn(complaintOutcomeSchema, "Complaint.outcome", row.outcome),
    compensation: row.compensationFen > 0 ? fromFen(row.compensationFen) : null,
    paidLimit: fromFen(Math.max(0, row.order.paidFen)),
    overdue,
    moves: mayAct ? allowedComplaintMoves(status, viewer.role, overdue) : [],
    events: parsedTimeline("ComplaintEvent", row.events),
  };
}

export type ComplaintDetail = NonNullable<Awaited<ReturnType<typeof getComplaint>>>;

/** What changes when the complaint's page must refresh: its version and its number of events. */
export async function complaintTimelineMark(viewer: Viewer, complaintId: string) {
  const row = await db.complaint.findFirst({
    where: { AND: [{ id: complaintId }, visibleComplaints(viewer)] },
    select: { version: true, _count: { select: { events: true } } },
  });
  return row ? `${row.version}:${row._count.events}` : null;
}

/** A photo belongs to the complaint's evidence (any step's), for one who may see it. */
export async function complaintHasPhoto(viewer: Viewer, complaintId: string, name: string) {
  const found = await db.complaintEvent.findFirst({
    where: { complaintId, attachments: { contains: JSON.stringify(name) }, complaint: visibleComplaints(viewer) },
    select: { id: true },
  });
  return found !== null;
}

/**
 * The viewer's complaints, newest activity first for a shopper and oldest first for staff (the one
 * waiting longest on top); `status` and `orderId` narrow it.
 */
export async function listComplaints(viewer: Viewer, filter: { status?: ComplaintStatus | null; orderId?: string } = {}, now = new Date()) {
  const rows = await db.complaint.findMany({
    where: {
      AND: [visibleComplaints(viewer), filter.status ? { status: filter.status } : {}, filter.orderId ? { orderId: filter.orderId } : {}],
    },
    select: {
      id: true,
      number: true,
      category: true,
      status: true,
      outcome: true,
      answerDueAt: true,
      lastEventAt: true,
      order: {
        select: {
          id: true,
          number: true,
          items: { select: { title: true, titleZh: true, imageUrl: true }, orderBy: { position: "asc" }, take: 1 },
          _count: { select: { items: true } },
        },
      },
      user: { select: { name: true } },
    },
    orderBy: { lastEventAt: viewer.role === "SHOPPER" ? "desc" : "asc" },
    take: 200,
  });
  return rows.map((row) => {
    const status = storedComplaintStatus(row.status);
    const order = { ...row.order, items: withEnglishNames(row.order.items) };
    return { ...row, order, status, overdue: isAnswerOverdue(status, row.answerDueAt, now) };
  });
}
