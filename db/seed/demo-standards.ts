/**
 * Demo standards (issue 5): the standards a VIS tender typically references (DOMAIN.md §3), with
 * the versions given there and, where the owner publishes regular releases, the one before, so
 * that requirements written against the earlier release show up as flagged; the common standards
 * 3R and Sussa samverkan have decided on, with decision references; each of the twelve regions'
 * adoption, with a few deviations from the common standards for the steering groups to see; and
 * the demo requirements' references to the standards they cite.
 *
 * Written straight to the tables in one transaction (some 300 rows; going through the model
 * would cost a transaction each). Idempotent: a standard whose code exists is left as it is, and
 * every other row is inserted only where its key is free, so a rerun adds nothing and never
 * undoes what people have changed in the demo since.
 *
 * Nothing here is flagged *(verify)* in DOMAIN.md; dates are given only where the source gives
 * them (or the publication date is a matter of record), the rest is in the notes or left out.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";

import { db } from "../../app/utils/db.server";
import { collaborations, regions, users } from "../schema/accounts";
import { requirements, requirementSets } from "../schema/requirements";
import {
  collaborationStandards,
  regionStandardAdoptions,
  requirementStandardLinks,
  standards,
  standardVersions,
} from "../schema/standards";

import type { DemoCollaborationSlug, DemoRegionSlug, DemoUserEmail } from "./demo-data";
import { SKANE_SET_TITLE, STOCKHOLM_SET_TITLE, SUSSA_SET_TITLE, THREE_R_SET_TITLE } from "./demo-titles";

type Category = (typeof standards.category.enumValues)[number];
type Lifecycle = (typeof standards.lifecycle.enumValues)[number];
type Level = (typeof collaborationStandards.level.enumValues)[number];
type Status = (typeof regionStandardAdoptions.status.enumValues)[number];

type DemoVersion = { readonly label: string; readonly releasedOn?: string; readonly note?: string };

export type DemoStandard = {
  readonly code: string;
  readonly name: string;
  readonly ownerBody: string;
  readonly category: Category;
  readonly lifecycle: Lifecycle;
  readonly link: string;
  readonly description: string;
  /** Oldest first; the last one is the current version. */
  readonly versions: readonly DemoVersion[];
};

export const DEMO_STANDARDS = [
  {
    code: "NI",
    name: "Nationell informationsstruktur",
    ownerBody: "Socialstyrelsen",
    category: "informatics",
    lifecycle: "current",
    link: "https://informationsstruktur.socialstyrelsen.se/models",
    description:
      "Process-, begrepps- och informationsmodeller (referensmodeller) för strukturerad dokumentation i " +
      "hälso- och sjukvård och socialtjänst.",
    versions: [{ label: "NI referensmodeller 2022:2" }],
  },
  {
    code: "NIM",
    name: "Nationella informationsmängder (t.ex. Uppmärksamhetsinformation)",
    ownerBody: "Socialstyrelsen",
    category: "informatics",
    lifecycle: "current",
    link:
      "https://www.socialstyrelsen.se/kunskapsstod-och-regler/omraden/e-halsa/" +
      "nationell-informationsstruktut-och-nationella-informationsmangder/nationella-informationsmangder/",
    description:
      "Paket av rättsliga krav, begrepp, kodverk och struktur för avgränsade informationsmängder, till exempel " +
      "uppmärksamhetsinformation (UMI). Hänvisa till informationsmängder med status ”Publicerad”.",
    versions: [],
  },
  {
    code: "NPÖ",
    name: "Nationell patientöversikt",
    ownerBody: "Inera AB",
    category: "interoperability",
    lifecycle: "current",
    link: "https://www.inera.se/tjanster/alla-tjanster-a-o/npo---nationell-patientoversikt/",
    description:
      "Låter behörig personal med patientens samtycke läsa andra vårdgivares journaluppgifter (sammanhållen " +
      "vård- och omsorgsdokumentation). Journalsystemet är producent via tjänstekontrakt.",
    versions: [{ label: "Producentramverk (2014)", note: "Tillsammans med gällande RIV-TA-tjänstekontrakt." }],
  },
  {
    code: "NTjP / RIV-TA",
    name: "Nationella tjänsteplattformen; RIV Tekniska Anvisningar",
    ownerBody: "Inera AB",
    category: "architecture",
    lifecycle: "current",
    link: "https://inera.atlassian.net/wiki/spaces/RTA/pages/3632863/",
    description:
      "Nationell integrationsplattform. Tjänstekontrakt som GetCareDocumentation, GetDiagnosis, " +
      "GetLaboratoryOrderOutcome och GetCareContacts; adressering via TAK.",
    versions: [
      {
        label: "RIV-TA Basic Profile 2.1",
        note: "Tjänsteplattformens tekniska krav: ARK_0034 v2.0 (2024-09-18).",
      },
    ],
  },
  {
    code: "1177",
    name: "1177 (Vårdguiden, e-tjänster, Journalen)",
    ownerBody: "Inera AB",
    category: "interoperability",
    lifecycle: "current",
    link: "https://www.1177.se/",
    description:
      "Invånarportal för tidbokning, meddelanden, journalåtkomst (Journalen) och formulär. " +
      "Vårdinformationssystemet ska integreras med den aktuella e-tjänsteplattformen.",
    versions: [],
  },
  {
    code: "HSA",
    name: "Katalogtjänst HSA",
    ownerBody: "Inera AB",
    category: "architecture",
    lifecycle: "current",
    link: "https://inera.se/tjanster/katalogtjanst-hsa",
    description:
      "Kvalitetssäkrad katalog över vårdenheter, personal och medarbetaruppdrag. Källa för behörighetsstyrning " +
      "enligt gällande HSA-schema och HSA-regelverk.",
    versions: [],
  },
  {
    code: "SITHS",
    name: "Identifieringstjänst SITHS",
    ownerBody: "Inera AB",
    category: "security",
    lifecycle: "current",
    link: "https://inera.se/tjanster/identifieringstjanst-siths/mer-om-tjansten/program--tillbehor",
    description:
      "E-legitimation för personal (kort eller app) och funktionscertifikat för system. Godkänd av DIGG, " +
      "tillitsnivå 3.",
    versions: [],
  },
  {
    code: "Sjunet",
    name: "Sjunet",
    ownerBody: "Inera AB",
    category: "architecture",
    lifecycle: "current",
    link: "",
    description: "Slutet nationellt nätverk för vård och omsorg.",
    versions: [],
  },
  {
    code: "Pascal",
    name: "Pascal",
    ownerBody: "Inera AB",
    category: "interoperability",
    lifecycle: "current",
    link: "https://www.inera.se/tjanster/pascal/pascal/",
    description:
      "Webbapplikation för ordination och beställning av dosdispenserade läkemedel, uppdaterad för Nationella " +
      "läkemedelslistan. Förvaltas av Inera AB (inte E-hälsomyndigheten).",
    versions: [],
  },
  {
    code: "NLL",
    name: "Nationella läkemedelslistan",
    ownerBody: "E-hälsomyndigheten",
    category: "interoperability",
    lifecycle: "current",
    link: "https://lagen.nu/prop/2024/25:182",
    description:
      "Nationellt register över förskrivna och uttagna läkemedel (lag 2018:1212). Förskrivningssystem skulle stödja " +
      "den nya tekniken senast den 1 december 2025; fälten för indikation och uppföljningsdatum skjuts till den " +
      "1 september 2028. Anslutning enligt E-hälsomyndighetens anslutningskrav.",
    versions: [],
  },
  {
    code: "Sil",
    name: "Svenska informationstjänster för läkemedel",
    ownerBody: "Inera AB",
    category: "informatics",
    lifecycle: "current",
    link: "",
    description: "Läkemedelsinformation (produkter, förmån, interaktioner) för förskrivningsmoduler.",
    versions: [],
  },
  {
    code: "SNOMED CT",
    name: "SNOMED CT, svensk utgåva",
    ownerBody: "SNOMED International; Socialstyrelsen (nationellt releasecenter)",
    category: "terminology",
    lifecycle: "current",
    link:
      "https://confluence.snomedtools.org/display/RMT/" +
      "SNOMED+CT+Managed+Service+-+Sweden+Extension+Release+Notes+-+November+2024",
    description: "Klinisk terminologi med omkring 360 000 svenska begrepp. Nya utgåvor i maj och november.",
    versions: [
      { label: "Sweden Extension 2024-05-31", releasedOn: "2024-05-31" },
      {
        label: "Sweden Extension 2024-11-30",
        releasedOn: "2024-11-30",
        note: "Bygger på International Edition från augusti 2024.",
      },
    ],
  },
  {
    code: "ICD-10-SE",
    name: "Internationell statistisk klassifikation av sjukdomar och relaterade hälsoproblem – svensk version",
    ownerBody: "WHO / Socialstyrelsen",
    category: "terminology",
    lifecycle: "current",
    link:
      "https://vardgivare.regionhalland.se/vardadministration/halsoinformatik/diagnos-och-atgardskodning/" +
      "huvudklassifikationer-i-sverige-icd10-se-kva-och-icf/",
    description:
      "Diagnoskoder som krävs för rapportering till patientregistret. Uppdateras varje år den 1 januari. " +
      "ICD-11 väntas tidigast omkring 2028.",
    versions: [
      { label: "ICD-10-SE 2024", releasedOn: "2024-01-01" },
      { label: "ICD-10-SE 2025", releasedOn: "2025-01-01" },
    ],
  },
  {
    code: "ICD-11",
    name: "International Classification of Diseases, 11th Revision",
    ownerBody: "WHO / Socialstyrelsen",
    category: "terminology",
    lifecycle: "incoming",
    link: "",
    description:
      "Efterföljaren till ICD-10. Införandet i Sverige väntas tidigast omkring 2028; krav bör redan nu medge " +
      "versionsbyte av klassifikationen utan leverantörsprojekt.",
    versions: [],
  },
  {
    code: "KVÅ",
    name: "Klassifikation av vårdåtgärder",
    ownerBody: "Socialstyrelsen",
    category: "terminology",
    lifecycle: "current",
    link: "",
    description: "Åtgärdskoder (kirurgiska och medicinska). Ny utgåva varje år.",
    versions: [
      { label: "KVÅ 2024", releasedOn: "2024-01-01" },
      { label: "KVÅ 2025", releasedOn: "2025-01-01" },
    ],
  },
  {
    code: "ATC",
    name: "Anatomical Therapeutic Chemical classification",
    ownerBody: "WHO Collaborating Centre for Drug Statistics Methodology (Oslo)",
    category: "terminology",
    lifecycle: "current",
    link: "",
    description: "Klassificering av läkemedel. Levereras i Sverige via Sil och NPL. Nytt index varje år.",
    versions: [{ label: "ATC/DDD Index 2024" }, { label: "ATC/DDD Index 2025" }],
  },
  {
    code: "HL7 FHIR",
    name: "HL7 Fast Healthcare Interoperability Resources",
    ownerBody: "HL7 International (svenska profiler: HL7 Sweden)",
    category: "interoperability",
    lifecycle: "current",
    link: "https://build.fhir.org/ig/HL7Sweden/basprofiler-r4/index.html",
    description:
      "Standard för interoperabilitet med REST och JSON. HL7 Swedens basprofiler täcker bland annat Patient " +
      "(personnummer) och Organization (HSA-id). R5 (5.0.0) ställs ibland som bör-krav.",
    versions: [{ label: "R4 (4.0.1)", releasedOn: "2019-10-30", note: "Med HL7 Sweden basprofiler R4 1.1.0." }],
  },
  {
    code: "openEHR",
    name: "openEHR specifications",
    ownerBody: "openEHR International (svenska openEHR-nätverket / SFMI)",
    category: "informatics",
    lifecycle: "current",
    link: "https://openehr.atlassian.net/wiki/pages/viewpage.action?pageId=1893105737",
    description:
      "Arketypbaserat kliniskt datalager. Det finns svenska implementationsguider, till exempel ”PDL i openEHR” " +
      "(v0.4.0, utkast).",
    versions: [{ label: "Reference Model 1.1.0" }],
  },
  {
    code: "IHE XDS.b / XDS-I.b",
    name: "Cross-Enterprise Document Sharing / Cross-Enterprise Document Sharing for Imaging",
    ownerBody: "IHE International (ITI och Radiology)",
    category: "interoperability",
    lifecycle: "current",
    link: "",
    description:
      "Dokumentdelning med register och arkiv; i Sverige främst för bilder och dokument. Hänvisa till aktuell " +
      "revision av IHE ITI Technical Framework.",
    versions: [],
  },
  {
    code: "ISO/IEC 27001",
    name: "Information security management systems – Requirements",
    ownerBody: "ISO/IEC (SIS i Sverige)",
    category: "security",
    lifecycle: "current",
    link: "",
    description:
      "Certifierbart ledningssystem för informationssäkerhet. Ställs typiskt som kvalificeringskrav på " +
      "leverantörens drift.",
    versions: [{ label: "ISO/IEC 27001:2013" }, { label: "ISO/IEC 27001:2022" }],
  },
  {
    code: "ISO 27799",
    name: "Health informatics – Information security management in health using ISO/IEC 27002",
    ownerBody: "ISO (TC 215)",
    category: "security",
    lifecycle: "current",
    link: "https://www.iso27001security.com/html/27799.html",
    description:
      "Vägledning för hälso- och sjukvård om säkerhetsåtgärderna i ISO/IEC 27002, till exempel nödåtkomst och " +
      "spårbarhet (audit trails).",
    versions: [{ label: "ISO 27799:2016" }],
  },
  {
    code: "PDL + HSLF-FS 2016:40",
    name: "Patientdatalag (2008:355); Socialstyrelsens föreskrifter om journalföring och behandling av personuppgifter",
    ownerBody: "Riksdagen / Socialstyrelsen",
    category: "law",
    lifecycle: "current",
    link:
      "https://www.imy.se/verksamhet/dataskydd/dataskydd-pa-olika-omraden/personuppgifter-inom-halso--och-sjukvarden/" +
      "kontroll-av-atkomst-till-uppgifter---for-vardgivare2",
    description:
      "Inre sekretess, behörighetsstyrning och loggning. Loggarna ska visa användare, patient, åtgärd, " +
      "vårdenhet/vårdprocess och tidpunkt och sparas i minst fem år; vårdgivaren ska följa upp dem systematiskt.",
    versions: [{ label: "HSLF-FS 2016:40 (ändrad t.o.m. HSLF-FS 2020:56)" }],
  },
  {
    code: "WCAG / EN 301 549",
    name: "Web Content Accessibility Guidelines; EN 301 549",
    ownerBody: "W3C / ETSI, CEN, CENELEC; tillsyn DIGG enligt DOS-lagen (2018:1937)",
    category: "accessibility",
    lifecycle: "current",
    link: "https://www.digg.se/kunskap-och-stod/digital-tillganglighet/rattslig-vagledning/7.-ataganden---vilka-ar-kraven",
    description:
      "Tillgänglighet för offentliga digitala tjänster, även hos privata vårdgivare som finansieras med " +
      "offentliga medel.",
    versions: [{ label: "EN 301 549 V3.2.1 (WCAG 2.1 AA)" }],
  },
  {
    code: "WCAG 2.2",
    name: "Web Content Accessibility Guidelines 2.2",
    ownerBody: "W3C",
    category: "accessibility",
    lifecycle: "incoming",
    link: "https://www.w3.org/TR/WCAG22/",
    description:
      "Nyare version av WCAG. Ställs som bör-krav så länge EN 301 549 och DOS-lagens krav bygger på WCAG 2.1.",
    versions: [{ label: "WCAG 2.2", releasedOn: "2023-10-05", note: "W3C-rekommendation." }],
  },
  {
    code: "MDR",
    name: "Förordning (EU) 2017/745 om medicintekniska produkter",
    ownerBody: "EU / Läkemedelsverket",
    category: "law",
    lifecycle: "current",
    link: "https://eur-lex.europa.eu/eli/reg/2017/745/oj",
    description:
      "CE-märkning av programvara som är medicinteknisk produkt, till exempel beslutsstöd och dosberäkning. " +
      "CE-märkningen var ett omtvistat ska-krav i Skånes upphandling 2017.",
    versions: [{ label: "MDR 2017/745" }],
  },
] as const satisfies readonly DemoStandard[];

export type DemoStandardCode = (typeof DEMO_STANDARDS)[number]["code"];

type DemoMarking = {
  readonly code: DemoStandardCode;
  readonly level: Level;
  readonly reference: string;
  readonly decidedOn: string;
};

/** The steering groups' decisions on common standards, recorded by each group's chair. */
export const DEMO_COMMON_STANDARDS: Record<
  Extract<DemoCollaborationSlug, "3r" | "sussa">,
  { readonly by: DemoUserEmail; readonly markings: readonly DemoMarking[] }
> = {
  "3r": {
    by: "per.andersson@skane.example.se",
    markings: [
      { code: "HL7 FHIR", level: "required", reference: "Styrgruppen 3R 2026-03-12 § 5", decidedOn: "2026-03-12" },
      { code: "NTjP / RIV-TA", level: "required", reference: "Styrgruppen 3R 2026-03-12 § 5", decidedOn: "2026-03-12" },
      { code: "NPÖ", level: "required", reference: "Styrgruppen 3R 2026-03-12 § 5", decidedOn: "2026-03-12" },
      { code: "SNOMED CT", level: "required", reference: "Styrgruppen 3R 2026-06-04 § 8", decidedOn: "2026-06-04" },
      { code: "openEHR", level: "recommended", reference: "Styrgruppen 3R 2026-06-04 § 9", decidedOn: "2026-06-04" },
      {
        code: "IHE XDS.b / XDS-I.b",
        level: "recommended",
        reference: "Styrgruppen 3R 2026-06-04 § 9",
        decidedOn: "2026-06-04",
      },
      { code: "ISO/IEC 27001", level: "required", reference: "Styrgruppen 3R 2026-09-17 § 3", decidedOn: "2026-09-17" },
      {
        code: "PDL + HSLF-FS 2016:40",
        level: "required",
        reference: "Styrgruppen 3R 2026-09-17 § 3",
        decidedOn: "2026-09-17",
      },
      {
        code: "WCAG / EN 301 549",
        level: "required",
        reference: "Styrgruppen 3R 2026-09-17 § 4",
        decidedOn: "2026-09-17",
      },
      { code: "WCAG 2.2", level: "recommended", reference: "Styrgruppen 3R 2026-11-20 § 4", decidedOn: "2026-11-20" },
    ],
  },
  sussa: {
    by: "eva.karlsson@sormland.example.se",
    markings: [
      { code: "SNOMED CT", level: "required", reference: "Styrgruppen Sussa 2025-06-12 § 7", decidedOn: "2025-06-12" },
      { code: "ICD-10-SE", level: "required", reference: "Styrgruppen Sussa 2025-06-12 § 7", decidedOn: "2025-06-12" },
      { code: "KVÅ", level: "required", reference: "Styrgruppen Sussa 2025-06-12 § 7", decidedOn: "2025-06-12" },
      { code: "ATC", level: "required", reference: "Styrgruppen Sussa 2025-06-12 § 7", decidedOn: "2025-06-12" },
      { code: "NLL", level: "required", reference: "Styrgruppen Sussa 2025-09-25 § 4", decidedOn: "2025-09-25" },
      { code: "Sil", level: "required", reference: "Styrgruppen Sussa 2025-09-25 § 4", decidedOn: "2025-09-25" },
      { code: "Pascal", level: "required", reference: "Styrgruppen Sussa 2025-09-25 § 4", decidedOn: "2025-09-25" },
      { code: "SITHS", level: "required", reference: "Styrgruppen Sussa 2026-02-19 § 6", decidedOn: "2026-02-19" },
      { code: "HSA", level: "required", reference: "Styrgruppen Sussa 2026-02-19 § 6", decidedOn: "2026-02-19" },
      {
        code: "PDL + HSLF-FS 2016:40",
        level: "required",
        reference: "Styrgruppen Sussa 2026-02-19 § 6",
        decidedOn: "2026-02-19",
      },
      {
        code: "ISO 27799",
        level: "recommended",
        reference: "Styrgruppen Sussa 2026-02-19 § 7",
        decidedOn: "2026-02-19",
      },
      {
        code: "HL7 FHIR",
        level: "recommended",
        reference: "Styrgruppen Sussa 2026-05-21 § 5",
        decidedOn: "2026-05-21",
      },
      {
        code: "WCAG / EN 301 549",
        level: "required",
        reference: "Styrgruppen Sussa 2026-05-21 § 6",
        decidedOn: "2026-05-21",
      },
    ],
  },
};

const ALL_REGIONS = [
  "skane",
  "vgr",
  "stockholm",
  "vasterbotten",
  "vasternorrland",
  "orebro",
  "sormland",
  "blekinge",
  "dalarna",
  "gavleborg",
  "halland",
  "norrbotten",
] as const satisfies readonly DemoRegionSlug[];

type DemoAdoption = { readonly status: Status; readonly date?: string; readonly note?: string };
/** Per standard: what every region has, unless `regions` says otherwise; a region left out of both has recorded nothing. */
type DemoAdoptionPlan = {
  readonly all?: DemoAdoption;
  readonly regions?: Partial<Record<DemoRegionSlug, DemoAdoption>>;
};

const adopted = (note?: string, date?: string): DemoAdoption => ({ status: "adopted", note, date });
const planned = (note?: string, date?: string): DemoAdoption => ({ status: "planned", note, date });
const evaluating = (note?: string): DemoAdoption => ({ status: "evaluating", note });
const notApplicable = (note: string): DemoAdoption => ({ status: "not_applicable", note });

const COSMIC_LIVE = {
  orebro: adopted("Infört med Cosmic, driftstart september 2024."),
  norrbotten: adopted("Infört med Cosmic, driftstart hösten 2024."),
  gavleborg: adopted("Infört med Cosmic.", "2025-01-14"),
  halland: adopted("Infört med Cosmic, driftstart mars 2025."),
  vasterbotten: adopted("Infört med Cosmic, driftstart april 2025."),
} as const;
const COSMIC_WAITING = planned("Planeras med driftstarten av Cosmic, som har skjutits upp på leverantörens inrådan.");

/**
 * The regions' adoption. National infrastructure (NPÖ, tjänsteplattformen, 1177, HSA, SITHS,
 * Sjunet, NLL, Sil, Pascal) and the law are in place everywhere; terminologies, FHIR, openEHR
 * and the security standards vary, and a few regions deviate from a common standard.
 */
export const DEMO_ADOPTIONS: Record<DemoStandardCode, DemoAdoptionPlan> = {
  NI: {
    regions: {
      skane: adopted("Informationsmodellen i SDV är mappad mot NI."),
      vgr: adopted(),
      stockholm: planned("Ingår i verksamhetsarkitekturen för Generationsskifte Vårdens IT."),
      orebro: adopted(),
      halland: evaluating(),
      vasterbotten: evaluating(),
      sormland: evaluating(),
    },
  },
  NIM: {
    regions: {
      skane: planned("Uppmärksamhetsinformation (UMI) enligt NIM i nästa journalversion."),
      vgr: evaluating(),
      stockholm: evaluating(),
      orebro: adopted("UMI visas i patientens sidhuvud i Cosmic."),
      gavleborg: adopted(),
      halland: planned(),
    },
  },
  NPÖ: { all: adopted("Producent och konsument via tjänsteplattformen.") },
  "NTjP / RIV-TA": { all: adopted() },
  "1177": { all: adopted() },
  HSA: { all: adopted() },
  SITHS: { all: adopted("SITHS-kort och SITHS eID-app.") },
  Sjunet: { all: adopted() },
  Pascal: { all: adopted() },
  NLL: { all: adopted("Anslutet före kravet den 1 december 2025.") },
  Sil: { all: adopted() },
  "SNOMED CT": {
    regions: {
      skane: adopted("Sökord och mallar bundna till Snomed CT."),
      vgr: adopted(),
      stockholm: evaluating("Utreds inom generationsskiftet; beslut väntas när huvudjournalsystemet är infört."),
      ...COSMIC_LIVE,
      dalarna: COSMIC_WAITING,
      sormland: COSMIC_WAITING,
      blekinge: planned(),
      vasternorrland: evaluating("Förvaltningen utreder kostnaden för mallarbetet."),
    },
  },
  "ICD-10-SE": { all: adopted("Rapporteras till patientregistret.") },
  "ICD-11": {
    regions: {
      skane: evaluating(),
      vgr: evaluating(),
      stockholm: evaluating(),
      halland: evaluating("Följer Socialstyrelsens förberedelser."),
    },
  },
  KVÅ: { all: adopted() },
  ATC: { all: adopted("Via Sil.") },
  "HL7 FHIR": {
    regions: {
      skane: adopted("FHIR R4-gränssnitt mot regionens integrationsplattform."),
      vgr: adopted(),
      stockholm: adopted("Grunden i den modulära strategin med öppna standarder."),
      orebro: adopted(),
      halland: planned(),
      gavleborg: planned(),
      vasterbotten: planned(),
      vasternorrland: planned(),
      sormland: planned(),
      blekinge: planned(),
      norrbotten: evaluating("Utreds efter driftstarten; integrationerna bygger i dag på regionens egen plattform."),
    },
  },
  openEHR: {
    regions: {
      skane: evaluating("Förstudie om gemensamt kliniskt datalager."),
      vgr: evaluating(),
      stockholm: planned("Kliniskt datalager i generationsskiftet."),
      orebro: notApplicable("Inget eget kliniskt datalager planeras."),
      halland: evaluating(),
    },
  },
  "IHE XDS.b / XDS-I.b": {
    regions: {
      skane: adopted("Bild- och dokumentdelning."),
      vgr: adopted(),
      stockholm: adopted(),
      halland: adopted(),
      orebro: adopted(),
      dalarna: evaluating(),
    },
  },
  "ISO/IEC 27001": {
    all: adopted("Ställs som kvalificeringskrav på leverantörens drift."),
    regions: {
      blekinge: planned("Tas in i nästa driftupphandling."),
      dalarna: evaluating(),
    },
  },
  "ISO 27799": {
    regions: {
      vgr: adopted(),
      skane: evaluating(),
      stockholm: notApplicable("ISO/IEC 27001 och 27002 används direkt."),
      orebro: adopted(),
      sormland: adopted(),
      halland: planned(),
      gavleborg: planned(),
      vasterbotten: planned(),
      vasternorrland: planned(),
      dalarna: planned(),
      norrbotten: evaluating(),
      blekinge: notApplicable("Regionen följer ISO/IEC 27002 utan branschtillägg."),
    },
  },
  "PDL + HSLF-FS 2016:40": { all: adopted("Lagkrav.") },
  "WCAG / EN 301 549": { all: adopted("Krav enligt lagen om tillgänglighet till digital offentlig service.") },
  "WCAG 2.2": {
    regions: {
      skane: planned("Ställs som bör-krav i nya upphandlingar."),
      vgr: evaluating(),
      stockholm: planned(),
      halland: evaluating(),
    },
  },
  MDR: { all: adopted("Lagkrav.") },
};

type DemoLink = {
  readonly regionSlug: DemoRegionSlug;
  readonly setTitle: string;
  readonly ref: string;
  readonly code: DemoStandardCode;
  /** The version the requirement was written against; an older one is flagged. */
  readonly version?: string;
};

const skane = (ref: string, code: DemoStandardCode, version?: string): DemoLink => ({
  regionSlug: "skane",
  setTitle: SKANE_SET_TITLE,
  ref,
  code,
  version,
});
const sussa = (ref: string, code: DemoStandardCode, version?: string): DemoLink => ({
  regionSlug: "sormland",
  setTitle: SUSSA_SET_TITLE,
  ref,
  code,
  version,
});
const threeR = (ref: string, code: DemoStandardCode, version?: string): DemoLink => ({
  regionSlug: "vgr",
  setTitle: THREE_R_SET_TITLE,
  ref,
  code,
  version,
});

/**
 * The demo requirements' references to the standards their text cites. The Skåne and 3R sets
 * were written against the 2024 terminology releases, which have since been replaced.
 */
export const DEMO_REQUIREMENT_LINKS: readonly DemoLink[] = [
  skane("JF-001", "SNOMED CT", "Sweden Extension 2024-05-31"),
  skane("JF-002", "NI", "NI referensmodeller 2022:2"),
  skane("JF-003", "NIM"),
  skane("JF-005", "SITHS"),
  skane("JF-007", "1177"),
  skane("LM-001", "NLL"),
  skane("LM-002", "Sil"),
  skane("LM-002", "ATC", "ATC/DDD Index 2024"),
  skane("LM-006", "MDR", "MDR 2017/745"),
  skane("LM-007", "Pascal"),
  skane("IN-001", "NPÖ", "Producentramverk (2014)"),
  skane("IN-002", "NTjP / RIV-TA", "RIV-TA Basic Profile 2.1"),
  skane("IN-003", "1177"),
  skane("IN-004", "HL7 FHIR", "R4 (4.0.1)"),
  skane("IN-005", "openEHR", "Reference Model 1.1.0"),
  skane("IS-001", "ISO/IEC 27001", "ISO/IEC 27001:2022"),
  // IS-005 was renumbered BL-008 while the set was on remiss (demo-sets.ts).
  skane("BL-008", "SITHS"),
  skane("BL-001", "HSA"),
  skane("BL-001", "PDL + HSLF-FS 2016:40", "HSLF-FS 2016:40 (ändrad t.o.m. HSLF-FS 2020:56)"),
  skane("BL-005", "PDL + HSLF-FS 2016:40", "HSLF-FS 2016:40 (ändrad t.o.m. HSLF-FS 2020:56)"),
  skane("TA-001", "WCAG / EN 301 549", "EN 301 549 V3.2.1 (WCAG 2.1 AA)"),
  skane("KV-004", "MDR", "MDR 2017/745"),
  sussa("IS-001", "ISO/IEC 27001", "ISO/IEC 27001:2022"),
  sussa("BL-001", "HSA"),
  sussa("BL-001", "PDL + HSLF-FS 2016:40", "HSLF-FS 2016:40 (ändrad t.o.m. HSLF-FS 2020:56)"),
  sussa("IN-001", "NPÖ", "Producentramverk (2014)"),
  sussa("IN-002", "HL7 FHIR", "R4 (4.0.1)"),
  sussa("IN-004", "SITHS"),
  threeR("IN-001", "HL7 FHIR", "R4 (4.0.1)"),
  threeR("IN-003", "openEHR", "Reference Model 1.1.0"),
  threeR("IN-004", "SNOMED CT", "Sweden Extension 2024-05-31"),
  threeR("IN-004", "ICD-10-SE", "ICD-10-SE 2024"),
  threeR("IN-004", "KVÅ", "KVÅ 2024"),
  threeR("IN-004", "ATC", "ATC/DDD Index 2024"),
  threeR("IN-005", "IHE XDS.b / XDS-I.b"),
  threeR("IN-006", "NTjP / RIV-TA", "RIV-TA Basic Profile 2.1"),
  threeR("IN-007", "HL7 FHIR", "R4 (4.0.1)"),
  threeR("IS-002", "SITHS"),
  threeR("IS-003", "PDL + HSLF-FS 2016:40"),
  threeR("IS-004", "HSA"),
  threeR("BS-002", "MDR", "MDR 2017/745"),
  // Stockholm's draft is private: only Stockholm's members see this reference.
  { regionSlug: "stockholm", setTitle: STOCKHOLM_SET_TITLE, ref: "IN-002", code: "HL7 FHIR", version: "R4 (4.0.1)" },
];

function lookup<K>(map: ReadonlyMap<K, string>, key: K, kind: string): string {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Demo standards refer to unknown ${kind} "${String(key)}"; seed it first`);
  return id;
}

/** Needs the demo accounts and sets (seedDemoSets) to be committed already. */
export async function seedDemoStandards(): Promise<void> {
  await db.transaction(async (tx) => {
    const regionIds = new Map(
      (await tx.select({ id: regions.id, slug: regions.slug }).from(regions)).map((row) => [row.slug, row.id]),
    );
    const collaborationIds = new Map(
      (await tx.select({ id: collaborations.id, slug: collaborations.slug }).from(collaborations)).map((row) => [
        row.slug,
        row.id,
      ]),
    );
    const userIds = new Map(
      (await tx.select({ id: users.id, email: users.email }).from(users)).map((row) => [row.email, row.id]),
    );
    const platformAdmin = lookup(userIds, "plattform@samkrav.example.se", "user");

    await tx
      .insert(standards)
      .values(
        DEMO_STANDARDS.map((standard) => ({
          code: standard.code,
          name: standard.name,
          ownerBody: standard.ownerBody,
          category: standard.category,
          lifecycle: standard.lifecycle,
          link: standard.link,
          description: standard.description,
          currentVersion: standard.versions.at(-1)?.label ?? "",
          createdByUserId: platformAdmin,
        })),
      )
      .onConflictDoNothing();
    const standardIds = new Map(
      (
        await tx
          .select({ id: standards.id, code: standards.code })
          .from(standards)
          .where(
            inArray(
              standards.code,
              DEMO_STANDARDS.map((standard) => standard.code),
            ),
          )
      ).map((row) => [row.code, row.id]),
    );
    const standardId = (code: string) => lookup(standardIds, code, "standard");

    const versionRows = DEMO_STANDARDS.flatMap((standard) =>
      standard.versions.map((version: DemoVersion) => ({
        standardId: standardId(standard.code),
        label: version.label,
        releasedOn: version.releasedOn ?? null,
        note: version.note ?? "",
        createdByUserId: platformAdmin,
      })),
    );
    if (versionRows.length > 0) await tx.insert(standardVersions).values(versionRows).onConflictDoNothing();

    const markingRows = Object.entries(DEMO_COMMON_STANDARDS).flatMap(([slug, group]) =>
      group.markings.map((marking) => ({
        collaborationId: lookup(collaborationIds, slug, "collaboration"),
        standardId: standardId(marking.code),
        level: marking.level,
        decisionReference: marking.reference,
        decidedOn: marking.decidedOn,
        decidedByUserId: lookup(userIds, group.by, "user"),
      })),
    );
    await tx.insert(collaborationStandards).values(markingRows).onConflictDoNothing();

    // Each region's admin recorded its adoption.
    const adminOf = (slug: DemoRegionSlug) =>
      userIds.get(
        {
          skane: "anna.lindqvist@skane.example.se",
          vgr: "maria.johansson@vgr.example.se",
          stockholm: "jonas.lindberg@stockholm.example.se",
          vasterbotten: "ulf.lundstrom@vasterbotten.example.se",
          vasternorrland: "malin.westin@vasternorrland.example.se",
          orebro: "camilla.persson@orebro.example.se",
          sormland: "fredrik.olsson@sormland.example.se",
          blekinge: "niklas.fransson@blekinge.example.se",
          dalarna: "gunilla.jonsson@dalarna.example.se",
          gavleborg: "patrik.engstrom@gavleborg.example.se",
          halland: "jessica.bengtsson@halland.example.se",
          norrbotten: "tobias.lundmark@norrbotten.example.se",
        }[slug],
      ) ?? null;
    const adoptionRows = (Object.entries(DEMO_ADOPTIONS) as Array<[DemoStandardCode, DemoAdoptionPlan]>).flatMap(
      ([code, plan]) =>
        ALL_REGIONS.flatMap((slug) => {
          const adoption = plan.regions?.[slug] ?? plan.all;
          if (!adoption) return [];
          return [
            {
              regionId: lookup(regionIds, slug, "region"),
              standardId: standardId(code),
              status: adoption.status,
              statusDate: adoption.date ?? null,
              note: adoption.note ?? "",
              recordedByUserId: adminOf(slug),
            },
          ];
        }),
    );
    await tx.insert(regionStandardAdoptions).values(adoptionRows).onConflictDoNothing();

    const linkRows = [];
    for (const link of DEMO_REQUIREMENT_LINKS) {
      const [requirement] = await tx
        .select({ id: requirements.id, authorId: requirements.createdByUserId })
        .from(requirements)
        .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
        .where(
          and(
            eq(requirementSets.ownerRegionId, lookup(regionIds, link.regionSlug, "region")),
            eq(requirementSets.title, link.setTitle),
            eq(requirements.ref, link.ref),
            isNull(requirements.deletedAt),
          ),
        )
        .limit(1);
      // A demo set that people have since changed may no longer hold the requirement.
      if (!requirement) continue;
      linkRows.push({
        requirementId: requirement.id,
        standardId: standardId(link.code),
        standardVersion: link.version ?? null,
        createdByUserId: requirement.authorId,
      });
    }
    if (linkRows.length > 0) await tx.insert(requirementStandardLinks).values(linkRows).onConflictDoNothing();
  });
}
