import type { Role } from "~/domain/auth/roles";
import type { Actor, MachineNamespace } from "~/domain/state-machine";
import type { Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";

// The scaffolding every move along a state machine shares (an order's, order-transitions.server.ts
// and order-price-check.server.ts; a return's, return-transitions.server.ts): load the record in the
// actor's scope, refuse a stale version before anything is written, run the move in one transaction
// that starts with the order's row lock and ends with the conditional update on the version, and turn
// a refusal thrown inside into the move's outcome with everything rolled back (docs/concurrency.md).

export type MoveActor = { id: string | null; role: Actor };

export type MoveFailure<C extends string> = { ok: false; code: C; message: string; fieldErrors?: Record<string, string[]> };

export function moveFailure<C extends string>(code: C, message: string, fieldErrors?: Record<string, string[]>): MoveFailure<C> {
  return { ok: false, code, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** Thrown inside a move's transaction: it rolls back and runMove returns the outcome it carries. */
export class Rollback extends Error {
  constructor(readonly outcome: MoveFailure<string>) {
    super(outcome.code);
  }
}

const conflict = (namespace: MachineNamespace) => moveFailure("CONFLICT", `${namespace}:errors.conflict`);

/** The `where` that scopes a load to what the actor may see; SYSTEM (and a move without a person) sees every record. */
export function actorScope<W extends object>(
  actor: MoveActor,
  visible: (viewer: { id: string; role: Role }) => W,
): W | Record<string, never> {
  return actor.role === "SYSTEM" || !actor.id ? {} : visible({ id: actor.id, role: actor.role });
}

/**
 * Before the transaction: the record is there (NOT_FOUND) and is still at the version the actor saw
 * (CONFLICT: someone saved it since, and they must see that change first).
 */
export function atVersion<R extends { version: number }>(
  namespace: MachineNamespace,
  row: R | null,
  version: number,
): { ok: true; row: R } | MoveFailure<"NOT_FOUND" | "CONFLICT"> {
  if (!row) return moveFailure("NOT_FOUND", `${namespace}:errors.notFound`);
  if (row.version !== version) return conflict(namespace);
  return { ok: true, row };
}

/**
 * Runs a move's transaction (retried on a serialization failure); a Rollback thrown inside becomes
 * the outcome, with nothing written.
 */
export async function runMove<T, C extends string>(work: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T } | MoveFailure<C>> {
  try {
    return { ok: true, value: await transactionWithRetry(work) };
  } catch (error) {
    if (error instanceof Rollback) return error.outcome as MoveFailure<C>;
    throw error;
  }
}

/**
 * First in a move's transaction: the order's row lock, then the record's version (`current` reads it
 * inside the transaction). On PostgreSQL a second move of the same order, or of one of its returns,
 * waits here until the first commits and then finds the version changed, before it has read or
 * written anything (money included), and every read after this sees the latest rows. The move's own
 * conditional update (requireMoved) stays the guard on SQLite and for the row's columns.
 */
export async function lockAtVersion(
  tx: Tx,
  namespace: MachineNamespace,
  orderId: string,
  current: () => Promise<{ version: number } | null>,
  version: number,
) {
  await lockRow(tx, "Order", orderId);
  if ((await current())?.version !== version) throw new Rollback(conflict(namespace));
}

/** After the conditional update `where: { id, version }`: nothing updated means another move came first. */
export function requireMoved(namespace: MachineNamespace, moved: { count: number }) {
  if (moved.count === 0) throw new Rollback(conflict(namespace));
}
