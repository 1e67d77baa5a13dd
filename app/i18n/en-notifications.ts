import type { svNotifications } from "./sv-notifications";

/** English strings of the notifications feature; same keys as `sv-notifications.ts`. */
export const enNotifications: Record<keyof typeof svNotifications, string> = {};
