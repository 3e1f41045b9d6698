import { setupServer } from "msw/node";
import { handlers } from "./index";

// Tests fail on any request no handler answers (onUnhandledRequest: "error" in the setup files).
export const server = setupServer(...handlers);
