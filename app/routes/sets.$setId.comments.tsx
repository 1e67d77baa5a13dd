import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { CommentThreads, NewThreadForm, type CommentActionData } from "~/components/comment-thread";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { listOpenRequirementThreads } from "~/models/comments.server";
import { handleCommentAction, loadCommentPage } from "~/utils/comment-actions.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requireSetAccess } from "~/utils/set-access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const [page, requirementThreads] = await Promise.all([
    loadCommentPage({ auth, set, requirementId: null }),
    listOpenRequirementThreads({ setId: set.id }),
  ]);
  return { set: toSetHeader(set), ...page, requirementThreads };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleCommentAction({ request, setId: params.setId });
}

export default function SetCommentsRoute() {
  const t = useT();
  const { set, threads, requirementThreads, currentUserId, canComment, mayResolveAny } = useLoaderData<typeof loader>();
  const actionData = useActionData<CommentActionData>();
  const mentionsUrl = `/sets/${set.id}/mentions`;
  return (
    <>
      <SetHeader set={set} heading={t("comments.pageTitle")} />
      <section aria-labelledby="requirement-threads">
        <h2 id="requirement-threads">{t("comments.requirementThreads")}</h2>
        {requirementThreads.length === 0 ? (
          <p>{t("comments.requirementThreadsNone")}</p>
        ) : (
          <table>
            <caption>{t("comments.requirementThreadsCaption", { count: requirementThreads.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("comments.colRequirement")}</th>
                <th scope="col">{t("comments.colThreads")}</th>
                <th scope="col">{t("comments.colComments")}</th>
              </tr>
            </thead>
            <tbody>
              {requirementThreads.map((row) => (
                <tr key={row.requirementId}>
                  <td>
                    <Link to={`/sets/${set.id}/requirements/${row.requirementId}/comments`}>
                      {row.ref} {row.title}
                    </Link>
                  </td>
                  <td>{row.openThreads}</td>
                  <td>{row.openComments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="general-discussion">
        <h2 id="general-discussion">{t("comments.general")}</h2>
        <p>{t("comments.generalIntro")}</p>
        {set.archivedAt ? <p className="notice">{t("comments.readOnly")}</p> : null}
        <CommentThreads
          threads={threads}
          currentUserId={currentUserId}
          canComment={canComment}
          mayResolveAny={mayResolveAny}
          requirementVersion={null}
          mentionsUrl={mentionsUrl}
          actionData={actionData}
        />
        {canComment ? (
          <NewThreadForm mentionsUrl={mentionsUrl} actionData={actionData} threadCount={threads.length} />
        ) : null}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "comments.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
