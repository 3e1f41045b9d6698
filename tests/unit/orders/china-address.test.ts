import { describe, expect, test } from "vitest";
import { chinaAddressSchema, formatChinaAddress, normalizeChinaMobile } from "~/domain/orders";

const address = {
  province: "广东省",
  city: "深圳市",
  district: "南山区",
  street: "科技园路1号 A栋 1201",
  recipientName: "张三",
  mobile: "13800138000",
  postalCode: "518057",
};

const errorsOf = (value: unknown) => {
  const result = chinaAddressSchema.safeParse(value);
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe("chinaAddressSchema", () => {
  test("a complete address", () => {
    expect(chinaAddressSchema.parse(address)).toEqual(address);
  });

  test("the postal code is optional; an empty field is none", () => {
    const { postalCode: _postalCode, ...withoutPostalCode } = address;
    expect(chinaAddressSchema.parse(withoutPostalCode)).toEqual(withoutPostalCode);
    expect(chinaAddressSchema.parse({ ...address, postalCode: "" }).postalCode).toBeUndefined();
    expect(chinaAddressSchema.parse({ ...address, postalCode: " 100000 " }).postalCode).toBe("100000");
  });

  test("everything missing: each field has its key", () => {
    expect(errorsOf({})).toEqual({
      province: ["orders:errors.provinceRequired"],
      city: ["orders:errors.cityRequired"],
      district: ["orders:errors.districtRequired"],
      street: ["orders:errors.streetRequired"],
      recipientName: ["orders:errors.recipientNameRequired"],
      mobile: ["orders:errors.mobileRequired"],
    });
    expect(errorsOf({ ...address, province: "  ", street: "" })).toEqual({
      province: ["orders:errors.provinceRequired"],
      street: ["orders:errors.streetRequired"],
    });
  });

  test("the recipient's name has 2 to 30 characters", () => {
    expect(errorsOf({ ...address, recipientName: "张" })).toEqual({ recipientName: ["orders:errors.recipientNameTooShort"] });
    expect(errorsOf({ ...address, recipientName: "张".repeat(31) })).toEqual({ recipientName: ["orders:errors.recipientNameTooLong"] });
    expect(errorsOf({ ...address, recipientName: "张".repeat(30) })).toEqual({});
    expect(errorsOf({ ...address, recipientName: "Li Lei" })).toEqual({});
    // Counted in characters, not UTF-16 units.
    expect(errorsOf({ ...address, recipientName: "𠮷" })).toEqual({ recipientName: ["orders:errors.recipientNameTooShort"] });
  });

  test.each(["12800138000", "10800138000", "1380013800", "138001380001", "23800138000", "1380013800a", "+1 415 555 0100"])(
    "mobile %s is refused",
    (mobile) => {
      expect(errorsOf({ ...address, mobile })).toEqual({ mobile: ["orders:errors.mobileInvalid"] });
    },
  );

  test.each([
    ["13800138000", "13800138000"],
    ["19912345678", "19912345678"],
    ["138 0013 8000", "13800138000"],
    ["138-0013-8000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["8613800138000", "13800138000"],
  ])("mobile %s is read as %s", (mobile, normalized) => {
    expect(chinaAddressSchema.parse({ ...address, mobile }).mobile).toBe(normalized);
    expect(normalizeChinaMobile(mobile)).toBe(normalized);
  });

  test.each(["51805", "5180570", "51805a", "ABCDEF"])("postal code %s is refused", (postalCode) => {
    expect(errorsOf({ ...address, postalCode })).toEqual({ postalCode: ["orders:errors.postalCodeInvalid"] });
  });

  test("too long", () => {
    expect(errorsOf({ ...address, street: "路".repeat(121) })).toEqual({ street: ["orders:errors.streetTooLong"] });
    expect(errorsOf({ ...address, province: "省".repeat(21), district: "区".repeat(31) })).toEqual({
      province: ["orders:errors.addressPartTooLong"],
      district: ["orders:errors.addressPartTooLong"],
    });
  });
});

describe("formatChinaAddress", () => {
  test("province, city, district, street in one line", () => {
    expect(formatChinaAddress(address)).toBe("广东省深圳市南山区科技园路1号 A栋 1201");
  });

  test("a municipality is written once", () => {
    expect(formatChinaAddress({ province: "北京市", city: "北京市", district: "朝阳区", street: "建国路88号" })).toBe(
      "北京市朝阳区建国路88号",
    );
  });
});
