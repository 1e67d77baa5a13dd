import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";

import { revokeAllOtherSessions, revokeOtherSession } from "~/models/auth.server";
import { requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { listUserSessions } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const sessions = await listUserSessions(auth.user.id);
  return {
    sessions: sessions.map((session) => ({
      // The row id is a hash of the secret; a short prefix is enough to name it in a form.
      key: session.id.slice(0, 16),
      current: session.id === auth.session.id,
      createdAt: session.createdAt.toISOString(),
      lastActiveAt: session.lastActiveAt.toISOString(),
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  switch (intent) {
    case "revoke": {
      const key = String(formData.get("session") ?? "");
      const sessions = await listUserSessions(auth.user.id);
      const target = sessions.find((session) => session.id.startsWith(key) && key.length === 16);
      if (!target || target.id === auth.session.id) {
        return data({ error: "account.sessionNotFound" as const }, { status: 400 });
      }
      await revokeOtherSession({ userId: auth.user.id, sessionId: target.id, request: requestInfo(request, context) });
      return redirectWithToast("/account/sessions", { kind: "success", message: "account.sessionRevoked" });
    }
    case "revoke-others": {
      await revokeAllOtherSessions({
        userId: auth.user.id,
        currentSessionId: auth.session.id,
        request: requestInfo(request, context),
      });
      return redirectWithToast("/account/sessions", { kind: "success", message: "account.otherSessionsRevoked" });
    }
    default:
      return data({ error: "validation.unknownIntent" as const }, { status: 400 });
  }
}

export default function SessionsRoute() {
  const t = useT();
  const { sessions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("account.mySessions")}</h1>
      <p>{t("account.sessionsIntro")}</p>
      <table>
        <caption>{t("account.sessionsCaption", { count: sessions.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("account.sessionDevice")}</th>
            <th scope="col">{t("account.sessionStarted")}</th>
            <th scope="col">{t("account.sessionLastActive")}</th>
            <th scope="col">{t("account.sessionActions")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.key}>
              <td>
                {session.userAgent ?? t("account.unknownDevice")}
                {session.ipAddress ? <span className="muted"> · {session.ipAddress}</span> : null}
              </td>
              <td>{t.dateTime(session.createdAt)}</td>
              <td>{t.dateTime(session.lastActiveAt)}</td>
              <td>
                {session.current ? (
                  <strong>{t("account.thisSession")}</strong>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="session" value={session.key} />
                    <button type="submit" name="intent" value="revoke" className="secondary">
                      {t("account.revokeSession")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 ? (
        <Form method="post">
          <p>
            <button type="submit" name="intent" value="revoke-others" className="danger">
              {t("account.revokeOthers")}
            </button>
          </p>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.mySessions");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
