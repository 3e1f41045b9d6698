import { describe, expect, test } from "vitest";
import { orderStatusSchema } from "~/domain/orders";
import { refundComputationSchema, storedDisputeStatus } from "~/domain/returns/stored";
import { fromColumn, fromJsonColumn, fromRows, storedNamesSchema, StoredValueError } from "~/domain/stored";
import { z } from "zod";

describe("values read back from the database", () => {
  test("a known value passes through typed; an unknown one is an error naming the table and column and the value", () => {
    expect(fromColumn(orderStatusSchema, "Order.status", "SHIPPED")).toBe("SHIPPED");
    expect(() => fromColumn(orderStatusSchema, "Order.status", "LOST")).toThrow(StoredValueError);
    expect(() => fromColumn(orderStatusSchema, "Order.status", "LOST")).toThrow(
      /^Order\.status holds a value the code does not know: "LOST"/,
    );
    expect(storedDisputeStatus(null)).toBeNull();
    expect(() => storedDisputeStatus("MAYBE")).toThrow(/ReturnRequest\.disputeStatus .*"MAYBE"/);
  });

  test("a JSON column must be JSON of the expected shape; the error says where it went wrong", () => {
    expect(fromJsonColumn(storedNamesSchema, "ReturnItem.conditionPhotos", '["a.png"]')).toEqual(["a.png"]);
    expect(() => fromJsonColumn(storedNamesSchema, "ReturnItem.conditionPhotos", "a.png")).toThrow(
      /ReturnItem\.conditionPhotos .*\(not JSON\)/,
    );
    expect(() => fromJsonColumn(storedNamesSchema, "ReturnItem.conditionPhotos", "[1]")).toThrow(/ReturnItem\.conditionPhotos .* at 0 /);
    expect(() => fromJsonColumn(refundComputationSchema, "ReturnRequest.computation", '{"refundFen":"lots"}')).toThrow(
      /ReturnRequest\.computation/,
    );
  });

  test("raw SQL rows are checked row by row", () => {
    const row = z.object({ id: z.string(), total: z.union([z.bigint(), z.number()]) });
    expect(fromRows(row, "Listing count", [{ id: "a", total: 3n }])).toEqual([{ id: "a", total: 3n }]);
    expect(() =>
      fromRows(row, "Listing count", [
        { id: "a", total: 1 },
        { id: 2, total: 1 },
      ]),
    ).toThrow(/Listing count \(raw rows\) .* at 1\.id/);
  });

  test("a long value is shortened in the message", () => {
    const error = (() => {
      try {
        fromColumn(orderStatusSchema, "Order.status", "X".repeat(500));
      } catch (thrown) {
        return thrown as Error;
      }
      return null;
    })();
    expect(error?.message.length).toBeLessThan(300);
  });
});
