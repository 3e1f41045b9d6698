import { customsRulesInForce, type CustomsRules, type QuoteContext } from "~/domain/landed-cost";
import { db, type Tx } from "~/utils/db.server";
import { findCustomsRuleSetInForce, loadCustomsRuleSets, type CustomsRuleSetEntry } from "./pricing-context.server";

/** The rule set in force at `now` (cached with the other pricing data), or null before the first one. */
export async function customsRuleSetAt(now: string): Promise<CustomsRuleSetEntry | null> {
  return customsRulesInForce(await loadCustomsRuleSets(), now);
}

/**
 * When the rules next change after `now` (an upcoming rule set's start), or null: prices computed
 * ahead of time (listing landed prices) are only good until then.
 */
export async function nextCustomsRulesChange(now: Date): Promise<Date | null> {
  const upcoming = (await loadCustomsRuleSets()).find((entry) => Date.parse(entry.effectiveFrom) > now.getTime());
  return upcoming ? new Date(upcoming.effectiveFrom) : null;
}

type StoredContext = Omit<QuoteContext, "customs"> & { customs?: CustomsRules };

/**
 * A stored quote's context, ready to re-run. Contexts stored before customs rules became dated data
 * carry no `customs`: the rule set in force at the context's own `now` is filled in (the limits the
 * calculator then hard-coded were the 2019 set's, so an old quote re-runs to the same numbers). If no
 * set was in force then, the context stays without one and the calculator says so (INVALID_INPUT at
 * context.customs), never a silent default. Pass the transaction's client when inside one.
 */
export async function withCustomsRules(context: StoredContext, client: Pick<Tx, "customsRuleSet"> = db): Promise<QuoteContext> {
  if (context.customs) return context as QuoteContext;
  const at = new Date(context.now);
  const entry = Number.isFinite(at.getTime()) ? await findCustomsRuleSetInForce(client, at) : null;
  return (entry ? { ...context, customs: entry.customs } : context) as QuoteContext;
}
