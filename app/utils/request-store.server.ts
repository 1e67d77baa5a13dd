import { AsyncLocalStorage } from "node:async_hooks";

export type RequestStore = {
  requestId: string;
  userId?: string;
  /** The auth lookup of this request, shared by the root and route loaders (one query, not two). */
  auth?: { token: string; result: Promise<unknown> };
};

declare global {
  // One store per process: server.ts and the server build each bundle this module, and both
  // must see the same store for the log line to carry the user id.
  var __samkravRequestStore: AsyncLocalStorage<RequestStore> | undefined;
}

export const requestStore: AsyncLocalStorage<RequestStore> = (globalThis.__samkravRequestStore ??=
  new AsyncLocalStorage<RequestStore>());

/** Records who made the current request, for the request's log line. */
export function noteRequestUser(userId: string): void {
  const store = requestStore.getStore();
  if (store) store.userId = userId;
}
