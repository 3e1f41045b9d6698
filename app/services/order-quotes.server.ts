import crypto from "node:crypto";
import { quoteResultSchema, toFen, type QuoteContext, type QuoteRequest, type QuoteResult } from "~/domain/landed-cost";
import { db, type Tx } from "~/utils/db.server";
import { withCustomsRules } from "./customs-rules.server";
import { fromJsonColumn } from "~/domain/stored";

// An order's stored quotes: re-run on their own context (same rates, fees, line), never on today's,
// so neither a rate move nor a fee change after the quote ever reaches the shopper.

/**
 * A stored quote as the calculator saw it: the request, the context and the result. A context stored
 * before customs rules were dated data gets the rule set in force at its own `now` (withCustomsRules).
 */
export async function storedQuote(tx: Tx | typeof db, quoteId: string) {
  const row = await tx.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { request: true, context: true, result: true } });
  const context: QuoteContext = await withCustomsRules(JSON.parse(row.context), tx);
  return {
    request: JSON.parse(row.request) as QuoteRequest,
    context,
    result: fromJsonColumn(quoteResultSchema, "Quote.result", row.result),
  };
}

/**
 * A quote the order's flow computed (a price check's new quote, an actual-cost quote), stored as the
 * shopper's and already used: it belongs to its order, so checkout never locks it for a cart.
 */
export async function storeQuoteRow(
  tx: Tx,
  userId: string,
  request: QuoteRequest,
  context: QuoteContext,
  result: QuoteResult,
  validUntil: Date,
  now: Date,
) {
  const id = crypto.randomUUID();
  // Like every stored quote it names its customs rule set: the one its context carries (effectiveFrom is unique).
  const ruleSet = await tx.customsRuleSet.findUnique({
    where: { effectiveFrom: new Date(context.customs.effectiveFrom) },
    select: { id: true },
  });
  await tx.quote.create({
    data: {
      id,
      userId,
      request: JSON.stringify(request),
      context: JSON.stringify(context),
      result: JSON.stringify(result),
      totalFen: toFen(result.total),
      customsRuleSetId: ruleSet?.id ?? null,
      validUntil,
      usedAt: now,
      createdAt: now,
    },
  });
  return id;
}

/** Two stored results side by side (the order's quote and a price check's new one), for the order page. */
export async function quoteResults(ids: string[]) {
  const rows = await db.quote.findMany({ where: { id: { in: ids } }, select: { id: true, result: true } });
  return new Map(rows.map((row) => [row.id, fromJsonColumn(quoteResultSchema, "Quote.result", row.result)]));
}
