import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { listCollaborations } from "~/models/collaborations.server";
import { requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { regionRoleLabel, steeringRoleLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const collaborations = await listCollaborations();
  const mine = collaborations.filter((collaboration) => auth.principal.collaborationIds.has(collaboration.id));
  return {
    name: auth.user.name,
    isPlatformAdmin: auth.user.isPlatformAdmin,
    memberships: auth.memberships,
    steering: auth.steering,
    collaborations: mine,
    currentRegionId: auth.currentRegionId,
  };
}

export default function HomeRoute() {
  const t = useT();
  const { name, memberships, steering, collaborations, isPlatformAdmin, currentRegionId } =
    useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section aria-labelledby="my-regions">
        <h2 id="my-regions">{t("home.myRegions")}</h2>
        {memberships.length === 0 ? (
          <p>{isPlatformAdmin ? t("home.noRegionsAdmin") : t("home.noRegions")}</p>
        ) : (
          <div className="grid">
            {memberships.map((membership) => (
              <article key={membership.regionId} className="card">
                <h3>{membership.regionName}</h3>
                <p>
                  {t("home.yourRole")} <strong>{t(regionRoleLabel[membership.role])}</strong>
                  {membership.isLegalCounsel ? ` · ${t("role.legalCounsel")}` : null}
                  {membership.regionId === currentRegionId ? ` · ${t("home.currentRegion")}` : null}
                </p>
                <ul className="plain">
                  <li>
                    <Link to={`/regions/${membership.regionId}/members`}>{t("home.members")}</Link>
                  </li>
                  {membership.role === "admin" ? (
                    <li>
                      <Link to={`/regions/${membership.regionId}/audit`}>{t("home.auditLog")}</Link>
                    </li>
                  ) : null}
                </ul>
              </article>
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="my-collaborations">
        <h2 id="my-collaborations">{t("home.myCollaborations")}</h2>
        {collaborations.length === 0 ? (
          <p>{t("home.noCollaborations")}</p>
        ) : (
          <ul className="plain">
            {collaborations.map((collaboration) => {
              const steeringRole = steering.find((s) => s.collaborationId === collaboration.id)?.role;
              return (
                <li key={collaboration.id}>
                  <Link to={`/collaborations/${collaboration.id}`}>{collaboration.name}</Link>{" "}
                  <span className="muted">({t("home.regionCount", { count: collaboration.regionNames.length })})</span>
                  {steeringRole ? <span className="badge">{t(steeringRoleLabel[steeringRole])}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
