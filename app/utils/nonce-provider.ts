import { createContext, useContext } from "react";

// The response's CSP nonce (app/server/security-headers.ts) for Remix's inline scripts. The server
// renders it; in the browser it is "" (browsers hide nonces from the page), which is all hydration needs.
export const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
