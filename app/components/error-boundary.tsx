import { Form, Link, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";

import { useT } from "~/utils/i18n";

type RootRequestData = { requestId?: string };
type ReauthData = { reauth: true; action: string; fields: Array<[string, string]> };

function isReauth(value: unknown): value is ReauthData {
  return typeof value === "object" && value !== null && "reauth" in value && "fields" in value;
}

function requestIdOf(value: unknown): string | undefined {
  if (typeof value === "object" && value !== null && "requestId" in value && typeof value.requestId === "string") {
    return value.requestId;
  }
  return undefined;
}

/**
 * The error page of every route: 404, 403, 500 in the site layout with a request id, and the
 * "sign in again" panel when a form was posted after the session ended (nothing typed is lost).
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const rootData = useRouteLoaderData<RootRequestData>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const requestId = (isRouteErrorResponse(error) ? requestIdOf(error.data) : undefined) ?? rootData?.requestId;

  if (isRouteErrorResponse(error) && status === 401 && isReauth(error.data)) {
    return <ReauthPanel data={error.data} />;
  }

  const title =
    status === 404 ? t("error.notFound.title") : status === 403 ? t("error.forbidden.title") : t("error.server.title");
  const body =
    status === 404 ? t("error.notFound.body") : status === 403 ? t("error.forbidden.body") : t("error.server.body");
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p className="muted">
        {t("error.status", { status })}
        {requestId ? (
          <>
            {" · "}
            {t("error.requestId")} <code data-testid="request-id">{requestId}</code>
          </>
        ) : null}
      </p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}

function ReauthPanel({ data }: { data: ReauthData }) {
  const t = useT();
  // The form's own bookkeeping (which button, which version) is kept and resent but not listed.
  const keptFields = data.fields.filter(([name]) => name !== "intent" && name !== "baseVersion");
  return (
    <section className="reauth" aria-labelledby="reauth-title">
      <h1 id="reauth-title">{t("reauth.title")}</h1>
      <p role="status">{t("reauth.body")}</p>
      <Form method="post" action="/login" reloadDocument>
        <input type="hidden" name="intent" value="reauth" />
        <input type="hidden" name="replayAction" value={data.action} />
        <input type="hidden" name="replayFields" value={JSON.stringify(data.fields)} />
        <div className="field">
          <label htmlFor="reauth-email">{t("login.email")}</label>
          <input id="reauth-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="reauth-password">{t("login.password")}</label>
          <input id="reauth-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit">{t("reauth.submit")}</button>
      </Form>
      {keptFields.length > 0 ? (
        <details>
          <summary>{t("reauth.keptValues", { count: keptFields.length })}</summary>
          <dl className="kept-values">
            {keptFields.map(([name, value], index) => (
              <div key={`${name}-${index}`}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </section>
  );
}
