import type { NotificationKind } from "~/utils/notification-kinds";
import type { MessageKey, Translator } from "~/utils/i18n";

export type NotificationView = {
  kind: NotificationKind;
  count: number;
  params: Record<string, string | number>;
  digestDay: string | null;
};

const pluralRules = {
  sv: new Intl.PluralRules("sv-SE"),
  en: new Intl.PluralRules("en-GB"),
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (YYYY-MM-DD) in the language's date style; noon keeps it the same day in Stockholm. */
function formatDay(t: Translator, day: string | number | undefined): string {
  if (typeof day !== "string" || !ISO_DATE.test(day)) return String(day ?? "");
  return t.date(`${day}T12:00:00Z`);
}

/**
 * The sentence of one notification, from the dictionaries by kind and count: "Ny kommentar på
 * VIS" for one event, "10 nya kommentarer på VIS" for a burst, "Sammanfattning för …" for a digest.
 * One event of a review decision says which decision; a burst only counts them.
 */
export function notificationText(t: Translator, notification: NotificationView): string {
  const { kind, count, digestDay } = notification;
  const plural = pluralRules[t.language].select(count) === "one" ? "one" : "other";
  const params = {
    ...notification.params,
    actor: notification.params.actor ?? t("notifications.someone"),
    due: formatDay(t, notification.params.due),
    count,
  };
  if (digestDay) {
    return t(`notifications.digest.${kind}.${plural}`, { ...params, day: formatDay(t, digestDay) });
  }
  return t(textKey(kind, plural, notification.params.decision), params);
}

function textKey(kind: NotificationKind, plural: "one" | "other", decision: unknown): MessageKey {
  if (kind !== "review_decision") return `notifications.text.${kind}.${plural}`;
  if (plural === "other") return "notifications.text.review_decision.other";
  return decision === "request_changes"
    ? "notifications.text.review_decision.request_changes"
    : "notifications.text.review_decision.approve";
}
