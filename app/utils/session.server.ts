import { createCookieSessionStorage } from "@remix-run/node";
import { getEnv } from "./env.server";

const env = getEnv();

// The cookie carries only the id of a database session, so logout and password changes revoke it.
export const sessionStorage = createCookieSessionStorage<{ sessionId: string }>({
  cookie: {
    name: "__session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.NODE_ENV === "production",
    secrets: [env.SESSION_SECRET],
  },
});

export const SESSION_DAYS = 30;
