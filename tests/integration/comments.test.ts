import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { commentMentions, comments } from "../../db/schema/comments";
import { notifications } from "../../db/schema/notifications";
import { requirementSets } from "../../db/schema/requirements";
import { countOpenComments, createComment, listOpenRequirementThreads, listThreads } from "~/models/comments.server";
import { updateRequirement } from "~/models/requirements.server";
import { action as setCommentsAction, loader as setCommentsLoader } from "~/routes/sets.$setId.comments";
import { loader as mentionsLoader } from "~/routes/sets.$setId.mentions";
import {
  action as requirementCommentsAction,
  loader as requirementCommentsLoader,
} from "~/routes/sets.$setId.requirements.$requirementId.comments";
import { COMMENT_BODY_MAX, mentionToken } from "~/utils/comment-schemas";
import { db } from "~/utils/db.server";

import {
  addMembership,
  addSteeringMember,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
  signInAs,
} from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";
import { createSetFixture } from "../support/set-factories";

import { errorsOf } from "./route-helpers";
import { inputFrom, requirementRow } from "./set-helpers";

/**
 * A set owned by region Owner and shared with collaboration (Owner + Partner); a steering-group
 * member of the collaboration with no region in it; and an Outsider region that cannot see it.
 */
async function sharedSetWorld() {
  const owner = await createRegion();
  const partner = await createRegion();
  const outsider = await createRegion();
  const collaboration = await createCollaboration([owner.id, partner.id]);
  const ownerEditor = await createMember(owner.id, "editor");
  const ownerAdmin = await createMember(owner.id, "admin");
  const ownerViewer = await createMember(owner.id, "viewer");
  const partnerViewer = await createMember(partner.id, "viewer");
  const partnerEditor = await createMember(partner.id, "editor");
  const outsiderEditor = await createMember(outsider.id, "editor");
  const steering = await createUser();
  await addMembership(steering.id, outsider.id, "viewer");
  await addSteeringMember(collaboration.id, steering.id, "member");
  const fixture = await createSetFixture({
    ownerRegionId: owner.id,
    authorId: ownerEditor.id,
    sharing: { visibility: "collaboration", collaborationId: collaboration.id },
  });
  return {
    owner,
    partner,
    outsider,
    ownerEditor,
    ownerAdmin,
    ownerViewer,
    partnerViewer,
    partnerEditor,
    outsiderEditor,
    steering,
    ...fixture,
  };
}

async function cookieOf(userId: string) {
  return (await signInAs(userId)).cookie;
}

async function postSetComments(userId: string, setId: string, form: Record<string, string | string[]>) {
  const request = buildRequest(`/sets/${setId}/comments`, { method: "POST", cookie: await cookieOf(userId), form });
  return callRoute(setCommentsAction, request, { setId });
}

async function postRequirementComments(
  userId: string,
  setId: string,
  requirementId: string,
  form: Record<string, string | string[]>,
) {
  const request = buildRequest(`/sets/${setId}/requirements/${requirementId}/comments`, {
    method: "POST",
    cookie: await cookieOf(userId),
    form,
  });
  return callRoute(requirementCommentsAction, request, { setId, requirementId });
}

async function getSetComments(userId: string, setId: string) {
  const request = buildRequest(`/sets/${setId}/comments`, { cookie: await cookieOf(userId) });
  return callRoute(setCommentsLoader, request, { setId });
}

async function getRequirementComments(userId: string, setId: string, requirementId: string) {
  const request = buildRequest(`/sets/${setId}/requirements/${requirementId}/comments`, {
    cookie: await cookieOf(userId),
  });
  return callRoute(requirementCommentsLoader, request, { setId, requirementId });
}

async function mentionSuggestions(userId: string, setId: string, q: string) {
  const request = buildRequest(`/sets/${setId}/mentions?${new URLSearchParams({ q })}`, {
    cookie: await cookieOf(userId),
  });
  return callRoute(mentionsLoader, request, { setId });
}

const CommentSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  authorName: z.string(),
  authorRegion: z.string().nullable(),
  body: z.string(),
  requirementVersion: z.number().nullable(),
  version: z.number(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  revisions: z.array(z.object({ body: z.string(), writtenAt: z.string(), replacedAt: z.string() })),
  mentionedUserIds: z.array(z.string()),
});
const PageSchema = z.object({
  canComment: z.boolean(),
  mayResolveAny: z.boolean(),
  threads: z.array(CommentSchema.extend({ replies: z.array(CommentSchema) })),
});
const PeopleSchema = z.object({
  people: z.array(z.object({ id: z.string(), name: z.string(), regionShortName: z.string().nullable() })),
});

function commentIdFrom(location: string | null): string {
  const match = /#comment-([0-9a-f-]{36})$/.exec(location ?? "");
  if (!match?.[1]) throw new Error(`no comment in ${location}`);
  return match[1];
}

async function newThread(userId: string, setId: string, body: string) {
  const result = await postSetComments(userId, setId, { intent: "create", body });
  expect(result.status, JSON.stringify(result.body)).toBe(302);
  return commentIdFrom(result.headers.get("Location"));
}

async function notificationsOf(userId: string, kind: "comment" | "mention") {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
}

describe("threads", () => {
  test("a comment starts a thread; replies attach to its first comment, also a reply to a reply", async () => {
    const world = await sharedSetWorld();
    const threadId = await newThread(world.partnerViewer.id, world.setId, "Hur tolkas **loggning** här?");
    const reply = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "create",
      parentId: threadId,
      body: "All åtkomst, även läsning.",
    });
    expect(reply.status).toBe(302);
    const replyId = commentIdFrom(reply.headers.get("Location"));
    const replyToReply = await postSetComments(world.steering.id, world.setId, {
      intent: "create",
      parentId: replyId,
      body: "Instämmer.",
    });
    expect(replyToReply.status).toBe(302);

    const page = PageSchema.parse((await getSetComments(world.partnerViewer.id, world.setId)).body);
    expect(page.threads).toHaveLength(1);
    const [thread] = page.threads;
    expect(thread?.body).toBe("Hur tolkas **loggning** här?");
    expect(thread?.authorRegion).toBe(world.partner.shortName);
    expect(thread?.replies.map((r) => r.body)).toEqual(["All åtkomst, även läsning.", "Instämmer."]);
    expect(thread?.replies.every((r) => r.parentId === threadId)).toBe(true);
  });

  test("viewers, other regions and the steering group may comment; an outsider gets 404", async () => {
    const world = await sharedSetWorld();
    for (const user of [world.ownerViewer, world.partnerViewer, world.steering]) {
      const result = await postSetComments(user.id, world.setId, { intent: "create", body: "Synpunkt" });
      expect(result.status).toBe(302);
    }
    expect((await postSetComments(world.outsiderEditor.id, world.setId, { intent: "create", body: "x" })).status).toBe(
      404,
    );
    expect((await getSetComments(world.outsiderEditor.id, world.setId)).status).toBe(404);
    expect((await getRequirementComments(world.outsiderEditor.id, world.setId, world.requirementId)).status).toBe(404);
    expect(await listThreads({ setId: world.setId, requirementId: null })).toHaveLength(3);
  });

  test("an archived set's comments are readable but take no new comment (403)", async () => {
    const world = await sharedSetWorld();
    await newThread(world.ownerEditor.id, world.setId, "Före arkiveringen");
    await db.update(requirementSets).set({ archivedAt: new Date() }).where(eq(requirementSets.id, world.setId));
    const page = PageSchema.parse((await getSetComments(world.partnerViewer.id, world.setId)).body);
    expect(page.threads).toHaveLength(1);
    expect(page.canComment).toBe(false);
    const result = await postSetComments(world.ownerEditor.id, world.setId, { intent: "create", body: "Efter" });
    expect(result.status).toBe(403);
  });

  test("a requirement from another set, or an unknown one, is a 404", async () => {
    const world = await sharedSetWorld();
    const other = await createSetFixture({ ownerRegionId: world.owner.id, authorId: world.ownerEditor.id });
    expect((await getRequirementComments(world.ownerEditor.id, world.setId, other.requirementId)).status).toBe(404);
    expect((await getRequirementComments(world.ownerEditor.id, world.setId, "not-a-uuid")).status).toBe(404);
    const post = await postRequirementComments(world.ownerEditor.id, world.setId, other.requirementId, {
      intent: "create",
      body: "Fel krav",
    });
    expect(post.status).toBe(404);
  });
});

describe("bad input", () => {
  test("an empty body and a too long one are refused next to the field, nothing saved", async () => {
    const world = await sharedSetWorld();
    const empty = await postSetComments(world.ownerEditor.id, world.setId, { intent: "create", body: "   " });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty.body, "body")).toEqual(["comments.bodyRequired"]);
    const long = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "create",
      body: "x".repeat(COMMENT_BODY_MAX + 1),
    });
    expect(long.status).toBe(400);
    expect(errorsOf(long.body, "body")).toEqual(["comments.bodyTooLong"]);
    const unknown = await postSetComments(world.ownerEditor.id, world.setId, { intent: "shout", body: "x" });
    expect(unknown.status).toBe(400);
    const badParent = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "create",
      parentId: "nope",
      body: "x",
    });
    expect(badParent.status).toBe(400);
    expect(await db.select().from(comments).where(eq(comments.setId, world.setId))).toHaveLength(0);
  });

  test("a reply to a comment of another set, or of another requirement, is a 404", async () => {
    const world = await sharedSetWorld();
    const other = await createSetFixture({ ownerRegionId: world.owner.id, authorId: world.ownerEditor.id });
    const foreign = await newThread(world.ownerEditor.id, other.setId, "I en annan uppsättning");
    const reply = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "create",
      parentId: foreign,
      body: "Svar",
    });
    expect(reply.status).toBe(404);
    // A thread on the set's general discussion cannot be answered from a requirement's page.
    const general = await newThread(world.ownerEditor.id, world.setId, "Allmänt");
    const crossed = await postRequirementComments(world.ownerEditor.id, world.setId, world.requirementId, {
      intent: "create",
      parentId: general,
      body: "Svar",
    });
    expect(crossed.status).toBe(404);
    expect(await listThreads({ setId: world.setId, requirementId: null })).toHaveLength(1);
  });
});

describe("editing and deleting", () => {
  test("editing my comment keeps the earlier body in a visible history; others may not edit it", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.partnerEditor.id, world.setId, "Första lydelsen");
    const saved = await postSetComments(world.partnerEditor.id, world.setId, {
      intent: "edit",
      commentId: id,
      version: "1",
      body: "Andra lydelsen",
    });
    expect(saved.status).toBe(302);
    const page = PageSchema.parse((await getSetComments(world.ownerViewer.id, world.setId)).body);
    const thread = page.threads[0];
    expect(thread?.body).toBe("Andra lydelsen");
    expect(thread?.version).toBe(2);
    expect(thread?.editedAt).not.toBeNull();
    expect(thread?.revisions.map((r) => r.body)).toEqual(["Första lydelsen"]);

    for (const other of [world.ownerEditor, world.ownerAdmin, world.partnerViewer]) {
      const refused = await postSetComments(other.id, world.setId, {
        intent: "edit",
        commentId: id,
        version: "2",
        body: "Kapat",
      });
      expect(refused.status).toBe(403);
    }
  });

  test("a stale save is a 409 that keeps my text", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.ownerViewer.id, world.setId, "Original");
    const first = await postSetComments(world.ownerViewer.id, world.setId, {
      intent: "edit",
      commentId: id,
      version: "1",
      body: "Från flik ett",
    });
    expect(first.status).toBe(302);
    const stale = await postSetComments(world.ownerViewer.id, world.setId, {
      intent: "edit",
      commentId: id,
      version: "1",
      body: "Från flik två, som inte får försvinna",
    });
    expect(stale.status).toBe(409);
    const body = z
      .object({
        formId: z.string(),
        result: z.object({ initialValue: z.object({ body: z.string() }) }),
        conflict: z.object({ body: z.string(), version: z.number() }),
      })
      .parse(stale.body);
    expect(body.formId).toBe(`edit-${id}`);
    expect(body.result.initialValue.body).toBe("Från flik två, som inte får försvinna");
    expect(body.conflict).toMatchObject({ body: "Från flik ett", version: 2 });
    expect(errorsOf(stale.body)).toEqual(["comments.conflict"]);
    // Saving again from the version shown lands.
    const again = await postSetComments(world.ownerViewer.id, world.setId, {
      intent: "edit",
      commentId: id,
      version: "2",
      body: "Från flik två, som inte får försvinna",
    });
    expect(again.status).toBe(302);
  });

  test("deleting my comment leaves a placeholder, hides its text and keeps the replies", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.partnerViewer.id, world.setId, "Hemlig formulering");
    await postSetComments(world.ownerEditor.id, world.setId, { intent: "create", parentId: id, body: "Svar kvar" });
    expect((await postSetComments(world.ownerEditor.id, world.setId, { intent: "delete", commentId: id })).status).toBe(
      403,
    );
    expect(
      (await postSetComments(world.partnerViewer.id, world.setId, { intent: "delete", commentId: id })).status,
    ).toBe(302);
    const page = PageSchema.parse((await getSetComments(world.ownerViewer.id, world.setId)).body);
    const thread = page.threads[0];
    expect(thread?.deletedAt).not.toBeNull();
    expect(thread?.body).toBe("");
    expect(JSON.stringify(page)).not.toContain("Hemlig formulering");
    expect(thread?.replies.map((r) => r.body)).toEqual(["Svar kvar"]);
    // A deleted comment can be neither deleted again nor edited.
    expect(
      (await postSetComments(world.partnerViewer.id, world.setId, { intent: "delete", commentId: id })).status,
    ).toBe(404);
    expect(
      (
        await postSetComments(world.partnerViewer.id, world.setId, {
          intent: "edit",
          commentId: id,
          version: "2",
          body: "x",
        })
      ).status,
    ).toBe(404);
  });
});

describe("resolving", () => {
  test("the thread's author and owner-region editors may resolve and reopen; others get 403", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.partnerViewer.id, world.setId, "Oklart krav");
    const resolveAs = (userId: string, intent: "resolve" | "reopen") =>
      postSetComments(userId, world.setId, { intent, commentId: id });

    for (const other of [world.ownerViewer, world.partnerEditor, world.steering]) {
      expect((await resolveAs(other.id, "resolve")).status).toBe(403);
    }
    expect((await resolveAs(world.partnerViewer.id, "resolve")).status).toBe(302);
    let [thread] = await listThreads({ setId: world.setId, requirementId: null });
    expect(thread?.resolvedAt).not.toBeNull();
    expect(thread?.resolvedByName).toBe(world.partnerViewer.name);
    expect((await resolveAs(world.partnerEditor.id, "reopen")).status).toBe(403);
    expect((await resolveAs(world.ownerEditor.id, "reopen")).status).toBe(302);
    [thread] = await listThreads({ setId: world.setId, requirementId: null });
    expect(thread?.resolvedAt).toBeNull();
    expect((await resolveAs(world.ownerAdmin.id, "resolve")).status).toBe(302);
    expect((await resolveAs(world.outsiderEditor.id, "reopen")).status).toBe(404);
  });

  test("a reply is not a thread: resolving it is a 400", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.ownerEditor.id, world.setId, "Tråd");
    const reply = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "create",
      parentId: id,
      body: "Svar",
    });
    const replyId = commentIdFrom(reply.headers.get("Location"));
    const result = await postSetComments(world.ownerEditor.id, world.setId, { intent: "resolve", commentId: replyId });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body)).toEqual(["comments.notAThread"]);
  });
});

describe("requirement comments", () => {
  test("a comment records the requirement version; after an edit of the requirement it is 'written against v1'", async () => {
    const world = await sharedSetWorld();
    const posted = await postRequirementComments(world.partnerViewer.id, world.setId, world.requirementId, {
      intent: "create",
      body: "Gäller detta även export?",
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toMatch(
      new RegExp(`^/sets/${world.setId}/requirements/${world.requirementId}/comments#comment-`),
    );
    const base = await requirementRow(world.requirementId);
    const updated = await updateRequirement({
      setId: world.setId,
      requirementId: world.requirementId,
      baseVersion: base.version,
      input: inputFrom(base, { text: "Systemet ska logga all åtkomst, även export." }),
      actorUserId: world.ownerEditor.id,
    });
    expect(updated.status).toBe("saved");
    const result = await getRequirementComments(world.ownerViewer.id, world.setId, world.requirementId);
    const page = PageSchema.extend({ requirement: z.object({ ref: z.string(), version: z.number() }) }).parse(
      result.body,
    );
    expect(page.requirement.version).toBe(base.version + 1);
    // The owner region hears of the new thread, with the requirement's ref in the message.
    const [notice] = await notificationsOf(world.ownerAdmin.id, "comment");
    expect(notice?.params).toMatchObject({ ref: base.ref, actor: world.partnerViewer.name });
    expect(notice?.link).toMatch(new RegExp(`^/sets/${world.setId}/requirements/${world.requirementId}/comments#`));
    expect(page.threads[0]?.requirementVersion).toBe(base.version);
    // The set page's discussion does not list requirement threads, its overview does.
    const setPage = z
      .object({
        threads: z.array(z.unknown()),
        requirementThreads: z.array(z.object({ ref: z.string(), openThreads: z.number(), openComments: z.number() })),
      })
      .parse((await getSetComments(world.ownerViewer.id, world.setId)).body);
    expect(setPage.threads).toHaveLength(0);
    expect(setPage.requirementThreads).toEqual([
      { ...setPage.requirementThreads[0], ref: base.ref, openThreads: 1, openComments: 1 },
    ]);
  });

  test("open comment counts leave out resolved threads and deleted comments", async () => {
    const world = await sharedSetWorld();
    const target = { setId: world.setId, requirementId: world.requirementId };
    const open = await createComment({ ...target, body: "Öppen", actorUserId: world.ownerEditor.id });
    const closed = await createComment({ ...target, body: "Löses", actorUserId: world.ownerEditor.id });
    if (open.status !== "created" || closed.status !== "created") throw new Error("not created");
    await createComment({ ...target, parentId: open.commentId, body: "Svar", actorUserId: world.partnerViewer.id });
    await createComment({ ...target, parentId: closed.commentId, body: "Svar", actorUserId: world.partnerViewer.id });
    await postRequirementComments(world.ownerEditor.id, world.setId, world.requirementId, {
      intent: "resolve",
      commentId: closed.commentId,
    });
    expect(await countOpenComments(target)).toBe(2);
    await postRequirementComments(world.ownerEditor.id, world.setId, world.requirementId, {
      intent: "delete",
      commentId: open.commentId,
    });
    expect(await countOpenComments(target)).toBe(1);
    expect(await listOpenRequirementThreads({ setId: world.setId })).toMatchObject([
      { requirementId: world.requirementId, openThreads: 1, openComments: 1 },
    ]);
  });
});

describe("mentions", () => {
  test("the autocomplete offers only people who can see a shared set: the collaboration and its steering group", async () => {
    const world = await sharedSetWorld();
    const people = async (q: string) =>
      PeopleSchema.parse((await mentionSuggestions(world.ownerEditor.id, world.setId, q)).body).people;
    const all = await people("Test");
    const ids = all.map((person) => person.id).sort();
    expect(ids).toEqual(
      [
        world.ownerAdmin.id,
        world.ownerViewer.id,
        world.partnerViewer.id,
        world.partnerEditor.id,
        world.steering.id,
      ].sort(),
    );
    expect(all.find((person) => person.id === world.partnerViewer.id)?.regionShortName).toBe(world.partner.shortName);
    expect(await people(world.outsiderEditor.name)).toEqual([]);
    // A word inside the name matches too; wildcards in the query are literal.
    expect((await people(world.partnerViewer.name.split(" ")[1] ?? "")).map((p) => p.id)).toEqual([
      world.partnerViewer.id,
    ]);
    expect(await people("%")).toEqual([]);
    expect((await mentionSuggestions(world.outsiderEditor.id, world.setId, "Test")).status).toBe(404);
  });

  test("on a private set the autocomplete offers only the owner region", async () => {
    const world = await sharedSetWorld();
    const privateSet = await createSetFixture({ ownerRegionId: world.owner.id, authorId: world.ownerEditor.id });
    const result = await mentionSuggestions(world.ownerViewer.id, privateSet.setId, "Test");
    const ids = PeopleSchema.parse(result.body)
      .people.map((person) => person.id)
      .sort();
    expect(ids).toEqual([world.ownerEditor.id, world.ownerAdmin.id].sort());
  });

  test("the autocomplete returns at most ten people", async () => {
    const region = await createRegion();
    const me = await createMember(region.id, "editor");
    for (let index = 0; index < 12; index += 1) {
      const user = await createUser({ name: `Många Person${index}` });
      await addMembership(user.id, region.id, "viewer");
    }
    const { setId } = await createSetFixture({ ownerRegionId: region.id, authorId: me.id });
    expect(PeopleSchema.parse((await mentionSuggestions(me.id, setId, "Många")).body).people).toHaveLength(10);
  });

  test("a mention is stored and notified; a token for someone who cannot see the set is plain text", async () => {
    const world = await sharedSetWorld();
    const body = `Vad säger ${mentionToken("Fel namn", world.partnerViewer.id)} och ${mentionToken("Utanför", world.outsiderEditor.id)}?`;
    const id = await newThread(world.ownerEditor.id, world.setId, body);
    const [stored] = await db.select().from(comments).where(eq(comments.id, id));
    expect(stored?.body).toBe(
      `Vad säger ${mentionToken(world.partnerViewer.name, world.partnerViewer.id)} och @Utanför?`,
    );
    const mentioned = await db.select().from(commentMentions).where(eq(commentMentions.commentId, id));
    expect(mentioned.map((row) => row.userId)).toEqual([world.partnerViewer.id]);
    const [notice] = await notificationsOf(world.partnerViewer.id, "mention");
    expect(notice).toMatchObject({
      params: { set: "Testuppsättning", actor: world.ownerEditor.name, ref: "Testuppsättning" },
      groupKey: `mention:${id}`,
      setId: world.setId,
      link: `/sets/${world.setId}/comments#comment-${id}`,
    });
    expect(await notificationsOf(world.outsiderEditor.id, "mention")).toHaveLength(0);
  });

  test("a token with a malformed id is plain text, not an error", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(
      world.ownerEditor.id,
      world.setId,
      "Hej [@Ingen](user:------------------------------------)",
    );
    const [stored] = await db.select().from(comments).where(eq(comments.id, id));
    expect(stored?.body).toBe("Hej @Ingen");
    expect(await db.select().from(commentMentions).where(eq(commentMentions.commentId, id))).toHaveLength(0);
  });

  test("a typed @Förnamn Efternamn is resolved without the autocomplete; two people of one name need a pick", async () => {
    const world = await sharedSetWorld();
    const anna = await createUser({ name: "Anna Ödmark" });
    await addMembership(anna.id, world.partner.id, "viewer");
    const id = await newThread(world.ownerEditor.id, world.setId, "Hej @Anna Ödmark, kan du titta?");
    const [stored] = await db.select().from(comments).where(eq(comments.id, id));
    expect(stored?.body).toBe(`Hej ${mentionToken("Anna Ödmark", anna.id)}, kan du titta?`);

    const twin = await createUser({ name: "Anna Ödmark" });
    await addMembership(twin.id, world.owner.id, "viewer");
    const ambiguous = await newThread(world.ownerEditor.id, world.setId, "@Anna Ödmark vilken?");
    const [plain] = await db.select().from(comments).where(eq(comments.id, ambiguous));
    expect(plain?.body).toBe("@Anna Ödmark vilken?");
    const picked = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "create",
      body: "@Anna Ödmark den här",
      mentionIds: [twin.id],
    });
    const pickedId = commentIdFrom(picked.headers.get("Location"));
    const [resolved] = await db.select().from(comments).where(eq(comments.id, pickedId));
    expect(resolved?.body).toBe(`${mentionToken("Anna Ödmark", twin.id)} den här`);
  });

  test("a mentioned person gets the mention, not also the comment notification", async () => {
    const world = await sharedSetWorld();
    await newThread(world.partnerViewer.id, world.setId, `Till ${mentionToken("x", world.ownerEditor.id)}`);
    expect(await notificationsOf(world.ownerEditor.id, "mention")).toHaveLength(1);
    expect(await notificationsOf(world.ownerEditor.id, "comment")).toHaveLength(0);
    // The owner region's admin was not mentioned and hears of the new thread.
    expect(await notificationsOf(world.ownerAdmin.id, "comment")).toHaveLength(1);
  });

  test("an edit that adds a mention notifies only the newly mentioned", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.ownerEditor.id, world.setId, `Hej ${mentionToken("x", world.partnerViewer.id)}`);
    const edited = await postSetComments(world.ownerEditor.id, world.setId, {
      intent: "edit",
      commentId: id,
      version: "1",
      body: `Hej ${mentionToken("x", world.partnerViewer.id)} och ${mentionToken("y", world.steering.id)}`,
    });
    expect(edited.status).toBe(302);
    const [partnerNotice] = await notificationsOf(world.partnerViewer.id, "mention");
    expect(partnerNotice?.count).toBe(1);
    expect(await notificationsOf(world.steering.id, "mention")).toHaveLength(1);
    const mentioned = await db.select().from(commentMentions).where(eq(commentMentions.commentId, id));
    expect(mentioned.map((row) => row.userId).sort()).toEqual([world.partnerViewer.id, world.steering.id].sort());
  });
});

describe("comment notifications", () => {
  test("new threads notify the owner region's editors and admins, grouped per set within the hour", async () => {
    const world = await sharedSetWorld();
    await newThread(world.partnerViewer.id, world.setId, "Första");
    await newThread(world.partnerViewer.id, world.setId, "Andra");
    await newThread(world.steering.id, world.setId, "Tredje");
    const rows = await notificationsOf(world.ownerEditor.id, "comment");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 3, groupKey: `comment:${world.setId}` });
    expect(await notificationsOf(world.ownerAdmin.id, "comment")).toHaveLength(1);
    // Viewers of the owner region and the other region are not the set's owners.
    expect(await notificationsOf(world.ownerViewer.id, "comment")).toHaveLength(0);
    expect(await notificationsOf(world.partnerEditor.id, "comment")).toHaveLength(0);
  });

  test("a reply notifies the thread's participants, not the owner region as such", async () => {
    const world = await sharedSetWorld();
    const id = await newThread(world.partnerViewer.id, world.setId, "Fråga");
    await postSetComments(world.steering.id, world.setId, { intent: "create", parentId: id, body: "Svar ett" });
    await db.delete(notifications).where(eq(notifications.setId, world.setId));
    await postSetComments(world.partnerEditor.id, world.setId, { intent: "create", parentId: id, body: "Svar två" });
    expect(await notificationsOf(world.partnerViewer.id, "comment")).toHaveLength(1);
    expect(await notificationsOf(world.steering.id, "comment")).toHaveLength(1);
    expect(await notificationsOf(world.ownerEditor.id, "comment")).toHaveLength(0);
    expect(await notificationsOf(world.partnerEditor.id, "comment")).toHaveLength(0);
  });
});
