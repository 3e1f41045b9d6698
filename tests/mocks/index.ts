import type { RequestHandler } from "msw";

// One file per outside service joins this list as integrations arrive (stores, rate providers, mail).
export const handlers: RequestHandler[] = [];
