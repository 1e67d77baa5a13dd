import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { listCollaborations } from "~/models/collaborations.server";
import { assertAllowed, requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  assertAllowed(auth, "collaboration.list", { type: "platform" });
  const collaborations = await listCollaborations();
  return {
    collaborations: collaborations.map((collaboration) => ({
      ...collaboration,
      mine: auth.principal.collaborationIds.has(collaboration.id),
    })),
  };
}

export default function CollaborationsRoute() {
  const t = useT();
  const { collaborations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("collaborations.title")}</h1>
      <p>{t("collaborations.intro")}</p>
      <div className="grid">
        {collaborations.map((collaboration) => (
          <article key={collaboration.id} className="card">
            <h2>
              <Link to={`/collaborations/${collaboration.id}`}>{collaboration.name}</Link>
            </h2>
            {collaboration.mine ? <p className="badge">{t("collaborations.yours")}</p> : null}
            <p>{collaboration.description}</p>
            <p className="muted">
              {t("collaborations.regions", { count: collaboration.regionNames.length })}:{" "}
              {collaboration.regionNames.join(", ")}
            </p>
          </article>
        ))}
      </div>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "collaborations.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
