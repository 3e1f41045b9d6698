import { describe, expect, test } from "vitest";
import { fieldNamesProblem, FORM_LIMITS } from "~/domain/form-limits";
import { updateCartSchema } from "~/domain/orders/cart-forms";
import { shippingLineSchema } from "~/domain/pricing/schemas";
import { returnPolicyFormSchema } from "~/domain/returns/policy-form";
import { parseSearchQuery } from "~/domain/search-query";
import { parseWithZod } from "~/utils/parse-form";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("numbers typed into forms are read strictly", () => {
  test.each(["   ", "0x1F", "1e1", "+5", "٣", "Infinity", "5abc"])("the cart refuses %j as a quantity", (text) => {
    const submission = parseWithZod(form({ intent: "update", itemId: "i1", quantity: text }), { schema: updateCartSchema });
    expect(submission.status).toBe("error");
    expect(submission.status === "error" && submission.error?.quantity).toEqual(["orders:errors.quantityInvalid"]);
  });

  test("digits with spaces around them are a number", () => {
    const submission = parseWithZod(form({ intent: "update", itemId: "i1", quantity: " 3 " }), { schema: updateCartSchema });
    expect(submission.status === "success" && submission.value).toMatchObject({ quantity: 3 });
  });

  test('return-policy days: "0x1F" is not 31 and "   " is not 0', () => {
    const base = { shopperFaultDays: "7", platformFaultDays: "30", cbecTaxReturnDays: "30", restockingRate: "0.1" };
    for (const bad of ["0x1F", "   "]) {
      const submission = parseWithZod(form({ ...base, shopperFaultDays: bad }), { schema: returnPolicyFormSchema });
      expect(submission.status).toBe("error");
      expect(submission.status === "error" && submission.error?.shopperFaultDays).toEqual(["returns:errors.configDaysInvalid"]);
    }
  });

  test("the admin's shipping-line weights (read without conform) are strict too", () => {
    const line = {
      intent: "line",
      code: "us-test",
      nameZh: "测试",
      nameEn: "Test",
      originCountry: "US",
      customsRegime: "POSTAL",
      firstWeightGrams: "500",
      firstWeightPrice: "98",
      additionalWeightGrams: "500",
      additionalWeightPrice: "32",
      handlingFee: "0",
      removeBoxesFee: "5.00",
      extraProtectionFee: "12",
      freeStorageDays: "30",
      etaDaysMin: "7",
      etaDaysMax: "15",
    };
    expect(shippingLineSchema.safeParse(line).success).toBe(true);
    // Packing fees are CNY with at most two decimals, free storage 0–365 whole days.
    const storage = shippingLineSchema.safeParse({ ...line, removeBoxesFee: "1.234", freeStorageDays: "366" });
    expect(storage.success || storage.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["removeBoxesFee", "admin:errors.fen"],
      ["freeStorageDays", "admin:errors.storageDays"],
    ]);
    expect(shippingLineSchema.safeParse({ ...line, freeStorageDays: "0" }).success).toBe(true);
    const hex = shippingLineSchema.safeParse({ ...line, firstWeightGrams: "0x1F4" });
    expect(hex.success || hex.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["firstWeightGrams", "admin:errors.integer"],
    ]);
    expect(shippingLineSchema.safeParse({ ...line, etaDaysMin: "   " }).success).toBe(false);
  });

  test("search filters ignore what is not a number instead of reading hex", () => {
    expect(parseSearchQuery(new URLSearchParams({ minCny: "0x1F", page: "1e2" }))).toMatchObject({ minCny: undefined, page: 1 });
    expect(parseSearchQuery(new URLSearchParams({ minCny: " 31 ", page: "2" }))).toMatchObject({ minCny: 31, page: 2 });
  });
});

describe("field names are bounded before anything expands them", () => {
  test("array indices up to the limit pass; beyond it, in any position, they are refused", () => {
    expect(fieldNamesProblem(["items[0].price", `items[${FORM_LIMITS.maxArrayIndex}].price`])).toBeNull();
    expect(fieldNamesProblem([`items[${FORM_LIMITS.maxArrayIndex + 1}].price`])).toBe("indexTooLarge");
    expect(fieldNamesProblem(["a[1].b[1000000]"])).toBe("indexTooLarge");
    expect(fieldNamesProblem([`zz[${"9".repeat(40)}]`])).toBe("indexTooLarge");
  });

  test("too many fields and too long names", () => {
    expect(fieldNamesProblem(Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, index) => `f${index}`))).toBe("tooManyFields");
    expect(fieldNamesProblem(Array.from({ length: FORM_LIMITS.maxFields }, (_, index) => `f${index}`))).toBeNull();
    expect(fieldNamesProblem(["x".repeat(FORM_LIMITS.maxNameLength + 1)])).toBe("nameTooLong");
  });
});
