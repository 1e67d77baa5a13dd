/** The kinds of notification and the choices per kind; shared by the model and the pages (browser code too). */
export const NOTIFICATION_KINDS = [
  "review_requested",
  "review_decision",
  "comment",
  "mention",
  "source_changed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_MODES = ["on", "digest", "off"] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];
