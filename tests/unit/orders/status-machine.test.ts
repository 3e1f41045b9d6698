import { describe, expect, test } from "vitest";
import {
  ACTORS,
  NOTICE_STATUSES,
  ORDER_STATUSES,
  STATUS_ORDER,
  allowedTransitions,
  checkTransition,
  isTerminal,
  mayPostNotice,
  mayRecordPriceCheck,
  noticePayloadSchema,
  payloadSchemaFor,
  priceCheckPayloadSchema,
  shouldAutoComplete,
  statusAfterPriceCheck,
  type Actor,
  type OrderStatus,
  type TransitionRequest,
} from "~/domain/orders";

// The brief's table, written out independently of the implementation: "FROM>TO" → roles.
const EXPECTED: Record<string, Actor[]> = {
  "PENDING_PAYMENT>PAID": ["SYSTEM"],
  "PAID>PURCHASING": ["AGENT", "ADMIN"],
  // The shopper confirms a price check's new quote, before anything is bought.
  "AWAITING_SHOPPER>PURCHASING": ["SHOPPER"],
  "PURCHASING>PURCHASED": ["AGENT", "ADMIN"],
  "PURCHASED>AT_WAREHOUSE": ["AGENT", "ADMIN"],
  "AT_WAREHOUSE>SHIPPED": ["AGENT", "ADMIN"],
  "SHIPPED>IN_CUSTOMS": ["AGENT", "ADMIN", "SYSTEM"],
  "IN_CUSTOMS>DELIVERED": ["AGENT", "ADMIN", "SYSTEM"],
  "DELIVERED>COMPLETED": ["SHOPPER", "ADMIN", "SYSTEM"],
  "PENDING_PAYMENT>CANCELLED": ["SHOPPER", "ADMIN"],
  "PAID>CANCELLED": ["SHOPPER", "ADMIN"],
  "PURCHASING>CANCELLED": ["ADMIN"],
  "AWAITING_SHOPPER>CANCELLED": ["SHOPPER", "ADMIN"],
};
// The moves a recorded price check makes (never a button of their own).
const BY_PRICE_CHECK: Record<string, Actor[]> = {
  "PURCHASING>AWAITING_SHOPPER": ["AGENT", "ADMIN"],
  "AWAITING_SHOPPER>PURCHASING": ["AGENT", "ADMIN"],
};

/** Every field any transition needs, valid: zod strips what a transition does not ask for. */
const FULL_PAYLOAD = {
  foreignOrderNumber: "112-4455667-1234567",
  actualCost: "279.99",
  weightGrams: 1250,
  dimensionsCm: [25, 20, 10],
  photos: ["file_abc123"],
  carrier: "EMS",
  trackingNumber: "EA123456789US",
  note: "Seller cancelled the order",
  acceptedQuoteId: "quote_42",
  items: [{ position: 0, price: "279.99", inStock: true }],
  evidenceUrl: "https://store.example/products/1",
};

const request = (overrides: Partial<TransitionRequest> & Pick<TransitionRequest, "from" | "to" | "role">): TransitionRequest => ({
  isAssignedAgent: true,
  isOwner: true,
  priceCheckPassed: true,
  payload: FULL_PAYLOAD,
  ...overrides,
});

const expectedRoles = (from: OrderStatus, to: OrderStatus, via?: "PRICE_CHECK"): Actor[] =>
  (via ? BY_PRICE_CHECK : EXPECTED)[`${from}>${to}`] ?? [];

describe("the transition table", () => {
  test.each([undefined, "PRICE_CHECK"] as const)("every status pair × role (via %s): only the table's entries pass", (via) => {
    let allowed = 0;
    let checked = 0;
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const roles = expectedRoles(from, to, via);
        for (const role of ACTORS) {
          const result = checkTransition(request({ from, to, role, via }));
          checked++;
          if (roles.includes(role)) {
            allowed++;
            expect(result, `${from}→${to} by ${role}`).toMatchObject({ ok: true });
          } else {
            expect(result.ok, `${from}→${to} by ${role}`).toBe(false);
            if (!result.ok) expect(result.code).toBe(roles.length === 0 ? "NOT_ALLOWED" : "WRONG_ROLE");
          }
        }
      }
    }
    expect(allowed).toBe(via ? 4 : 26);
    expect(checked).toBe(11 * 11 * 4);
  });

  test("allowedTransitions agrees with checkTransition, and never offers a price check's move as a button", () => {
    for (const from of ORDER_STATUSES) {
      for (const role of ACTORS) {
        const expected = ORDER_STATUSES.filter((to) => expectedRoles(from, to).includes(role));
        expect(allowedTransitions(from, role), `${from} by ${role}`).toEqual(expected);
      }
    }
  });

  test("buttons for the usual cases", () => {
    expect(allowedTransitions("PAID", "SHOPPER")).toEqual(["CANCELLED"]);
    expect(allowedTransitions("PAID", "AGENT")).toEqual(["PURCHASING"]);
    expect(allowedTransitions("PURCHASING", "AGENT")).toEqual(["PURCHASED"]);
    expect(allowedTransitions("PURCHASING", "ADMIN")).toEqual(["PURCHASED", "CANCELLED"]);
    expect(allowedTransitions("AWAITING_SHOPPER", "SHOPPER")).toEqual(["PURCHASING", "CANCELLED"]);
    expect(allowedTransitions("AWAITING_SHOPPER", "AGENT")).toEqual([]);
    expect(allowedTransitions("DELIVERED", "SHOPPER")).toEqual(["COMPLETED"]);
    expect(allowedTransitions("COMPLETED", "ADMIN")).toEqual([]);
  });

  test("after PURCHASED nothing leads back to the shopper: no choice, no cancellation, no waiting status", () => {
    for (const from of ["PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS", "DELIVERED"] as const) {
      for (const role of ACTORS) {
        for (const to of allowedTransitions(from, role))
          expect(STATUS_ORDER.indexOf(to as (typeof STATUS_ORDER)[number]), `${from} → ${to}`).toBeGreaterThan(STATUS_ORDER.indexOf(from));
        expect(checkTransition(request({ from, to: "AWAITING_SHOPPER", role, via: "PRICE_CHECK" })).ok).toBe(false);
      }
    }
    expect(ORDER_STATUSES).not.toContain("EXCEPTION");
  });

  test("STATUS_ORDER is the happy path, each step one allowed move", () => {
    expect(STATUS_ORDER).toEqual([
      "PENDING_PAYMENT",
      "PAID",
      "PURCHASING",
      "PURCHASED",
      "AT_WAREHOUSE",
      "SHIPPED",
      "IN_CUSTOMS",
      "DELIVERED",
      "COMPLETED",
    ]);
    for (let i = 1; i < STATUS_ORDER.length; i++) {
      const from = STATUS_ORDER[i - 1] as OrderStatus;
      const to = STATUS_ORDER[i] as OrderStatus;
      expect(
        ACTORS.some((role) => allowedTransitions(from, role).includes(to)),
        `${from}→${to}`,
      ).toBe(true);
    }
  });

  test("isTerminal: COMPLETED and CANCELLED only", () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(["COMPLETED", "CANCELLED"]);
  });

  test("payloadSchemaFor gives the form its schema", () => {
    expect(payloadSchemaFor("AT_WAREHOUSE", "SHIPPED", "AGENT")?.safeParse({ carrier: "EMS", trackingNumber: "X1" }).success).toBe(true);
    expect(payloadSchemaFor("AT_WAREHOUSE", "SHIPPED", "SHOPPER")).toBeUndefined();
    expect(payloadSchemaFor("AWAITING_SHOPPER", "PURCHASING", "SHOPPER")?.safeParse({}).success).toBe(false);
  });
});

describe("no purchase without a passed price check", () => {
  test("PURCHASING → PURCHASED is refused until the check passed, for agents and admins alike", () => {
    for (const role of ["AGENT", "ADMIN"] as const) {
      expect(checkTransition(request({ from: "PURCHASING", to: "PURCHASED", role, priceCheckPassed: false }))).toEqual({
        ok: false,
        code: "PRICE_CHECK_REQUIRED",
        message: "orders:errors.priceCheckRequired",
      });
      expect(checkTransition(request({ from: "PURCHASING", to: "PURCHASED", role })).ok).toBe(true);
    }
    // Nothing else waits for it.
    expect(checkTransition(request({ from: "PURCHASED", to: "AT_WAREHOUSE", role: "AGENT", priceCheckPassed: false })).ok).toBe(true);
    expect(checkTransition(request({ from: "PAID", to: "PURCHASING", role: "AGENT", priceCheckPassed: false })).ok).toBe(true);
  });

  test("who records a check, and where it leaves the order", () => {
    expect(ORDER_STATUSES.filter((status) => mayRecordPriceCheck(status, "AGENT"))).toEqual(["PURCHASING", "AWAITING_SHOPPER"]);
    expect(ORDER_STATUSES.filter((status) => mayRecordPriceCheck(status, "ADMIN"))).toEqual(["PURCHASING", "AWAITING_SHOPPER"]);
    for (const role of ["SHOPPER", "SYSTEM"] as const)
      expect(ORDER_STATUSES.some((status) => mayRecordPriceCheck(status, role))).toBe(false);
    expect(statusAfterPriceCheck(true)).toBe("PURCHASING");
    expect(statusAfterPriceCheck(false)).toBe("AWAITING_SHOPPER");
  });

  test("a price check's move needs the check's payload: every item's price or stock, and evidence", () => {
    const check = (payload: unknown) =>
      checkTransition(request({ from: "PURCHASING", to: "AWAITING_SHOPPER", role: "AGENT", via: "PRICE_CHECK", payload }));
    expect(check({ items: [{ position: 0, inStock: false }], evidenceUrl: "https://store.example/p" }).ok).toBe(true);
    expect(check({ items: [{ position: 0, inStock: true }], evidenceUrl: "https://store.example/p" })).toMatchObject({
      fieldErrors: { "items.0.price": ["orders:errors.checkPriceRequired"] },
    });
    expect(check({ items: [{ position: 0, price: "10", inStock: true }] })).toMatchObject({
      fieldErrors: { evidence: ["orders:errors.evidenceRequired"] },
    });
    expect(check({ items: [{ position: 0, price: "10", inStock: true }], evidenceUrl: "javascript:alert(1)" })).toMatchObject({
      fieldErrors: { evidenceUrl: ["orders:errors.evidenceUrlInvalid"] },
    });
    expect(check({ items: [], evidencePhotos: ["a.png"] })).toMatchObject({ fieldErrors: { items: ["orders:errors.checkItemsRequired"] } });
    expect(check({ items: [{ position: 0, price: "0", inStock: true }], evidencePhotos: ["a.png"] })).toMatchObject({
      fieldErrors: { "items.0.price": ["orders:errors.actualCostPositive"] },
    });
    expect(
      check({
        items: [
          { position: 0, price: "1", inStock: true },
          { position: 0, price: "2", inStock: true },
        ],
        evidencePhotos: ["a.png"],
      }),
    ).toMatchObject({ fieldErrors: { "items.1.position": ["orders:errors.invalidRequest"] } });
    expect(
      priceCheckPayloadSchema.safeParse({
        items: [{ position: 0, price: "10", inStock: true }],
        storeShipping: "0",
        evidencePhotos: ["a.png"],
      }).success,
    ).toBe(true);
  });
});

describe("notices instead of EXCEPTION", () => {
  test("staff post a customs hold or delay after purchase; the shopper never does", () => {
    for (const status of ORDER_STATUSES) {
      const allowed = (NOTICE_STATUSES as readonly OrderStatus[]).includes(status);
      for (const role of ["AGENT", "ADMIN", "SYSTEM"] as const) expect(mayPostNotice(status, role), `${status} ${role}`).toBe(allowed);
      expect(mayPostNotice(status, "SHOPPER")).toBe(false);
    }
    expect(noticePayloadSchema.safeParse({ reason: "CUSTOMS_HOLD", note: "Held for inspection" }).success).toBe(true);
    expect(noticePayloadSchema.safeParse({ reason: "PRICE_ROSE", note: "x" }).success).toBe(false);
    expect(noticePayloadSchema.safeParse({ reason: "DELAY" }).success).toBe(false);
  });
});

describe("every allowed transition with its payload", () => {
  test.each([
    ["PENDING_PAYMENT", "PAID", "SYSTEM", {}],
    ["PAID", "PURCHASING", "AGENT", {}],
    ["PURCHASING", "PURCHASED", "AGENT", { foreignOrderNumber: " 112-4455667 ", actualCost: "279.99" }],
    ["PURCHASED", "AT_WAREHOUSE", "AGENT", { weightGrams: 1250, dimensionsCm: [25, 20, 10.5], photos: ["f1", "f2"] }],
    ["AT_WAREHOUSE", "SHIPPED", "ADMIN", { carrier: "EMS", trackingNumber: "EA123456789US" }],
    ["SHIPPED", "IN_CUSTOMS", "SYSTEM", undefined],
    ["IN_CUSTOMS", "DELIVERED", "AGENT", { note: "Signed by the doorman" }],
    ["DELIVERED", "COMPLETED", "SHOPPER", {}],
    ["DELIVERED", "COMPLETED", "SYSTEM", null],
    ["AWAITING_SHOPPER", "PURCHASING", "SHOPPER", { acceptedQuoteId: "quote_2" }],
    ["AWAITING_SHOPPER", "CANCELLED", "SHOPPER", {}],
    ["PAID", "CANCELLED", "SHOPPER", { note: "Changed my mind" }],
  ] as const)("%s → %s by %s", (from, to, role, payload) => {
    expect(checkTransition(request({ from, to, role, payload })).ok).toBe(true);
  });

  test("the parsed payload is trimmed and stripped of unknown keys", () => {
    const result = checkTransition(
      request({
        from: "PURCHASING",
        to: "PURCHASED",
        role: "AGENT",
        payload: { foreignOrderNumber: " 112-44 ", actualCost: " 5.5 ", intent: "save" },
      }),
    );
    expect(result).toMatchObject({ ok: true, payload: { foreignOrderNumber: "112-44", actualCost: "5.5" } });
    if (result.ok) expect(result.payload).not.toHaveProperty("intent");
  });
});

describe("missing and invalid fields are named", () => {
  const purchased = (payload: unknown) => checkTransition(request({ from: "PURCHASING", to: "PURCHASED", role: "AGENT", payload }));
  const atWarehouse = (payload: unknown) => checkTransition(request({ from: "PURCHASED", to: "AT_WAREHOUSE", role: "AGENT", payload }));
  const shipped = (payload: unknown) => checkTransition(request({ from: "AT_WAREHOUSE", to: "SHIPPED", role: "AGENT", payload }));

  test("PURCHASED needs the foreign order number and the actual cost", () => {
    expect(purchased({})).toEqual({
      ok: false,
      code: "MISSING_FIELDS",
      message: "orders:errors.missingFields",
      fields: ["foreignOrderNumber", "actualCost"],
      fieldErrors: { foreignOrderNumber: ["orders:errors.foreignOrderNumberRequired"], actualCost: ["orders:errors.actualCostRequired"] },
    });
    expect(purchased(undefined)).toMatchObject({ fields: ["foreignOrderNumber", "actualCost"] });
    expect(purchased({ foreignOrderNumber: "  ", actualCost: "" })).toMatchObject({
      fieldErrors: { foreignOrderNumber: ["orders:errors.foreignOrderNumberRequired"], actualCost: ["orders:errors.actualCostRequired"] },
    });
    expect(purchased({ foreignOrderNumber: "x".repeat(65), actualCost: "1" })).toMatchObject({
      fieldErrors: { foreignOrderNumber: ["orders:errors.foreignOrderNumberTooLong"] },
    });
    expect(purchased({ foreignOrderNumber: "x".repeat(64), actualCost: "1" }).ok).toBe(true);
  });

  test.each([
    ["0", "orders:errors.actualCostPositive"],
    ["0.00", "orders:errors.actualCostPositive"],
    ["-5", "orders:errors.actualCostInvalid"],
    ["1,299.00", "orders:errors.actualCostInvalid"],
    ["12.3456", "orders:errors.actualCostInvalid"],
    ["abc", "orders:errors.actualCostInvalid"],
  ])("actualCost %j → %s", (actualCost, key) => {
    expect(purchased({ foreignOrderNumber: "A1", actualCost })).toMatchObject({
      code: "MISSING_FIELDS",
      fieldErrors: { actualCost: [key] },
    });
  });

  test.each(["0.01", "1", "15800", "12.345"])("actualCost %j is accepted", (actualCost) => {
    expect(purchased({ foreignOrderNumber: "A1", actualCost }).ok).toBe(true);
  });

  test("actualCost as a number is refused: money is a decimal string", () => {
    expect(purchased({ foreignOrderNumber: "A1", actualCost: 12.5 })).toMatchObject({
      fieldErrors: { actualCost: ["orders:errors.actualCostInvalid"] },
    });
  });

  test("AT_WAREHOUSE needs weight, dimensions and at least one photo", () => {
    expect(atWarehouse({})).toMatchObject({
      code: "MISSING_FIELDS",
      fields: ["weightGrams", "dimensionsCm", "photos"],
      fieldErrors: {
        weightGrams: ["orders:errors.weightRequired"],
        dimensionsCm: ["orders:errors.dimensionsRequired"],
        photos: ["orders:errors.photosRequired"],
      },
    });
    const valid = { weightGrams: 800, dimensionsCm: [30, 20, 10], photos: ["f1"] };
    expect(atWarehouse({ ...valid, photos: [] })).toMatchObject({
      fields: ["photos"],
      fieldErrors: { photos: ["orders:errors.photosRequired"] },
    });
    expect(atWarehouse({ ...valid, photos: [""] })).toMatchObject({ fields: ["photos.0"] });
    expect(atWarehouse({ ...valid, weightGrams: 0 })).toMatchObject({ fieldErrors: { weightGrams: ["orders:errors.weightInvalid"] } });
    expect(atWarehouse({ ...valid, weightGrams: 12.5 })).toMatchObject({ fieldErrors: { weightGrams: ["orders:errors.weightInvalid"] } });
    expect(atWarehouse({ ...valid, weightGrams: "800" })).toMatchObject({ fields: ["weightGrams"] });
    expect(atWarehouse({ ...valid, dimensionsCm: [30, 0, 10] })).toMatchObject({
      fields: ["dimensionsCm.1"],
      fieldErrors: { "dimensionsCm.1": ["orders:errors.dimensionInvalid"] },
    });
    expect(atWarehouse({ ...valid, dimensionsCm: [30, 20] })).toMatchObject({
      fieldErrors: { dimensionsCm: ["orders:errors.dimensionsRequired"] },
    });
    expect(atWarehouse({ ...valid, dimensionsCm: [30, 20, 10, 5] })).toMatchObject({
      fieldErrors: { dimensionsCm: ["orders:errors.dimensionsRequired"] },
    });
    expect(atWarehouse({ ...valid, dimensionsCm: [30, -2, Number.NaN] })).toMatchObject({ fields: ["dimensionsCm.1", "dimensionsCm.2"] });
    expect(atWarehouse(valid).ok).toBe(true);
  });

  test("SHIPPED needs a carrier and a well-formed tracking number", () => {
    expect(shipped({})).toMatchObject({
      fields: ["carrier", "trackingNumber"],
      fieldErrors: { carrier: ["orders:errors.carrierRequired"], trackingNumber: ["orders:errors.trackingRequired"] },
    });
    for (const bad of ["EA 1234", "EA_1234", "单号123", "x".repeat(41)]) {
      expect(shipped({ carrier: "EMS", trackingNumber: bad }), bad).toMatchObject({
        fieldErrors: { trackingNumber: ["orders:errors.trackingInvalid"] },
      });
    }
    for (const good of ["EA123456789US", "1Z-999-AA1", "x".repeat(40), " 12345 "])
      expect(shipped({ carrier: "EMS", trackingNumber: good }).ok, good).toBe(true);
  });

  test("a note is text of at most 1000 characters", () => {
    expect(checkTransition(request({ from: "PAID", to: "CANCELLED", role: "SHOPPER", payload: { note: ["x"] } }))).toMatchObject({
      fieldErrors: { note: ["orders:errors.noteInvalid"] },
    });
    expect(checkTransition(request({ from: "PAID", to: "CANCELLED", role: "SHOPPER", payload: { note: "x".repeat(1001) } }))).toMatchObject(
      {
        fieldErrors: { note: ["orders:errors.noteTooLong"] },
      },
    );
  });

  test("the purchase's evidence link must be a web address", () => {
    expect(purchased({ foreignOrderNumber: "A1", actualCost: "1", evidenceUrl: "ftp://x" })).toMatchObject({
      fieldErrors: { evidenceUrl: ["orders:errors.evidenceUrlInvalid"] },
    });
    expect(purchased({ foreignOrderNumber: "A1", actualCost: "1", evidenceUrl: "https://store.example/orders/1" }).ok).toBe(true);
  });

  test("a payload that is not an object", () => {
    expect(purchased("PURCHASED")).toMatchObject({ code: "MISSING_FIELDS", fields: ["payload"] });
  });
});

describe("who may act", () => {
  test("a wrong role is WRONG_ROLE", () => {
    expect(checkTransition(request({ from: "PENDING_PAYMENT", to: "PAID", role: "ADMIN" }))).toEqual({
      ok: false,
      code: "WRONG_ROLE",
      message: "orders:errors.wrongRole",
    });
    expect(checkTransition(request({ from: "AT_WAREHOUSE", to: "SHIPPED", role: "SHOPPER" })).ok).toBe(false);
    expect(checkTransition(request({ from: "DELIVERED", to: "COMPLETED", role: "AGENT" }))).toMatchObject({ code: "WRONG_ROLE" });
  });

  test("an impossible move is NOT_ALLOWED whoever asks", () => {
    for (const role of ACTORS) {
      expect(checkTransition(request({ from: "PAID", to: "SHIPPED", role }))).toEqual({
        ok: false,
        code: "NOT_ALLOWED",
        message: "orders:errors.transitionNotAllowed",
      });
      expect(checkTransition(request({ from: "COMPLETED", to: "COMPLETED", role })).ok).toBe(false);
    }
  });

  test("an agent acts only on orders assigned to them", () => {
    for (const [from, to] of [
      ["PURCHASING", "PURCHASED"],
      ["PURCHASED", "AT_WAREHOUSE"],
      ["AT_WAREHOUSE", "SHIPPED"],
      ["SHIPPED", "IN_CUSTOMS"],
      ["IN_CUSTOMS", "DELIVERED"],
    ] as const) {
      expect(checkTransition(request({ from, to, role: "AGENT", isAssignedAgent: false }))).toEqual({
        ok: false,
        code: "NOT_ASSIGNED",
        message: "orders:errors.notAssigned",
      });
      // Nobody assigned is not enough past the claim.
      expect(checkTransition(request({ from, to, role: "AGENT", isAssignedAgent: false, isUnclaimed: true }))).toMatchObject({
        code: "NOT_ASSIGNED",
      });
      expect(checkTransition(request({ from, to, role: "ADMIN", isAssignedAgent: false })).ok).toBe(true);
    }
  });

  test("an agent claims an unassigned paid order, but not one assigned to someone else", () => {
    const claim = (isAssignedAgent: boolean, isUnclaimed: boolean) =>
      checkTransition(request({ from: "PAID", to: "PURCHASING", role: "AGENT", isAssignedAgent, isUnclaimed, payload: {} }));
    expect(claim(false, true).ok).toBe(true);
    expect(claim(true, false).ok).toBe(true);
    expect(claim(false, false)).toMatchObject({ code: "NOT_ASSIGNED" });
  });

  test("a shopper acts only on their own order", () => {
    for (const [from, to] of [
      ["PENDING_PAYMENT", "CANCELLED"],
      ["PAID", "CANCELLED"],
      ["DELIVERED", "COMPLETED"],
      ["AWAITING_SHOPPER", "CANCELLED"],
      ["AWAITING_SHOPPER", "PURCHASING"],
    ] as const) {
      expect(checkTransition(request({ from, to, role: "SHOPPER", isOwner: false }))).toEqual({
        ok: false,
        code: "NOT_OWNER",
        message: "orders:errors.notOwner",
      });
    }
  });

  test("ownership and assignment do not matter to ADMIN and SYSTEM", () => {
    expect(
      checkTransition(request({ from: "DELIVERED", to: "COMPLETED", role: "SYSTEM", isOwner: false, isAssignedAgent: false })).ok,
    ).toBe(true);
    expect(checkTransition(request({ from: "PAID", to: "CANCELLED", role: "ADMIN", isOwner: false, isAssignedAgent: false })).ok).toBe(
      true,
    );
  });
});

describe("cancellation", () => {
  const cancel = (from: OrderStatus, role: Actor) => checkTransition(request({ from, to: "CANCELLED", role, payload: {} })).ok;

  test("the shopper cancels before the agent starts buying, or while the order waits for their decision", () => {
    expect(cancel("PENDING_PAYMENT", "SHOPPER")).toBe(true);
    expect(cancel("PAID", "SHOPPER")).toBe(true);
    expect(cancel("PURCHASING", "SHOPPER")).toBe(false);
    expect(cancel("AWAITING_SHOPPER", "SHOPPER")).toBe(true);
  });

  test("an admin cancels before PURCHASED, never after", () => {
    expect(cancel("PENDING_PAYMENT", "ADMIN")).toBe(true);
    expect(cancel("PAID", "ADMIN")).toBe(true);
    expect(cancel("PURCHASING", "ADMIN")).toBe(true);
    for (const from of ["PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS", "DELIVERED", "COMPLETED"] as const)
      expect(cancel(from, "ADMIN"), from).toBe(false);
  });

  test("agents and SYSTEM never cancel", () => {
    for (const from of ORDER_STATUSES) {
      expect(cancel(from, "AGENT")).toBe(false);
      expect(cancel(from, "SYSTEM")).toBe(false);
    }
  });
});

describe("shouldAutoComplete", () => {
  const delivered = new Date("2024-03-01T10:00:00Z");

  test("after the configured number of full days", () => {
    expect(shouldAutoComplete(delivered, new Date("2024-03-08T09:59:59.999Z"), 7)).toBe(false);
    expect(shouldAutoComplete(delivered, new Date("2024-03-08T10:00:00Z"), 7)).toBe(true);
    expect(shouldAutoComplete(delivered, new Date("2024-04-01T00:00:00Z"), 7)).toBe(true);
    expect(shouldAutoComplete(delivered, delivered, 0)).toBe(true);
  });

  test("a delivery in the future or an invalid date never completes", () => {
    expect(shouldAutoComplete(delivered, new Date("2024-02-01T00:00:00Z"), 0)).toBe(false);
    expect(shouldAutoComplete(new Date("not a date"), new Date("2024-04-01T00:00:00Z"), 7)).toBe(false);
    expect(shouldAutoComplete(delivered, new Date(Number.NaN), 7)).toBe(false);
  });

  test("a bad setting is a RangeError", () => {
    expect(() => shouldAutoComplete(delivered, delivered, -1)).toThrow(RangeError);
    expect(() => shouldAutoComplete(delivered, delivered, Number.NaN)).toThrow(RangeError);
  });
});
