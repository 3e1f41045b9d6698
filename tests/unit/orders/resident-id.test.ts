import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { buyerIdentitySchema, maskName, maskResidentId, residentIdCheckCode, validateResidentId } from "~/domain/orders";

// GB 11643-1999, computed here independently of the implementation.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCode = (first17: string) =>
  "10X98765432".charAt([...first17].reduce((sum, digit, i) => sum + Number(digit) * (WEIGHTS[i] ?? 0), 0) % 11);
const withCheck = (first17: string) => first17 + checkCode(first17);

const today = new Date("2024-03-14T09:00:00Z");

describe("validateResidentId", () => {
  test("valid numbers, one with an X check character", () => {
    expect(withCheck("11010119900307451")).toBe("110101199003074514");
    expect(withCheck("11010519491231002")).toBe("11010519491231002X");
    expect(validateResidentId("110101199003074514", today)).toEqual({ ok: true, id: "110101199003074514", birthDate: "1990-03-07" });
    expect(validateResidentId("11010519491231002X", today)).toEqual({ ok: true, id: "11010519491231002X", birthDate: "1949-12-31" });
    expect(validateResidentId(withCheck("44030420000229123"), today)).toMatchObject({ ok: true, birthDate: "2000-02-29" });
  });

  test("a lower-case x and surrounding spaces are accepted, and normalized", () => {
    expect(validateResidentId(" 11010519491231002x ", today)).toEqual({ ok: true, id: "11010519491231002X", birthDate: "1949-12-31" });
  });

  test("a wrong check character is INVALID_CHECKSUM", () => {
    expect(validateResidentId("110101199003074515", today)).toEqual({ ok: false, reason: "INVALID_CHECKSUM" });
    expect(validateResidentId("110105194912310021", today)).toEqual({ ok: false, reason: "INVALID_CHECKSUM" });
    expect(validateResidentId("11010119900307451X", today)).toEqual({ ok: false, reason: "INVALID_CHECKSUM" });
  });

  test.each([
    ["17 characters", "11010119900307451"],
    ["19 characters", "1101011990030745140"],
    ["an X inside", "1101011990030X4514"],
    ["letters", "ABCDEFGHIJKLMNOPQR"],
    ["a 15-digit first-generation number", "110101900307451"],
    ["spaces inside", "110101 19900307 4514"],
    ["empty", ""],
  ])("%s is INVALID_FORMAT", (_label, id) => {
    expect(validateResidentId(id, today)).toEqual({ ok: false, reason: "INVALID_FORMAT" });
  });

  test.each([
    ["February 30th", "32010219880230001"],
    ["February 29th of a common year", "32010219890229001"],
    ["month 13", "32010219881301001"],
    ["day 0", "32010219880100001"],
    ["before 1900", "32010218991231001"],
  ])("%s is INVALID_BIRTH_DATE", (_label, first17) => {
    expect(validateResidentId(withCheck(first17), today)).toEqual({ ok: false, reason: "INVALID_BIRTH_DATE" });
  });

  test("a birth date after today (in China) is BIRTH_DATE_IN_FUTURE", () => {
    expect(validateResidentId(withCheck("11010120240315001"), today)).toEqual({ ok: false, reason: "BIRTH_DATE_IN_FUTURE" });
    expect(validateResidentId(withCheck("11010120240314001"), today)).toMatchObject({ ok: true });
    // 20:00 UTC on the 14th is already the 15th in Beijing.
    const lateEvening = new Date("2024-03-14T20:00:00Z");
    expect(validateResidentId(withCheck("11010120240315001"), lateEvening)).toMatchObject({ ok: true });
    expect(validateResidentId(withCheck("11010120240316001"), lateEvening)).toEqual({ ok: false, reason: "BIRTH_DATE_IN_FUTURE" });
  });

  test("an invalid today is a RangeError", () => {
    expect(() => validateResidentId("110101199003074514", new Date(Number.NaN))).toThrow(RangeError);
  });

  const first17 = fc
    .record({
      region: fc.integer({ min: 110000, max: 659999 }),
      day: fc
        .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2024, 2, 14) })
        .map((ms) => new Date(ms).toISOString().slice(0, 10).replaceAll("-", "")),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ region, day, sequence }) => `${region}${day}${String(sequence).padStart(3, "0")}`);

  propTest.prop([first17], { numRuns: 300 })("the check character agrees with the standard's algorithm; any other is refused", (digits) => {
    expect(residentIdCheckCode(digits)).toBe(checkCode(digits));
    expect(validateResidentId(withCheck(digits), today).ok).toBe(true);
    for (const other of "0123456789X") {
      if (other === checkCode(digits)) continue;
      expect(validateResidentId(digits + other, today)).toEqual({ ok: false, reason: "INVALID_CHECKSUM" });
    }
  });

  propTest.prop([first17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 })], { numRuns: 300 })(
    "changing one digit breaks the checksum",
    (digits, position, shift) => {
      const id = withCheck(digits);
      const changed = (Number(id.charAt(position)) + shift) % 10;
      const typo = id.slice(0, position) + String(changed) + id.slice(position + 1);
      expect(validateResidentId(typo, today).ok).toBe(false);
    },
  );
});

describe("buyerIdentitySchema", () => {
  const schema = buyerIdentitySchema(today);
  const errorsOf = (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? {} : result.error.flatten().fieldErrors;
  };

  test("a valid buyer, normalized", () => {
    expect(schema.parse({ realName: " 张三丰 ", residentId: "11010519491231002x" })).toEqual({
      realName: "张三丰",
      residentId: "11010519491231002X",
    });
    expect(schema.safeParse({ realName: "买买提·艾力", residentId: "110101199003074514" }).success).toBe(true);
  });

  test("each problem has its key", () => {
    expect(errorsOf({})).toEqual({ realName: ["orders:errors.realNameRequired"], residentId: ["orders:errors.residentIdRequired"] });
    expect(errorsOf({ realName: "张", residentId: "110101199003074515" })).toEqual({
      realName: ["orders:errors.realNameLength"],
      residentId: ["orders:errors.residentIdChecksum"],
    });
    expect(errorsOf({ realName: "张3", residentId: "12345" })).toEqual({
      realName: ["orders:errors.realNameInvalid"],
      residentId: ["orders:errors.residentIdFormat"],
    });
    expect(errorsOf({ realName: "张".repeat(31), residentId: withCheck("11010120240315001") })).toEqual({
      realName: ["orders:errors.realNameLength"],
      residentId: ["orders:errors.residentIdBirthDate"],
    });
  });
});

describe("masking", () => {
  test("resident ID: the first four and the last four", () => {
    expect(maskResidentId("110101199003074514")).toBe("1101**********4514");
    expect(maskResidentId("11010519491231002X")).toBe("1101**********002X");
    expect(maskResidentId("12345678")).toBe("********");
    expect(maskResidentId("")).toBe("");
  });

  test("names: the first character, and the last from three on", () => {
    expect(maskName("张三丰")).toBe("张*丰");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧**娜");
    expect(maskName("买买提·艾力")).toBe("买****力");
    expect(maskName("张")).toBe("*");
    expect(maskName("")).toBe("");
    // A character outside the BMP is one character, not two halves.
    expect(maskName("𠮷野家")).toBe("𠮷*家");
    expect(maskName("李𠮷")).toBe("李*");
  });
});
