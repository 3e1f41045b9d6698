import { describe, expect, test } from "vitest";
import {
  ACTORS,
  FAULTS,
  RETURN_STATUSES,
  RETURN_STATUS_ORDER,
  allowedReturnTransitions,
  checkReturnTransition,
  countsAsReturned,
  isReturnTerminal,
  returnPayloadSchemaFor,
  type Actor,
  type Fault,
  type ReturnStatus,
  type ReturnTransitionRequest,
} from "~/domain/returns";

// The brief's table, written out independently of the implementation: "FROM>TO" → roles (both faults).
const EXPECTED: Record<string, Actor[]> = {
  "REQUESTED>APPROVED": ["AGENT", "ADMIN"],
  "REQUESTED>REJECTED": ["AGENT", "ADMIN"],
  "APPROVED>REJECTED": ["AGENT", "ADMIN"],
  "APPROVED>AWAITING_SHIPMENT": ["AGENT", "ADMIN"],
  "AWAITING_SHIPMENT>IN_TRANSIT": ["SHOPPER", "AGENT", "ADMIN", "SYSTEM"],
  "IN_TRANSIT>RECEIVED": ["AGENT", "ADMIN"],
  "RECEIVED>REFUNDED": ["AGENT", "ADMIN", "SYSTEM"],
  "REQUESTED>CANCELLED": ["SHOPPER"],
  "APPROVED>CANCELLED": ["SHOPPER"],
  "AWAITING_SHIPMENT>CANCELLED": ["SHOPPER"],
};

/** Every field any transition needs, valid for both faults: zod strips what a move does not ask for. */
const FULL_PAYLOAD = {
  note: "The store accepts it: RMA 55123, ship to its Portland warehouse",
  storeAccepted: true,
  carrier: "EMS",
  trackingNumber: "EA123456789CN",
  units: [{ position: 0, condition: "AS_CLAIMED" }],
};

const request = (
  overrides: Partial<ReturnTransitionRequest> & Pick<ReturnTransitionRequest, "from" | "to" | "role">,
): ReturnTransitionRequest => ({
  fault: "PLATFORM",
  isOwner: true,
  isAssignedAgent: true,
  payload: FULL_PAYLOAD,
  ...overrides,
});

const fieldErrors = (overrides: Partial<ReturnTransitionRequest> & Pick<ReturnTransitionRequest, "from" | "to" | "role">) => {
  const result = checkReturnTransition(request(overrides));
  if (result.ok) return {};
  expect(result.code).toBe("MISSING_FIELDS");
  expect(result.message).toBe("returns:errors.missingFields");
  return result.fieldErrors ?? {};
};

describe("the transition table", () => {
  test("every status pair × role × fault: only the table's entries pass", () => {
    let allowed = 0;
    for (const fault of FAULTS) {
      for (const from of RETURN_STATUSES) {
        for (const to of RETURN_STATUSES) {
          const roles = EXPECTED[`${from}>${to}`] ?? [];
          for (const role of ACTORS) {
            const result = checkReturnTransition(request({ from, to, role, fault }));
            const label = `${from}→${to} by ${role} (${fault})`;
            if (roles.includes(role)) {
              allowed++;
              expect(result, label).toMatchObject({ ok: true });
            } else {
              expect(result.ok, label).toBe(false);
              if (!result.ok) {
                expect(result.code, label).toBe(roles.length === 0 ? "NOT_ALLOWED" : "WRONG_ROLE");
                expect(result.message, label).toBe(roles.length === 0 ? "returns:errors.transitionNotAllowed" : "returns:errors.wrongRole");
              }
            }
          }
        }
      }
    }
    expect(allowed).toBe(2 * Object.values(EXPECTED).reduce((sum, roles) => sum + roles.length, 0));
  });

  test("allowedReturnTransitions agrees with the table", () => {
    for (const fault of FAULTS) {
      for (const from of RETURN_STATUSES) {
        for (const role of ACTORS) {
          const expected = RETURN_STATUSES.filter((to) => (EXPECTED[`${from}>${to}`] ?? []).includes(role));
          expect(allowedReturnTransitions(from, role, fault), `${from} by ${role}`).toEqual(expected);
        }
      }
    }
    expect(allowedReturnTransitions("AWAITING_SHIPMENT", "SHOPPER", "SHOPPER")).toEqual(["IN_TRANSIT", "CANCELLED"]);
    expect(allowedReturnTransitions("IN_TRANSIT", "SHOPPER", "PLATFORM")).toEqual([]);
  });

  test("the shopper cancels only before IN_TRANSIT", () => {
    const before: ReturnStatus[] = ["REQUESTED", "APPROVED", "AWAITING_SHIPMENT"];
    for (const from of RETURN_STATUSES) {
      const result = checkReturnTransition(request({ from, to: "CANCELLED", role: "SHOPPER", payload: {} }));
      expect(result.ok, from).toBe(before.includes(from));
    }
  });

  test("terminal statuses, the happy path and which statuses hold units", () => {
    expect(RETURN_STATUSES.filter(isReturnTerminal)).toEqual(["REJECTED", "REFUNDED", "CANCELLED"]);
    expect(RETURN_STATUS_ORDER).toEqual(["REQUESTED", "APPROVED", "AWAITING_SHIPMENT", "IN_TRANSIT", "RECEIVED", "REFUNDED"]);
    expect(RETURN_STATUSES.filter((status) => !countsAsReturned(status))).toEqual(["REJECTED", "CANCELLED"]);
  });
});

describe("who acts on which return", () => {
  test("a shopper only on their own order's returns", () => {
    expect(checkReturnTransition(request({ from: "REQUESTED", to: "CANCELLED", role: "SHOPPER", isOwner: false }))).toEqual({
      ok: false,
      code: "NOT_OWNER",
      message: "returns:errors.notOwner",
    });
    expect(checkReturnTransition(request({ from: "AWAITING_SHIPMENT", to: "IN_TRANSIT", role: "SHOPPER", isOwner: false }))).toMatchObject({
      code: "NOT_OWNER",
    });
  });

  test("an agent only on returns of orders assigned to them; admins and the system on any", () => {
    expect(checkReturnTransition(request({ from: "REQUESTED", to: "APPROVED", role: "AGENT", isAssignedAgent: false }))).toEqual({
      ok: false,
      code: "NOT_ASSIGNED",
      message: "returns:errors.notAssigned",
    });
    expect(
      checkReturnTransition(request({ from: "REQUESTED", to: "APPROVED", role: "ADMIN", isAssignedAgent: false, isOwner: false })).ok,
    ).toBe(true);
    expect(
      checkReturnTransition(request({ from: "RECEIVED", to: "REFUNDED", role: "SYSTEM", isAssignedAgent: false, isOwner: false })).ok,
    ).toBe(true);
  });

  test("the role is checked before ownership: a shopper cannot approve their own return", () => {
    expect(checkReturnTransition(request({ from: "REQUESTED", to: "APPROVED", role: "SHOPPER" }))).toMatchObject({ code: "WRONG_ROLE" });
  });
});

describe("payloads", () => {
  test("rejecting needs a reason note", () => {
    for (const from of ["REQUESTED", "APPROVED"] as const) {
      expect(fieldErrors({ from, to: "REJECTED", role: "AGENT", payload: {} })).toEqual({ note: ["returns:errors.noteRequired"] });
      expect(fieldErrors({ from, to: "REJECTED", role: "AGENT", payload: { note: "   " } })).toEqual({
        note: ["returns:errors.noteRequired"],
      });
      expect(fieldErrors({ from, to: "REJECTED", role: "AGENT", payload: { note: "x".repeat(1001) } })).toEqual({
        note: ["returns:errors.noteTooLong"],
      });
      expect(
        checkReturnTransition(request({ from, to: "REJECTED", role: "AGENT", payload: { note: " Photos show wear from use " } })),
      ).toMatchObject({ ok: true, payload: { note: "Photos show wear from use" } });
    }
  });

  test("shopper fault: AWAITING_SHIPMENT needs the agent's confirmation that the store accepts the return, with a note", () => {
    const move = { from: "APPROVED", to: "AWAITING_SHIPMENT", role: "AGENT", fault: "SHOPPER" } as const;
    expect(fieldErrors({ ...move, payload: {} })).toEqual({
      storeAccepted: ["returns:errors.storeAcceptanceRequired"],
      note: ["returns:errors.noteRequired"],
    });
    expect(fieldErrors({ ...move, payload: { storeAccepted: false, note: "Store refused" } })).toEqual({
      storeAccepted: ["returns:errors.storeAcceptanceRequired"],
    });
    // A label is not a store's acceptance.
    expect(fieldErrors({ ...move, payload: { carrier: "EMS", trackingNumber: "EA1" } })).toMatchObject({
      storeAccepted: ["returns:errors.storeAcceptanceRequired"],
    });
    expect(checkReturnTransition(request({ ...move, payload: { storeAccepted: true, note: "RMA 55123", carrier: "EMS" } }))).toMatchObject({
      ok: true,
      payload: { storeAccepted: true, note: "RMA 55123" },
    });
  });

  test("platform fault: AWAITING_SHIPMENT needs the label, as carrier + tracking or a label reference", () => {
    const move = { from: "APPROVED", to: "AWAITING_SHIPMENT", role: "ADMIN", fault: "PLATFORM" } as const;
    expect(fieldErrors({ ...move, payload: {} })).toEqual({ labelReference: ["returns:errors.labelRequired"] });
    expect(fieldErrors({ ...move, payload: { storeAccepted: true, note: "ok" } })).toEqual({
      labelReference: ["returns:errors.labelRequired"],
    });
    expect(fieldErrors({ ...move, payload: { carrier: "EMS" } })).toEqual({ trackingNumber: ["returns:errors.trackingRequired"] });
    expect(fieldErrors({ ...move, payload: { trackingNumber: "EA1", carrier: "  " } })).toEqual({
      carrier: ["returns:errors.carrierRequired"],
    });
    expect(fieldErrors({ ...move, payload: { carrier: "EMS", trackingNumber: "EA 1" } })).toEqual({
      trackingNumber: ["returns:errors.trackingInvalid"],
    });
    expect(checkReturnTransition(request({ ...move, payload: { carrier: "EMS", trackingNumber: "EA123456789CN" } }))).toMatchObject({
      ok: true,
      payload: { carrier: "EMS", trackingNumber: "EA123456789CN" },
    });
    expect(
      checkReturnTransition(request({ ...move, payload: { labelReference: "LBL-2024-0042", carrier: "", trackingNumber: "" } })),
    ).toMatchObject({ ok: true, payload: { labelReference: "LBL-2024-0042" } });
  });

  test("IN_TRANSIT needs carrier and tracking number", () => {
    const move = { from: "AWAITING_SHIPMENT", to: "IN_TRANSIT", role: "SHOPPER" } as const;
    expect(fieldErrors({ ...move, payload: {} })).toEqual({
      carrier: ["returns:errors.carrierRequired"],
      trackingNumber: ["returns:errors.trackingRequired"],
    });
    expect(fieldErrors({ ...move, payload: { carrier: "x".repeat(65), trackingNumber: "1".repeat(41) } })).toEqual({
      carrier: ["returns:errors.carrierTooLong"],
      trackingNumber: ["returns:errors.trackingInvalid"],
    });
    expect(checkReturnTransition(request({ ...move, payload: { carrier: " SF Express ", trackingNumber: "SF1234567890" } }))).toMatchObject(
      { ok: true, payload: { carrier: "SF Express", trackingNumber: "SF1234567890" } },
    );
  });

  test("RECEIVED needs a condition per unit; note and photos unless AS_CLAIMED", () => {
    const move = { from: "IN_TRANSIT", to: "RECEIVED", role: "AGENT" } as const;
    expect(fieldErrors({ ...move, payload: {} })).toEqual({ units: ["returns:errors.inspectionRequired"] });
    expect(fieldErrors({ ...move, payload: { units: [] } })).toEqual({ units: ["returns:errors.inspectionRequired"] });
    expect(fieldErrors({ ...move, payload: { units: [{ position: 0, condition: "LIKE_NEW" }] } })).toEqual({
      "units.0.condition": ["returns:errors.conditionRequired"],
    });
    expect(fieldErrors({ ...move, payload: { units: [{ position: -1, condition: "AS_CLAIMED" }] } })).toEqual({
      "units.0.position": ["returns:errors.inspectionPositionInvalid"],
    });
    for (const condition of ["USED", "DAMAGED_IN_RETURN", "MISSING"] as const) {
      expect(fieldErrors({ ...move, payload: { units: [{ position: 0, condition }] } })).toEqual({
        "units.0.note": ["returns:errors.conditionNoteRequired"],
        "units.0.photos": ["returns:errors.conditionPhotosRequired"],
      });
      expect(fieldErrors({ ...move, payload: { units: [{ position: 0, condition, note: "Tags removed, worn", photos: [] }] } })).toEqual({
        "units.0.photos": ["returns:errors.conditionPhotosRequired"],
      });
      const ok = checkReturnTransition(
        request({
          ...move,
          payload: { units: [{ position: 0, condition, note: "Tags removed, worn", photos: ["a1.jpg"], refundAdjustment: "ZERO" }] },
        }),
      );
      expect(ok).toMatchObject({
        ok: true,
        payload: { units: [{ position: 0, condition, refundAdjustment: "ZERO", note: "Tags removed, worn", photos: ["a1.jpg"] }] },
      });
    }
    // AS_CLAIMED needs nothing more, and keeps its refund.
    expect(
      checkReturnTransition(
        request({
          ...move,
          payload: {
            units: [
              { position: 0, condition: "AS_CLAIMED" },
              { position: 0, condition: "AS_CLAIMED" },
            ],
          },
        }),
      ),
    ).toMatchObject({
      ok: true,
      payload: { units: [{ refundAdjustment: "KEEP" }, { refundAdjustment: "KEEP" }] },
    });
    expect(fieldErrors({ ...move, payload: { units: [{ position: 0, condition: "AS_CLAIMED", refundAdjustment: "ZERO" }] } })).toEqual({
      "units.0.refundAdjustment": ["returns:errors.adjustmentWithoutCause"],
    });
    expect(
      fieldErrors({
        ...move,
        payload: { units: [{ position: 0, condition: "USED", note: "worn", photos: ["a"], refundAdjustment: "HALF" }] },
      }),
    ).toEqual({ "units.0.refundAdjustment": ["returns:errors.adjustmentInvalid"] });
  });

  test("payload schemas for the forms, per fault", () => {
    const forFault = (fault: Fault) => returnPayloadSchemaFor("APPROVED", "AWAITING_SHIPMENT", "AGENT", fault);
    expect(forFault("SHOPPER")?.safeParse({ storeAccepted: true, note: "ok" }).success).toBe(true);
    expect(forFault("PLATFORM")?.safeParse({ storeAccepted: true, note: "ok" }).success).toBe(false);
    expect(returnPayloadSchemaFor("APPROVED", "AWAITING_SHIPMENT", "SHOPPER", "SHOPPER")).toBeUndefined();
    expect(returnPayloadSchemaFor("REFUNDED", "CANCELLED", "SHOPPER", "SHOPPER")).toBeUndefined();
  });
});
