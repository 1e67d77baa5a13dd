import { Form } from "@remix-run/react";
import ReactMarkdown, { defaultUrlTransform, type Components, type UrlTransform } from "react-markdown";

import { MentionInput } from "~/components/mention-input";
import { mentionedUserId, tokensToText } from "~/utils/comment-schemas";
import type { CommentConflict, SerializedComment, SerializedThread } from "~/utils/comment-actions.server";
import { useT } from "~/utils/i18n";

/** What a comment action answered (400/409), tied to the form that sent it. */
export type CommentActionData = {
  formId: string;
  result: { initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null } | null;
  conflict: CommentConflict | null;
};

/** Mention tokens keep their `user:` URL until the link renderer below; every other URL gets the default check. */
const keepMentionUrls: UrlTransform = (url) => (mentionedUserId(url) ? url : defaultUrlTransform(url));

/**
 * A comment body: markdown written by people in other regions, rendered like `Markdown`
 * (react-markdown builds React elements, never innerHTML; raw HTML is skipped; `javascript:` and
 * other unsafe URLs are blanked by its default urlTransform). The one addition: a mention token
 * `[@Name](user:<id>)` becomes a highlighted name, and only for people the comment really
 * mentions (stored in comment_mentions), so a hand-written token is plain text; and images show
 * as their alt text.
 */
export function CommentBody({ body, mentionedUserIds }: { body: string; mentionedUserIds: readonly string[] }) {
  const components: Components = {
    a: ({ href, children }) => {
      const userId = mentionedUserId(href);
      if (userId === null) return <a href={href}>{children}</a>;
      if (mentionedUserIds.includes(userId)) return <span className="mention">{children}</span>;
      return <>{children}</>;
    },
    // No images in comments: an image from elsewhere would tell its server who reads the thread.
    img: ({ alt }) => <>{alt}</>,
  };
  return (
    <div className="markdown comment-body">
      <ReactMarkdown skipHtml urlTransform={keepMentionUrls} components={components}>
        {body}
      </ReactMarkdown>
    </div>
  );
}

type ThreadProps = {
  currentUserId: string;
  canComment: boolean;
  mayResolveAny: boolean;
  /** The requirement's current version, for "skriven mot v2"; null on a set's discussion. */
  requirementVersion: number | null;
  mentionsUrl: string;
  actionData: CommentActionData | undefined;
};

function fieldErrors(actionData: CommentActionData | undefined, formId: string, field = "body"): string[] | undefined {
  if (actionData?.formId !== formId) return undefined;
  const errors = [...(actionData.result?.error?.[field] ?? []), ...(actionData.result?.error?.[""] ?? [])];
  return errors.length > 0 ? errors : undefined;
}

function typedBody(actionData: CommentActionData | undefined, formId: string): string | undefined {
  if (actionData?.formId !== formId) return undefined;
  const body = actionData.result?.initialValue?.body;
  return typeof body === "string" ? body : undefined;
}

/** The form that starts a thread. */
export function NewThreadForm({
  mentionsUrl,
  actionData,
  threadCount,
}: {
  mentionsUrl: string;
  actionData: CommentActionData | undefined;
  threadCount: number;
}) {
  const t = useT();
  const formId = "new-thread";
  return (
    // A new key after each saved thread empties the text field.
    <Form method="post" className="stack card comment-form" key={`new-${threadCount}`}>
      <h2>{t("comments.newThread")}</h2>
      <input type="hidden" name="intent" value="create" />
      <MentionInput
        id="new-thread-body"
        name="body"
        label={t("comments.body")}
        hint={t("comments.bodyHint")}
        mentionsUrl={mentionsUrl}
        defaultValue={typedBody(actionData, formId)}
        errors={fieldErrors(actionData, formId)}
      />
      <div>
        <button type="submit">{t("comments.submit")}</button>
      </div>
    </Form>
  );
}

export function CommentThreads({ threads, ...props }: ThreadProps & { threads: SerializedThread[] }) {
  const t = useT();
  if (threads.length === 0) return <p>{t("comments.none")}</p>;
  return (
    <ol className="comment-threads" aria-label={t("comments.threads", { count: threads.length })}>
      {threads.map((thread) => (
        <li key={thread.id} className={thread.resolvedAt ? "comment-thread resolved" : "comment-thread"}>
          {thread.resolvedAt ? (
            // Resolved threads fold away but stay readable.
            <details>
              <summary>
                {t("comments.resolvedSummary", { name: thread.authorName, count: 1 + thread.replies.length })}
              </summary>
              <ThreadContent thread={thread} {...props} />
            </details>
          ) : (
            <ThreadContent thread={thread} {...props} />
          )}
        </li>
      ))}
    </ol>
  );
}

function ThreadContent({ thread, ...props }: ThreadProps & { thread: SerializedThread }) {
  const t = useT();
  const { canComment, mayResolveAny, currentUserId, actionData, mentionsUrl } = props;
  const replyFormId = `reply-${thread.id}`;
  const replyErrors = fieldErrors(actionData, replyFormId);
  const mayResolve = canComment && (mayResolveAny || thread.authorUserId === currentUserId);
  return (
    <>
      <CommentItem comment={thread} {...props} />
      {thread.resolvedAt ? (
        <p className="muted">
          {t("comments.resolvedBy", { name: thread.resolvedByName ?? "", date: t.dateTime(thread.resolvedAt) })}
        </p>
      ) : null}
      {thread.replies.length > 0 ? (
        <ol className="comment-replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} {...props} />
            </li>
          ))}
        </ol>
      ) : null}
      <div className="button-row">
        {mayResolve ? (
          <Form method="post">
            <input type="hidden" name="commentId" value={thread.id} />
            <button type="submit" name="intent" value={thread.resolvedAt ? "reopen" : "resolve"} className="secondary">
              {thread.resolvedAt ? t("comments.reopen") : t("comments.resolve")}
            </button>
          </Form>
        ) : null}
      </div>
      {canComment ? (
        <details className="comment-reply" open={replyErrors !== undefined}>
          <summary>{t("comments.reply")}</summary>
          <Form method="post" className="stack" key={`reply-${thread.id}-${thread.replies.length}`}>
            <input type="hidden" name="intent" value="create" />
            <input type="hidden" name="parentId" value={thread.id} />
            <MentionInput
              id={`reply-body-${thread.id}`}
              name="body"
              label={t("comments.replyBody")}
              hint={t("comments.bodyHint")}
              mentionsUrl={mentionsUrl}
              defaultValue={typedBody(actionData, replyFormId)}
              errors={replyErrors}
              rows={3}
            />
            <div>
              <button type="submit">{t("comments.replySubmit")}</button>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}

function CommentItem({ comment, ...props }: ThreadProps & { comment: SerializedComment }) {
  const t = useT();
  const { currentUserId, canComment, requirementVersion, mentionsUrl, actionData } = props;
  const deleted = comment.deletedAt !== null;
  const own = comment.authorUserId === currentUserId && canComment && !deleted;
  const outdated =
    requirementVersion !== null &&
    comment.requirementVersion !== null &&
    requirementVersion > comment.requirementVersion;
  return (
    <article id={`comment-${comment.id}`} className="comment" aria-labelledby={`comment-${comment.id}-by`}>
      <p className="comment-meta" id={`comment-${comment.id}-by`}>
        <strong>
          {comment.authorRegion
            ? t("comments.byline", { name: comment.authorName, region: comment.authorRegion })
            : comment.authorName}
        </strong>{" "}
        <time dateTime={comment.createdAt}>{t.dateTime(comment.createdAt)}</time>
        {comment.editedAt && !deleted ? <span className="muted"> · {t("comments.edited")}</span> : null}
        {outdated ? (
          <span className="badge comment-outdated">
            {t("comments.writtenAgainst", { version: comment.requirementVersion ?? 0 })}
          </span>
        ) : null}
      </p>
      {deleted ? (
        <p className="muted comment-deleted">{t("comments.deletedPlaceholder")}</p>
      ) : (
        <CommentBody body={comment.body} mentionedUserIds={comment.mentionedUserIds} />
      )}
      {!deleted && comment.revisions.length > 0 ? (
        <details className="comment-history">
          <summary>{t("comments.history", { count: comment.revisions.length })}</summary>
          <ol>
            {comment.revisions.map((revision) => (
              <li key={revision.replacedAt}>
                <p className="muted">
                  {t("comments.revision", {
                    date: t.dateTime(revision.writtenAt),
                    replaced: t.dateTime(revision.replacedAt),
                  })}
                </p>
                <CommentBody body={revision.body} mentionedUserIds={comment.mentionedUserIds} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {own ? <OwnCommentActions comment={comment} mentionsUrl={mentionsUrl} actionData={actionData} /> : null}
    </article>
  );
}

function OwnCommentActions({
  comment,
  mentionsUrl,
  actionData,
}: {
  comment: SerializedComment;
  mentionsUrl: string;
  actionData: CommentActionData | undefined;
}) {
  const t = useT();
  const formId = `edit-${comment.id}`;
  const errors = fieldErrors(actionData, formId);
  const conflict = actionData?.formId === formId ? actionData.conflict : null;
  // After a conflict the form saves from the version now stored: "my text replaces theirs".
  const version = conflict ? conflict.version : comment.version;
  return (
    <div className="comment-actions">
      <details open={errors !== undefined}>
        <summary>{t("comments.edit")}</summary>
        {conflict ? (
          <div className="notice notice-warning" role="alert">
            <p>{t("comments.conflictCurrent")}</p>
            <CommentBody body={conflict.body} mentionedUserIds={comment.mentionedUserIds} />
          </div>
        ) : null}
        <Form method="post" className="stack" key={`edit-${comment.id}-${version}`}>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="commentId" value={comment.id} />
          <input type="hidden" name="version" value={version} />
          <MentionInput
            id={`edit-body-${comment.id}`}
            name="body"
            label={t("comments.editBody")}
            hint={t("comments.bodyHint")}
            mentionsUrl={mentionsUrl}
            defaultValue={typedBody(actionData, formId) ?? tokensToText(comment.body)}
            defaultMentionIds={comment.mentionedUserIds}
            errors={errors}
          />
          <div>
            <button type="submit">{t("comments.save")}</button>
          </div>
        </Form>
      </details>
      <Form method="post">
        <input type="hidden" name="commentId" value={comment.id} />
        <button type="submit" name="intent" value="delete" className="link">
          {t("comments.delete")}
        </button>
      </Form>
    </div>
  );
}
