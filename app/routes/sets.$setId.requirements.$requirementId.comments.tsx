import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { CommentThreads, NewThreadForm, type CommentActionData } from "~/components/comment-thread";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { handleCommentAction, loadCommentPage, requireCommentedRequirement } from "~/utils/comment-actions.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requireSetAccess } from "~/utils/set-access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const requirement = await requireCommentedRequirement(set.id, params.requirementId);
  const page = await loadCommentPage({ auth, set, requirementId: requirement.id });
  const deleted = requirement.deletedAt !== null;
  return {
    set: toSetHeader(set),
    requirement: {
      id: requirement.id,
      ref: requirement.ref,
      title: requirement.title,
      version: requirement.version,
      deleted,
    },
    ...page,
    // A deleted requirement's discussion stays readable, but takes no new comments.
    canComment: page.canComment && !deleted,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleCommentAction({ request, setId: params.setId, requirementId: params.requirementId ?? "" });
}

export default function RequirementCommentsRoute() {
  const t = useT();
  const { set, requirement, threads, currentUserId, canComment, mayResolveAny } = useLoaderData<typeof loader>();
  const actionData = useActionData<CommentActionData>();
  const mentionsUrl = `/sets/${set.id}/mentions`;
  return (
    <>
      <SetHeader
        set={set}
        heading={t("comments.requirementHeading", { ref: requirement.ref, title: requirement.title })}
      />
      <p>
        {t("comments.requirementIntro", { ref: requirement.ref })}{" "}
        {t("comments.currentVersion", { version: requirement.version })}{" "}
        <Link to={`/sets/${set.id}/requirements/${requirement.id}`}>{t("comments.toRequirement")}</Link>
      </p>
      {requirement.deleted ? <p className="notice notice-warning">{t("comments.requirementDeleted")}</p> : null}
      {set.archivedAt ? <p className="notice">{t("comments.readOnly")}</p> : null}
      <CommentThreads
        threads={threads}
        currentUserId={currentUserId}
        canComment={canComment}
        mayResolveAny={mayResolveAny}
        requirementVersion={requirement.version}
        mentionsUrl={mentionsUrl}
        actionData={actionData}
      />
      {canComment ? (
        <NewThreadForm mentionsUrl={mentionsUrl} actionData={actionData} threadCount={threads.length} />
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "comments.requirementPageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
