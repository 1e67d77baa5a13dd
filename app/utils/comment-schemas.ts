import { z } from "zod";

import { VersionSchema } from "./requirement-schemas";
import { UuidSchema } from "./schemas";

/**
 * Comment forms (shared by server and browser through Conform) and the mention token.
 *
 * A mention is stored in the markdown body as `[@Name](user:<uuid>)`: a markdown link whose
 * `user:` scheme no browser follows and react-markdown's default urlTransform would blank, so
 * the comment renderer turns it into a highlighted name instead. The server rewrites every
 * token on save: the name becomes the person's current name (no one can label a mention
 * "@Chefen"), and a token for someone who cannot see the set becomes plain text.
 */

export const COMMENT_BODY_MAX = 10_000;

const CommentBodySchema = z
  .string({ error: "comments.bodyRequired" })
  .trim()
  .min(1, "comments.bodyRequired")
  .max(COMMENT_BODY_MAX, "comments.bodyTooLong");

/** People picked from the autocomplete: they tell two people of the same name apart. */
const MentionIdsSchema = z
  .array(UuidSchema)
  .max(50, "validation.invalid")
  .optional()
  .transform((ids) => ids ?? []);

export const CreateCommentSchema = z.object({
  body: CommentBodySchema,
  mentionIds: MentionIdsSchema,
  /** A reply names the comment it answers; replies attach to that comment's thread. */
  parentId: UuidSchema.optional(),
});

export const EditCommentSchema = z.object({
  commentId: UuidSchema,
  version: VersionSchema,
  body: CommentBodySchema,
  mentionIds: MentionIdsSchema,
});

export const CommentIdSchema = z.object({ commentId: UuidSchema });

export const COMMENT_INTENTS = ["create", "edit", "delete", "resolve", "reopen"] as const;
export type CommentIntent = (typeof COMMENT_INTENTS)[number];

/** `[@Name](user:<uuid>)`; the name may contain `\]`, `\[` and `\\` escapes. */
export const MENTION_TOKEN = /\[@((?:\\.|[^\]\\])+)\]\(user:([0-9a-fA-F-]{36})\)/g;

function escapeName(name: string): string {
  return name.replace(/[\\[\]]/g, (character) => `\\${character}`);
}

export function unescapeName(name: string): string {
  return name.replace(/\\(.)/g, "$1");
}

export function mentionToken(name: string, userId: string): string {
  return `[@${escapeName(name)}](user:${userId})`;
}

/** The user id of a `user:` URL, or null for any other URL. */
export function mentionedUserId(url: string | undefined): string | null {
  const match = /^user:([0-9a-fA-F-]{36})$/.exec(url ?? "");
  return match?.[1]?.toLowerCase() ?? null;
}

/** A stored body as the person edits it: each token back to the `@Name` they see. */
export function tokensToText(body: string): string {
  return body.replace(MENTION_TOKEN, (_whole, name: string) => `@${unescapeName(name)}`);
}
