import { answerDueAt, askerLabel, isOverdue, isPublished, type QuestionFormInput } from "~/domain/consult/question-rules";
import type { SessionUser } from "~/utils/auth.server";
import { db, Prisma } from "~/utils/db.server";
import { getContactSettings } from "./contact-settings.server";
import { notify, type NotificationParams } from "./notifications.server";

// Pre-sale questions (#19). A shopper asks on a listing or from /ask (optionally naming one of their
// orders); agents answer from a queue, oldest first, with the SLA of ContactSettings. The answer is a
// conditional update of an OPEN row, so of two agents answering at once exactly one wins and the asker
// is notified once, in the same transaction. Answered questions the asker agreed to publish show on the
// listing with the name masked; the asker sees their own there whatever its state; staff can hide one.

export const QUEUE_SIZE = 100;
const OWN_LIST_SIZE = 100;
const LISTING_LIST_SIZE = 50;

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type AskRefusal = "listingNotFound" | "orderNotFound";
export type AskResult = { ok: true; id: string; listingId: string | null; duplicate: boolean } | { ok: false; reason: AskRefusal };

/** Stores a question; a second submit of the same form (same submitKey) returns the first one. */
export async function askQuestion(user: Pick<SessionUser, "id">, input: QuestionFormInput): Promise<AskResult> {
  const [listing, order] = await Promise.all([
    input.listingId ? db.listing.findFirst({ where: { id: input.listingId, status: "PUBLISHED" }, select: { id: true } }) : null,
    input.orderId ? db.order.findFirst({ where: { id: input.orderId, userId: user.id }, select: { id: true } }) : null,
  ]);
  if (input.listingId && !listing) return { ok: false, reason: "listingNotFound" };
  if (input.orderId && !order) return { ok: false, reason: "orderNotFound" };
  try {
    const created = await db.question.create({
      data: {
        userId: user.id,
        submitKey: input.submitKey,
        listingId: listing?.id ?? null,
        orderId: order?.id ?? null,
        text: input.text,
        // Only a question about a listing can be shown on one.
        publishConsent: Boolean(listing && input.publish),
      },
      select: { id: true, listingId: true },
    });
    return { ok: true, ...created, duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await db.question.findUniqueOrThrow({
      where: { userId_submitKey: { userId: user.id, submitKey: input.submitKey } },
      select: { id: true, listingId: true },
    });
    return { ok: true, ...first, duplicate: true };
  }
}

const LISTING_REF = { select: { id: true, title: true, titleZh: true } } as const;
const ORDER_REF = { select: { id: true, number: true } } as const;
// What the asker's list and the agents' queue both show of a question.
const QUESTION_FIELDS = {
  id: true,
  text: true,
  status: true,
  answer: true,
  answeredAt: true,
  publishConsent: true,
  hiddenAt: true,
  createdAt: true,
} as const;

/** The asker's own questions, newest first, with their answers. */
export async function listOwnQuestions(userId: string) {
  const rows = await db.question.findMany({
    where: { userId },
    select: { ...QUESTION_FIELDS, listing: LISTING_REF, order: ORDER_REF },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: OWN_LIST_SIZE,
  });
  return rows.map(({ hiddenAt, ...row }) => ({ ...row, published: isPublished({ ...row, userId, hiddenAt }) }));
}

export type ListingQuestion = {
  id: string;
  asker: string;
  text: string;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  /** The viewer asked it: shown to them even while it is not public. */
  mine: boolean;
  published: boolean;
};

/** A listing's Q&A as `viewerId` (null: a visitor) sees it: the published ones, and the viewer's own. */
export async function listListingQuestions(listingId: string, viewerId: string | null): Promise<ListingQuestion[]> {
  const published = { status: "ANSWERED", publishConsent: true, hiddenAt: null };
  const rows = await db.question.findMany({
    where: { listingId, OR: viewerId ? [published, { userId: viewerId }] : [published] },
    select: {
      id: true,
      userId: true,
      text: true,
      status: true,
      answer: true,
      answeredAt: true,
      publishConsent: true,
      hiddenAt: true,
      createdAt: true,
      user: { select: { name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LISTING_LIST_SIZE,
  });
  return rows.map((row) => ({
    id: row.id,
    asker: askerLabel(row.user.name),
    text: row.text,
    answer: row.status === "ANSWERED" ? row.answer : null,
    answeredAt: row.answeredAt,
    createdAt: row.createdAt,
    mine: row.userId === viewerId,
    published: isPublished(row),
  }));
}

export type QueueView = "open" | "answered";

/** The agents' queue: open questions oldest first with their due time and overdue flag, or the latest answered. */
export async function listQuestionQueue(view: QueueView, now = new Date()) {
  const { answerSlaHours } = await getContactSettings();
  const rows = await db.question.findMany({
    where: { status: view === "open" ? "OPEN" : "ANSWERED" },
    select: {
      ...QUESTION_FIELDS,
      user: { select: { name: true } },
      answeredBy: { select: { name: true } },
      listing: LISTING_REF,
      order: ORDER_REF,
    },
    orderBy: view === "open" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ answeredAt: "desc" }, { id: "desc" }],
    take: QUEUE_SIZE,
  });
  const questions = rows.map((row) => ({
    ...row,
    dueAt: answerDueAt(row.createdAt, answerSlaHours),
    overdue: isOverdue(row, now, answerSlaHours),
  }));
  return { questions, slaHours: answerSlaHours };
}

const EXCERPT_CHARS = 24;
const excerpt = (text: string) => {
  const chars = [...text];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join("")}…` : text;
};

export type AnswerResult = { ok: true } | { ok: false; reason: "notFound" | "alreadyAnswered" };

/** Answers an open question and tells the asker; a question answered meanwhile is refused, unchanged. */
export async function answerQuestion(
  agent: Pick<SessionUser, "id">,
  input: { questionId: string; answer: string },
  now = new Date(),
): Promise<AnswerResult> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.question.updateMany({
      where: { id: input.questionId, status: "OPEN" },
      data: { status: "ANSWERED", answer: input.answer, answeredById: agent.id, answeredAt: now },
    });
    if (claimed.count === 0) {
      const exists = await tx.question.findUnique({ where: { id: input.questionId }, select: { id: true } });
      return { ok: false as const, reason: exists ? ("alreadyAnswered" as const) : ("notFound" as const) };
    }
    const question = await tx.question.findUniqueOrThrow({
      where: { id: input.questionId },
      select: {
        text: true,
        user: { select: { id: true, email: true } },
        listing: { select: { id: true, titleZh: true, images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 } } },
      },
    });
    const listing = question.listing;
    // About a listing the notification names the product; a general question is named by its first words
    // (the "general" context of the same kind).
    const params: NotificationParams = listing
      ? { title: listing.titleZh, image: listing.images[0]?.url ?? "", listingId: listing.id }
      : { title: excerpt(question.text), context: "general" };
    const link = listing ? `/listings/${listing.id}#listing-questions` : "/questions";
    await notify(tx, { userId: question.user.id, email: question.user.email }, "QUESTION_ANSWERED", params, link);
    return { ok: true as const };
  });
}

/** Staff hide a published Q&A from the listing (or show it again); audited. */
export async function setQuestionHidden(staff: Pick<SessionUser, "id">, questionId: string, hidden: boolean, now = new Date()) {
  return db.$transaction(async (tx) => {
    const changed = await tx.question.updateMany({
      where: { id: questionId, hiddenAt: hidden ? null : { not: null } },
      data: hidden ? { hiddenAt: now, hiddenById: staff.id } : { hiddenAt: null, hiddenById: null },
    });
    if (changed.count === 0) {
      const exists = await tx.question.findUnique({ where: { id: questionId }, select: { id: true } });
      return exists ? { ok: true as const, changed: false } : { ok: false as const };
    }
    await tx.auditLog.create({
      data: {
        actorId: staff.id,
        entity: "Question",
        entityId: questionId,
        action: hidden ? "hide" : "unhide",
        before: JSON.stringify({ hidden: !hidden }),
        after: JSON.stringify({ hidden }),
      },
    });
    return { ok: true as const, changed: true };
  });
}

/** What /ask names for its optional references: a published listing, and the shopper's latest orders. */
export async function askReferences(userId: string | null, listingId: string | null) {
  const [listing, orders] = await Promise.all([
    listingId
      ? db.listing.findFirst({ where: { id: listingId, status: "PUBLISHED" }, select: { id: true, title: true, titleZh: true } })
      : null,
    userId
      ? db.order.findMany({ where: { userId }, select: { id: true, number: true }, orderBy: { createdAt: "desc" }, take: 20 })
      : ([] as { id: string; number: string }[]),
  ]);
  return { listing, orders };
}
