import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { regionRoleLabel, steeringRoleLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  return {
    name: auth.user.name,
    email: auth.user.email,
    isPlatformAdmin: auth.user.isPlatformAdmin,
    memberships: auth.memberships,
    steering: auth.steering,
  };
}

export default function AccountRoute() {
  const t = useT();
  const { name, email, isPlatformAdmin, memberships, steering } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("account.title")}</h1>
      <dl className="card">
        <dt>{t("account.name")}</dt>
        <dd>{name}</dd>
        <dt>{t("account.email")}</dt>
        <dd>{email}</dd>
        {isPlatformAdmin ? (
          <>
            <dt>{t("account.platform")}</dt>
            <dd>{t("role.platformAdmin")}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("account.regions")}</h2>
      {memberships.length === 0 ? (
        <p>{t("home.noRegions")}</p>
      ) : (
        <ul>
          {memberships.map((membership) => (
            <li key={membership.regionId}>
              {membership.regionName}: {t(regionRoleLabel[membership.role])}
              {membership.isLegalCounsel ? `, ${t("role.legalCounsel")}` : null}
            </li>
          ))}
        </ul>
      )}
      {steering.length > 0 ? (
        <>
          <h2>{t("account.steering")}</h2>
          <ul>
            {steering.map((entry) => (
              <li key={entry.collaborationId}>
                {entry.collaborationName}: {t(steeringRoleLabel[entry.role])}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("notifications.title")}</h2>
      <p>
        <Link to="/account/notifications">{t("notifications.preferencesLink")}</Link>
      </p>
      <h2>{t("account.security")}</h2>
      <ul>
        <li>
          <Link to="/account/password">{t("account.changePassword")}</Link>
        </li>
        <li>
          <Link to="/account/sessions">{t("account.mySessions")}</Link>
        </li>
      </ul>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
