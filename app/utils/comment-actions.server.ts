import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";

import {
  createComment,
  deleteComment,
  editComment,
  getCommentedRequirement,
  listThreads,
  setThreadResolved,
  type CommentActionResult,
  type CommentView,
} from "~/models/comments.server";
import { setResource, type VisibleSet } from "~/models/requirement-sets.server";

import { forbidden, notFound, type AuthContext } from "./auth.server";
import { CommentIdSchema, CreateCommentSchema, EditCommentSchema } from "./comment-schemas";
import { readFormData } from "./form-data.server";
import { can } from "./policy.server";
import { UuidSchema } from "./schemas";
import { requireSetAccess } from "./set-access.server";
import { redirectWithToast } from "./toast.server";

/**
 * The loader and action shared by the two comment pages (a set's discussion and one
 * requirement's): both authorize on the set, and a requirement id from another set is a 404.
 */

async function requireRequirement(setId: string, requirementId: string | undefined) {
  if (!UuidSchema.safeParse(requirementId).success) notFound();
  const requirement = await getCommentedRequirement({ setId, requirementId: requirementId ?? "" });
  if (!requirement) notFound();
  return requirement;
}

function serializeComment(comment: CommentView) {
  return {
    ...comment,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    deletedAt: comment.deletedAt?.toISOString() ?? null,
    resolvedAt: comment.resolvedAt?.toISOString() ?? null,
    revisions: comment.revisions.map((revision) => ({
      body: revision.body,
      writtenAt: revision.writtenAt.toISOString(),
      replacedAt: revision.replacedAt.toISOString(),
    })),
  };
}

export type SerializedComment = ReturnType<typeof serializeComment>;
export type SerializedThread = SerializedComment & { replies: SerializedComment[] };

/** What a comment page needs besides its own header: the threads and what this person may do. */
export async function loadCommentPage({
  auth,
  set,
  requirementId,
}: {
  auth: AuthContext;
  set: VisibleSet;
  requirementId: string | null;
}) {
  const resource = setResource(set);
  const threads = await listThreads({ setId: set.id, requirementId });
  return {
    currentUserId: auth.user.id,
    canComment: can(auth.principal, "set.comment", resource),
    mayResolveAny: can(auth.principal, "set.comment_resolve", resource),
    threads: threads.map((thread) => ({ ...serializeComment(thread), replies: thread.replies.map(serializeComment) })),
  };
}

export { requireRequirement as requireCommentedRequirement };

export type CommentConflict = { body: string; version: number; editedAt: string | null };

export async function handleCommentAction({
  request,
  setId,
  requirementId,
}: {
  request: Request;
  setId: string | undefined;
  /** Undefined for the set's discussion; the route param for a requirement's page. */
  requirementId?: string;
}) {
  const { auth, set } = await requireSetAccess(request, setId, "set.comment");
  const requirement = requirementId === undefined ? null : await requireRequirement(set.id, requirementId);
  const pagePath = requirement ? `/sets/${set.id}/requirements/${requirement.id}/comments` : `/sets/${set.id}/comments`;
  const formData = await readFormData(request);
  const context = { auth, set, requirementId: requirement?.id ?? null, pagePath, formData };
  switch (formData.get("intent")) {
    case "create":
      return create(context);
    case "edit":
      return edit(context);
    case "delete":
      return remove(context);
    case "resolve":
    case "reopen":
      return resolve(context, formData.get("intent") === "resolve");
    default:
      return data({ formId: "", result: null, conflict: null }, { status: 400 });
  }
}

type ActionContext = {
  auth: AuthContext;
  set: VisibleSet;
  requirementId: string | null;
  pagePath: string;
  formData: FormData;
};

async function create({ auth, set, requirementId, pagePath, formData }: ActionContext) {
  const submission = parseWithZod(formData, { schema: CreateCommentSchema });
  const parentId = formData.get("parentId");
  const formId = typeof parentId === "string" && parentId !== "" ? `reply-${parentId}` : "new-thread";
  if (submission.status !== "success")
    return data({ formId, result: submission.reply(), conflict: null }, { status: 400 });
  const result = await createComment({
    setId: set.id,
    requirementId,
    parentId: submission.value.parentId,
    body: submission.value.body,
    mentionIds: submission.value.mentionIds,
    actorUserId: auth.user.id,
  });
  if (result.status !== "created") notFound();
  return redirectWithToast(`${pagePath}#comment-${result.commentId}`, {
    kind: "success",
    message: submission.value.parentId ? "comments.replied" : "comments.created",
  });
}

async function edit({ auth, set, pagePath, formData }: ActionContext) {
  const submission = parseWithZod(formData, { schema: EditCommentSchema });
  const commentId = formData.get("commentId");
  const formId = `edit-${typeof commentId === "string" ? commentId : ""}`;
  if (submission.status !== "success")
    return data({ formId, result: submission.reply(), conflict: null }, { status: 400 });
  const result = await editComment({
    setId: set.id,
    commentId: submission.value.commentId,
    baseVersion: submission.value.version,
    body: submission.value.body,
    mentionIds: submission.value.mentionIds,
    actorUserId: auth.user.id,
  });
  switch (result.status) {
    case "not-found":
      notFound();
    // falls through: notFound() never returns
    case "forbidden":
      forbidden();
    // falls through: forbidden() never returns
    case "conflict": {
      // Someone (the author in another tab) saved first: keep every word typed, show theirs.
      const conflict: CommentConflict = {
        body: result.current.body,
        version: result.current.version,
        editedAt: result.current.editedAt?.toISOString() ?? null,
      };
      return data(
        { formId, result: submission.reply({ formErrors: ["comments.conflict"] }), conflict },
        { status: 409 },
      );
    }
    case "saved":
      return redirectWithToast(`${pagePath}#comment-${result.commentId}`, {
        kind: "success",
        message: "comments.saved",
      });
  }
}

function respondTo(result: CommentActionResult) {
  if (result.status === "not-found") notFound();
  if (result.status === "forbidden") forbidden();
  return result;
}

async function remove({ auth, set, pagePath, formData }: ActionContext) {
  const submission = parseWithZod(formData, { schema: CommentIdSchema });
  if (submission.status !== "success") {
    return data({ formId: "", result: submission.reply(), conflict: null }, { status: 400 });
  }
  const result = respondTo(
    await deleteComment({ setId: set.id, commentId: submission.value.commentId, actorUserId: auth.user.id }),
  );
  if (result.status !== "done") return data({ formId: "", result: null, conflict: null }, { status: 400 });
  return redirectWithToast(`${pagePath}#comment-${result.commentId}`, {
    kind: "success",
    message: "comments.deleted",
  });
}

async function resolve({ auth, set, pagePath, formData }: ActionContext, resolved: boolean) {
  const submission = parseWithZod(formData, { schema: CommentIdSchema });
  if (submission.status !== "success") {
    return data({ formId: "", result: submission.reply(), conflict: null }, { status: 400 });
  }
  const result = respondTo(
    await setThreadResolved({
      setId: set.id,
      commentId: submission.value.commentId,
      resolved,
      actorUserId: auth.user.id,
      mayResolveAny: can(auth.principal, "set.comment_resolve", setResource(set)),
    }),
  );
  if (result.status !== "done") {
    return data(
      { formId: "", result: submission.reply({ formErrors: ["comments.notAThread"] }), conflict: null },
      { status: 400 },
    );
  }
  return redirectWithToast(`${pagePath}#comment-${result.commentId}`, {
    kind: "success",
    message: resolved ? "comments.resolved" : "comments.reopened",
  });
}
