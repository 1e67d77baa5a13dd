/**
 * Demo procurements (upphandlingar) from DOMAIN.md §1: what happened to 3R, Skåne's SDV, VGR's
 * FVM / program Millennium, Stockholm's FVM and Generationsskifte, and Sussa's Cosmic, with the
 * milestones and decisions the sources give, RAG statuses that tell the same story, and the lead
 * regions' status reports for the last four quarters (2025 Q4 – 2026 Q3).
 *
 * Facts DOMAIN.md marks *(verify)*, and dates the sources give only to the month (stored as the
 * first of that month), carry `unverified = true`, which the pages show as "ej verifierad". Events
 * the sources date only to a year are told in the description, not given a made-up date. The
 * status reports, the Skåne procurement of 2026 and the private Stockholm module procurement are
 * demo narrative built on the demo sets (demo-sets.ts), and plans in them are plans.
 *
 * Written with direct inserts (with the reports' own written dates) as the demo users, one
 * transaction and one "procurement.created" audit event per procurement. Idempotent: a
 * procurement whose title already exists in its lead region is left alone (it may have been
 * edited during a demo); links to the demo sets and to lessons (found by title, when the lessons
 * feature has seeded them) are added if missing.
 */
import { and, eq } from "drizzle-orm";

import { writeAuditEvent } from "../../app/utils/audit.server";
import { db } from "../../app/utils/db.server";
import { type RagStatus } from "../../app/utils/procurement-fields";
import { type LouPhase } from "../../app/utils/lou-phases";
import type { RequestInfo } from "../../app/utils/request.server";
import { collaborations, regions, users } from "../schema/accounts";
import { lessons } from "../schema/lessons";
import {
  procurementDecisions,
  procurementLessonLinks,
  procurementMilestones,
  procurementRegions,
  procurements,
  procurementSetLinks,
  procurementStatusReports,
} from "../schema/procurements";
import { requirementSets } from "../schema/requirements";

import type { DemoCollaborationSlug, DemoRegionSlug, DemoUserEmail } from "./demo-data";
import {
  SKANE_MILLENNIUM_TITLE,
  SKANE_NEW_PROCUREMENT_TITLE,
  STOCKHOLM_FVM_TITLE,
  STOCKHOLM_GENERATION_TITLE,
  STOCKHOLM_MODULES_TITLE,
  SUSSA_TITLE,
  THREE_R_TITLE,
  VGR_FIRST_ROUND_TITLE,
  VGR_MILLENNIUM_TITLE,
} from "./demo-titles";
import { DEMO_LESSONS } from "./demo-lessons";
import { DEMO_SETS } from "./demo-sets";

const SEED_REQUEST: RequestInfo = { requestId: "demo-seed", ipAddress: null, userAgent: "samkrav-seed" };

type DemoMilestone = {
  readonly phase: LouPhase;
  readonly label: string;
  readonly plannedOn?: string;
  readonly actualOn?: string;
  readonly unverified?: boolean;
};

type DemoDecision = {
  readonly body: string;
  readonly reference: string;
  readonly decidedOn: string;
  readonly summary: string;
  readonly link?: string;
  readonly unverified?: boolean;
};

type Quarter = "2025Q4" | "2026Q1" | "2026Q2" | "2026Q3";

type DemoReport = {
  readonly quarter: Quarter;
  readonly rag: RagStatus;
  readonly summary: string;
  readonly risks: string;
  readonly nextSteps: string;
};

/** A lesson to link: its number in DOMAIN.md §5, as in demo-lessons.ts. */
type LessonMatch = number;

type DemoProcurement = {
  readonly regionSlug: DemoRegionSlug;
  readonly title: string;
  readonly caseNumber?: string;
  readonly description: string;
  readonly participants?: readonly DemoRegionSlug[];
  readonly phase: LouPhase;
  /** Without status reports: the RAG and its reason. With reports, the newest one's are used. */
  readonly rag?: RagStatus;
  readonly ragReason?: string;
  readonly sharedWith: DemoCollaborationSlug | null;
  readonly by: DemoUserEmail;
  readonly reportsBy?: DemoUserEmail;
  readonly milestones: readonly DemoMilestone[];
  readonly decisions: readonly DemoDecision[];
  readonly reports?: readonly DemoReport[];
  /** Demo sets to link, by owner region (each region has one demo set). */
  readonly sets?: readonly DemoRegionSlug[];
  readonly lessons?: readonly LessonMatch[];
};

/** The quarters' periods and the day the lead region wrote each report (about two weeks after). */
const QUARTERS: Record<Quarter, { periodStart: string; periodEnd: string; writtenAt: string }> = {
  "2025Q4": { periodStart: "2025-10-01", periodEnd: "2025-12-31", writtenAt: "2026-01-14T09:30:00+01:00" },
  "2026Q1": { periodStart: "2026-01-01", periodEnd: "2026-03-31", writtenAt: "2026-04-13T10:00:00+02:00" },
  "2026Q2": { periodStart: "2026-04-01", periodEnd: "2026-06-30", writtenAt: "2026-07-09T14:15:00+02:00" },
  "2026Q3": { periodStart: "2026-07-01", periodEnd: "2026-09-30", writtenAt: "2026-10-12T09:00:00+02:00" },
};

// Lessons of DOMAIN.md §5 by their number there (demo-lessons.ts seeds them before procurements).
const LESSON = {
  upgrade: 1,
  oneSupplier: 2,
  ambiguousCriterion: 3,
  fewTenders: 4,
  challengedDocuments: 5,
  unsignedContract: 6,
  pdl: 7,
  goLiveStopped: 8,
  paymentAtGoLive: 9,
  contractChanges: 10,
  medicationMigration: 11,
  usability: 13,
} as const satisfies Record<string, LessonMatch>;

// ---------------------------------------------------------------------------------------------
// Region Skåne
// ---------------------------------------------------------------------------------------------

const SKANE_MILLENNIUM: DemoProcurement = {
  regionSlug: "skane",
  title: SKANE_MILLENNIUM_TITLE,
  description:
    "Upphandling och införande av ett sammanhållet vårdinformationssystem inom Skånes digitala vårdsystem (SDV), " +
    "beslutad efter att kammarrätten 2016 underkänt uppgraderingen av Melior. Regionstyrelsen antog Cerner " +
    "Sverige AB:s anbud 2017 med en investeringsram på 1\u00a0046 miljoner kronor. Avtalet hade en grundperiod till " +
    "2026-03-30 med möjlighet till förlängning i upp till åtta år. Kravställningen återanvände 3R-samverkans HL7-baserade " +
    "arkitekturarbete. Sedan oktober 2022 bygger Skåne och VGR en gemensam svensk version av Millennium med en " +
    "gemensam styrgrupp (FVM/SDV).",
  phase: "contract_management",
  sharedWith: "3r",
  by: "erik.svensson@skane.example.se",
  reportsBy: "anna.lindqvist@skane.example.se",
  milestones: [
    {
      phase: "needs_analysis",
      label: "Beslutsförslag om upphandling av sammanhållet digitalt vårdinformationssystem",
      actualOn: "2016-10-18",
    },
    {
      phase: "award",
      label: "Regionstyrelsen antar Cerner Sverige AB:s anbud",
      actualOn: "2017-09-01",
      unverified: true,
    },
    { phase: "review", label: "Cambio ansöker om överprövning", actualOn: "2017-10-01", unverified: true },
    {
      phase: "contract",
      label: "Cambio återkallar ansökan, avtalet börjar gälla",
      actualOn: "2018-03-01",
      unverified: true,
    },
    { phase: "contract_management", label: "Projektstart", actualOn: "2018-09-01", unverified: true },
    {
      phase: "contract_management",
      label: "Första driftstart, Ystad (ursprunglig plan)",
      plannedOn: "2021-10-01",
      unverified: true,
    },
    {
      phase: "contract_management",
      label: "Driftstart sydöstra Skåne (uppskjuten i december 2024)",
      plannedOn: "2025-03-01",
      unverified: true,
    },
    {
      phase: "contract_management",
      label: "Ny målbild: driftstart hösten 2026 (uppskjuten tills vidare)",
      plannedOn: "2026-09-01",
      unverified: true,
    },
  ],
  decisions: [
    {
      body: "Regionstyrelsen",
      reference: "RS 2015-10-08 § 165",
      decidedOn: "2015-10-08",
      summary:
        "Investeringsbeslut att uppgradera journalsystemet Melior till Melior+ utan ny upphandling. CompuGroup " +
        "Medical begärde överprövning; beslutet ersattes hösten 2016.",
      link: "https://computersweden.idg.se/2.2683/1.665579/vard-it-upphandling-skane",
    },
    {
      body: "Regionstyrelsen",
      reference: "RS 2016-05-12 § 106",
      decidedOn: "2016-05-12",
      summary:
        "Strategi för eHälsa 2016–2020. En sammanhållen digital vårdinformationsmiljö är en förutsättning för " +
        "visionen.",
    },
    {
      body: "Regionstyrelsen",
      reference: "RS 2016-06-02 § 148",
      decidedOn: "2016-06-02",
      summary:
        "Region Skåne står bakom samverkan om gemensamma standarder för IT-arkitektur och informatik och stannar " +
        "kvar i den politiska styrgruppen för 3R. Den fortsatta medverkan omfattar inte gemensam kravfångst och " +
        "upphandling.",
    },
    {
      body: "Kammarrätten i Göteborg",
      reference: "Dom 2016-09-16",
      decidedOn: "2016-09-16",
      summary:
        "Uppgraderingen av Melior var i praktiken en upphandling som inte behandlat leverantörerna lika. " +
        "Upphandlingen av ett konsoliderat journalsystem och ett remiss- och svarssystem ska göras om.",
      link: "https://alliansforskane.se/2016/09/27/skanska-patienter-drabbas/",
    },
    {
      body: "Regiondirektören",
      reference: "Regiondirektörens beslut 2016-09-23",
      decidedOn: "2016-09-23",
      summary: "Pågående upphandlingar avbryts efter kammarrättens dom.",
    },
    {
      body: "Regionstyrelsen",
      reference: "Tilldelning SDV, september 2017",
      decidedOn: "2017-09-01",
      summary:
        "Cerner Sverige AB:s anbud antas, investeringsram 1\u00a0046 miljoner kronor. Den enda andra anbudsgivaren, " +
        "Cambio, hade diskvalificerats eftersom huvudavtalet inte var undertecknat.",
      link: "https://lakartidningen.se/Aktuellt/Nyheter/2017/09/Skane-far-nytt-enhetligt-vardinformationssystem/",
      unverified: true,
    },
    {
      body: "Förvaltningsrätten",
      reference: "Avskrivning av mål om överprövning, mars 2018",
      decidedOn: "2018-03-01",
      summary: "Cambio återkallar sin ansökan om överprövning. Målet skrivs av och avtalet med Cerner börjar gälla.",
      link: "https://vardgivare.skane.se/kompetens-utveckling/projekt-och-utvecklingsarbete/sdv/sdv-i-siffror/",
      unverified: true,
    },
    {
      body: "Region Skåne",
      reference: "Kravbrev till Cerner, april 2022",
      decidedOn: "2022-04-01",
      summary: "Formellt kravbrev efter upprepade förseningar. Cerner föreslår driftstart i april 2025.",
      link: "https://lakartidningen.se/aktuellt/nyheter/2022/05/cerners-forslag-infor-skanes-nya-vardinformationssystem-forst-2025/",
      unverified: true,
    },
    {
      body: "Regionstyrelsen",
      reference: "RS 2023-09-27, driftgodkännande steg 1",
      decidedOn: "2023-09-27",
      summary:
        "Efter menprövning godkänns migrering av patientuppgifter till Millennium M1912 för test: steg 1 av två " +
        "beslut om driftgodkännande.",
      link: "https://regionskane.mynewsdesk.com/pressreleases/information-fraan-regionstyrelsens-sammantraede-27-september-3207054",
      unverified: true,
    },
    {
      body: "Regionstyrelsens arbetsutskott",
      reference: "RSAU 2026-03-17",
      decidedOn: "2026-03-17",
      summary:
        "Genomlysningen redovisas: den nuvarande generationen av Millennium bedöms inte kunna bli tillräckligt " +
        "användbar. Regiondirektören får i uppdrag att ta fram alternativ.",
      link: "https://www.skane.se/halsa-och-vard/skanes-digitala-vardsystem",
      unverified: true,
    },
  ],
  reports: [
    {
      quarter: "2025Q4",
      rag: "amber",
      summary:
        "Införandet av Millennium planeras nu till hösten 2026, efter att driftstarten i sydöstra Skåne sköts upp i " +
        "december 2024. Tester i verklig vårdmiljö har startat på två enheter. De första resultaten visar att flera " +
        "vanliga arbetsmoment tar längre tid än i dagens system.",
      risks:
        "Om användbarheten i testerna inte förbättras kan regionen inte besluta om driftstart hösten 2026. VGR:s " +
        "paus påverkar den gemensamma svenska versionen av Millennium och hur den ska förvaltas.",
      nextSteps:
        "Slutföra testerna i verklig vårdmiljö under första kvartalet. Ta fram go/no-go-kriterier för " +
        "driftgodkännande steg 2, med mätbara krav på tidsåtgång per arbetsmoment.",
    },
    {
      quarter: "2026Q1",
      rag: "red",
      summary:
        "Testerna i verklig vårdmiljö visade att vissa arbetsmoment tar för lång tid, och driftstarten är uppskjuten " +
        "tills vidare. Genomlysningen redovisades för regionstyrelsens arbetsutskott den 17 mars. Den nuvarande " +
        "generationen av Millennium bedöms inte kunna bli tillräckligt användbar. Regiondirektören har fått i uppdrag " +
        "att ta fram alternativ.",
      risks:
        "Regionen behöver hantera avtalet med Oracle Health och kostnaderna för att förvalta Millennium utan att låsa " +
        "sig vid en lösning som inte fungerar. Dagens journalsystem har begränsad livslängd. Medarbetarna har lagt " +
        "mycket tid på utbildning och tester som inte ger effekt.",
      nextSteps:
        "Ta fram alternativ med kostnader och tidplaner till regionstyrelsen. Samordna med VGR i den gemensamma " +
        "styrgruppen FVM/SDV. Säkra driften av dagens journalsystem under en längre övergångsperiod.",
    },
    {
      quarter: "2026Q2",
      rag: "red",
      summary:
        "Millennium-spåret är pausat. Regiondirektörens utredning av alternativ pågår: fortsatt förvaltning av dagens " +
        "system, en modulbaserad vårdinformationsmiljö eller en ny upphandling av ett sammanhållet system. Arbetet " +
        "med en ny kravspecifikation (dnr RS 2026/0142) har startat. Den bygger på 3R-arkitekturen och på lärdomarna " +
        "från Millennium-införandena.",
      risks:
        "Förseningen förlänger driften av system som närmar sig slutet av sin livslängd. Förtroendet hos medarbetarna " +
        "är lågt efter upprepade uppskjutningar. Kunskapen om Millennium-konfigurationen kan gå förlorad när " +
        "konsulterna avvecklas.",
      nextSteps:
        "Redovisa alternativen för regionstyrelsen efter sommaren. Avveckla testmiljöer som inte längre behövs. Föra " +
        "in lärdomarna om användbarhetskrav och driftgodkännande i den nya kravspecifikationen.",
    },
    {
      quarter: "2026Q3",
      rag: "red",
      summary:
        "Ingen driftstart i Millennium är planerad. Regionen går vidare med en ny upphandling av vårdinformationssystem " +
        "(dnr RS 2026/0142), och kravspecifikationen version 1.0 har varit på extern remiss. Hur det befintliga " +
        "avtalet med Oracle Health ska hanteras utreds särskilt.",
      risks:
        "Parallell drift av gamla system, dubbla kostnader och brist på kompetens under övergången. Rättsliga risker " +
        "i hanteringen av det befintliga avtalet.",
      nextSteps:
        "Ta fram underlag om det befintliga avtalet till regionstyrelsen. Samordna tidplanen med den nya " +
        "upphandlingen och med förvaltningen av dagens journalsystem.",
    },
  ],
  lessons: [LESSON.upgrade, LESSON.unsignedContract, LESSON.pdl, LESSON.usability],
};

const SKANE_NEW_PROCUREMENT: DemoProcurement = {
  regionSlug: "skane",
  title: SKANE_NEW_PROCUREMENT_TITLE,
  caseNumber: "RS 2026/0142",
  description:
    "Ny upphandling av ett vårdinformationssystem inom SDV efter att Millennium-spåret pausats. " +
    "Kravspecifikationen bygger på 3R-samverkans gemensamma arkitekturkrav och på lärdomarna från " +
    "Millennium-införandena i Skåne och VGR: mätbara användbarhetskrav, PDL-scenarier som verifieras före " +
    "tilldelning och betalning kopplad till leveransgodkännande.",
  phase: "tender_documents",
  sharedWith: "3r",
  by: "erik.svensson@skane.example.se",
  reportsBy: "erik.svensson@skane.example.se",
  milestones: [
    { phase: "needs_analysis", label: "Behovsanalys startar", actualOn: "2026-04-15" },
    {
      phase: "tender_documents",
      label: "Extern remiss av kravspecifikation version 1.0",
      actualOn: "2026-09-14",
    },
    {
      phase: "tender_documents",
      label: "Juridisk granskning och fastställelse av kravspecifikationen",
      plannedOn: "2027-01-29",
    },
    { phase: "publication", label: "Annonsering i TED", plannedOn: "2027-03-01" },
    { phase: "award", label: "Tilldelningsbeslut i regionstyrelsen", plannedOn: "2027-10-28" },
  ],
  decisions: [],
  reports: [
    {
      quarter: "2026Q2",
      rag: "green",
      summary:
        "Behovsanalysen har startat efter arbetsutskottets genomgång i mars. Kravarbetet utgår från 3R-samverkans " +
        "arkitekturkrav och från lärdomarna från Millennium: mätbara användbarhetskrav, PDL-scenarier som " +
        "verifieras genom demonstration före tilldelning och betalning kopplad till leveransgodkännande.",
      risks:
        "Tidplanen beror på beslutet om hur det befintliga Millennium-avtalet ska hanteras. Verksamhetens tid för " +
        "kravarbete konkurrerar med vården.",
      nextSteps: "Ta fram kravspecifikationens första version och förbereda en extern remiss till marknaden i höst.",
    },
    {
      quarter: "2026Q3",
      rag: "amber",
      summary:
        "Kravspecifikation version 1.0 har skickats på extern remiss. Remissvaren visar att flera ska-krav om PDL och " +
        "migrering är svåra att verifiera med Ja/Nej, och de skrivs om till scenariotester. Arbetet ligger ungefär " +
        "sex veckor efter tidplanen.",
      risks:
        "Om den juridiska granskningen och fastställelsen inte är klara i januari 2027 skjuts annonseringen. Många " +
        "ska-krav kan minska konkurrensen (jämför VGR 2017 och Stockholm 2019).",
      nextSteps:
        "Arbeta in remissvaren i version 1.1, låta styrgruppen och juristen granska och därefter fastställa. " +
        "Kalibrera nivån på ska-kraven mot marknaden.",
    },
  ],
  sets: ["skane", "vgr"],
  lessons: [LESSON.usability, LESSON.ambiguousCriterion, LESSON.fewTenders, LESSON.paymentAtGoLive],
};

// ---------------------------------------------------------------------------------------------
// Västra Götalandsregionen
// ---------------------------------------------------------------------------------------------

const VGR_FIRST_ROUND: DemoProcurement = {
  regionSlug: "vgr",
  title: VGR_FIRST_ROUND_TITLE,
  description:
    "VGR:s första upphandling av ett kärnsystem för Framtidens vårdinformationsmiljö, efter att regionen lämnat " +
    "den gemensamma 3R-upphandlingen. Förfarandet var konkurrenspräglad dialog och budgeten omkring 2,2 " +
    "miljarder kronor.",
  phase: "cancelled",
  rag: "red",
  ragReason:
    "Avbruten i mars 2017: bara en leverantör uppfyllde alla formella ska-krav. En ny inbjudan gick ut några " +
    "veckor senare (se FVM / program Millennium).",
  sharedWith: "3r",
  by: "lars.nilsson@vgr.example.se",
  milestones: [
    {
      phase: "publication",
      label: "Inbjudan till konkurrenspräglad dialog",
      actualOn: "2016-11-01",
      unverified: true,
    },
    { phase: "cancelled", label: "Upphandlingen avbryts", actualOn: "2017-03-01", unverified: true },
  ],
  decisions: [
    {
      body: "Västra Götalandsregionen",
      reference: "Beslut att avbryta upphandlingen, mars 2017",
      decidedOn: "2017-03-01",
      summary:
        "Bara en leverantör uppfyllde alla formella ska-krav. Upphandlingen avbryts och en ny inbjudan annonseras " +
        "några veckor senare.",
      link: "https://inkopsradet.se/bara-en-leverantor-vill-forma-framtiden",
      unverified: true,
    },
  ],
  lessons: [LESSON.oneSupplier],
};

const VGR_MILLENNIUM: DemoProcurement = {
  regionSlug: "vgr",
  title: VGR_MILLENNIUM_TITLE,
  description:
    "Andra upphandlingsomgången av VGR:s framtida vårdinformationsmiljö. Cerner Millennium valdes 2018 för 2,1 " +
    "miljarder kronor, tio år efter införandet med option på upp till fyra års förlängning och optioner för " +
    "regionens 49 kommuner. Under anbudstiden utvärderades systemen i ett testcenter. Anpassningen till " +
    "patientdatalagen (PDL) försenade införandet med omkring ett år.",
  phase: "contract_management",
  sharedWith: "3r",
  by: "lars.nilsson@vgr.example.se",
  reportsBy: "maria.johansson@vgr.example.se",
  milestones: [
    {
      phase: "publication",
      label: "Ny inbjudan efter den avbrutna första omgången",
      actualOn: "2017-04-01",
      unverified: true,
    },
    { phase: "award", label: "Tilldelning: Cerner Millennium", actualOn: "2018-09-01", unverified: true },
    {
      phase: "review",
      label: "DXC Technology Scandihealths överprövning avslås",
      actualOn: "2018-10-01",
      unverified: true,
    },
    {
      phase: "contract_management",
      label: "Driftstart södra VGR, pilot på Södra Älvsborgs sjukhus",
      plannedOn: "2024-09-01",
      actualOn: "2024-11-12",
    },
    { phase: "contract_management", label: "Införandet pausas efter tre dagar", actualOn: "2024-11-15" },
    {
      phase: "contract_management",
      label: "Formell paus överenskommen med Oracle",
      actualOn: "2025-02-01",
      unverified: true,
    },
    {
      phase: "contract_management",
      label: "Driftstart västra VGR, sista etappen (tidplanen från maj 2022)",
      plannedOn: "2026-09-01",
      unverified: true,
    },
  ],
  decisions: [
    {
      body: "Förvaltningsrätten i Göteborg",
      reference: "Dom i mål om överprövning, oktober 2018",
      decidedOn: "2018-10-01",
      summary: "DXC Technology Scandihealths ansökan om överprövning avslås.",
      link: "https://lakartidningen.se/aktuellt/nyheter/2018/10/domstol-avslar-overklagan-om-vgrs-nya-system/",
      unverified: true,
    },
    {
      body: "Västra Götalandsregionen och Oracle",
      reference: "Överenskommelse om formell paus, februari 2025",
      decidedOn: "2025-02-01",
      summary:
        "Formell paus i införandet. Fyra månaders varsel krävs för att återuppta det. Konsultkostnaderna var då " +
        "omkring 799 miljoner kronor.",
      link: "https://lakartidningen.se/aktuellt/nyheter/2025/02/vgr-och-millennium-foretaget-oracle-overens-om-formell-paus",
      unverified: true,
    },
    {
      body: "KPMG, granskning på uppdrag av regionen",
      reference: "Granskningsrapport Millennium, mars 2025",
      decidedOn: "2025-03-01",
      summary:
        "Tidplanen fick styra allt, testerna kom sent och var avtalsdrivna, utbildningen och förändringsledningen " +
        "räckte inte och styrningen blandade partnerskap med avtalsstyrning.",
      link: "https://svt.se/nyheter/lokalt/vast/reportern-forklarar-tre-slutsatser-fran-millennium-rapporten",
      unverified: true,
    },
    {
      body: "Regionstyrelsen",
      reference: "Beslut om Millennium-spåret, december 2025",
      decidedOn: "2025-12-01",
      summary:
        "Samordningsgruppens slutrapport rekommenderar att Millennium inte återupptas och att regionen går mot en " +
        "modulbaserad vårdinformationsmiljö (uppskattat 5,5–11 miljarder kronor). Enligt pressuppgifter beslutade " +
        "styrelsen därefter att avsluta Millennium-spåret.",
      link: "https://efn.se/radet-skrota-millennium-sa-mycket-kostar-det-nu",
      unverified: true,
    },
  ],
  reports: [
    {
      quarter: "2025Q4",
      rag: "red",
      summary:
        "Införandet är fortsatt pausat sedan november 2024. Samordningsgruppens slutrapport rekommenderar att " +
        "Millennium inte återupptas och att regionen går mot en modulbaserad vårdinformationsmiljö. Ärendet bereds " +
        "för politiskt beslut.",
      risks:
        "Licens-, drift- och konsultkostnader löper under pausen. Regionen och kommunerna är beroende av dagens " +
        "system, som behöver förvaltas längre än planerat. Risk för tvist om avtalet med Oracle.",
      nextSteps:
        "Bereda beslut om Millennium-spåret. Ta fram en plan för längre förvaltning av dagens system och en strategi " +
        "för en modulbaserad miljö.",
    },
    {
      quarter: "2026Q1",
      rag: "red",
      summary:
        "Millennium återupptas inte. Pilotmiljön på Södra Älvsborgs sjukhus ska avvecklas, och patientinformationen " +
        "från pilotdagarna finns säkrad i dagens system. Arbetet med en målbild för en modulbaserad " +
        "vårdinformationsmiljö har startat.",
      risks:
        "Avvecklingen kräver en överenskommelse med Oracle om data, licenser och ersättning. Medarbetarna på SÄS " +
        "behöver stöd efter pilotdriften.",
      nextSteps:
        "Förhandla om avvecklingen med Oracle. Ta fram en behovsanalys för modulupphandlingar där KPMG-granskningens " +
        "slutsatser om test, utbildning och styrning blir krav.",
    },
    {
      quarter: "2026Q2",
      rag: "red",
      summary:
        "Förhandlingarna med Oracle om avvecklingen pågår. Programorganisationen har minskats och " +
        "konsultkostnaderna har gått ned. Behovsanalysen för den modulbaserade miljön har börjat, tillsammans med " +
        "kommunerna.",
      risks:
        "Förhandlingarna kan dra ut på tiden. Kunskap om konfiguration och migrering försvinner när programmet " +
        "bemannas ned.",
      nextSteps:
        "Slutföra överenskommelsen om avvecklingen. Dokumentera lärdomarna för 3R-samverkan och för Skånes nya " +
        "upphandling.",
    },
    {
      quarter: "2026Q3",
      rag: "red",
      summary:
        "Programmet Millennium avvecklas. Kvar är avtalsfrågorna och arkiveringen av informationen från pilotdriften. " +
        "Den modulbaserade vårdinformationsmiljön drivs som ett eget program och följs upp för sig.",
      risks:
        "Arkiveringen av journalinformationen från pilotdriften måste uppfylla arkivlagen och PDL. Restkostnader i " +
        "avtalet med Oracle.",
      nextSteps: "Slutredovisa programmet för regionstyrelsen. Lämna över lärdomarna till 3R:s styrgrupp.",
    },
  ],
  sets: ["vgr"],
  lessons: [LESSON.pdl, LESSON.goLiveStopped, LESSON.paymentAtGoLive],
};

// ---------------------------------------------------------------------------------------------
// Region Stockholm
// ---------------------------------------------------------------------------------------------

const STOCKHOLM_FVM: DemoProcurement = {
  regionSlug: "stockholm",
  title: STOCKHOLM_FVM_TITLE,
  description:
    "Region Stockholms (dåvarande SLL:s) upphandling av en samlad vårdinformationsmiljö för omkring 2,2 miljarder " +
    "kronor, som regionen fick driva ensam sedan den gemensamma 3R-upphandlingen splittrats. Avbröts i april 2018 " +
    "för ett otydligt utvärderingskriterium och startades om direkt, avbröts igen 2019 när för få anbud uppfyllde " +
    "ska-kraven och stoppades 2020 av pandemin. 2021 ersattes den av strategin Generationsskifte Vårdens IT.",
  phase: "cancelled",
  rag: "red",
  ragReason:
    "Avbruten: april 2018 (otydligt utvärderingskriterium), 2019 (för få anbud uppfyllde ska-kraven) och 2020 " +
    "(pandemin). Ersatt av Generationsskifte Vårdens IT.",
  sharedWith: "3r",
  by: "emma.sandberg@stockholm.example.se",
  milestones: [
    {
      phase: "cancelled",
      label: "Första avbrytandet: ett utvärderingskriterium kunde läsas på två sätt",
      actualOn: "2018-04-01",
      unverified: true,
    },
  ],
  decisions: [
    {
      body: "Landstingsstyrelsen (SLL)",
      reference: "Beslut att avbryta upphandlingen, april 2018",
      decidedOn: "2018-04-01",
      summary: "Ett utvärderingskriterium kunde läsas på två sätt. Upphandlingen avbryts och startas om direkt.",
      link: "https://lakartidningen.se/aktuellt/nyheter/2018/04/sll-avbryter-upphandling-av-it-plattform/",
      unverified: true,
    },
  ],
  lessons: [LESSON.ambiguousCriterion, LESSON.fewTenders],
};

const STOCKHOLM_GENERATION: DemoProcurement = {
  regionSlug: "stockholm",
  title: STOCKHOLM_GENERATION_TITLE,
  description:
    "Strategin Generationsskifte Vårdens IT (2021) ersatte den samlade upphandlingen med moduler och öppna " +
    "standarder. Regionstyrelsen valde i februari 2025 Cambio Cosmic som nytt huvudjournalsystem för Region " +
    "Stockholm och Region Gotland, infört senast vid utgången av 2029. När det är klart använder 19 av 21 " +
    "regioner Cosmic.",
  phase: "contract_management",
  sharedWith: "3r",
  by: "magnus.lundgren@stockholm.example.se",
  reportsBy: "magnus.lundgren@stockholm.example.se",
  milestones: [
    { phase: "award", label: "Regionstyrelsen väljer Cambio Cosmic", actualOn: "2025-02-18" },
    {
      phase: "contract_management",
      label: "Huvudjournalsystemet infört i Stockholm och på Gotland",
      plannedOn: "2029-12-31",
    },
  ],
  decisions: [
    {
      body: "Regionstyrelsen",
      reference: "RS 2025-02-11",
      decidedOn: "2025-02-11",
      summary: "Ärendet om val av nytt huvudjournalsystem bordläggs.",
    },
    {
      body: "Regionstyrelsen",
      reference: "RS 2025-02-18",
      decidedOn: "2025-02-18",
      summary:
        "Med knapp majoritet väljs Cambio Cosmic som nytt huvudjournalsystem för Region Stockholm och Region " +
        "Gotland, infört senast vid utgången av 2029.",
      link: "https://spanaren.se/2025/02/19/stockholm-och-gotland-valjer-journalsystemet-cosmic/",
    },
  ],
  reports: [
    {
      quarter: "2025Q4",
      rag: "green",
      summary:
        "Införandeplaneringen följer tidplanen mot ett införande i Stockholm och på Gotland senast vid utgången av " +
        "2029. Erfarenheterna från Sussa-regionernas införanden av Cosmic tas tillvara vid regelbundna avstämningar.",
      risks:
        "Migreringen av läkemedelslistor och journalinformation från dagens system är omfattande. Privata vårdgivare " +
        "med vårdavtal måste vara med i beredskapsplaneringen (jämför lärdomen från Norrbotten).",
      nextSteps: "Fastställa införandestrategi och etappindelning. Ta fram krav på provmigrering av läkemedelslistor.",
    },
    {
      quarter: "2026Q1",
      rag: "green",
      summary:
        "Programstyrgruppen har fastställt en strategi för etappvis införande. Grundkonfigurationen och " +
        "integrationerna mot nationella tjänster (NPÖ, Nationella läkemedelslistan och 1177) har börjat byggas.",
      risks: "Beroenden till Nationella läkemedelslistan och till de kompletterande moduler som upphandlas separat.",
      nextSteps: "Starta behovsanalysen för kompletterande moduler. Planera en utbildningsmiljö med fiktiva patienter.",
    },
    {
      quarter: "2026Q2",
      rag: "amber",
      summary:
        "Integrationsarbetet är ungefär två månader försenat, främst integrationerna mot regionens egna system för " +
        "remisser och provsvar. Övriga delar följer tidplanen.",
      risks:
        "Om förseningen växer kan driftstarten för den första etappen påverkas. Det saknas verksamhetsföreträdare som " +
        "kan delta i testerna.",
      nextSteps:
        "Omprioritera integrationsarbetet och ta fram en åtgärdsplan med leverantören. Avsätta klinisk testtid i " +
        "verksamhetsplaneringen.",
    },
    {
      quarter: "2026Q3",
      rag: "amber",
      summary:
        "Åtgärdsplanen för integrationerna har tagit igen halva förseningen. Testerna av PDL-scenarier (spärrar, " +
        "samtycke och nödåtkomst) har börjat i testmiljön.",
      risks:
        "Förseningen av den första etappen kvarstår. Kriterierna för go/no-go inför driftgodkännandet är ännu inte " +
        "fastställda.",
      nextSteps:
        "Fastställa go/no-go-kriterier för driftgodkännande utifrån testresultat, utbildningsgrad och beredskap " +
        "(lärdom från VGR 2024). Genomföra en provmigrering av läkemedelslistor.",
    },
  ],
  lessons: [LESSON.goLiveStopped, LESSON.medicationMigration],
};

const STOCKHOLM_MODULES: DemoProcurement = {
  regionSlug: "stockholm",
  title: STOCKHOLM_MODULES_TITLE,
  description:
    "Arbetsnamn inom Generationsskifte Vårdens IT: moduler som ska komplettera det nya huvudjournalsystemet, " +
    "integrerade via öppna API:er och patientkontext. Delas inte förrän verksamhetsarkitekturen är förankrad.",
  phase: "market_analysis",
  sharedWith: null,
  by: "daniel.ek@stockholm.example.se",
  reportsBy: "daniel.ek@stockholm.example.se",
  milestones: [
    { phase: "needs_analysis", label: "Behovsanalys startar", actualOn: "2026-05-04" },
    { phase: "market_analysis", label: "RFI till marknaden", plannedOn: "2027-02-01" },
  ],
  decisions: [],
  reports: [
    {
      quarter: "2026Q2",
      rag: "green",
      summary:
        "Behovsanalysen för kompletterande moduler har startat inom Generationsskifte Vårdens IT. Ett första " +
        "kravutkast för integrationen med huvudjournalsystemet finns.",
      risks: "Verksamhetsarkitekturen är inte förankrad, så kravutkastet delas inte ännu.",
      nextSteps: "Förankra verksamhetsarkitekturen i programstyrgruppen. Planera en RFI till marknaden.",
    },
    {
      quarter: "2026Q3",
      rag: "green",
      summary:
        "Verksamhetsarkitekturen är förankrad för de första modulområdena. En RFI förbereds för att pröva om " +
        "marknaden kan integrera via öppna API:er och patientkontext från huvudjournalsystemet.",
      risks: "Få leverantörer har färdiga integrationer mot huvudjournalsystemet, vilket kan ge svag konkurrens.",
      nextSteps: "Publicera RFI:n under första kvartalet 2027 och hålla leverantörsdialoger med likabehandling.",
    },
  ],
  sets: ["stockholm"],
};

// ---------------------------------------------------------------------------------------------
// 3R and Sussa: the joint procurements
// ---------------------------------------------------------------------------------------------

const THREE_R: DemoProcurement = {
  // DOMAIN.md names no lead for the joint procurement; Stockholm, which carried on alone when the
  // others left, keeps the record.
  regionSlug: "stockholm",
  title: THREE_R_TITLE,
  description:
    "De tre storregionernas gemensamma upphandling av ett nytt vårdinformationsstöd. Regionerna tog fram en " +
    "gemensam målarkitektur där ett kärnsystem är huvuddelen av vårdinformationsmiljön, med standarder för " +
    "teknik, informatik och informationssäkerhet. Samverkan om arkitektur och standarder fortsätter i 3R.",
  participants: ["skane", "vgr"],
  phase: "cancelled",
  rag: "red",
  ragReason:
    "Den gemensamma upphandlingen sprack 2016: Skåne lämnade den tidigt och VGR i oktober 2016. Stockholm fick " +
    "fortsätta ensam.",
  sharedWith: "3r",
  by: "emma.sandberg@stockholm.example.se",
  milestones: [
    {
      phase: "cancelled",
      label: "Skåne lämnar den gemensamma kravfångsten och upphandlingen",
      actualOn: "2016-06-02",
    },
    { phase: "cancelled", label: "VGR lämnar den gemensamma upphandlingen", actualOn: "2016-10-01", unverified: true },
  ],
  decisions: [
    {
      body: "Regionstyrelsen, Region Skåne",
      reference: "RS 2016-06-02 § 148",
      decidedOn: "2016-06-02",
      summary:
        "Skåne stannar i den politiska styrgruppen för 3R, men den fortsatta medverkan omfattar inte gemensam " +
        "kravfångst och upphandling.",
    },
    {
      body: "Västra Götalandsregionen",
      reference: "Beslut att lämna 3R-upphandlingen, oktober 2016",
      decidedOn: "2016-10-01",
      summary: "VGR lämnar den gemensamma upphandlingen och upphandlar på egen hand.",
      link: "https://fel.inkopsradet.se/miljardupphandling-pa-egen-hand",
      unverified: true,
    },
  ],
  sets: ["vgr"],
};

const SUSSA: DemoProcurement = {
  regionSlug: "sormland",
  title: SUSSA_TITLE,
  description:
    "Nio regioner upphandlade gemensamt ett nytt vårdinformationsstöd, med Region Sörmland som värdregion. " +
    "Upphandlingen startade i början av 2016. CompuGroup Medical begärde överprövning av förfrågningsunderlaget; " +
    "regionerna vann i alla instanser men förlorade nästan ett år. Cambio Healthcare Systems tilldelades avtalet " +
    "i december 2018: upp till 2,7 miljarder kronor över tio år om alla nio regioner ansluter. Vinnaren hade högst " +
    "total kvalitetspoäng och högst poäng på vårdverksamhetens behov. Fem regioner tecknade avtal 2019; Dalarna, " +
    "Gävleborg, Halland och Norrbotten anslöt 2020. Tre tilläggsavtal tecknades 2020–2022.",
  participants: [
    "vasterbotten",
    "vasternorrland",
    "orebro",
    "blekinge",
    "dalarna",
    "gavleborg",
    "halland",
    "norrbotten",
  ],
  phase: "contract_management",
  sharedWith: "sussa",
  by: "hanna.eriksson@sormland.example.se",
  reportsBy: "hanna.eriksson@sormland.example.se",
  milestones: [
    {
      phase: "award",
      label: "Tilldelning till Cambio Healthcare Systems",
      actualOn: "2018-12-01",
      unverified: true,
    },
    { phase: "contract", label: "De fem första regionerna tecknar avtal", actualOn: "2019-06-01", unverified: true },
    {
      phase: "contract_management",
      label: "Nytt projektavtal och förlikningsavtal med Cambio",
      actualOn: "2024-05-03",
    },
    {
      phase: "contract_management",
      label: "Driftstart Region Örebro län, först ut",
      actualOn: "2024-09-01",
      unverified: true,
    },
    { phase: "contract_management", label: "Driftstart Region Gävleborg", actualOn: "2025-01-14" },
    { phase: "contract_management", label: "Driftstart Region Halland", actualOn: "2025-03-01", unverified: true },
    {
      phase: "contract_management",
      label: "Driftstart Region Västerbotten",
      actualOn: "2025-04-01",
      unverified: true,
    },
    { phase: "contract_management", label: "Driftstart Region Dalarna", plannedOn: "2027-03-15" },
    { phase: "contract_management", label: "Driftstart Region Sörmland", plannedOn: "2027-04-19" },
  ],
  decisions: [
    {
      body: "Sussa-regionerna",
      reference: "Tilldelningsbeslut, december 2018",
      decidedOn: "2018-12-01",
      summary:
        "Cambio Healthcare Systems tilldelas avtalet: upp till 2,7 miljarder kronor över tio år om alla nio regioner " +
        "ansluter.",
      link: "https://lakartidningen.se/aktuellt/nyheter/2018/12/landsting-har-gjort-gemensam-miljardupphandling-av-it-stod/",
      unverified: true,
    },
    {
      body: "Konkurrensverket",
      reference: "Ansökan om upphandlingsskadeavgift 2023-12-20",
      decidedOn: "2023-12-20",
      summary:
        "Konkurrensverket begär 10 miljoner kronor i upphandlingsskadeavgift per region för en otillåten " +
        "direktupphandling genom avtalsändring (tilläggsavtalen 2020–2022).",
      link: "https://regionsormland.se/nyheter/nyhetslista/konkurrensverket-begar-upphandlingsskadeavgift/",
    },
    {
      body: "Sussa-regionerna och Cambio",
      reference: "Projektavtal och förlikningsavtal 2024-05-03",
      decidedOn: "2024-05-03",
      summary:
        "Efter förseningen i slutet av 2023 tecknas ett nytt projektavtal med viten och ett förlikningsavtal med " +
        "ersättning till regionerna.",
      link: "https://fvis.regionhalland.se/nyheter/avtal-skrivet-for-fortsatta-inforandet-av-cosmic/",
    },
    {
      body: "Förvaltningsrätten i Karlstad",
      reference: "Dom i mål om upphandlingsskadeavgift, november 2025",
      decidedOn: "2025-11-01",
      summary: "Konkurrensverkets ansökan avslås: avtalsändringarna var tillåtna.",
      link: "https://upphandling24.se/klarar-sig-fran-rekordboter",
      unverified: true,
    },
    {
      body: "Styrgruppen Sussa",
      reference: "Styrgruppen Sussa 2026-11-20 § 4",
      decidedOn: "2026-11-20",
      summary:
        "Den gemensamma kravbilden för informationssäkerhet och PDL fastställs som baslinje för kommande " +
        "tilläggsupphandlingar.",
    },
  ],
  reports: [
    {
      quarter: "2025Q4",
      rag: "amber",
      summary:
        "Cosmic är i drift i Örebro, Norrbotten, Gävleborg, Halland och Västerbotten. Förvaltningsrätten i Karlstad " +
        "har avslagit Konkurrensverkets ansökan om upphandlingsskadeavgift, men domen har ännu inte vunnit laga " +
        "kraft. Driftstarterna i Dalarna och Sörmland är uppskjutna på Cambios inrådan.",
      risks:
        "Domen kan överklagas. Införandena i Dalarna och Sörmland konkurrerar om leverantörens resurser med " +
        "förvaltningen i de regioner som redan är i drift.",
      nextSteps:
        "Ta fram en ny tidplan för Dalarna och Sörmland med go/no-go-kriterier. Följa upp avvikelser och " +
        "förbättringsärenden i de regioner som är i drift.",
    },
    {
      quarter: "2026Q1",
      rag: "amber",
      summary:
        "En ny tidplan för Dalarna och Sörmland är klar, med driftstarter våren 2027. Läget i de regioner som är i " +
        "drift blir bättre, och antalet kritiska ärenden minskar.",
      risks:
        "Migreringen av läkemedelslistor måste automatiseras, så att den manuella överföringen från Norrbotten inte " +
        "upprepas. Privata vårdcentraler i Dalarna och Sörmland måste vara med i beredskapsplaneringen.",
      nextSteps:
        "Genomföra en provmigrering av läkemedelslistor i Sörmland. Ta fram ett gemensamt utbildningsupplägg för de " +
        "två återstående regionerna.",
    },
    {
      quarter: "2026Q2",
      rag: "green",
      summary:
        "Provmigreringen av läkemedelslistor i Sörmland gick enligt plan. Styrgruppen har godkänt go/no-go-kriterierna " +
        "för de återstående driftstarterna. Förvaltningen i de fem regioner som är i drift är stabil.",
      risks: "Under sommaren finns det färre testare i verksamheten.",
      nextSteps:
        "Genomföra scenariotester med vårdpersonal i Dalarna och Sörmland under hösten. Ta fram den gemensamma " +
        "kravbilden för informationssäkerhet och PDL inför kommande tilläggsupphandlingar.",
    },
    {
      quarter: "2026Q3",
      rag: "amber",
      summary:
        "Scenariotesterna i Dalarna och Sörmland går enligt plan, men utbildningsgraden når inte go/no-go-kriteriet " +
        "(90 procent av användarna utbildade sex veckor före driftstart). Styrgruppen behåller tidplanen och följer " +
        "utbildningen varje månad. Den gemensamma kravbilden för informationssäkerhet och PDL är godkänd och " +
        "fastställs av styrgruppen i november.",
      risks:
        "Om utbildningen inte kommer ikapp måste driftstarterna skjutas. Det kan kräva ytterligare tilläggsavtal, " +
        "och varje ändring behöver en juridisk bedömning enligt 17 kap. LOU.",
      nextSteps:
        "Utöka utbildningskapaciteten i Dalarna och Sörmland. Styrgruppen fastställer kravbilden den 20 november. " +
        "Beslut om driftstart i Dalarna tas vid go/no-go-mötet i februari 2027.",
    },
  ],
  sets: ["sormland"],
  lessons: [LESSON.challengedDocuments, LESSON.contractChanges, LESSON.medicationMigration],
};

export const DEMO_PROCUREMENTS: readonly DemoProcurement[] = [
  SKANE_MILLENNIUM,
  SKANE_NEW_PROCUREMENT,
  VGR_FIRST_ROUND,
  VGR_MILLENNIUM,
  STOCKHOLM_FVM,
  STOCKHOLM_GENERATION,
  STOCKHOLM_MODULES,
  THREE_R,
  SUSSA,
];

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

type Lookups = {
  regionId: (slug: string) => string;
  userId: (email: string) => string;
  collaborationId: (slug: string) => string;
};

async function loadLookups(): Promise<Lookups> {
  const [regionRows, userRows, collaborationRows] = await Promise.all([
    db.select({ id: regions.id, key: regions.slug }).from(regions),
    db.select({ id: users.id, key: users.email }).from(users),
    db.select({ id: collaborations.id, key: collaborations.slug }).from(collaborations),
  ]);
  const lookup = (rows: Array<{ id: string; key: string }>, kind: string) => {
    const byKey = new Map(rows.map((row) => [row.key, row.id]));
    return (key: string) => {
      const id = byKey.get(key);
      if (!id) throw new Error(`Demo procurements refer to unknown ${kind} "${key}"; seed the accounts first`);
      return id;
    };
  };
  return {
    regionId: lookup(regionRows, "region"),
    userId: lookup(userRows, "user"),
    collaborationId: lookup(collaborationRows, "collaboration"),
  };
}

/** The RAG and reason a procurement shows: its newest report's, or its own when it has none. */
export function currentStatus(procurement: DemoProcurement): { rag: RagStatus; ragReason: string } {
  const newest = [...(procurement.reports ?? [])].sort((a, b) => b.quarter.localeCompare(a.quarter))[0];
  if (newest) return { rag: newest.rag, ragReason: newest.summary };
  return { rag: procurement.rag ?? "green", ragReason: procurement.ragReason ?? "" };
}

async function findProcurementId(regionId: string, title: string): Promise<string | null> {
  const [row] = await db
    .select({ id: procurements.id })
    .from(procurements)
    .where(and(eq(procurements.ownerRegionId, regionId), eq(procurements.title, title)));
  return row?.id ?? null;
}

async function createDemoProcurement(procurement: DemoProcurement, lookups: Lookups): Promise<string> {
  const ownerRegionId = lookups.regionId(procurement.regionSlug);
  const authorId = lookups.userId(procurement.by);
  const reportAuthorId = lookups.userId(procurement.reportsBy ?? procurement.by);
  const { rag, ragReason } = currentStatus(procurement);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(procurements)
      .values({
        ownerRegionId,
        title: procurement.title,
        description: procurement.description,
        caseNumber: procurement.caseNumber ?? "",
        phase: procurement.phase,
        rag,
        ragReason,
        visibility: procurement.sharedWith ? "collaboration" : "private",
        collaborationId: procurement.sharedWith ? lookups.collaborationId(procurement.sharedWith) : null,
        createdByUserId: authorId,
        updatedByUserId: authorId,
      })
      .returning({ id: procurements.id });
    if (!created) throw new Error("insert returned no row");
    const procurementId = created.id;
    if (procurement.participants?.length) {
      await tx
        .insert(procurementRegions)
        .values(procurement.participants.map((slug) => ({ procurementId, regionId: lookups.regionId(slug) })));
    }
    if (procurement.milestones.length > 0) {
      await tx.insert(procurementMilestones).values(
        procurement.milestones.map((milestone) => ({
          procurementId,
          phase: milestone.phase,
          label: milestone.label,
          plannedOn: milestone.plannedOn ?? null,
          actualOn: milestone.actualOn ?? null,
          unverified: milestone.unverified ?? false,
        })),
      );
    }
    if (procurement.decisions.length > 0) {
      await tx.insert(procurementDecisions).values(
        procurement.decisions.map((decision) => ({
          procurementId,
          body: decision.body,
          reference: decision.reference,
          decidedOn: decision.decidedOn,
          summary: decision.summary,
          link: decision.link ?? "",
          unverified: decision.unverified ?? false,
          createdByUserId: authorId,
        })),
      );
    }
    if (procurement.reports?.length) {
      await tx.insert(procurementStatusReports).values(
        procurement.reports.map((report) => ({
          procurementId,
          periodStart: QUARTERS[report.quarter].periodStart,
          periodEnd: QUARTERS[report.quarter].periodEnd,
          rag: report.rag,
          summary: report.summary,
          risks: report.risks,
          nextSteps: report.nextSteps,
          authorUserId: reportAuthorId,
          createdAt: new Date(QUARTERS[report.quarter].writtenAt),
        })),
      );
    }
    await writeAuditEvent(tx, {
      action: "procurement.created",
      actorUserId: authorId,
      regionId: ownerRegionId,
      targetType: "procurement",
      targetId: procurementId,
      details: { title: procurement.title, phase: procurement.phase, rag, seed: true },
      request: SEED_REQUEST,
    });
    return procurementId;
  });
}

/** Links the demo sets named by owner region; a set missing from this database is skipped. */
async function linkDemoSets(procurementId: string, procurement: DemoProcurement, lookups: Lookups): Promise<void> {
  for (const regionSlug of procurement.sets ?? []) {
    const title = DEMO_SETS.find((set) => set.regionSlug === regionSlug)?.title;
    if (!title) continue;
    const [set] = await db
      .select({ id: requirementSets.id })
      .from(requirementSets)
      .where(and(eq(requirementSets.ownerRegionId, lookups.regionId(regionSlug)), eq(requirementSets.title, title)));
    if (!set) continue;
    await db
      .insert(procurementSetLinks)
      .values({ procurementId, setId: set.id, createdByUserId: lookups.userId(procurement.by) })
      .onConflictDoNothing();
  }
}

/**
 * Links the demo lessons by their seeded title (a lesson renamed during a demo is left unlinked
 * rather than guessed at).
 */
async function linkDemoLessons(procurementId: string, procurement: DemoProcurement, lookups: Lookups): Promise<void> {
  for (const number of procurement.lessons ?? []) {
    const demoLesson = DEMO_LESSONS.find((candidate) => candidate.number === number);
    if (!demoLesson) throw new Error(`Demo procurement refers to unknown lesson ${number}`);
    const [lesson] = await db
      .select({ id: lessons.id })
      .from(lessons)
      .where(eq(lessons.title, demoLesson.input.title))
      .orderBy(lessons.createdAt)
      .limit(1);
    if (!lesson) continue;
    await db
      .insert(procurementLessonLinks)
      .values({ procurementId, lessonId: lesson.id, createdByUserId: lookups.userId(procurement.by) })
      .onConflictDoNothing();
  }
}

/** Needs the demo accounts and sets (and, for the lesson links, the demo lessons) to be committed already. */
export async function seedDemoProcurements(): Promise<void> {
  const lookups = await loadLookups();
  for (const procurement of DEMO_PROCUREMENTS) {
    const existing = await findProcurementId(lookups.regionId(procurement.regionSlug), procurement.title);
    const procurementId = existing ?? (await createDemoProcurement(procurement, lookups));
    await linkDemoSets(procurementId, procurement, lookups);
    await linkDemoLessons(procurementId, procurement, lookups);
  }
}
