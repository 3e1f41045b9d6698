import { describe, expect, test } from "vitest";
import {
  DEFAULT_RETURN_POLICY,
  RETURN_REASONS,
  checkEligibility,
  faultOf,
  returnDeadline,
  returnPolicyConfigSchema,
  type EligibilityItem,
} from "~/domain/returns";
import { policy } from "./fixtures";

const DAY = 86_400_000;
const deliveredAt = new Date("2024-03-20T10:00:00.000Z");
const at = (ms: number) => new Date(deliveredAt.getTime() + ms);
const tshirt: EligibilityItem = { taxCategory: "clothing", customMade: false };
const config = DEFAULT_RETURN_POLICY;

describe("the default policy", () => {
  test("is the spec's", () => {
    expect(DEFAULT_RETURN_POLICY).toEqual({
      shopperFaultDays: 7,
      platformFaultDays: 30,
      restockingRate: "0",
      excludedCategories: ["food", "cosmetics_premium", "alcohol"],
      cbecTaxReturnDays: 30,
    });
    expect(Object.isFrozen(DEFAULT_RETURN_POLICY)).toBe(true);
    expect(returnPolicyConfigSchema.parse(DEFAULT_RETURN_POLICY)).toEqual(DEFAULT_RETURN_POLICY);
  });

  test("the admin schema refuses bad days, rates and categories with locale keys", () => {
    const messages = (value: unknown) => {
      const parsed = returnPolicyConfigSchema.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
    };
    expect(messages({ ...config, shopperFaultDays: 7.5 })).toEqual(["shopperFaultDays:returns:errors.configDaysInvalid"]);
    expect(messages({ ...config, platformFaultDays: -1 })).toEqual(["platformFaultDays:returns:errors.configDaysInvalid"]);
    expect(messages({ ...config, cbecTaxReturnDays: 366 })).toEqual(["cbecTaxReturnDays:returns:errors.configDaysInvalid"]);
    for (const restockingRate of ["1.01", "-0.1", "abc", "", "0.1234567"]) {
      expect(messages({ ...config, restockingRate }), restockingRate).toEqual(["restockingRate:returns:errors.configRateInvalid"]);
    }
    expect(messages({ ...config, restockingRate: "1" })).toEqual([]);
    expect(messages({ ...config, restockingRate: " 0.15 " })).toEqual([]);
    expect(messages({ ...config, excludedCategories: ["food", " "] })).toEqual([
      "excludedCategories.1:returns:errors.configCategoryInvalid",
    ]);
    expect(returnPolicyConfigSchema.parse({ ...config, excludedCategories: ["food", "food", "alcohol"] }).excludedCategories).toEqual([
      "food",
      "alcohol",
    ]);
  });
});

describe("windows: N × 24 h after DELIVERED, the deadline itself inclusive", () => {
  test("deadlines", () => {
    expect(returnDeadline(deliveredAt, "SHOPPER", config).toISOString()).toBe("2024-03-27T10:00:00.000Z");
    expect(returnDeadline(deliveredAt, "PLATFORM", config).toISOString()).toBe("2024-04-19T10:00:00.000Z");
  });

  test.each(RETURN_REASONS)("%s: open up to the deadline, closed one millisecond after it, with a complaint offered", (reason) => {
    const days = faultOf(reason) === "SHOPPER" ? 7 : 30;
    const deadline = at(days * DAY);
    for (const now of [deliveredAt, at(1), at(days * DAY - 1), at(days * DAY)]) {
      expect(checkEligibility({ reason, deliveredAt, now, items: [tshirt], config }), now.toISOString()).toEqual({
        ok: true,
        fault: faultOf(reason),
        windowDays: days,
        deadline,
      });
    }
    for (const now of [at(days * DAY + 1), at(365 * DAY)]) {
      expect(checkEligibility({ reason, deliveredAt, now, items: [tshirt], config })).toEqual({
        ok: false,
        code: "WINDOW_CLOSED",
        message: "returns:errors.windowClosed",
        fault: faultOf(reason),
        windowDays: days,
        deadline,
        complaint: true,
      });
    }
  });

  test("a shopper-fault reason on day 8 is closed while a platform-fault reason is still open", () => {
    const now = at(8 * DAY);
    expect(checkEligibility({ reason: "CHANGED_MIND", deliveredAt, now, items: [tshirt], config })).toMatchObject({
      ok: false,
      code: "WINDOW_CLOSED",
      complaint: true,
    });
    expect(checkEligibility({ reason: "DAMAGED", deliveredAt, now, items: [tshirt], config })).toMatchObject({ ok: true });
  });

  test("the windows follow the configuration", () => {
    const custom = policy({ shopperFaultDays: 14, platformFaultDays: 0 });
    expect(checkEligibility({ reason: "SIZE_FIT", deliveredAt, now: at(14 * DAY), items: [tshirt], config: custom })).toMatchObject({
      ok: true,
      windowDays: 14,
    });
    expect(checkEligibility({ reason: "DAMAGED", deliveredAt, now: deliveredAt, items: [tshirt], config: custom })).toMatchObject({
      ok: true,
      windowDays: 0,
    });
    expect(checkEligibility({ reason: "DAMAGED", deliveredAt, now: at(1), items: [tshirt], config: custom })).toMatchObject({
      ok: false,
      code: "WINDOW_CLOSED",
    });
  });

  test("a clock a little behind the delivery time is inside the window", () => {
    expect(checkEligibility({ reason: "CHANGED_MIND", deliveredAt, now: at(-60_000), items: [tshirt], config }).ok).toBe(true);
  });
});

describe("not delivered", () => {
  test.each([null, undefined, new Date(Number.NaN)])("deliveredAt %s → NOT_DELIVERED, no complaint, no deadline", (value) => {
    for (const reason of RETURN_REASONS) {
      const result = checkEligibility({ reason, deliveredAt: value, now: deliveredAt, items: [tshirt], config });
      expect(result).toEqual({
        ok: false,
        code: "NOT_DELIVERED",
        message: "returns:errors.notDelivered",
        fault: faultOf(reason),
        windowDays: faultOf(reason) === "SHOPPER" ? 7 : 30,
        complaint: false,
      });
    }
  });

  test("an invalid now is a programming error", () => {
    expect(() => checkEligibility({ reason: "DAMAGED", deliveredAt, now: new Date(Number.NaN), items: [tshirt], config })).toThrow(
      RangeError,
    );
  });
});

describe("category and custom-made exclusions", () => {
  const now = at(DAY);
  test.each(["food", "cosmetics_premium", "alcohol"])(
    "%s cannot go back for a change of mind, but can for a platform fault",
    (taxCategory) => {
      const items = [tshirt, { taxCategory, customMade: false }];
      for (const reason of ["CHANGED_MIND", "SIZE_FIT"] as const) {
        expect(checkEligibility({ reason, deliveredAt, now, items, config })).toEqual({
          ok: false,
          code: "CATEGORY_EXCLUDED",
          message: "returns:errors.categoryExcluded",
          fault: "SHOPPER",
          windowDays: 7,
          deadline: at(7 * DAY),
          complaint: false,
          items: [1],
        });
      }
      for (const reason of ["DAMAGED", "DEFECTIVE", "WRONG_ITEM", "NOT_AS_DESCRIBED"] as const) {
        expect(checkEligibility({ reason, deliveredAt, now, items, config }).ok).toBe(true);
      }
    },
  );

  test("a custom-made listing cannot go back for a change of mind, but can for a platform fault", () => {
    const items = [{ taxCategory: "clothing", customMade: true }, tshirt, { taxCategory: "jewelry", customMade: true }];
    expect(checkEligibility({ reason: "SIZE_FIT", deliveredAt, now, items, config })).toMatchObject({
      ok: false,
      code: "CUSTOM_MADE",
      message: "returns:errors.customMade",
      complaint: false,
      items: [0, 2],
    });
    expect(checkEligibility({ reason: "DEFECTIVE", deliveredAt, now, items, config }).ok).toBe(true);
  });

  test("exclusions come before the window: an excluded item is explained as such, not as late", () => {
    const late = at(10 * DAY);
    expect(
      checkEligibility({ reason: "CHANGED_MIND", deliveredAt, now: late, items: [{ taxCategory: "food", customMade: false }], config }),
    ).toMatchObject({ code: "CATEGORY_EXCLUDED", complaint: false });
  });

  test("only the items being returned count; the excluded list is configurable", () => {
    expect(checkEligibility({ reason: "CHANGED_MIND", deliveredAt, now, items: [tshirt], config }).ok).toBe(true);
    expect(
      checkEligibility({
        reason: "CHANGED_MIND",
        deliveredAt,
        now,
        items: [{ taxCategory: "food", customMade: false }],
        config: policy({ excludedCategories: [] }),
      }).ok,
    ).toBe(true);
    expect(
      checkEligibility({ reason: "CHANGED_MIND", deliveredAt, now, items: [tshirt], config: policy({ excludedCategories: ["clothing"] }) }),
    ).toMatchObject({ code: "CATEGORY_EXCLUDED" });
  });
});
