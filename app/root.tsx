import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";

import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NotificationLink } from "~/components/notification-link";
import { SessionTimeoutWarning } from "~/components/session-timeout";
import { ToastMessage } from "~/components/toast";
import styles from "~/styles/app.css?url";
import { getAuthContext } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { useT, type Language } from "~/utils/i18n";
import { getLanguage } from "~/utils/i18n.server";
import { useNonce } from "~/utils/nonce";
import { readToast } from "~/utils/toast.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuthContext(request);
  const language = getLanguage(request, auth?.user.locale);
  const { toast, setCookie } = await readToast(request);
  const env = getEnv();
  return data(
    {
      language,
      requestId: context.requestId,
      toast,
      user: auth
        ? {
            id: auth.user.id,
            name: auth.user.name,
            email: auth.user.email,
            isPlatformAdmin: auth.user.isPlatformAdmin,
          }
        : null,
      memberships: auth?.memberships ?? [],
      currentRegionId: auth?.currentRegionId ?? null,
      // Counted in the session lookup's statement, so the badge costs no query of its own.
      unreadNotifications: auth?.unreadNotifications ?? 0,
      sessionTimeout: auth
        ? {
            idleSeconds: env.SESSION_IDLE_TIMEOUT_SECONDS,
            warningSeconds: env.SESSION_WARNING_SECONDS,
            // What the server will allow from now; the browser counts down from it.
            idleRemainingMs: auth.session.idleExpiresAt.getTime() - Date.now(),
          }
        : null,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

/**
 * The root loader runs on every navigation: it carries the request id shown on error pages, the
 * session timer's fresh start and the header's regions, all of which change per request.
 */
export const shouldRevalidate = () => true;

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const language: Language = rootData?.language ?? "sv";
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast, sessionTimeout } = useLoaderData<typeof loader>();
  return (
    <SiteFrame>
      {toast ? <ToastMessage toast={toast} /> : null}
      <Outlet />
      {sessionTimeout ? <SessionTimeoutWarning {...sessionTimeout} /> : null}
    </SiteFrame>
  );
}

function SiteFrame({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("layout.footer")}</p>
      </footer>
    </>
  );
}

function SiteHeader() {
  const t = useT();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const redirectTo = `${location.pathname}${location.search}`;
  const user = rootData?.user ?? null;
  const memberships = rootData?.memberships ?? [];
  const currentRegionId = rootData?.currentRegionId ?? null;
  const language = rootData?.language ?? "sv";
  const otherLanguage: Language = language === "sv" ? "en" : "sv";
  return (
    <header className="site-header">
      <div className="brand">
        <Link to="/">{t("app.name")}</Link>
        <span className="tagline">{t("app.tagline")}</span>
      </div>
      {user ? (
        <nav aria-label={t("layout.mainNav")}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            {currentRegionId ? (
              <>
                <li>
                  <NavLink to="/sets">{t("nav.sets")}</NavLink>
                </li>
                <li>
                  <NavLink to={`/regions/${currentRegionId}/members`}>{t("nav.members")}</NavLink>
                </li>
              </>
            ) : null}
            <li>
              <NavLink to="/library">{t("nav.library")}</NavLink>
            </li>
            <li>
              <NavLink to="/standards">{t("nav.standards")}</NavLink>
            </li>
            <li>
              <NavLink to="/lessons">{t("nav.lessons")}</NavLink>
            </li>
            <li>
              <NavLink to="/procurements">{t("nav.procurements")}</NavLink>
            </li>
            <li>
              <NavLink to="/collaborations">{t("nav.collaborations")}</NavLink>
            </li>
            {user.isPlatformAdmin ? (
              <li>
                <NavLink to="/admin">{t("nav.admin")}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <div className="header-tools">
        {user && memberships.length > 1 ? (
          <Form method="post" action="/regions/switch" className="region-switch">
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <label htmlFor="region-switch">{t("layout.currentRegion")}</label>
            <select
              id="region-switch"
              name="regionId"
              defaultValue={currentRegionId ?? undefined}
              key={currentRegionId}
            >
              {memberships.map((membership) => (
                <option key={membership.regionId} value={membership.regionId}>
                  {membership.regionName}
                </option>
              ))}
            </select>
            <button type="submit">{t("layout.switchRegion")}</button>
          </Form>
        ) : user && memberships[0] ? (
          <span className="current-region">{memberships[0].regionName}</span>
        ) : null}
        <Form method="post" action="/language" className="language-switch">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="language" value={otherLanguage} />
          <button type="submit" lang={otherLanguage}>
            {t("layout.switchLanguage")}
          </button>
        </Form>
        {user ? (
          <>
            <NotificationLink unread={rootData?.unreadNotifications ?? 0} />
            <Link to="/account" className="account-link">
              {user.name}
            </Link>
            <Form method="post" action="/logout">
              <button type="submit">{t("nav.signOut")}</button>
            </Form>
          </>
        ) : (
          <Link to="/login">{t("nav.signIn")}</Link>
        )}
      </div>
    </header>
  );
}

export const meta: MetaFunction = () => [{ title: "Samkrav" }];

export function ErrorBoundary() {
  return (
    <SiteFrame>
      <GeneralErrorBoundary />
    </SiteFrame>
  );
}
