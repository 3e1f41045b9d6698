import { z } from "zod";

export const ROLES = ["SHOPPER", "AGENT", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);
