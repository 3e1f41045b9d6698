export const ROLES = ["SHOPPER", "AGENT", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];
