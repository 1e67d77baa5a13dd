import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirectDocument } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { ImportUploadForm } from "~/components/import-upload";
import { getRegion } from "~/models/regions.server";
import { assertAllowed, notFound, requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { receiveImportUpload, UPLOAD_LIMIT_LABEL } from "~/utils/import-upload.server";
import { pageTitle } from "~/utils/meta";
import { UuidSchema } from "~/utils/schemas";

/** Import a file as a new draft set in a region's workspace (?region=, else the header's region; editors only). */

async function requireImportRegion(request: Request) {
  const auth = await requireUser(request);
  const regionId = new URL(request.url).searchParams.get("region") ?? auth.currentRegionId;
  if (!regionId || !UuidSchema.safeParse(regionId).success) notFound();
  const region = await getRegion({ regionId });
  // A workspace is private to the region's members; its viewers see it but may not import.
  if (!region || !auth.principal.regionRoles.has(region.id)) notFound();
  assertAllowed(auth, "region.write", { type: "region", regionId: region.id });
  return { auth, region };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { region } = await requireImportRegion(request);
  return { region: { id: region.id, name: region.name }, limitLabel: UPLOAD_LIMIT_LABEL };
}

export async function action({ request }: ActionFunctionArgs) {
  const { auth, region } = await requireImportRegion(request);
  const received = await receiveImportUpload(request, {
    regionId: region.id,
    targetSetId: null,
    actorUserId: auth.user.id,
  });
  if (received.status === "error") return received.response;
  // The wizard opens as a new document: a client-side redirect into it (a lazily discovered
  // route) now and then left the browser tests on a blank error page.
  return redirectDocument(`/imports/${received.importId}`);
}

export default function NewSetImportRoute() {
  const t = useT();
  const { region, limitLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/sets">{t("sets.pageTitle")}</Link> / {region.name}
      </p>
      <h1>{t("exchange.import.newSetHeading")}</h1>
      <p>{t("exchange.import.newSetIntro", { region: region.name })}</p>
      <ImportUploadForm error={actionData ?? null} limitLabel={limitLabel} />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "exchange.import.newSetHeading");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
