import { NavLink } from "@remix-run/react";

import { useT } from "~/utils/i18n";

/**
 * The header's "Aviseringar" link with the unread count as a badge. The badge is hidden from
 * screen readers and the count is said in words instead ("Aviseringar, 3 olästa"), so the name
 * still contains the visible text.
 */
export function NotificationLink({ unread }: { unread: number }) {
  const t = useT();
  return (
    <NavLink to="/notifications" className="notification-link">
      {t("notifications.nav")}
      {unread > 0 ? (
        <>
          {" "}
          <span className="notification-badge" aria-hidden="true">
            {unread}
          </span>
          <span className="visually-hidden">{t("notifications.navUnread", { count: unread })}</span>
        </>
      ) : null}
    </NavLink>
  );
}
