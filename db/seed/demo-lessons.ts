/**
 * Demo lessons (lärdomar): the thirteen lessons of DOMAIN.md §5, each owned by the region it
 * happened to and shared as far as it is useful, and the links that make them surface:
 *
 * - Owners: Skåne (1, 6, 13), VGR (2, 7, 8, 9), Stockholm (3, 4), Sörmland as the host region of
 *   Sussa samverkan (5, 10), Norrbotten (11, its own go-live). Lesson 12 comes from Transportstyrelsen,
 *   a national agency, not a region: it is recorded by Region Sörmland, whose Sussa information
 *   security requirements (informationsklassning, drift i Sverige) were written because of it,
 *   and shared with every region.
 * - Sharing: lessons about one collaboration's procurement go to that collaboration (3R, Sussa);
 *   those every region should know go to all regions. Facts DOMAIN.md marks *(verify)* are
 *   flagged "uppgiften behöver verifieras" (10, 13). Dates known only to the month or year are
 *   left empty and written in the source title instead of being invented.
 * - Areas are the requirement areas (AREAS) the lesson is about, so it surfaces on those
 *   requirements; a strategy-level lesson (1, 3, 5, 10) has none and is linked where it matters.
 * - Requirements → lessons: every live requirement of the demo sets whose tags or rationale name
 *   "lärdom N" is linked to lesson N, plus the migration requirements to lesson 11.
 * - Requirements → standards are seeded by demo-standards.ts (DEMO_REQUIREMENT_LINKS), with the
 *   catalogue they point into.
 *   The catalogue comes from demo-standards.ts; a standard it does not have is skipped.
 *
 * Lessons are written through the lessons model as the demo users (created by an editor, shared by
 * the region's admin), so the audit log reads as if people did it. Idempotent: a lesson whose
 * title exists in its owner region is left alone (it may have been edited in a demo), and every
 * link is inserted only when missing, so a rerun adds nothing.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";

import { createLesson, shareLesson } from "../../app/models/lessons.server";
import { db } from "../../app/utils/db.server";
import type { LessonInput } from "../../app/utils/lesson-schemas";
import type { RequestInfo } from "../../app/utils/request.server";
import { collaborations, regions, users } from "../schema/accounts";
import { lessons, lessonSetLinks, requirementLessonLinks } from "../schema/lessons";
import { requirementSets, requirements } from "../schema/requirements";

import type { DemoCollaborationSlug, DemoRegionSlug, DemoUserEmail } from "./demo-data";
import { SKANE_SET_TITLE, STOCKHOLM_SET_TITLE, SUSSA_SET_TITLE, THREE_R_SET_TITLE } from "./demo-titles";

const SEED_REQUEST: RequestInfo = { requestId: "demo-seed", ipAddress: null, userAgent: "samkrav-seed" };

type SetKey = "skane" | "sussa" | "3r" | "stockholm";
const SETS: Record<SetKey, { regionSlug: DemoRegionSlug; title: string }> = {
  skane: { regionSlug: "skane", title: SKANE_SET_TITLE },
  sussa: { regionSlug: "sormland", title: SUSSA_SET_TITLE },
  "3r": { regionSlug: "vgr", title: THREE_R_SET_TITLE },
  stockholm: { regionSlug: "stockholm", title: STOCKHOLM_SET_TITLE },
};

type DemoLesson = {
  /** The number in DOMAIN.md §5, which the demo requirements cite as "lärdom N". */
  readonly number: number;
  readonly regionSlug: DemoRegionSlug;
  readonly author: DemoUserEmail;
  /** Who shares it (an admin of the owner region), and with whom. */
  readonly sharedBy: DemoUserEmail;
  readonly sharing: "portal" | DemoCollaborationSlug;
  readonly sets: readonly SetKey[];
  readonly input: LessonInput;
};

const SKANE = {
  regionSlug: "skane",
  author: "erik.svensson@skane.example.se",
  sharedBy: "anna.lindqvist@skane.example.se",
} as const;
const VGR = {
  regionSlug: "vgr",
  author: "lars.nilsson@vgr.example.se",
  sharedBy: "maria.johansson@vgr.example.se",
} as const;
const STOCKHOLM = {
  regionSlug: "stockholm",
  author: "emma.sandberg@stockholm.example.se",
  sharedBy: "jonas.lindberg@stockholm.example.se",
} as const;
const SORMLAND = {
  regionSlug: "sormland",
  author: "hanna.eriksson@sormland.example.se",
  sharedBy: "fredrik.olsson@sormland.example.se",
} as const;
const NORRBOTTEN = {
  regionSlug: "norrbotten",
  author: "sanna.lindback@norrbotten.example.se",
  sharedBy: "tobias.lundmark@norrbotten.example.se",
} as const;

export const DEMO_LESSONS: readonly DemoLesson[] = [
  {
    number: 1,
    ...SKANE,
    sharing: "portal",
    sets: ["skane"],
    input: {
      title: "En ”uppgradering” visade sig vara en upphandling",
      whatHappened:
        "Regionstyrelsen beslutade 2015 att uppgradera journalsystemet Melior till Melior+ utan ny konkurrensutsättning. " +
        "CompuGroup Medical begärde överprövning, och Kammarrätten i Göteborg fann att beslutet i praktiken var en " +
        "upphandling som inte behandlat leverantörerna lika. Upphandlingen måste göras om.",
      lesson:
        "En väsentlig funktionell utökning av ett befintligt system är ett nytt kontrakt, även om den kallas uppgradering.",
      recommendation:
        "Konkurrensutsätt större utökningar öppet och dokumentera avtalets omfattning, så att det går att visa vad " +
        "som ryms i det befintliga avtalet och vad som inte gör det.",
      sourceKind: "court_ruling",
      sourceTitle: "Kammarrätten i Göteborg (Melior+)",
      sourceDate: "2016-09-16",
      sourceUrl: "https://computersweden.idg.se/2.2683/1.665579/vard-it-upphandling-skane?",
      unverified: false,
      phase: "review",
      areas: [],
      severity: "high",
    },
  },
  {
    number: 2,
    ...VGR,
    sharing: "3r",
    sets: ["3r"],
    input: {
      title: "Bara en leverantör klarade de formella kraven",
      whatHappened:
        "I den konkurrenspräglade dialogen om ett nytt kärnsystem var det bara en sökande som uppfyllde alla formella " +
        "ska-krav. Västra Götalandsregionen avbröt upphandlingen i mars 2017 och annonserade en ny några veckor senare.",
      lesson: "Många och otydliga formella ska-krav slår ut konkurrensen innan kvaliteten ens har prövats.",
      recommendation:
        "Håll de formella ska-kraven få och tydliga. Prova svarsformulären i en extern remiss eller RFI innan " +
        "upphandlingsdokumenten annonseras.",
      sourceKind: "decision",
      sourceTitle: "Västra Götalandsregionens beslut att avbryta upphandlingen, mars 2017",
      sourceDate: null,
      sourceUrl: "https://inkopsradet.se/bara-en-leverantor-vill-forma-framtiden",
      unverified: false,
      phase: "opening",
      areas: ["KV"],
      severity: "high",
    },
  },
  {
    number: 3,
    ...STOCKHOLM,
    sharing: "3r",
    sets: ["stockholm"],
    input: {
      title: "Ett tvetydigt utvärderingskriterium upptäcktes efter anbudsöppningen",
      whatHappened:
        "Ett utvärderingskriterium i upphandlingen av ny vårdplattform kunde läsas på två sätt. Det upptäcktes först " +
        "efter anbudsöppningen, och landstinget avbröt upphandlingen i april 2018 och startade om.",
      lesson: "Ett kriterium som två anbudsgivare kan läsa olika går inte att utvärdera likvärdigt.",
      recommendation:
        "Låt någon som inte skrivit kriteriet granska varje utvärderingskriterium före annonsering, med frågan ”kan " +
        "två anbudsgivare läsa det här olika?”. Ange mätmetoden uttryckligen.",
      sourceKind: "decision",
      sourceTitle: "Stockholms läns landsting, beslut att avbryta upphandlingen, april 2018",
      sourceDate: null,
      sourceUrl: "https://upphandling24.se/mangmiljardupphandling-av-vardsystem-stoppas/",
      unverified: false,
      phase: "evaluation",
      areas: [],
      severity: "high",
    },
  },
  {
    number: 4,
    ...STOCKHOLM,
    sharing: "portal",
    sets: ["stockholm"],
    input: {
      title: "För få anbud uppfyllde ska-kraven",
      whatHappened:
        "Region Stockholm avbröt 2019 miljardupphandlingen av ett nytt vårdinformationssystem eftersom för få anbud " +
        "uppfyllde ska-kraven. Upphandlingen stoppades sedan igen av pandemin, och 2021 byttes strategin till moduler.",
      lesson: "Ett ska-krav som marknaden inte kan uppfylla lämnar ingen att välja mellan.",
      recommendation:
        "Kalibrera nivån på ska-kraven mot marknaden i en marknadsanalys. Gör det som skiljer leverantörerna åt till " +
        "bör-krav som ger poäng i stället för att förkasta anbud.",
      sourceKind: "decision",
      sourceTitle: "Region Stockholm, beslut att avbryta upphandlingen, 2019",
      sourceDate: null,
      sourceUrl: "https://dagensopinion.se/artikel/region-stockholm-avbryter-miljardupphandling/",
      unverified: false,
      phase: "opening",
      areas: ["KV"],
      severity: "medium",
    },
  },
  {
    number: 5,
    ...SORMLAND,
    sharing: "sussa",
    sets: ["sussa"],
    input: {
      title: "En överprövning av förfrågningsunderlaget kostade ett år",
      whatHappened:
        "CompuGroup Medical begärde överprövning av Sussa-regionernas förfrågningsunderlag. Regionerna vann i " +
        "förvaltningsrätten, och kammarrätten och Högsta förvaltningsdomstolen gav inte prövningstillstånd, men " +
        "upphandlingen försenades nästan ett år (2016–2017).",
      lesson: "Även en överprövning som den upphandlande myndigheten vinner kostar tid.",
      recommendation:
        "Planera in tid för överprövning i tidplanen. Dokumentera proportionalitetsresonemanget bakom varje krav, så " +
        "att det går att försvara i domstol.",
      sourceKind: "court_ruling",
      sourceTitle: "Förvaltningsrätten, kammarrätten och HFD om Sussa-upphandlingen, 2016–2017",
      sourceDate: null,
      sourceUrl: "https://computersweden.idg.se/2.2683/1.691607/landsting-megaupphandling-igang",
      unverified: false,
      phase: "review",
      areas: [],
      severity: "medium",
    },
  },
  {
    number: 6,
    ...SKANE,
    sharing: "3r",
    sets: ["skane"],
    input: {
      title: "Diskvalificerad för ett osignerat huvudavtal",
      whatHappened:
        "Region Skåne förkastade Cambios anbud i oktober 2017 eftersom huvudavtalet inte var undertecknat. Cambio " +
        "menade att det inte var ett uttalat ska-krav och ifrågasatte också vinnarens CE-märkning. Ansökan om " +
        "överprövning drogs senare tillbaka.",
      lesson: "Ett formkrav som inte står uttryckligen i upphandlingsdokumenten är svårt att förkasta ett anbud för.",
      recommendation:
        "Ange uttryckligen vilka handlingar som ska undertecknas och bifogas. Gör krav på CE-märkning enligt MDR " +
        "verifierbara med en bifogad försäkran om överensstämmelse, inte bara ett ”Ja”.",
      sourceKind: "review_report",
      sourceTitle: "Överprövning av Region Skånes upphandling, oktober 2017",
      sourceDate: null,
      sourceUrl: "https://computersweden.idg.se/2.2683/1.689929/region-skane-upphandling-overklagas?",
      unverified: false,
      phase: "review",
      areas: ["KV", "BS"],
      severity: "medium",
    },
  },
  {
    number: 7,
    ...VGR,
    sharing: "portal",
    sets: ["3r", "skane", "sussa"],
    input: {
      title: "Anpassningen till patientdatalagen underskattades",
      whatHappened:
        "Leverantörens systemdesign utgick från att vårdpersonal har bred åtkomst till journalen. Svensk inre " +
        "sekretess, spärrar och samtycke krävde stora ombyggnader, och införandena i VGR och Skåne försenades " +
        "ungefär ett år (2019–2022).",
      lesson: "Ett ”Ja” i en kryssruta säger inget om hur systemet hanterar svensk inre sekretess.",
      recommendation:
        "Skriv PDL-kraven som konkreta scenarier (medarbetaruppdrag, spärr, samtycke, nödåtkomst) och **verifiera dem " +
        "med demonstration före tilldelning**, inte med ett ja/nej-svar.",
      sourceKind: "review_report",
      sourceTitle: "Computer Sweden om förseningarna i VGR och Skåne, 2019–2022",
      sourceDate: null,
      sourceUrl:
        "https://computersweden.idg.se/2.2683/1.775791/miljardprojekt-i-varden-underskattade-lagstiftning-och-forsenades-rejalt?",
      unverified: false,
      phase: "contract_management",
      areas: ["BL"],
      severity: "high",
    },
  },
  {
    number: 8,
    ...VGR,
    sharing: "portal",
    sets: ["skane"],
    input: {
      title: "Driftstarten stoppades efter tre dagar",
      whatHappened:
        "Pilotdriften i södra Västra Götaland startade den 12 november 2024 och pausades den 15 november efter " +
        "tekniska problem, patientsäkerhetsrisker och protester från personalen. KPMG:s granskning i mars 2025 fann " +
        "att tidplanen fått gå före allt annat, att testerna kom sent och styrdes av avtalet, och att utbildningen " +
        "var otillräcklig. Programstyrelsen hade informationen men gick ändå vidare.",
      lesson: "Tidplanen får inte gå före verksamhetens beredskap, och någon måste ha mandat att stoppa.",
      recommendation:
        "Använd go/no-go-kriterier för driftgodkännande som bygger på testresultat, utbildningstäckning och " +
        "beredskap, med tydligt mandat att stoppa en driftstart.",
      sourceKind: "review_report",
      sourceTitle: "KPMG:s granskning av Millennium-införandet i VGR, mars 2025",
      sourceDate: null,
      sourceUrl:
        "https://svt.se/nyheter/lokalt/vast/hard-kritik-efter-millennium-granskningen-haveri-som-inte-gar-att-radda?mobilmeny=1",
      unverified: false,
      phase: "contract_management",
      areas: ["UT"],
      severity: "high",
    },
  },
  {
    number: 9,
    ...VGR,
    sharing: "3r",
    sets: ["skane"],
    input: {
      title: "Betalningen knöts till driftstartsdagen",
      whatHappened:
        "Enligt det ursprungliga avtalet från 2018 skulle 40 procent (cirka 310 miljoner kronor) betalas den dag " +
        "piloten gick i drift (milstolpe MF1). Villkoret omförhandlades till 15 procent vid godkänt pilotdriftstest.",
      lesson: "En stor betalning kopplad till ett datum belönar att driftstarten blir av, inte att den fungerar.",
      recommendation:
        "Knyt betalningar till verifierat leveransgodkännande och godkända acceptanstester, inte till " +
        "kalenderhändelser.",
      sourceKind: "review_report",
      sourceTitle: "Sol Reporter om avtalets betalningsplan, november 2024",
      sourceDate: null,
      sourceUrl: "https://solreporter.se/regionen-avtalade-bort-superpremien-for-millennium/amp",
      unverified: false,
      phase: "contract",
      areas: ["UT"],
      severity: "medium",
    },
  },
  {
    number: 10,
    ...SORMLAND,
    sharing: "sussa",
    sets: ["sussa"],
    input: {
      title: "Avtalsändringar ledde till krav på upphandlingsskadeavgift",
      whatHappened:
        "Tilläggsavtalen med leverantören 2020–2022, efter leverantörens förseningar, ifrågasattes som otillåten " +
        "direktupphandling. Konkurrensverket ansökte den 20 december 2023 om upphandlingsskadeavgift på 10 miljoner " +
        "kronor per region. Förvaltningsrätten i Karlstad ska enligt uppgift ha gett regionerna rätt i november 2025.",
      lesson: "Ändringar som inte förutsågs i den ursprungliga upphandlingen kan bli en otillåten direktupphandling.",
      recommendation:
        "Skriv in ändrings- och optionsklausuler i den ursprungliga upphandlingen (17 kap. LOU). Dokumentera en " +
        "juridisk bedömning av varje avtalsändring.",
      sourceKind: "court_ruling",
      sourceTitle: "Förvaltningsrätten i Karlstad (Konkurrensverkets ansökan av den 20 december 2023)",
      sourceDate: null,
      sourceUrl: "https://upphandling24.se/klarar-sig-fran-rekordboter",
      unverified: true,
      phase: "contract_management",
      areas: [],
      severity: "high",
    },
  },
  {
    number: 11,
    ...NORRBOTTEN,
    sharing: "portal",
    sets: ["sussa", "skane"],
    input: {
      title: "Migreringen av läkemedelslistor tog klinisk tid",
      whatHappened:
        "Efter bytet till det nya journalsystemet 2024–2025 fick läkemedelslistorna föras över för hand. Privata " +
        "vårdcentraler beskrev läget som kaos.",
      lesson: "Det som inte migreras automatiskt flyttas till vårdpersonalens arbetstid vid driftstarten.",
      recommendation:
        "Kräv automatiserad migrering av läkemedelslistor med en provmigrering före driftgodkännande, och ta med " +
        "privata vårdgivare i beredskapsplaneringen.",
      sourceKind: "review_report",
      sourceTitle: "Läkartidningen om driftstarterna i Sussa-regionerna, 2024–2025",
      sourceDate: null,
      sourceUrl: "https://lakartidningen.se/?p=301027",
      unverified: false,
      phase: "contract_management",
      areas: ["MG", "LM"],
      severity: "medium",
    },
  },
  {
    number: 12,
    ...SORMLAND,
    sharing: "portal",
    sets: ["sussa"],
    input: {
      title: "Utkontraktering utan informationsklassning",
      whatHappened:
        "När Transportstyrelsen 2015 lade ut sin it-drift öppnades känsliga register för personal utomlands som inte " +
        "var säkerhetsprövad. Grundorsakerna var att myndigheten inte visste vilken information den hade och en " +
        "orealistisk tidplan (Ds 2018:6).",
      lesson: "Den som inte vet vilken information den har kan inte ställa rätt krav på den som ska driva den.",
      recommendation:
        "Gör informationsklassning och säkerhetsskyddsanalys innan drift upphandlas. Ställ krav på var informationen " +
        "lagras och behandlas och på leverantörens personal.",
      sourceKind: "review_report",
      sourceTitle: "Ds 2018:6, om Transportstyrelsens it-upphandling 2015",
      sourceDate: null,
      sourceUrl: "https://data.riksdagen.se/dokument/H6B46",
      unverified: false,
      phase: "preparation",
      areas: ["IS", "DR"],
      severity: "high",
    },
  },
  {
    number: 13,
    ...SKANE,
    sharing: "portal",
    sets: ["skane"],
    input: {
      title: "Användbarheten klarade inte tester i verklig vårdmiljö",
      whatHappened:
        "Tester i verklig vårdmiljö visade att vissa arbetsmoment tog för lång tid. Driftstarten sköts upp på " +
        "obestämd tid, och en genomlysning bedömde att den nuvarande generationen av systemet inte kan göras " +
        "tillräckligt användbar.",
      lesson: "Användbarhet som inte mäts före tilldelning upptäcks först när vården ska använda systemet.",
      recommendation:
        "Ställ mätbara krav på användbarhet och låt scenariotester med vårdpersonal väga tungt i både utvärdering " +
        "och acceptans.",
      sourceKind: "review_report",
      sourceTitle: "Region Skånes genomlysning av SDV (datum att bekräfta)",
      sourceDate: null,
      sourceUrl: "https://www.skane.se/halsa-och-vard/skanes-digitala-vardsystem",
      unverified: true,
      phase: "contract_management",
      areas: ["TA"],
      severity: "high",
    },
  },
];

/** Requirements that concern a lesson without citing it by number. */
const EXTRA_LESSON_LINKS: ReadonlyArray<{ set: SetKey; ref: string; lesson: number }> = [
  { set: "skane", ref: "MG-001", lesson: 11 },
  { set: "3r", ref: "MG-001", lesson: 11 },
];

function idsByKey(rows: Array<{ id: string; key: string }>): Map<string, string> {
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** The demo sets that exist, by key, with their live requirements by ref. */
async function loadDemoRequirements() {
  const titles = Object.values(SETS).map((set) => set.title);
  const rows = await db
    .select({
      setId: requirementSets.id,
      setTitle: requirementSets.title,
      regionSlug: regions.slug,
      requirementId: requirements.id,
      ref: requirements.ref,
      tags: requirements.tags,
      rationale: requirements.rationale,
    })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .innerJoin(requirements, and(eq(requirements.setId, requirementSets.id), isNull(requirements.deletedAt)))
    .where(inArray(requirementSets.title, titles));
  const keyOf = (row: { setTitle: string; regionSlug: string }) =>
    (Object.keys(SETS) as SetKey[]).find(
      (key) => SETS[key].title === row.setTitle && SETS[key].regionSlug === row.regionSlug,
    );
  const setIds = new Map<SetKey, string>();
  const byRef = new Map<string, string>();
  const all: Array<{ id: string; tags: string[]; rationale: string }> = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (!key) continue;
    setIds.set(key, row.setId);
    byRef.set(`${key}:${row.ref}`, row.requirementId);
    all.push({ id: row.requirementId, tags: row.tags, rationale: row.rationale });
  }
  return { setIds, requirementId: (set: SetKey, ref: string) => byRef.get(`${set}:${ref}`), all };
}

/** Writes each missing lesson as its author and shares it as its region's admin; returns lesson ids by number. */
async function seedLessons(): Promise<Map<number, string>> {
  const [regionRows, collaborationRows, userRows] = await Promise.all([
    db.select({ id: regions.id, key: regions.slug }).from(regions),
    db.select({ id: collaborations.id, key: collaborations.slug }).from(collaborations),
    db.select({ id: users.id, key: users.email }).from(users),
  ]);
  const regionIds = idsByKey(regionRows);
  const collaborationIds = idsByKey(collaborationRows);
  const userIds = idsByKey(userRows);
  const need = (ids: Map<string, string>, key: string, kind: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`Demo lessons refer to unknown ${kind} "${key}"; seed the accounts first`);
    return id;
  };
  const lessonIds = new Map<number, string>();
  for (const demo of DEMO_LESSONS) {
    const regionId = need(regionIds, demo.regionSlug, "region");
    const [existing] = await db
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.ownerRegionId, regionId), eq(lessons.title, demo.input.title)));
    if (existing) {
      lessonIds.set(demo.number, existing.id);
      continue;
    }
    const lessonId = await createLesson({
      regionId,
      input: demo.input,
      actorUserId: need(userIds, demo.author, "user"),
      request: SEED_REQUEST,
    });
    const shared = await shareLesson({
      lessonId,
      baseVersion: 1,
      visibility: demo.sharing === "portal" ? "portal" : "collaboration",
      collaborationId: demo.sharing === "portal" ? null : need(collaborationIds, demo.sharing, "collaboration"),
      actorUserId: need(userIds, demo.sharedBy, "user"),
      request: SEED_REQUEST,
    });
    if (shared.status !== "saved") throw new Error(`Sharing demo lesson ${demo.number} failed (${shared.status})`);
    lessonIds.set(demo.number, lessonId);
  }
  return lessonIds;
}

const CITED_LESSON = /lärdom (\d+)(?!\d)/giu;

async function seedLessonLinks(lessonIds: Map<number, string>, demo: Awaited<ReturnType<typeof loadDemoRequirements>>) {
  const requirementLinks = new Map<string, { requirementId: string; lessonId: string }>();
  const add = (requirementId: string | undefined, number: number) => {
    const lessonId = lessonIds.get(number);
    if (requirementId && lessonId) requirementLinks.set(`${requirementId}:${lessonId}`, { requirementId, lessonId });
  };
  for (const requirement of demo.all) {
    for (const text of [...requirement.tags, requirement.rationale]) {
      for (const match of text.matchAll(CITED_LESSON)) add(requirement.id, Number(match[1]));
    }
  }
  for (const link of EXTRA_LESSON_LINKS) add(demo.requirementId(link.set, link.ref), link.lesson);
  if (requirementLinks.size > 0) {
    await db
      .insert(requirementLessonLinks)
      .values([...requirementLinks.values()])
      .onConflictDoNothing();
  }
  const setLinks = DEMO_LESSONS.flatMap((lesson) =>
    lesson.sets.flatMap((set) => {
      const lessonId = lessonIds.get(lesson.number);
      const setId = demo.setIds.get(set);
      return lessonId && setId ? [{ lessonId, setId }] : [];
    }),
  );
  if (setLinks.length > 0) await db.insert(lessonSetLinks).values(setLinks).onConflictDoNothing();
}

export async function seedDemoLessons(): Promise<void> {
  const lessonIds = await seedLessons();
  const demo = await loadDemoRequirements();
  await seedLessonLinks(lessonIds, demo);
}
