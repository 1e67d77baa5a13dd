/**
 * Demo comment threads on the two shared sets: the 3R architecture set (owner VGR) and the Sussa
 * common requirements (owner Sörmland), from people in several regions, with a reply chain, a
 * mention (typed `@Förnamn Efternamn`, resolved by the model as it would be from the form), an
 * edited comment with its history, and resolved threads.
 *
 * Written through the comments model as the demo users, so mentions and notifications come out
 * as they would from the UI. Idempotent: a thread whose opening comment (same author, same
 * opening words) already exists on its set is left alone, replies and all.
 */
import { and, eq, isNull, like, or } from "drizzle-orm";

import { createComment, editComment, setThreadResolved } from "../../app/models/comments.server";
import { db } from "../../app/utils/db.server";
import { regions, users } from "../schema/accounts";
import { comments } from "../schema/comments";
import { requirementSets, requirements } from "../schema/requirements";

import type { DemoRegionSlug, DemoUserEmail } from "./demo-data";

type DemoReply = { readonly by: DemoUserEmail; readonly body: string };

type DemoThread = {
  /** Null for the set's general discussion. */
  readonly ref: string | null;
  readonly by: DemoUserEmail;
  /** The opening words identify the thread on a later run: keep them free of @mentions. */
  readonly body: string;
  /** The author's later wording (the first body goes to the edit history). */
  readonly editedTo?: string;
  readonly replies?: readonly DemoReply[];
  readonly resolvedBy?: DemoUserEmail;
};

type DemoSetComments = {
  readonly regionSlug: DemoRegionSlug;
  readonly title: string;
  readonly threads: readonly DemoThread[];
};

export const DEMO_COMMENTS: readonly DemoSetComments[] = [
  {
    regionSlug: "vgr",
    title: "3R gemensam arkitektur – interoperabilitet och standarder",
    threads: [
      {
        ref: null,
        by: "fatima.haddad@skane.example.se",
        body:
          "Skåne återanvänder avsnittet om öppna API:er i VIS-specifikationen. Kan vi enas om att " +
          "basprofilerna från HL7 Sverige är golvet, och att regionala tillägg redovisas som egna krav?",
        replies: [
          {
            by: "ingrid.wallin@vgr.example.se",
            body:
              "Ja från VGR. Vi har samma erfarenhet från Millennium: regionala specialkrav som smögs in i " +
              "gemensamma krav blev det som splittrade 3R-upphandlingen.",
          },
          {
            by: "daniel.ek@stockholm.example.se",
            body:
              "Stockholm instämmer. @Lars Nilsson, kan du lägga in det som en princip i inledningen till " +
              "avsnittet innan nästa baslinje?",
          },
          {
            by: "lars.nilsson@vgr.example.se",
            body: "Gör det. Jag lägger förslaget här först så att alla tre regioner hinner titta.",
          },
        ],
      },
      {
        ref: "IN-001",
        by: "daniel.ek@stockholm.example.se",
        body:
          "Vilken version av de svenska basprofilerna avses? Leverantörerna i generationsskiftet frågar " +
          "om kravet gäller den version som finns vid avtalsstart eller den senaste under avtalstiden.",
        replies: [
          {
            by: "lars.nilsson@vgr.example.se",
            body:
              "Versionen vid avtalsstart, med skyldighet att följa nya versioner inom tolv månader. Det står " +
              "nu i motiveringen.",
          },
        ],
        resolvedBy: "lars.nilsson@vgr.example.se",
      },
      {
        ref: "IN-002",
        by: "magnus.lundgren@stockholm.example.se",
        body: "SMART on FHIR bör vara ett ska-krav, inte ett bör-krav.",
        editedTo:
          "SMART on FHIR bör vara ett ska-krav för appar i patientkontext. Utan det låser vi oss vid " +
          "leverantörens egen appbutik, vilket styrgruppen uttryckligen vill undvika.",
        replies: [
          {
            by: "helena.bergstrom@vgr.example.se",
            body: "Styrgruppen tar upp frågan på nästa möte. Underlag från Stockholms införande välkomnas.",
          },
        ],
      },
    ],
  },
  {
    regionSlug: "sormland",
    title: "Sussa gemensam kravbild – informationssäkerhet och PDL",
    threads: [
      {
        ref: "IS-001",
        by: "linnea.sjoberg@orebro.example.se",
        body:
          "Räcker det med certifiering enligt ISO/IEC 27001 eller likvärdigt för hela leverantören, eller " +
          "ska certifikatet omfatta just driften av vår tjänst? @Oskar Pettersson, hur tolkade ni det 2018?",
        replies: [
          {
            by: "oskar.pettersson@sormland.example.se",
            body:
              "Certifikatets omfattning ska täcka driften av tjänsten. Vi fick inte in det 2018 och fick " +
              "förhandla fram det i ett tilläggsavtal.",
          },
          {
            by: "ida.sandstrom@halland.example.se",
            body: "Halland har samma behov. Förtydliga gärna omfattningen i kravtexten, inte bara i motiveringen.",
          },
        ],
      },
      {
        ref: "BL-002",
        by: "robert.nystrom@blekinge.example.se",
        body:
          "Fullständiga åtkomstloggar: behöver vi ställa krav på hur länge loggarna sparas, eller följer " +
          "det av regionernas egna gallringsbeslut?",
        replies: [
          {
            by: "hanna.eriksson@sormland.example.se",
            body:
              "Det följer av respektive regions informationshanteringsplan. Kravet gäller att loggarna går " +
              "att ta ut och granska, inte hur länge de sparas.",
          },
        ],
        resolvedBy: "hanna.eriksson@sormland.example.se",
      },
      {
        ref: null,
        by: "therese.martensson@blekinge.example.se",
        body:
          "Blekinge planerar att återanvända hela avsnittet om behörighetsstyrning i vår kommande " +
          "upphandling av ett mobilt journalstöd. Finns det något vi bör veta innan vi kopierar?",
        replies: [
          {
            by: "fredrik.olsson@sormland.example.se",
            body: "Inget som hindrar. Tänk på att HSA-uppdragen behöver vara på plats innan driftstart.",
          },
        ],
      },
    ],
  },
];

async function userIdOf(email: DemoUserEmail): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`Demo comments refer to unknown user ${email}`);
  return row.id;
}

async function setIdOf(regionSlug: DemoRegionSlug, title: string): Promise<string | null> {
  const [row] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(regions.slug, regionSlug), eq(requirementSets.title, title)));
  return row?.id ?? null;
}

async function requirementIdOf(setId: string, ref: string): Promise<string> {
  const [row] = await db
    .select({ id: requirements.id })
    .from(requirements)
    .where(and(eq(requirements.setId, setId), eq(requirements.ref, ref), isNull(requirements.deletedAt)));
  if (!row) throw new Error(`Demo comments refer to unknown requirement ${ref}`);
  return row.id;
}

/** A thread is there when its opening comment is: same author, same opening words (as written or as edited). */
async function threadExists(setId: string, authorUserId: string, thread: DemoThread): Promise<boolean> {
  const openings = [thread.body, thread.editedTo ?? thread.body].map(
    (body) => `${body.slice(0, 40).replace(/[\\%_]/g, (character) => `\\${character}`)}%`,
  );
  const [row] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.setId, setId),
        eq(comments.authorUserId, authorUserId),
        isNull(comments.parentId),
        or(...openings.map((opening) => like(comments.body, opening))),
      ),
    )
    .limit(1);
  return row !== undefined;
}

async function seedThread(setId: string, thread: DemoThread): Promise<void> {
  const author = await userIdOf(thread.by);
  if (await threadExists(setId, author, thread)) return;
  const requirementId = thread.ref === null ? null : await requirementIdOf(setId, thread.ref);
  const opened = await createComment({ setId, requirementId, body: thread.body, actorUserId: author });
  if (opened.status !== "created") throw new Error(`Demo thread on ${thread.ref ?? "the set"} was not created`);
  if (thread.editedTo) {
    const edited = await editComment({
      setId,
      commentId: opened.commentId,
      baseVersion: 1,
      body: thread.editedTo,
      actorUserId: author,
    });
    if (edited.status !== "saved") throw new Error("Demo comment edit was not saved");
  }
  for (const reply of thread.replies ?? []) {
    const result = await createComment({
      setId,
      requirementId,
      parentId: opened.commentId,
      body: reply.body,
      actorUserId: await userIdOf(reply.by),
    });
    if (result.status !== "created") throw new Error("Demo reply was not created");
  }
  if (thread.resolvedBy) {
    const resolved = await setThreadResolved({
      setId,
      commentId: opened.commentId,
      resolved: true,
      actorUserId: await userIdOf(thread.resolvedBy),
      // The demo's resolvers are editors of the owner region (the policy's set.comment_resolve).
      mayResolveAny: true,
    });
    if (resolved.status !== "done") throw new Error("Demo thread was not resolved");
  }
}

/** Needs the demo users and the demo sets (seedDemoSets) first; a missing set is skipped. */
export async function seedDemoComments(): Promise<void> {
  for (const set of DEMO_COMMENTS) {
    const setId = await setIdOf(set.regionSlug, set.title);
    if (!setId) continue;
    // One thread at a time: each write is its own transaction, and PGlite has one connection.
    for (const thread of set.threads) await seedThread(setId, thread);
  }
}
