import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorList } from "~/components/forms";
import { getNotificationPreferences, setNotificationPreferences } from "~/models/notifications.server";
import { requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_MODES,
  type NotificationKind,
  type NotificationMode,
} from "~/utils/notification-kinds";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

const ModeSchema = z.enum(NOTIFICATION_MODES, { error: "notifications.preferences.invalid" });

/** Every kind must be answered: a missing one is as wrong as a made-up value. */
const PreferencesSchema = z.object({
  review_requested: ModeSchema,
  review_decision: ModeSchema,
  comment: ModeSchema,
  mention: ModeSchema,
  source_changed: ModeSchema,
} satisfies Record<NotificationKind, typeof ModeSchema>);

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  return { preferences: await getNotificationPreferences({ userId: auth.user.id }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const submission = parseWithZod(await readFormData(request), { schema: PreferencesSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await setNotificationPreferences({ userId: auth.user.id, preferences: submission.value });
  return redirectWithToast("/account/notifications", { kind: "success", message: "notifications.preferences.saved" });
}

export default function NotificationPreferencesRoute() {
  const t = useT();
  const { preferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result.error ?? {};
  // After a failed save the person's own choices come back, not the stored ones.
  const submitted = actionData?.result.initialValue ?? {};
  const chosen = (kind: NotificationKind): NotificationMode | undefined => {
    const value = submitted[kind];
    if (typeof value === "string") return NOTIFICATION_MODES.find((mode) => mode === value);
    return actionData ? undefined : preferences[kind];
  };
  return (
    <>
      <h1>{t("notifications.preferences.title")}</h1>
      <p>{t("notifications.preferences.intro")}</p>
      <p className="notice">{t("notifications.preferences.digestExplained")}</p>
      <Form method="post" className="stack card" key={JSON.stringify(preferences)}>
        {NOTIFICATION_KINDS.map((kind) => {
          const errorId = `preference-${kind}-error`;
          const kindErrors = errors[kind];
          return (
            <fieldset
              key={kind}
              className="notification-preference"
              aria-describedby={kindErrors ? errorId : undefined}
            >
              <legend>{t(`notifications.preferences.kind.${kind}`)}</legend>
              {NOTIFICATION_MODES.map((mode) => (
                <span key={mode} className="radio-option">
                  <input
                    type="radio"
                    id={`preference-${kind}-${mode}`}
                    name={kind}
                    value={mode}
                    defaultChecked={chosen(kind) === mode}
                  />{" "}
                  <label htmlFor={`preference-${kind}-${mode}`}>{t(`notifications.preferences.mode.${mode}`)}</label>
                </span>
              ))}
              <ErrorList id={errorId} errors={kindErrors} />
            </fieldset>
          );
        })}
        <div className="button-row">
          <button type="submit">{t("notifications.preferences.save")}</button>
          <Link to="/notifications">{t("notifications.preferences.back")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.preferences.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
