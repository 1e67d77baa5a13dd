/** Swedish strings of the notifications feature; spread into `sv.ts`. `en-notifications.ts` must have the same keys. */
export const svNotifications = {} as const;
