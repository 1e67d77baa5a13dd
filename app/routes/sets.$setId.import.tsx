import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirectDocument } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { ImportUploadForm } from "~/components/import-upload";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { useT } from "~/utils/i18n";
import { receiveImportUpload, UPLOAD_LIMIT_LABEL } from "~/utils/import-upload.server";
import { pageTitle } from "~/utils/meta";
import { requireSetAccess } from "~/utils/set-access.server";

/** Import into this draft set: rows update requirements with the same UUID or ref, the rest are added. */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.edit");
  return { set: toSetHeader(set), limitLabel: UPLOAD_LIMIT_LABEL };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const received = await receiveImportUpload(request, {
    regionId: set.ownerRegionId,
    targetSetId: set.id,
    actorUserId: auth.user.id,
  });
  if (received.status === "error") return received.response;
  // The wizard opens as a new document: a client-side redirect into it (a lazily discovered
  // route) now and then left the browser tests on a blank error page.
  return redirectDocument(`/imports/${received.importId}`);
}

export default function SetImportRoute() {
  const t = useT();
  const { set, limitLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <SetHeader set={set} heading={t("exchange.import.intoSetHeading")} />
      <p>{t("exchange.import.intoSetIntro")}</p>
      <ImportUploadForm error={actionData ?? null} limitLabel={limitLabel} />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "exchange.import.intoSetHeading");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
