import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { notificationText } from "~/components/notification-text";
import { listNotifications, markNotificationsRead, openNotification } from "~/models/notifications.server";
import { requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { Principal } from "~/utils/policy.server";
import { redirectWithToast } from "~/utils/toast.server";

const PAGE_SIZE = 30;

/** A page number from the query string; anything else is the first page, as a link would mean. */
const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);
const NotificationIdSchema = z.object({ id: z.string().uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const { items, hasOlder } = await listNotifications({
    principal: auth.principal,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return {
    page,
    hasOlder,
    unread: auth.unreadNotifications,
    notifications: items.map((item) => ({
      id: item.id,
      kind: item.kind,
      count: item.count,
      params: item.params,
      digestDay: item.digestDay,
      lastEventAt: item.lastEventAt.toISOString(),
      unread: item.readAt === null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "open":
      return openOne(auth.principal, formData);
    case "read":
      return markOneRead(auth.user.id, formData);
    case "read-all":
      await markNotificationsRead({ userId: auth.user.id, ids: "all" });
      return redirectWithToast("/notifications", { kind: "success", message: "notifications.allMarkedRead" });
    default:
      return data({ error: "validation.unknownIntent" as const }, { status: 400 });
  }
}

async function openOne(principal: Principal, formData: FormData) {
  const parsed = NotificationIdSchema.safeParse({ id: formData.get("id") });
  if (!parsed.success) return data({ error: "validation.invalid" as const }, { status: 400 });
  const link = await openNotification({ principal, id: parsed.data.id });
  if (!link) return redirectWithToast("/notifications", { kind: "error", message: "notifications.notFound" });
  return redirect(link);
}

async function markOneRead(userId: string, formData: FormData) {
  const parsed = NotificationIdSchema.safeParse({ id: formData.get("id") });
  if (!parsed.success) return data({ error: "validation.invalid" as const }, { status: 400 });
  // Someone else's id changes nothing (the model only touches the user's own rows).
  await markNotificationsRead({ userId, ids: [parsed.data.id] });
  const page = PageSchema.parse(formData.get("page") ?? undefined);
  return redirect(page > 1 ? `/notifications?page=${page}` : "/notifications");
}

export default function NotificationsRoute() {
  const t = useT();
  const { notifications, page, hasOlder, unread } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("notifications.title")}</h1>
      <p>{t("notifications.intro")}</p>
      <div className="notifications-tools">
        <p>
          <strong>{t("notifications.unreadSummary", { count: unread })}</strong>
        </p>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
        <Link to="/account/notifications">{t("notifications.preferencesLink")}</Link>
      </div>
      {notifications.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <ul className="notification-list" aria-label={t("notifications.listLabel")}>
          {notifications.map((notification) => (
            <li key={notification.id} className={notification.unread ? "notification unread" : "notification"}>
              <p className="notification-text" id={`notification-${notification.id}`}>
                <span className={notification.unread ? "badge notification-state-unread" : "badge"}>
                  {notification.unread ? t("notifications.unread") : t("notifications.read")}
                </span>{" "}
                {notification.unread ? (
                  <strong>{notificationText(t, notification)}</strong>
                ) : (
                  notificationText(t, notification)
                )}
              </p>
              <p className="muted notification-when">
                {t("notifications.when", { when: t.dateTime(notification.lastEventAt) })}
              </p>
              <div className="button-row">
                <Form method="post">
                  <input type="hidden" name="id" value={notification.id} />
                  <button type="submit" name="intent" value="open" aria-describedby={`notification-${notification.id}`}>
                    {t("notifications.open")}
                  </button>
                </Form>
                {notification.unread ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={notification.id} />
                    <input type="hidden" name="page" value={page} />
                    <button
                      type="submit"
                      name="intent"
                      value="read"
                      className="secondary"
                      aria-describedby={`notification-${notification.id}`}
                    >
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {page > 1 || hasOlder ? (
        <nav className="pager" aria-label={t("notifications.pagerLabel")}>
          {page > 1 ? (
            <Link to={page > 2 ? `/notifications?page=${page - 1}` : "/notifications"}>{t("notifications.newer")}</Link>
          ) : null}
          {hasOlder ? <Link to={`/notifications?page=${page + 1}`}>{t("notifications.older")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
