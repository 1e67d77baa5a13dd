import { createContext, useContext } from "react";

/** The CSP nonce of this response; empty in the browser, which hides nonce attributes anyway. */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
