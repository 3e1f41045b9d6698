import { z } from "zod";
import { fieldErrorsOf } from "~/domain/field-errors";
import { ROLES, type Role } from "~/domain/auth/roles";

// The shape both state machines share (an order's, app/domain/orders/status-machine.ts, and a
// return's, app/domain/returns/status-machine.ts; docs/order-states.md): a table of rules "from →
// to, by these actors, with this payload", and one check that reads it. Each machine keeps its own
// statuses, payloads and rule extras (an order's claim and price check, a return's fault); the
// order of the checks, the refusals and the payload parsing are written once, here.

/** The people's roles plus SYSTEM: the payment provider, jobs and carrier tracking. */
export const ACTORS = [...ROLES, "SYSTEM"] as const;
export type Actor = Role | "SYSTEM";

/** One row of a machine's table. */
export type MoveRule<S extends string, P> = {
  readonly from: S;
  readonly to: S;
  readonly roles: readonly Actor[];
  readonly payload: z.ZodType<P, z.ZodTypeDef, unknown>;
};

/** The locale namespace of a machine's messages: `<namespace>:errors.transitionNotAllowed` and so on. */
export type MachineNamespace = "orders" | "returns" | "complaints" | "claims";

export type MoveErrorCode = "NOT_ALLOWED" | "WRONG_ROLE" | "NOT_ASSIGNED" | "NOT_OWNER" | "MISSING_FIELDS";
export type MoveRefusal<C extends string> = { ok: false; code: C; message: string };

export type MoveCheck<R, P, C extends string> =
  | { ok: true; payload: P; rule: R }
  | (MoveRefusal<C | MoveErrorCode> & {
      /** MISSING_FIELDS: the payload's missing or invalid fields, as dotted paths (dimensionsCm.1, units.0.photos). */
      fields?: string[];
      /** MISSING_FIELDS: each field's locale keys, for the form. */
      fieldErrors?: Record<string, string[]>;
    });

export type MoveRequest<S extends string, R> = {
  from: S;
  to: S;
  role: Actor;
  /** The acting shopper placed the order (the order the return belongs to). */
  isOwner: boolean;
  /** The acting agent is the order's assigned agent. */
  isAssignedAgent: boolean;
  payload?: unknown;
  /** Which rows of the table apply to this record at all (an order's price-check rows, a return's fault). */
  applies: (rule: R) => boolean;
  /** An agent who is not the assigned one may still make this move (an order nobody has claimed). */
  agentMayClaim?: (rule: R) => boolean;
  /** The machine's own condition on the matched rule, after the people checks and before the payload. */
  guard?: (rule: R) => MoveRefusal<string> | undefined;
};

/** A machine over `statuses` and its table `rules`, with its messages in `namespace`. */
export function stateMachine<S extends string, R extends MoveRule<S, unknown>>(
  namespace: MachineNamespace,
  statuses: readonly S[],
  rules: readonly R[],
) {
  type P = z.output<R["payload"]>;
  const refuse = (code: MoveErrorCode, key: string): MoveRefusal<MoveErrorCode> => ({
    ok: false,
    code,
    message: `${namespace}:errors.${key}`,
  });
  const between = (from: S, to: S, applies: (rule: R) => boolean) =>
    rules.filter((candidate) => candidate.from === from && candidate.to === to && applies(candidate));
  const forRole = (from: S, to: S, role: Actor, applies: (rule: R) => boolean) =>
    between(from, to, applies).find((candidate) => candidate.roles.includes(role));

  return {
    /**
     * May `role` make the move, and is the payload complete? On success the payload comes back parsed
     * (trimmed, defaults filled, unknown keys dropped). Checks in order: the move exists for this record
     * (NOT_ALLOWED), the role may make it (WRONG_ROLE), the shopper owns the order (NOT_OWNER), the agent
     * is assigned to it (NOT_ASSIGNED), the machine's own guard, the payload (MISSING_FIELDS).
     */
    check<C extends string = never>(request: MoveRequest<S, R>): MoveCheck<R, P, C> {
      const { from, to, role, isOwner, isAssignedAgent, payload, applies } = request;
      const candidates = between(from, to, applies);
      if (candidates.length === 0) return refuse("NOT_ALLOWED", "transitionNotAllowed");
      const matched = candidates.find((candidate) => candidate.roles.includes(role));
      if (!matched) return refuse("WRONG_ROLE", "wrongRole");
      if (role === "SHOPPER" && !isOwner) return refuse("NOT_OWNER", "notOwner");
      if (role === "AGENT" && !isAssignedAgent && !request.agentMayClaim?.(matched)) return refuse("NOT_ASSIGNED", "notAssigned");
      const refused = request.guard?.(matched);
      if (refused) return refused as MoveRefusal<C>;
      const parsed = matched.payload.safeParse(payload ?? {});
      if (parsed.success) return { ok: true, payload: parsed.data, rule: matched };
      const fieldErrors = fieldErrorsOf(parsed.error);
      return { ...refuse("MISSING_FIELDS", "missingFields"), fields: Object.keys(fieldErrors), fieldErrors };
    },
    /** The statuses `role` may move a record in `from` to, in the machine's status order: the buttons to show. */
    allowed(from: S, role: Actor, applies: (rule: R) => boolean): S[] {
      return statuses.filter((to) => forRole(from, to, role, applies) !== undefined);
    },
    /** The zod schema for the payload of a move, for the form that collects it; undefined when the move is not allowed. */
    payloadSchemaFor(from: S, to: S, role: Actor, applies: (rule: R) => boolean): R["payload"] | undefined {
      return forRole(from, to, role, applies)?.payload;
    },
    /** No move leads out of it. */
    isTerminal(status: S): boolean {
      return !rules.some((candidate) => candidate.from === status);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Payload pieces both machines' forms use, with the messages of the machine's namespace.

const NOTE_MAX = 1000;
/** The most photos one move carries (a warehouse check-in, a receipt, one returned unit). */
export const MAX_MOVE_PHOTOS = 20;

export function payloadFields(namespace: MachineNamespace) {
  const key = (name: string) => `${namespace}:errors.${name}`;
  const requiredText = (required: string, max: number, tooLong: string) =>
    z.string({ required_error: required, invalid_type_error: required }).trim().min(1, required).max(max, tooLong);
  return {
    requiredText,
    /** The note every move may carry for its event row. */
    note: z
      .string({ invalid_type_error: key("noteInvalid") })
      .trim()
      .max(NOTE_MAX, key("noteTooLong")),
    /** A note the move cannot do without (a rejection's reason, a notice). */
    requiredNote: z
      .string({ required_error: key("noteRequired"), invalid_type_error: key("noteInvalid") })
      .trim()
      .min(1, key("noteRequired"))
      .max(NOTE_MAX, key("noteTooLong")),
    carrier: requiredText(key("carrierRequired"), 64, key("carrierTooLong")),
    trackingNumber: z
      .string({ required_error: key("trackingRequired"), invalid_type_error: key("trackingRequired") })
      .trim()
      .min(1, key("trackingRequired"))
      .max(40, key("trackingInvalid"))
      .regex(/^[A-Za-z0-9-]*$/, key("trackingInvalid")),
    /** A stored photo's name, as the upload pipeline gave it (app/services/order-photos.server.ts). */
    photo: z
      .string({ invalid_type_error: key("photoInvalid") })
      .trim()
      .min(1, key("photoInvalid"))
      .max(200, key("photoInvalid")),
  };
}

/** A form field's text; blank is absent. For the functions that build a move's payload from its form. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
