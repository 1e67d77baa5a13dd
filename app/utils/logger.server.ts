import pino from "pino";

import { getEnv } from "./env.server";
import { requestStore } from "./request-store.server";

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: "samkrav" },
  // Every line written while a request is handled carries its id and user.
  mixin: () => {
    const store = requestStore.getStore();
    return store ? { requestId: store.requestId, userId: store.userId ?? null } : {};
  },
});
