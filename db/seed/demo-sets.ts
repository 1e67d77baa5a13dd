/**
 * Demo requirement sets (kravuppsättningar) for Samkrav: a Skåne VIS specification on external
 * consultation (remiss), a Sussa common requirement baseline, a 3R architecture set and a private
 * Stockholm draft. The wording follows DOMAIN.md §2–§5: area prefixes from §4, "eller likvärdigt"
 * wherever a standard is named, a motiv on nearly every requirement and lessons (lärdomar) from §5
 * behind the changes between versions.
 *
 * Everything is written through the app's models, as the demo users, so that history (set_changes),
 * baselines and the sharing audit event look exactly as if people had done the work in the UI.
 * The models use the process's global database handle (~/utils/db.server), which the seed's
 * callers (cli.ts, server.ts, the test harness) also pass to seedDemoData.
 *
 * Idempotent: a set whose title already exists in its owner region is left alone (it may have been
 * edited during a demo), so running `npm run db:seed` again creates nothing.
 *
 * Section titles carry no numbers: the app numbers sections from their order ("2.1.3").
 */
import { and, count, eq, inArray, isNull } from "drizzle-orm";

import { createManualBaseline } from "../../app/models/baselines.server";
import { changeSetStatus, createSet, shareSet, type StatusTransition } from "../../app/models/requirement-sets.server";
import {
  createRequirement,
  moveRequirement,
  setRequirementDeleted,
  updateRequirement,
  type RequirementInput,
} from "../../app/models/requirements.server";
import { createSection, renameSection } from "../../app/models/sections.server";
import { db } from "../../app/utils/db.server";
import type { RequestInfo } from "../../app/utils/request.server";
import {
  AREAS,
  type AmbitionLevel,
  type Area,
  type Obligation,
  type RequirementType,
  type VerificationMethod,
} from "../../app/utils/requirement-fields";
import { collaborations, regions, users } from "../schema/accounts";
import { baselines, requirementSets, requirements, setSections } from "../schema/requirements";

import type { DemoCollaborationSlug, DemoRegionSlug, DemoUserEmail } from "./demo-data";
import { SKANE_SET_TITLE, STOCKHOLM_SET_TITLE, SUSSA_SET_TITLE, THREE_R_SET_TITLE } from "./demo-titles";

// ---------------------------------------------------------------------------------------------
// Data shapes
// ---------------------------------------------------------------------------------------------

/** One requirement as written in the data below; the area follows from the ref's prefix. */
export type DemoRequirement = {
  readonly ref: string;
  readonly title: string;
  readonly text: string;
  readonly obligation: Obligation;
  readonly type: RequirementType;
  readonly verification: VerificationMethod;
  readonly rationale?: string;
  readonly weight?: number;
  readonly ambition?: AmbitionLevel;
  readonly tags?: readonly string[];
};

/** Section titles are unique within a set, so the steps below can name them. */
export type DemoSection = {
  readonly title: string;
  readonly requirements?: readonly DemoRequirement[];
  readonly sections?: readonly DemoSection[];
};

type RequirementChanges = Partial<Omit<DemoRequirement, "weight" | "ambition">> & {
  readonly weight?: number | null;
  readonly ambition?: AmbitionLevel | null;
};

/** What happens to a set after it is built, in order, each by a named demo user. */
export type DemoStep = { readonly by: DemoUserEmail } & (
  | { readonly kind: "share"; readonly collaboration: DemoCollaborationSlug }
  | { readonly kind: "baseline"; readonly name: string }
  | { readonly kind: "status"; readonly transition: StatusTransition }
  | { readonly kind: "update"; readonly ref: string; readonly changes: RequirementChanges }
  | { readonly kind: "move-to-section"; readonly ref: string; readonly section: string }
  | { readonly kind: "move-up"; readonly ref: string }
  | { readonly kind: "add"; readonly section: string; readonly requirement: DemoRequirement }
  | { readonly kind: "delete"; readonly ref: string }
  | { readonly kind: "rename-section"; readonly section: string; readonly title: string }
);

export type DemoSet = {
  readonly regionSlug: DemoRegionSlug;
  readonly title: string;
  readonly description: string;
  readonly procurementReference: string;
  readonly author: DemoUserEmail;
  readonly sections: readonly DemoSection[];
  readonly steps: readonly DemoStep[];
};

// ---------------------------------------------------------------------------------------------
// 1. Region Skåne: Kravspecifikation VIS – SDV (on remiss, then in review)
// ---------------------------------------------------------------------------------------------

const ERIK = "erik.svensson@skane.example.se";
const FATIMA = "fatima.haddad@skane.example.se";

export const SKANE_BASELINE_1 = "Remissversion 1.0";
export const SKANE_BASELINE_2 = "Remissversion 1.1";

const SKANE_SET: DemoSet = {
  regionSlug: "skane",
  title: SKANE_SET_TITLE,
  description:
    "Kravspecifikation (bilaga 2 till upphandlingsdokumenten) för ett sammanhållet vårdinformationssystem inom " +
    "Skånes digitala vårdsystem (SDV). Bygger på 3R-samverkans arkitekturarbete och på lärdomar från " +
    "Millennium-införandena i VGR och Skåne. Version 1.0 skickades på extern remiss till marknaden; " +
    "remissvaren är inarbetade i version 1.1, som nu granskas internt före juridisk granskning och fastställelse.",
  procurementReference: "Dnr RS 2026/0142 – Upphandling SDV vårdinformationssystem",
  author: ERIK,
  sections: [
    {
      title: "Journalföring och dokumentation",
      sections: [
        {
          title: "Strukturerad dokumentation och mallar",
          requirements: [
            {
              ref: "JF-001",
              title: "Strukturerad dokumentation med Snomed CT",
              text:
                "Systemet ska stödja strukturerad dokumentation med sökord och mallar som kan bindas till Snomed CT " +
                "(svensk utgåva), och regionen ska själv kunna förvalta mallarna utan leverantörens medverkan.",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              ambition: "advanced",
              rationale:
                "Strukturerad dokumentation är en förutsättning för uppföljning, beslutsstöd och nationellt " +
                "informationsutbyte. Regionen måste kunna ändra mallar när vården ändrar arbetssätt, utan att " +
                "beställa ett leverantörsprojekt för varje ändring.",
              tags: ["Snomed CT", "mallar", "förvaltning"],
            },
            {
              ref: "JF-002",
              title: "Informationsmodell enligt Nationell informationsstruktur",
              text:
                "Systemets informationsmodell för journalanteckningar, vårdkontakter och vårdplaner ska kunna " +
                "mappas mot Socialstyrelsens Nationell informationsstruktur (NI 2022:2) eller likvärdigt. " +
                "Anbudsgivaren ska redovisa mappningen för de begrepp som anges i bilaga 2.3.",
              obligation: "ska",
              type: "technical",
              verification: "description",
              rationale:
                "En gemensam informationsstruktur gör det möjligt att återanvända information mellan vårdgivare " +
                "och att byta system utan att förlora betydelsen i informationen.",
              tags: ["NI", "Socialstyrelsen", "informationsstruktur"],
            },
            {
              ref: "JF-003",
              title: "Uppmärksamhetsinformation synlig i sidhuvudet",
              text:
                "Systemet bör visa uppmärksamhetsinformation (UMI) enligt Socialstyrelsens nationella " +
                "informationsmängd med en tydlig symbol som alltid syns i patientens sidhuvud, oavsett vy.",
              obligation: "bor",
              type: "award",
              verification: "scenario_test",
              weight: 20,
              ambition: "basic",
              rationale:
                "Överkänslighet, smitta och behandlingsbegränsningar måste uppmärksammas innan åtgärd. " +
                "Utvärderas i scenariotest med sjuksköterskor och läkare på akutmottagning (0–5 poäng).",
              tags: ["UMI", "NIM", "patientsäkerhet"],
            },
            {
              ref: "JF-004",
              title: "Taligenkänning på svenska",
              text: "Systemet bör erbjuda svensk taligenkänning direkt i journalanteckningen.",
              obligation: "bor",
              type: "award",
              verification: "demonstration",
              weight: 10,
              ambition: "leading",
              rationale:
                "Taligenkänning kan minska sekreterarnas eftersläpning och ge snabbare tillgång till " +
                "dikterade anteckningar.",
              tags: ["taligenkänning", "administrativ avlastning"],
            },
          ],
        },
        {
          title: "Signering, rättelse och åtkomst för invånaren",
          requirements: [
            {
              ref: "JF-005",
              title: "Signering med SITHS och arbetslista för osignerat",
              text:
                "Journalanteckningar ska kunna signeras med SITHS e-legitimation. Osignerade anteckningar ska " +
                "visas i en arbetslista för ansvarig yrkesutövare, med möjlighet att signera flera anteckningar " +
                "i följd.",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              rationale:
                "Journalen ska signeras av den som ansvarar för uppgiften (HSLF-FS 2016:40). Osignerade " +
                "anteckningar är en känd patientsäkerhetsrisk när de inte syns i ett samlat arbetsflöde.",
              tags: ["SITHS", "signering", "HSLF-FS 2016:40"],
            },
            {
              ref: "JF-006",
              title: "Rättelse med bevarad ursprungsuppgift",
              text:
                "Ändringar och rättelser i signerade journalanteckningar ska göras så att den ursprungliga " +
                "uppgiften fortfarande går att läsa, med uppgift om vem som gjort ändringen, när och varför.",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              rationale: "Krav enligt patientdatalagen och Socialstyrelsens föreskrifter om journalföring.",
              tags: ["PDL", "rättelse"],
            },
            {
              ref: "JF-007",
              title: "Journalen via 1177",
              text:
                "Journaluppgifter bör kunna visas för invånaren i 1177 Journalen enligt regionens regler för " +
                "tidsfördröjning och undantag från visning, som ska kunna ställas in per informationstyp och " +
                "vårdenhet.",
              obligation: "bor",
              type: "technical",
              verification: "demonstration",
              rationale:
                "Invånarens tillgång till sin journal är en regional målsättning. Reglerna för när uppgifter " +
                "visas skiljer sig mellan verksamheter (t.ex. barn- och ungdomspsykiatri).",
              tags: ["1177", "invånartjänster"],
            },
          ],
        },
      ],
    },
    {
      title: "Läkemedel",
      sections: [
        {
          title: "Ordination och förskrivning",
          requirements: [
            {
              ref: "LM-001",
              title: "Anslutning till Nationella läkemedelslistan",
              text:
                "Systemet ska läsa från och skriva till Nationella läkemedelslistan (NLL) enligt " +
                "E-hälsomyndighetens gällande anslutningskrav. Anbudsgivaren ska bifoga anslutningsintyg eller " +
                "motsvarande bekräftelse från E-hälsomyndigheten.",
              obligation: "ska",
              type: "technical",
              verification: "attachment",
              rationale:
                "Lagen (2018:1212) om nationell läkemedelslista kräver att förskrivande system använder NLL. " +
                "Ett intyg är lättare att verifiera än en egen försäkran.",
              tags: ["NLL", "E-hälsomyndigheten"],
            },
            {
              ref: "LM-002",
              title: "Läkemedelsinformation från Sil och ATC-klassificering",
              text:
                "Läkemedelsinformation, förmånsstatus och interaktioner ska hämtas från Sil, och läkemedel ska " +
                "vara ATC-klassificerade.",
              obligation: "ska",
              type: "technical",
              verification: "yes_no",
              rationale: "Sil är den nationella kunskapskällan som regionens läkemedelskommitté utgår från.",
              tags: ["Sil", "ATC"],
            },
            {
              ref: "LM-003",
              title: "En gemensam läkemedelslista i öppen och sluten vård",
              text:
                "Systemet ska ha en gemensam läkemedelslista per patient för öppen och sluten vård, där " +
                "ordinationer, administreringar och uttag från NLL visas i ett sammanhang.",
              obligation: "ska",
              type: "technical",
              verification: "scenario_test",
              rationale:
                "Separata listor vid in- och utskrivning leder till fel i läkemedelsavstämningen. Verifieras " +
                "med scenariot ”inskrivning – överflyttning – utskrivning” i regionens testmiljö.",
              tags: ["läkemedelslista", "patientsäkerhet"],
            },
            {
              ref: "LM-004",
              title: "Ordinationsorsak och uppföljningsdatum",
              text:
                "Systemet bör stödja strukturerad ordinationsorsak (indikation) och planerat uppföljningsdatum " +
                "per ordination, och kunna föra över dem till NLL när E-hälsomyndigheten inför fälten.",
              obligation: "bor",
              type: "award",
              verification: "description",
              weight: 15,
              ambition: "advanced",
              rationale:
                "Fälten för indikation och uppföljningsdatum i NLL är uppskjutna till 1 september 2028. " +
                "Stöd redan från start undviker en ny ändring mitt i införandet.",
              tags: ["NLL", "indikation"],
            },
          ],
        },
        {
          title: "Administrering och dosdispensering",
          sections: [
            {
              title: "Sluten läkemedelskedja",
              requirements: [
                {
                  ref: "LM-005",
                  title: "Streckkodsverifiering vid administrering",
                  text:
                    "Vid läkemedelsadministrering i slutenvård bör patient och läkemedel kunna verifieras med " +
                    "streckkod (sluten läkemedelskedja).",
                  obligation: "bor",
                  type: "award",
                  verification: "scenario_test",
                  weight: 20,
                  ambition: "leading",
                  rationale:
                    "Förväxling av patient eller läkemedel vid administrering är en av de vanligaste " +
                    "läkemedelsrelaterade avvikelserna i regionens avvikelsesystem.",
                  tags: ["sluten läkemedelskedja", "streckkod"],
                },
                {
                  ref: "LM-006",
                  title: "Viktbaserad dosberäkning för barn",
                  text:
                    "Systemet ska stödja viktbaserad dosberäkning för barn och varna när dosen ligger utanför " +
                    "fastställda gränser. Om funktionen utgör en medicinteknisk produkt ska anbudsgivaren bifoga " +
                    "EU-försäkran om överensstämmelse enligt förordning (EU) 2017/745 (MDR).",
                  obligation: "ska",
                  type: "technical",
                  verification: "attachment",
                  rationale:
                    "Doseringsfel för barn får allvarliga följder. CE-märkningen ska gå att kontrollera med " +
                    "en bifogad försäkran, inte bara ett ”Ja” (lärdom från Skåne 2017).",
                  tags: ["MDR", "barn", "lärdom 6"],
                },
              ],
            },
            {
              title: "Dosdispenserade läkemedel",
              requirements: [
                {
                  ref: "LM-007",
                  title: "Ordination av dosdispenserade läkemedel",
                  text:
                    "Systemet ska hantera patienter med dosdispenserade läkemedel så att ordination och ändring " +
                    "görs mot Pascal eller likvärdig tjänst utan dubbelregistrering.",
                  obligation: "ska",
                  type: "technical",
                  verification: "demonstration",
                  rationale:
                    "Många äldre patienter med omfattande läkemedelsbehandling har dosdispensering. " +
                    "Dubbelregistrering i två system ger risk för fel vid utskrivning.",
                  tags: ["Pascal", "dosdispensering"],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: "Remiss och svar",
      requirements: [
        {
          ref: "RS-001",
          title: "Elektroniska remisser med spårbar status",
          text:
            "Systemet ska hantera elektroniska remisser och svar inom och mellan samverkansregionerna med spårbar " +
            "status (skickad, mottagen, bedömd, besvarad, avvisad).",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale:
            "Remisser som försvinner mellan vårdgivare är en återkommande patientsäkerhetsrisk. Remittenten måste " +
            "kunna se var remissen befinner sig.",
          tags: ["remiss", "patientsäkerhet"],
        },
        {
          ref: "RS-002",
          title: "Prioritering, vidarebefordran och avvisning",
          text:
            "Remissmottagaren ska kunna prioritera, vidarebefordra eller avvisa en remiss. Motiveringen ska " +
            "återkopplas automatiskt till remittenten.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale:
            "Ger remittenten besked utan att behöva ringa och minskar risken att avvisade remisser tappas bort.",
          tags: ["remiss"],
        },
        {
          ref: "RS-003",
          title: "Vidimering och eskalering av provsvar",
          text:
            "Provsvar bör kopplas till beställningen och kräva vidimering (kvittering) av ansvarig. Ovidimerade " +
            "svar bör eskaleras efter en tid som regionen kan ställa in.",
          obligation: "bor",
          type: "award",
          verification: "scenario_test",
          weight: 15,
          rationale: "Ovidimerade svar har lett till fördröjd behandling i flera lex Maria-anmälningar.",
          tags: ["provsvar", "vidimering", "patientsäkerhet"],
        },
        {
          ref: "RS-004",
          title: "Beställning och svar för laboratorieanalyser",
          text:
            "Systemet ska kunna skicka elektroniska beställningar till och ta emot svar från regionens " +
            "laboratoriesystem för klinisk kemi, mikrobiologi och patologi via regionens integrationsplattform.",
          obligation: "ska",
          type: "technical",
          verification: "acceptance_test",
          rationale:
            "Laboratoriebeställningar är regionens största flöde av beställningar och svar; pappersremisser är inte ett alternativ.",
          tags: ["laboratorium", "integration"],
        },
        {
          ref: "RS-005",
          title: "Samverkan vid utskrivning",
          text:
            "Systemet bör stödja informationsöverföring vid in- och utskrivning mellan slutenvård, primärvård och " +
            "kommunal hälso- och sjukvård enligt lagen (2017:612) om samverkan vid utskrivning från sluten " +
            "hälso- och sjukvård, inklusive samordnad individuell plan (SIP).",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 10,
          ambition: "advanced",
          rationale:
            "Informationsöverföringen till de 33 skånska kommunerna sker i dag i ett separat system; dubbeldokumentationen ska minska.",
          tags: ["kommunal vård", "SIP"],
        },
      ],
    },
    {
      title: "Vårdadministration",
      requirements: [
        {
          ref: "VA-001",
          title: "Väntelistor och vårdgaranti",
          text:
            "Systemet ska hantera väntelistor med medicinskt måldatum och leverera underlag för rapportering av " +
            "vårdgarantin.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          rationale: "Regionen rapporterar väntetider månadsvis till den nationella väntetidsdatabasen.",
          tags: ["vårdgaranti", "väntelista"],
        },
        {
          ref: "VA-002",
          title: "Patientavgifter och högkostnadsskydd",
          text:
            "Systemet ska beräkna patientavgifter och högkostnadsskydd (frikort) enligt respektive regions " +
            "avgiftsregler, som ska vara konfigurerbara per region.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Avgiftsreglerna ändras av regionfullmäktige inför varje år och skiljer sig mellan regionerna.",
          tags: ["patientavgifter", "frikort"],
        },
        {
          ref: "VA-003",
          title: "Av- och ombokning via 1177",
          text: "Invånare bör kunna boka av och om tider via 1177 utan manuell hantering på mottagningen.",
          obligation: "bor",
          type: "award",
          verification: "demonstration",
          weight: 10,
          rationale: "Uteblivna besök kostar regionen stora belopp varje år; enkel avbokning minskar dem.",
          tags: ["1177", "tidbok"],
        },
        {
          ref: "VA-004",
          title: "Resursplanering och tidböcker",
          text:
            "Systemet ska hantera tidböcker för personal, rum och utrustning, och kunna boka flera resurser för " +
            "samma besök.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Operation, dagkirurgi och mottagningar med teambesök kräver samtidig bokning av flera resurser.",
          tags: ["tidbok", "resursplanering"],
        },
        {
          ref: "VA-005",
          title: "Vårdplatsöversikt och in- och utskrivning",
          text:
            "Systemet ska ge en aktuell översikt över disponibla vårdplatser per vårdenhet och för hela regionen, " +
            "och stödja in-, över- och utskrivning.",
          obligation: "ska",
          type: "technical",
          verification: "scenario_test",
          rationale: "Regionens platskoordinatorer behöver en gemensam bild av läget, särskilt vid hög belastning.",
          tags: ["vårdplatser", "slutenvård"],
        },
      ],
    },
    {
      title: "Beslutsstöd",
      requirements: [
        {
          ref: "BS-001",
          title: "Varningar för interaktioner, allergier och dubbelordination",
          text:
            "Systemet ska varna för interaktioner, allergier och dubbelordination vid ordination. Den som går " +
            "förbi en varning ska ange orsak, och orsaken ska loggas.",
          obligation: "ska",
          type: "technical",
          verification: "scenario_test",
          rationale: "Grundläggande läkemedelssäkerhet; loggade orsaker används i regionens läkemedelsuppföljning.",
          tags: ["beslutsstöd", "läkemedelssäkerhet"],
        },
        {
          ref: "BS-002",
          title: "Regionens egna beslutsstödsregler",
          text:
            "Regionen bör själv kunna skapa och versionshantera beslutsstödsregler utan programmering, t.ex. via " +
            "CDS Hooks eller motsvarande.",
          obligation: "bor",
          type: "award",
          verification: "demonstration",
          weight: 15,
          ambition: "leading",
          rationale: "Regionala vårdprogram ändras oftare än leverantörens releaser.",
          tags: ["CDS Hooks", "förvaltning"],
        },
        {
          ref: "BS-003",
          title: "Graderade varningar mot larmtrötthet",
          text:
            "Systemet bör gradera varningar efter allvarlighetsgrad och låta regionen stänga av eller justera " +
            "varningstyper per vårdenhet, med statistik över hur ofta varningar förbigås.",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 10,
          ambition: "advanced",
          rationale: "För många varningar gör att även de viktiga förbigås (larmtrötthet).",
          tags: ["beslutsstöd", "användbarhet"],
        },
        {
          ref: "BS-004",
          title: "Tidig varning med NEWS2",
          text:
            "Systemet ska beräkna och visa NEWS2 utifrån registrerade vitalparametrar och kunna skapa en åtgärd i " +
            "arbetslistan när poängen överstiger en nivå som regionen ställer in.",
          obligation: "ska",
          type: "technical",
          verification: "scenario_test",
          rationale: "Automatisk beräkning undviker räknefel och ger tidigare upptäckt av patienter som försämras.",
          tags: ["NEWS2", "vitalparametrar"],
        },
      ],
    },
    {
      title: "Integration och interoperabilitet",
      sections: [
        {
          title: "Nationella tjänster",
          requirements: [
            {
              ref: "IN-001",
              title: "Producent till NPÖ",
              text:
                "Systemet ska vara producent till NPÖ via Ineras tjänsteplattform enligt gällande RIV-TA-" +
                "tjänstekontrakt (minst vårddokumentation, diagnoser, vårdkontakter och provsvar).",
              obligation: "ska",
              type: "technical",
              verification: "acceptance_test",
              rationale: "Andra vårdgivare, även kommunerna, ska kunna ta del av Skånes journaluppgifter med samtycke.",
              tags: ["NPÖ", "RIV-TA", "Inera"],
            },
            {
              ref: "IN-002",
              title: "Anslutning till nationella tjänsteplattformen",
              text:
                "Systemet ska kunna ansluta till den nationella tjänsteplattformen enligt RIV Tekniska " +
                "Anvisningar Basic Profile 2.1 eller likvärdigt, och hämta information från andra producenter " +
                "via tjänstekontrakt.",
              obligation: "ska",
              type: "technical",
              verification: "yes_no",
              rationale: "Tjänsteplattformen är den nationella infrastrukturen för informationsutbyte i vården.",
              tags: ["NTjP", "RIV-TA"],
            },
            {
              ref: "IN-003",
              title: "Integration med 1177:s e-tjänster",
              text:
                "Systemet ska integrera med 1177:s e-tjänster för tidbokning, meddelanden och formulär, så att " +
                "invånarens ärenden hanteras i systemets arbetslistor.",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              rationale: "Invånarärenden som hanteras i en separat inkorg glöms bort och ger dubbelarbete.",
              tags: ["1177", "invånartjänster"],
            },
          ],
        },
        {
          title: "Öppna gränssnitt och standarder",
          requirements: [
            {
              ref: "IN-004",
              title: "Öppna FHIR-API:er utan tilläggslicens",
              text:
                "Leverantören ska tillhandahålla dokumenterade, öppna API:er baserade på HL7 FHIR R4 med HL7 " +
                "Swedens basprofiler, eller likvärdigt, utan tilläggslicens för regionen.",
              obligation: "ska",
              type: "technical",
              verification: "attachment",
              ambition: "advanced",
              rationale:
                "Öppna gränssnitt minskar inlåsning och gör det möjligt att komplettera med moduler från andra " +
                "leverantörer. Anbudsgivaren ska bifoga API-dokumentationen.",
              tags: ["FHIR", "HL7 Sweden", "inlåsning"],
            },
            {
              ref: "IN-005",
              title: "Export till openEHR-baserat datalager",
              text:
                "Klinisk information bör kunna lagras i eller exporteras till ett openEHR-baserat format för " +
                "regionens gemensamma datalager.",
              obligation: "bor",
              type: "award",
              verification: "description",
              weight: 20,
              ambition: "leading",
              rationale: "Regionen bygger ett leverantörsoberoende kliniskt datalager för uppföljning och forskning.",
              tags: ["openEHR", "datalager"],
            },
            {
              ref: "IN-006",
              title: "Händelser till regionens integrationsplattform",
              text:
                "Systemet ska publicera händelser (t.ex. inskrivning, utskrivning, ny remiss, nytt provsvar) till " +
                "regionens integrationsplattform i ett dokumenterat format, så att andra system kan prenumerera " +
                "på dem.",
              obligation: "ska",
              type: "technical",
              verification: "description",
              rationale: "Avlastar systemet från ständiga frågor och gör kringsystem oberoende av varandra.",
              tags: ["händelser", "integration"],
            },
          ],
        },
      ],
    },
    {
      title: "Informationssäkerhet",
      requirements: [
        {
          ref: "IS-001",
          title: "Certifierat ledningssystem för informationssäkerhet",
          text:
            "Leverantören ska ha ett ledningssystem för informationssäkerhet som är certifierat enligt ISO/IEC " +
            "27001:2022, eller likvärdigt, och omfattar den offererade drifttjänsten.",
          obligation: "ska",
          type: "qualification",
          verification: "attachment",
          rationale: "Ett certifikat från ackrediterat organ är ett objektivt och kontrollerbart bevis.",
          tags: ["ISO 27001"],
        },
        {
          ref: "IS-002",
          title: "Behandling inom EU/EES",
          text:
            "Patientuppgifter ska lagras och behandlas inom EU/EES. Åtkomst från tredje land, även för support, " +
            "kräver regionens skriftliga godkännande efter menprövning.",
          obligation: "ska",
          type: "contract",
          verification: "yes_no",
          rationale:
            "Utlämnande till tredje land kräver sekretessprövning. Regionstyrelsen har fattat sådana beslut " +
            "för leverantörens supportteam; kravet gör den styrningen till ett avtalsvillkor.",
          tags: ["tredje land", "menprövning", "lärdom 12"],
        },
        {
          ref: "IS-003",
          title: "Kryptering och regionens nyckelhantering",
          text:
            "Patientuppgifter ska vara krypterade vid överföring (TLS 1.2 eller senare) och vid lagring. " +
            "Regionen ska kunna förvalta krypteringsnycklarna i egen nyckelhantering eller likvärdigt.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          ambition: "advanced",
          rationale:
            "Egen nyckelhantering ger regionen kontroll över informationen även hos en extern driftleverantör.",
          tags: ["kryptering"],
        },
        {
          ref: "IS-004",
          title: "Säkerhetsskydd och säkerhetsprövad personal",
          text:
            "Leverantören ska medverka i regionens säkerhetsskyddsanalys och, om regionen bedömer att " +
            "verksamheten är säkerhetskänslig, teckna säkerhetsskyddsavtal och låta personal med åtkomst " +
            "genomgå säkerhetsprövning.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale:
            "Transportstyrelsens utkontraktering 2015 visar vad som händer när informationen inte är klassad " +
            "och personalen inte prövad.",
          tags: ["säkerhetsskydd", "lärdom 12"],
        },
        {
          ref: "IS-005",
          title: "Stark autentisering med SITHS",
          text:
            "Inloggning ska ske med SITHS e-legitimation (kort eller app) eller annan e-legitimation på " +
            "tillitsnivå 3 eller högre. Systemet ska stödja enkel inloggning (single sign-on) i regionens miljö.",
          obligation: "ska",
          type: "technical",
          verification: "yes_no",
          rationale: "Stark autentisering är ett krav för åtkomst till patientuppgifter.",
          tags: ["SITHS", "autentisering"],
        },
        {
          ref: "IS-006",
          title: "Oberoende penetrationstest",
          text:
            "Leverantören bör låta en oberoende part genomföra penetrationstest minst årligen och vid större " +
            "förändringar, och redovisa resultat och åtgärdsplan för regionen.",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 10,
          rationale: "Ger regionen insyn i säkerhetsnivån under hela avtalstiden.",
          tags: ["penetrationstest"],
        },
      ],
    },
    {
      title: "Behörighet och loggning enligt PDL",
      sections: [
        {
          title: "Behörighetsstyrning",
          requirements: [
            {
              ref: "BL-001",
              title: "Åtkomst utifrån medarbetaruppdrag i HSA",
              text:
                "Åtkomst ska styras utifrån medarbetaruppdrag i HSA, vårdenhet och vårdprocess. Ändringar i HSA " +
                "ska slå igenom i systemet senast nästa dygn.",
              obligation: "ska",
              type: "technical",
              verification: "scenario_test",
              rationale:
                "PDL kräver att åtkomst begränsas till vad som behövs för arbetet. Leverantörens standardmodell " +
                "med bred åtkomst fick byggas om i Millennium-projekten (lärdom 7); därför verifieras kravet med " +
                "scenarier före tilldelning.",
              tags: ["PDL", "HSA", "lärdom 7"],
            },
          ],
          sections: [
            {
              title: "Spärrar och samtycke",
              requirements: [
                {
                  ref: "BL-002",
                  title: "Spärr per vårdenhet och vårdprocess",
                  text:
                    "Patientens begäran om spärr ska kunna registreras per vårdenhet eller vårdprocess. Spärrade " +
                    "uppgifter ska inte visas för andra vårdenheter eller vårdgivare, och spärren ska gälla även i " +
                    "sammanhållen journalföring och NPÖ.",
                  obligation: "ska",
                  type: "technical",
                  verification: "scenario_test",
                  rationale: "Patientens rätt att spärra uppgifter enligt patientdatalagen.",
                  tags: ["PDL", "spärr", "lärdom 7"],
                },
                {
                  ref: "BL-003",
                  title: "Samtycke och vårdrelation",
                  text:
                    "Åtkomst till uppgifter från andra vårdgivare ska kräva aktiv vårdrelation och patientens " +
                    "samtycke, med de undantag som patientdatalagen medger.",
                  obligation: "ska",
                  type: "technical",
                  verification: "scenario_test",
                  rationale: "Förutsättning för sammanhållen journalföring med kommuner och privata vårdgivare.",
                  tags: ["PDL", "samtycke"],
                },
              ],
            },
            {
              title: "Nödåtkomst",
              requirements: [
                {
                  ref: "BL-004",
                  title: "Nödåtkomst med särskild loggmarkering",
                  text:
                    "Vid nödsituation ska behörig användare kunna öppna spärrad information efter att ha angett " +
                    "skäl. Nödåtkomst ska särskilt markeras i loggen och automatiskt rapporteras till den som " +
                    "ansvarar för logguppföljningen.",
                  obligation: "ska",
                  type: "technical",
                  verification: "scenario_test",
                  rationale: "Nödåtkomst är nödvändig men måste följas upp varje gång.",
                  tags: ["PDL", "nödåtkomst"],
                },
              ],
            },
          ],
        },
        {
          title: "Loggning och logguppföljning",
          requirements: [
            {
              ref: "BL-005",
              title: "Fullständiga åtkomstloggar",
              text:
                "Loggar ska visa användare, patient, åtgärd, vårdenhet/vårdprocess och tidpunkt, och sparas i minst " +
                "fem år (HSLF-FS 2016:40 4 kap. 9 §).",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              rationale: "Vårdgivaren ska systematiskt kunna kontrollera åtkomst till patientuppgifter.",
              tags: ["PDL", "loggning", "HSLF-FS 2016:40"],
            },
            {
              ref: "BL-006",
              title: "Loggutdrag till patient",
              text:
                "Regionen ska kunna ta fram ett utdrag ur åtkomstloggen för en enskild patient och tidsperiod, " +
                "i ett format som kan lämnas ut till patienten efter sekretessprövning.",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              rationale: "Patienter begär allt oftare loggutdrag; i dag tar varje begäran flera timmar.",
              tags: ["PDL", "loggutdrag"],
            },
            {
              ref: "BL-007",
              title: "Riskbaserad automatiserad logguppföljning",
              text:
                "Systemet bör stödja riskbaserad, automatiserad logguppföljning som flaggar avvikande " +
                "åtkomstmönster, t.ex. åtkomst till egen eller anhörigs journal och åtkomst till skyddade " +
                "personuppgifter.",
              obligation: "bor",
              type: "award",
              verification: "description",
              weight: 15,
              ambition: "advanced",
              rationale: "Manuella stickprov räcker inte i en region med tiotusentals användare.",
              tags: ["PDL", "logguppföljning"],
            },
          ],
        },
      ],
    },
    {
      title: "Tillgänglighet och användbarhet",
      requirements: [
        {
          ref: "TA-001",
          title: "Tillgänglighet enligt EN 301 549",
          text:
            "Invånarnära gränssnitt ska uppfylla EN 301 549 V3.2.1 (WCAG 2.1 nivå AA) eller likvärdigt. " +
            "Leverantören ska lämna underlag till regionens tillgänglighetsredogörelse.",
          obligation: "ska",
          type: "technical",
          verification: "attachment",
          rationale: "Krav enligt lagen (2018:1937) om tillgänglighet till digital offentlig service.",
          tags: ["WCAG", "EN 301 549", "DOS-lagen"],
        },
        {
          ref: "TA-002",
          title: "Mätbar effektivitet i vanliga arbetsmoment",
          text:
            "Vanliga arbetsmoment (t.ex. förnya recept, skriva in patient) bör kunna utföras inom angivna tids- " +
            "och klickgränser. Detta utvärderas med vårdpersonal i regionens testmiljö.",
          obligation: "bor",
          type: "award",
          verification: "scenario_test",
          weight: 40,
          ambition: "advanced",
          rationale:
            "Tester i verklig vårdmiljö visade att vissa arbetsmoment tog för lång tid, och införandet sköts upp " +
            "(lärdom 13). Användbarhet ska därför väga tungt i utvärderingen.",
          tags: ["användbarhet", "scenariotest", "lärdom 13"],
        },
        {
          ref: "TA-003",
          title: "Användning på surfplatta",
          text:
            "Systemet ska kunna användas på surfplatta vid ronder och hembesök, med tillgång till journal, " +
            "läkemedelslista och registrering av vitalparametrar.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Dokumentation vid patienten minskar dubbelregistrering i efterhand.",
          tags: ["mobilitet"],
        },
        {
          ref: "TA-004",
          title: "Svenskt användargränssnitt",
          text:
            "Användargränssnitt, hjälptexter och felmeddelanden ska finnas på svenska. Termer ska följa " +
            "Socialstyrelsens termbank där sådana finns.",
          obligation: "ska",
          type: "technical",
          verification: "yes_no",
          rationale: "Felaktiga eller översatta termer har orsakat missförstånd i andra regioners införanden.",
          tags: ["språk", "termbank"],
        },
      ],
    },
    {
      title: "Drift, prestanda och kontinuitet",
      requirements: [
        {
          ref: "DR-001",
          title: "Tillgänglighet minst 99,9 procent",
          text:
            "Tjänsten ska ha en tillgänglighet på minst 99,9 % per månad, utom avtalade servicefönster, som ska " +
            "aviseras minst 10 arbetsdagar i förväg.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Vården bedrivs dygnet runt; driftstopp flyttar arbete till reservrutiner och ökar riskerna.",
          tags: ["SLA", "tillgänglighet"],
        },
        {
          ref: "DR-002",
          title: "Lokal reservkopia vid driftavbrott",
          text:
            "Vid driftavbrott ska en lokal läsbar reservkopia av aktuella läkemedelslistor, vårdplaner och dagens " +
            "tidbok finnas tillgänglig på varje vårdenhet.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Reservrutinerna förutsätter att personalen vet vilka läkemedel patienten ska ha.",
          tags: ["kontinuitet", "reservrutiner"],
        },
        {
          ref: "DR-003",
          title: "Svarstider i vanliga användarfall",
          text:
            "För de vanligaste användarfallen (öppna journal, läkemedelslista, tidbok) ska 95 % av anropen ha en " +
            "svarstid under 1 sekund och 99 % under 3 sekunder, mätt i klienten i regionens nätverk.",
          obligation: "ska",
          type: "technical",
          verification: "acceptance_test",
          rationale: "Långa svarstider multipliceras med tusentals användare och upplevs som dålig användbarhet.",
          tags: ["prestanda"],
        },
        {
          ref: "DR-004",
          title: "Incidenthantering dygnet runt",
          text:
            "Leverantören ska ha support dygnet runt för incidenter med prioritet 1, med påbörjad åtgärd inom " +
            "30 minuter, och lämna incidentrapport med rotorsaksanalys inom 10 arbetsdagar.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Akutsjukvården kan inte vänta till kontorstid på felsökning.",
          tags: ["SLA", "incident"],
        },
        {
          ref: "DR-005",
          title: "Återställningstid och dataförlust",
          text:
            "Anbudsgivaren bör ange garanterad återställningstid (RTO) och maximal dataförlust (RPO) vid " +
            "katastrof. Kortare tider ger högre poäng; RTO över 4 timmar eller RPO över 15 minuter ger 0 poäng.",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 15,
          rationale: "Tydliga gränser gör utvärderingen förutsebar för alla anbudsgivare (lärdom 3).",
          tags: ["kontinuitet", "RTO/RPO", "lärdom 3"],
        },
      ],
    },
    {
      title: "Migrering och arkivering",
      requirements: [
        {
          ref: "MG-001",
          title: "Migrering med bevarad upphovsperson och signering",
          text:
            "Leverantören ska migrera journalinformation och läkemedelslistor från befintliga system med " +
            "bibehållen upphovsperson, signeringsstatus och tidpunkt. Detta verifieras genom en provmigrering " +
            "före driftgodkännande.",
          obligation: "ska",
          type: "technical",
          verification: "acceptance_test",
          rationale: "Migrerad information ska vara lika tillförlitlig som den ursprungliga journalen.",
          tags: ["migrering", "provmigrering"],
        },
        {
          ref: "MG-002",
          title: "Export vid avtalets upphörande",
          text:
            "Vid avtalets upphörande ska all information kunna exporteras i ett dokumenterat, öppet format utan " +
            "extra kostnad, med bevarad spårbarhet för arkivering.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Regionen ska kunna byta leverantör utan att förlora information eller betala för att få ut den.",
          tags: ["exit", "inlåsning"],
        },
        {
          ref: "MG-003",
          title: "Gallring, bevarande och e-arkiv",
          text:
            "Systemet ska stödja regionens informationshanteringsplan för gallring och bevarande, och kunna " +
            "leverera information till regionens e-arkiv enligt FGS (Förvaltningsgemensamma specifikationer) " +
            "eller likvärdigt.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          rationale: "Arkivlagen och regionens arkivreglemente gäller även journaler i nya system.",
          tags: ["e-arkiv", "FGS", "gallring"],
        },
        {
          ref: "MG-004",
          title: "Läsåtkomst till avvecklade system",
          text:
            "Leverantören bör kunna visa historiska journaler från avvecklade system i samma användargränssnitt, " +
            "så att användaren inte behöver logga in i ett separat system.",
          obligation: "bor",
          type: "award",
          verification: "demonstration",
          weight: 10,
          rationale: "Parallella inloggningar i gamla system ökar risken att information missas.",
          tags: ["migrering", "historik"],
        },
      ],
    },
    {
      title: "Utbildning och införande",
      requirements: [
        {
          ref: "UT-001",
          title: "Rollanpassad utbildning och utbildningsmiljö",
          text:
            "Leverantören ska tillhandahålla rollanpassat utbildningsmaterial på svenska och en utbildningsmiljö " +
            "med fiktiva patienter senast sex månader före första driftstart.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Bristande utbildning var en av huvudorsakerna när VGR:s driftstart stoppades 2024 (lärdom 8).",
          tags: ["utbildning", "lärdom 8"],
        },
        {
          ref: "UT-002",
          title: "Driftgodkännande med go/no-go-kriterier",
          text:
            "Driftstart för varje införandeetapp ska föregås av ett driftgodkännande som bygger på dokumenterade " +
            "go/no-go-kriterier: godkända acceptanstester, utbildningsgrad per yrkesroll och verifierade " +
            "reservrutiner. Regionen ska ha rätt att skjuta upp driftstart utan vite om kriterierna inte är " +
            "uppfyllda.",
          obligation: "ska",
          type: "contract",
          verification: "acceptance_test",
          rationale: "Tidplanen får inte gå före verksamhetens beredskap (KPMG:s granskning av VGR 2025, lärdom 8).",
          tags: ["driftgodkännande", "lärdom 8"],
        },
        {
          ref: "UT-003",
          title: "Betalning efter leveransgodkännande",
          text:
            "Ersättning för införandetjänster betalas först efter leveransgodkännande av respektive etapp, inte " +
            "vid ett kalenderdatum eller vid driftstart.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "En stor betalning kopplad till driftstartsdagen skapar fel incitament (lärdom 9).",
          tags: ["betalningsplan", "lärdom 9"],
        },
        {
          ref: "UT-004",
          title: "Stöd på plats vid driftstart",
          text:
            "Leverantören bör tillhandahålla stöd på plats under minst fyra veckor per införandeetapp, med " +
            "bemanning på varje berörd vårdenhet under de första två veckorna.",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 10,
          rationale: "Superanvändare räcker inte ensamma de första veckorna efter driftstart.",
          tags: ["införande", "go-live-stöd"],
        },
      ],
    },
    {
      title: "Kvalificering av leverantör",
      requirements: [
        {
          ref: "KV-001",
          title: "Ekonomisk stabilitet",
          text:
            "Anbudsgivaren ska ha en kreditvärdighet motsvarande lägst riskklass 3 hos ett etablerat " +
            "kreditupplysningsföretag. En anbudsgivare som inte når upp till kravet kan i stället bifoga en " +
            "moderbolagsgaranti.",
          obligation: "ska",
          type: "qualification",
          verification: "attachment",
          rationale: "Avtalet löper i minst tio år; leverantören måste kunna fullgöra det under hela tiden.",
          tags: ["ekonomisk ställning"],
        },
        {
          ref: "KV-002",
          title: "Referensuppdrag av jämförbar storlek",
          text:
            "Anbudsgivaren ska under de senaste fem åren ha levererat och infört ett vårdinformationssystem hos " +
            "minst två organisationer av jämförbar storlek (minst 10 000 användare). Referenserna kommer att " +
            "kontaktas.",
          obligation: "ska",
          type: "qualification",
          verification: "reference_check",
          rationale: "Visar förmåga att genomföra ett införande i denna storlek.",
          tags: ["referenser"],
        },
        {
          ref: "KV-003",
          title: "Kontor i Skåne",
          text: "Anbudsgivaren ska ha ett bemannat kontor i Skåne under avtalstiden.",
          obligation: "ska",
          type: "qualification",
          verification: "yes_no",
          rationale: "Underlättar samarbetet under införandet.",
          tags: ["lokal närvaro"],
        },
        {
          ref: "KV-004",
          title: "CE-märkning av medicintekniska funktioner",
          text:
            "För de delar av systemet som utgör medicintekniska produkter ska anbudsgivaren bifoga EU-försäkran " +
            "om överensstämmelse enligt förordning (EU) 2017/745 (MDR).",
          obligation: "ska",
          type: "qualification",
          verification: "attachment",
          rationale: "CE-märkningen ifrågasattes vid överprövningen 2017; en bifogad försäkran går att kontrollera.",
          tags: ["MDR", "CE-märkning", "lärdom 6"],
        },
        {
          ref: "KV-005",
          title: "Undertecknat huvudavtal",
          text:
            "Anbudet ska innehålla bilaga 5 Huvudavtal, undertecknad av behörig företrädare för anbudsgivaren. " +
            "Anbud utan undertecknat huvudavtal kommer att förkastas.",
          obligation: "ska",
          type: "qualification",
          verification: "attachment",
          rationale:
            "2017 förkastades ett anbud för att huvudavtalet inte var undertecknat, och anbudsgivaren hävdade " +
            "att det inte framgick som ett ska-krav (lärdom 6). Därför står det nu uttryckligen.",
          tags: ["formalia", "lärdom 6"],
        },
      ],
    },
  ],
  steps: [
    { kind: "share", collaboration: "3r", by: ERIK },
    { kind: "baseline", name: SKANE_BASELINE_1, by: ERIK },
    // Remissvar and the legal review, worked in by the upphandlare and the verksamhetsarkitekt.
    {
      kind: "update",
      ref: "JF-004",
      by: FATIMA,
      changes: {
        text:
          "Systemet bör erbjuda svensk taligenkänning direkt i journalanteckningen, med stöd för medicinsk " +
          "terminologi och behandling av ljud och text inom EU/EES.",
        rationale:
          "Taligenkänning kan minska sekreterarnas eftersläpning och ge snabbare tillgång till dikterade " +
          "anteckningar. Remissvar: förtydligat att behandlingen ska ske inom EU/EES (jfr IS-002).",
        tags: ["taligenkänning", "administrativ avlastning", "remissvar"],
      },
    },
    {
      kind: "update",
      ref: "IN-004",
      by: FATIMA,
      changes: {
        text:
          "Leverantören ska tillhandahålla dokumenterade, öppna API:er baserade på HL7 FHIR R4 (4.0.1) med HL7 " +
          "Swedens basprofiler R4 1.1.0, eller likvärdigt, utan tilläggslicens för regionen. API:erna ska minst " +
          "omfatta patient, vårdkontakt, diagnos, läkemedel och journalanteckning, för både läsning och skrivning.",
        tags: ["FHIR", "HL7 Sweden", "inlåsning", "remissvar"],
      },
    },
    {
      kind: "update",
      ref: "DR-001",
      by: ERIK,
      changes: {
        text:
          "Tjänsten ska ha en tillgänglighet på minst 99,9 % per kalendermånad, mätt som den tid då användare " +
          "kan logga in och öppna journal och läkemedelslista, utom avtalade servicefönster. Servicefönster ska " +
          "aviseras minst 10 arbetsdagar i förväg och förläggas till tider som regionen godkänner.",
        rationale:
          "Vården bedrivs dygnet runt; driftstopp flyttar arbete till reservrutiner och ökar riskerna. " +
          "Remissvar: mätmetoden var otydlig och kunde tolkas på olika sätt (lärdom 3).",
      },
    },
    {
      kind: "update",
      ref: "TA-003",
      by: ERIK,
      changes: {
        text:
          "Systemet bör kunna användas på surfplatta vid ronder och hembesök, med tillgång till journal, " +
          "läkemedelslista och registrering av vitalparametrar.",
        obligation: "bor",
        type: "award",
        weight: 10,
        rationale:
          "Dokumentation vid patienten minskar dubbelregistrering i efterhand. Ändrat från ska- till bör-krav " +
          "efter remissvar: flera leverantörer erbjuder funktionen först i en senare version, och ett ska-krav " +
          "riskerar att begränsa konkurrensen (lärdom 4).",
        tags: ["mobilitet", "remissvar", "lärdom 4"],
      },
    },
    {
      kind: "update",
      ref: "TA-002",
      by: ERIK,
      changes: {
        weight: 50,
        ambition: "leading",
        rationale:
          "Tester i verklig vårdmiljö visade att vissa arbetsmoment tog för lång tid, och införandet sköts upp " +
          "(lärdom 13). Användbarhet ska därför väga tungt i utvärderingen. Viktningen höjd från 40 till 50 " +
          "efter remissvar från den fackliga och den kliniska referensgruppen.",
      },
    },
    {
      kind: "update",
      ref: "VA-002",
      by: FATIMA,
      changes: {
        text:
          "Systemet ska beräkna patientavgifter och högkostnadsskydd (frikort) enligt respektive regions " +
          "avgiftsregler. Reglerna ska kunna ändras av regionen per avgiftsår utan leverantörens medverkan.",
      },
    },
    // Sign-in belongs with access control; it moves to BL and gets the next free BL number.
    { kind: "move-to-section", ref: "IS-005", section: "Behörighetsstyrning", by: FATIMA },
    { kind: "update", ref: "IS-005", by: FATIMA, changes: { ref: "BL-008" } },
    // The common medication list is the more basic requirement; it goes first.
    { kind: "move-up", ref: "LM-003", by: FATIMA },
    {
      kind: "add",
      section: "Migrering och arkivering",
      by: ERIK,
      requirement: {
        ref: "MG-005",
        title: "Automatiserad migrering av läkemedelslistor",
        text:
          "Aktuella läkemedelslistor ska migreras automatiskt, med ordinationsorsak, dosering och " +
          "dosdispensering, så att ingen lista behöver föras över för hand vid driftstart. Leverantören ska " +
          "genomföra en provmigrering som regionens farmaceuter granskar före driftgodkännande.",
        obligation: "ska",
        type: "technical",
        verification: "acceptance_test",
        rationale:
          "Tillagt efter remissvar och erfarenhetsåterföring från Sussa-regionerna: manuell överföring av " +
          "läkemedelslistor tog mycket klinisk tid vid driftstarterna 2024–25 (lärdom 11).",
        tags: ["migrering", "läkemedel", "lärdom 11"],
      },
    },
    // The legal review found the local-office demand disproportionate (LOU 4 kap. 1 §).
    { kind: "delete", ref: "KV-003", by: ERIK },
    { kind: "rename-section", section: "Kvalificering av leverantör", title: "Kvalificeringskrav", by: ERIK },
    { kind: "baseline", name: SKANE_BASELINE_2, by: ERIK },
    { kind: "status", transition: "submit_review", by: ERIK },
  ],
};

// ---------------------------------------------------------------------------------------------
// 2. Sussa samverkan: gemensam kravbild (Region Sörmland as host region; approved)
// ---------------------------------------------------------------------------------------------

const OSKAR = "oskar.pettersson@sormland.example.se";
const HANNA = "hanna.eriksson@sormland.example.se";
const FREDRIK = "fredrik.olsson@sormland.example.se";

const SUSSA_SET: DemoSet = {
  regionSlug: "sormland",
  title: SUSSA_SET_TITLE,
  description:
    "Gemensamma krav på informationssäkerhet, behörighet och loggning enligt PDL, integration och drift som " +
    "Sussa-regionerna ställer vid upphandling av tilläggsmoduler och angränsande system till det gemensamma " +
    "vårdinformationsstödet. Förvaltas av Sussa samverkans arbetsgrupp för informationssäkerhet med Region " +
    "Sörmland som värdregion och fastställs av styrgruppen.",
  procurementReference: "Sussa samverkan – gemensam kravbild, dnr RS-LED24-0387",
  author: OSKAR,
  sections: [
    {
      title: "Informationssäkerhet",
      requirements: [
        {
          ref: "IS-001",
          title: "Certifierat ledningssystem för informationssäkerhet",
          text:
            "Leverantören ska ha ett ledningssystem för informationssäkerhet som är certifierat enligt ISO/IEC " +
            "27001:2022, eller likvärdigt, och omfattar den offererade tjänsten.",
          obligation: "ska",
          type: "qualification",
          verification: "attachment",
          rationale: "Gemensam miniminivå för alla leverantörer som behandlar Sussa-regionernas patientuppgifter.",
          tags: ["ISO 27001"],
        },
        {
          ref: "IS-002",
          title: "Behandling inom EU/EES",
          text:
            "Patientuppgifter ska lagras och behandlas inom EU/EES. Åtkomst från tredje land, även för support, " +
            "kräver den personuppgiftsansvariga regionens skriftliga godkännande efter menprövning.",
          obligation: "ska",
          type: "contract",
          verification: "yes_no",
          rationale: "Varje region är personuppgiftsansvarig och ska själv pröva utlämnande till tredje land.",
          tags: ["tredje land", "menprövning"],
        },
        {
          ref: "IS-003",
          title: "Medverkan i informationsklassning",
          text:
            "Leverantören ska redovisa vilka informationsmängder tjänsten behandlar och medverka i regionernas " +
            "gemensamma informationsklassning innan avtalet börjar gälla.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Utan klassning går det inte att avgöra vilka skyddsåtgärder som krävs (lärdom 12).",
          tags: ["informationsklassning", "lärdom 12"],
        },
        {
          ref: "IS-004",
          title: "Gemensamt personuppgiftsbiträdesavtal",
          text:
            "Leverantören ska teckna Sussa-regionernas gemensamma personuppgiftsbiträdesavtal (bilaga 4) utan " +
            "ändringar i sak.",
          obligation: "ska",
          type: "contract",
          verification: "yes_no",
          rationale: "Ett gemensamt avtal ersätter nio separata förhandlingar och ger samma skydd i alla regioner.",
          tags: ["GDPR", "PUB-avtal"],
        },
        {
          ref: "IS-005",
          title: "Underbiträden och deras lokalisering",
          text:
            "Leverantören ska i förväg skriftligen informera regionerna om nya underbiträden och var de behandlar " +
            "uppgifter. Regionerna ska ha rätt att invända innan underbiträdet anlitas.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Regionerna ska ha kontroll över hela kedjan av biträden, inte bara huvudleverantören.",
          tags: ["GDPR", "underbiträden"],
        },
        {
          ref: "IS-006",
          title: "Säkerhetsloggar till regionens SIEM",
          text:
            "Tjänsten ska leverera säkerhetsloggar (inloggningar, behörighetsändringar och administrativa " +
            "åtgärder) till respektive regions SIEM-lösning i ett standardformat, t.ex. syslog eller CEF.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          rationale: "Regionernas säkerhetsfunktioner behöver en samlad bild för att upptäcka intrång.",
          tags: ["SIEM", "säkerhetsloggar"],
        },
      ],
    },
    {
      title: "Behörighet och loggning enligt PDL",
      requirements: [
        {
          ref: "BL-001",
          title: "Åtkomst utifrån medarbetaruppdrag i HSA",
          text:
            "Åtkomst ska styras utifrån medarbetaruppdrag i HSA, vårdenhet och vårdprocess. Systemet ska hantera " +
            "spärrar, samtycke och nödåtkomst, och nödåtkomst ska särskilt markeras i loggen.",
          obligation: "ska",
          type: "technical",
          verification: "scenario_test",
          rationale:
            "Verifieras med Sussa samverkans gemensamma PDL-scenarier före tilldelning, inte med ett ”Ja” " +
            "(lärdom 7).",
          tags: ["PDL", "HSA", "lärdom 7"],
        },
        {
          ref: "BL-002",
          title: "Fullständiga åtkomstloggar",
          text: "Loggar ska visa användare, patient, åtgärd, vårdenhet/vårdprocess och tidpunkt.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Vårdgivaren ska systematiskt kunna kontrollera åtkomst till patientuppgifter.",
          tags: ["PDL", "loggning"],
        },
        {
          ref: "BL-003",
          title: "Riskbaserad logguppföljning",
          text: "Systemet bör stödja riskbaserad, automatiserad logguppföljning som flaggar avvikande åtkomstmönster.",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 20,
          ambition: "advanced",
          rationale: "Ger mer träffsäker uppföljning än stickprov och kan delas mellan regionerna.",
          tags: ["PDL", "logguppföljning"],
        },
        {
          ref: "BL-004",
          title: "Loggar åtkomliga för regionens uppföljningsverktyg",
          text:
            "Åtkomstloggar ska kunna hämtas via ett dokumenterat API av regionens gemensamma verktyg för " +
            "logguppföljning, så att loggar från flera system kan följas upp samlat.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          rationale: "Patienter och IMY frågar efter all åtkomst, oavsett i vilket system den skett.",
          tags: ["PDL", "API"],
        },
        {
          ref: "BL-005",
          title: "Spärr över vårdgivargräns",
          text:
            "En spärr som registreras i en Sussa-region ska gälla vid sammanhållen journalföring med övriga " +
            "regioner och vid visning i NPÖ.",
          obligation: "ska",
          type: "technical",
          verification: "scenario_test",
          rationale: "Patientens spärr får inte kringgås för att uppgiften visas i en annan regions system.",
          tags: ["PDL", "spärr"],
        },
      ],
      sections: [
        {
          title: "Sammanhållen journalföring mellan regionerna",
          requirements: [
            {
              ref: "BL-006",
              title: "Åtkomst mellan Sussa-regionerna",
              text:
                "Vid sammanhållen journalföring mellan Sussa-regionerna ska åtkomst kräva samtycke och aktiv " +
                "vårdrelation, och varje region ska kunna följa upp andra vårdgivares åtkomst till sina " +
                "patienters uppgifter.",
              obligation: "ska",
              type: "technical",
              verification: "scenario_test",
              rationale: "Varje region ansvarar för uppföljningen av åtkomst till sina egna patienters uppgifter.",
              tags: ["PDL", "sammanhållen journalföring"],
            },
          ],
        },
      ],
    },
    {
      title: "Integration",
      requirements: [
        {
          ref: "IN-001",
          title: "Producent till NPÖ",
          text:
            "Systemet ska vara producent till NPÖ via Ineras tjänsteplattform enligt gällande RIV-TA-" +
            "tjänstekontrakt för de informationsmängder systemet hanterar.",
          obligation: "ska",
          type: "technical",
          verification: "acceptance_test",
          rationale: "Information i tilläggsmoduler ska inte bli osynlig för andra vårdgivare.",
          tags: ["NPÖ", "RIV-TA"],
        },
        {
          ref: "IN-002",
          title: "Öppna FHIR-API:er",
          text:
            "Leverantören ska tillhandahålla dokumenterade, öppna API:er baserade på HL7 FHIR R4 med HL7 " +
            "Swedens basprofiler, eller likvärdigt, utan tilläggslicens för regionerna.",
          obligation: "ska",
          type: "technical",
          verification: "attachment",
          rationale: "Samma gränssnitt i alla nio regioner sänker kostnaden för varje integration.",
          tags: ["FHIR", "HL7 Sweden"],
        },
        {
          ref: "IN-003",
          title: "Integration med regionernas vårdinformationsstöd",
          text:
            "Systemet ska kunna integreras med regionernas befintliga vårdinformationsstöd via dokumenterade " +
            "gränssnitt, så att patientkontext och inloggning följer med utan ny inloggning.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Användarna ska inte behöva söka fram patienten en gång till i varje modul.",
          tags: ["patientkontext", "single sign-on"],
        },
        {
          ref: "IN-004",
          title: "Systemintegrationer med SITHS funktionscertifikat",
          text:
            "Systemintegrationer ska autentiseras med SITHS funktionscertifikat och ömsesidig TLS, eller " +
            "likvärdigt.",
          obligation: "ska",
          type: "technical",
          verification: "yes_no",
          rationale: "Samma tillitsmodell som den nationella tjänsteplattformen.",
          tags: ["SITHS", "mTLS"],
        },
      ],
    },
    {
      title: "Drift och kontinuitet",
      requirements: [
        {
          ref: "DR-001",
          title: "Tillgänglighet minst 99,9 procent",
          text:
            "Tjänsten ska ha en tillgänglighet på minst 99,9 % per månad, utom avtalade servicefönster, som ska " +
            "aviseras minst 10 arbetsdagar i förväg.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Samma nivå som huvudsystemet; en modul som ligger nere stoppar hela flödet.",
          tags: ["SLA"],
        },
        {
          ref: "DR-002",
          title: "Lokal reservkopia vid driftavbrott",
          text:
            "Vid driftavbrott ska en lokal läsbar reservkopia av den information som behövs för pågående vård " +
            "finnas tillgänglig på varje vårdenhet.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Regionernas reservrutiner förutsätter läsbar information även utan nätverk.",
          tags: ["kontinuitet", "reservrutiner"],
        },
        {
          ref: "DR-003",
          title: "Samordnade servicefönster",
          text:
            "Planerade driftstopp som påverkar flera regioner ska samordnas med Sussa samverkans " +
            "förvaltningsorganisation och förläggas utanför kl. 07–18 vardagar.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Nio regioner med olika verksamhetsplanering behöver en gemensam kalender.",
          tags: ["servicefönster", "samverkan"],
        },
        {
          ref: "DR-004",
          title: "Kontinuitetsplan och gemensam övning",
          text:
            "Leverantören ska ha en dokumenterad kontinuitetsplan och delta i minst en gemensam " +
            "kontinuitetsövning per år med regionerna, även med scenarier för höjd beredskap.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Hälso- och sjukvården ingår i det civila försvaret.",
          tags: ["kontinuitet", "civilt försvar"],
        },
        {
          ref: "DR-005",
          title: "Drift i Sverige",
          text: "Tjänsten bör driftas i datacenter i Sverige med redundans mellan två geografiskt åtskilda platser.",
          obligation: "bor",
          type: "award",
          verification: "description",
          weight: 15,
          rationale: "Kortare avstånd och svensk jurisdiktion.",
          tags: ["datacenter"],
        },
      ],
    },
  ],
  steps: [
    { kind: "share", collaboration: "sussa", by: HANNA },
    { kind: "baseline", name: "Version 1.0 – arbetsgruppens förslag", by: OSKAR },
    {
      kind: "update",
      ref: "BL-002",
      by: OSKAR,
      changes: {
        text:
          "Loggar ska visa användare, patient, åtgärd, vårdenhet/vårdprocess och tidpunkt, och sparas i minst " +
          "fem år (HSLF-FS 2016:40 4 kap. 9 §).",
        tags: ["PDL", "loggning", "HSLF-FS 2016:40"],
      },
    },
    {
      kind: "update",
      ref: "IS-006",
      by: HANNA,
      changes: {
        text:
          "Tjänsten bör leverera säkerhetsloggar (inloggningar, behörighetsändringar och administrativa " +
          "åtgärder) till respektive regions SIEM-lösning i ett standardformat, t.ex. syslog eller CEF.",
        obligation: "bor",
        type: "award",
        weight: 10,
        rationale:
          "Regionernas säkerhetsfunktioner behöver en samlad bild för att upptäcka intrång. Ändrat till bör-krav " +
          "efter marknadsdialogen: flera mindre modulleverantörer saknar färdig export, och alla regioner har " +
          "ännu inte en SIEM-lösning att ta emot loggarna i.",
      },
    },
    { kind: "move-to-section", ref: "BL-005", section: "Sammanhållen journalföring mellan regionerna", by: OSKAR },
    {
      kind: "add",
      section: "Informationssäkerhet",
      by: OSKAR,
      requirement: {
        ref: "IS-007",
        title: "Rapportering av säkerhetsincidenter",
        text:
          "Leverantören ska rapportera säkerhetsincidenter som berör regionernas information till berörda " +
          "regioner utan dröjsmål och senast inom 24 timmar, så att regionerna kan fullgöra sin egen " +
          "rapporteringsskyldighet enligt dataskyddsförordningen och cybersäkerhetsregelverket (NIS 2).",
        obligation: "ska",
        type: "contract",
        verification: "contract_follow_up",
        rationale: "Regionernas egna tidsfrister för incidentrapportering börjar löpa när incidenten upptäcks.",
        tags: ["incident", "NIS 2", "GDPR"],
      },
    },
    // The jurists found that IS-002 (EU/EES) already covers the need, and that a Sweden-only demand is
    // hard to defend as proportionate.
    { kind: "delete", ref: "DR-005", by: HANNA },
    { kind: "status", transition: "submit_review", by: HANNA },
    { kind: "status", transition: "approve", by: FREDRIK },
  ],
};

// ---------------------------------------------------------------------------------------------
// 3. 3R: gemensam arkitektur (Västra Götalandsregionen; published)
// ---------------------------------------------------------------------------------------------

const INGRID = "ingrid.wallin@vgr.example.se";
const LARS = "lars.nilsson@vgr.example.se";
const MARIA = "maria.johansson@vgr.example.se";

const THREE_R_SET: DemoSet = {
  regionSlug: "vgr",
  title: THREE_R_SET_TITLE,
  description:
    "Gemensamma arkitekturkrav som 3R-regionerna återanvänder i upphandlingar av vårdinformationsstöd och " +
    "moduler: öppna gränssnitt, nationella tjänster, informationssäkerhet, migrering och beslutsstöd. Bygger på " +
    "det HL7-baserade arkitekturarbetet från den gemensamma 3R-upphandlingen och har uppdaterats med " +
    "erfarenheter från Millennium-införandena och Region Stockholms modulära generationsskifte.",
  procurementReference: "3R arkitekturgrupp, dnr RHS 2026-00211",
  author: INGRID,
  sections: [
    {
      title: "Interoperabilitet",
      sections: [
        {
          title: "Öppna API:er",
          requirements: [
            {
              ref: "IN-001",
              title: "Öppna FHIR-API:er med svenska basprofiler",
              text:
                "Systemet ska tillhandahålla dokumenterade, öppna API:er baserade på HL7 FHIR R4 med HL7 " +
                "Swedens basprofiler, eller likvärdigt, för läsning och skrivning, utan tilläggslicens.",
              obligation: "ska",
              type: "technical",
              verification: "attachment",
              rationale: "Grunden för att kunna kombinera moduler från olika leverantörer.",
              tags: ["FHIR", "HL7 Sweden"],
            },
            {
              ref: "IN-002",
              title: "Start av appar i patientkontext (SMART on FHIR)",
              text:
                "Systemet ska kunna starta tredjepartsapplikationer i patientkontext enligt SMART App Launch " +
                "eller likvärdigt, med enkel inloggning.",
              obligation: "ska",
              type: "technical",
              verification: "demonstration",
              ambition: "advanced",
              rationale: "Regionerna vill kunna lägga till specialistmoduler utan att bygga om huvudsystemet.",
              tags: ["SMART on FHIR"],
            },
            {
              ref: "IN-003",
              title: "Lagring eller export i openEHR-format",
              text:
                "Klinisk information bör kunna lagras i eller exporteras till ett openEHR-baserat format för " +
                "regionernas kliniska datalager.",
              obligation: "bor",
              type: "award",
              verification: "description",
              weight: 20,
              ambition: "leading",
              rationale: "Leverantörsoberoende lagring gör det möjligt att byta system utan informationsförlust.",
              tags: ["openEHR"],
            },
            {
              ref: "IN-004",
              title: "Extern terminologitjänst",
              text:
                "Systemet ska kunna använda en extern terminologitjänst (FHIR Terminology Services eller " +
                "likvärdigt) för Snomed CT, ICD-10-SE, KVÅ och ATC, och hantera årliga versionsbyten utan " +
                "leverantörsprojekt.",
              obligation: "ska",
              type: "technical",
              verification: "description",
              rationale: "ICD-10-SE och KVÅ uppdateras varje år; Snomed CT två gånger per år.",
              tags: ["terminologi", "Snomed CT", "ICD-10-SE"],
            },
            {
              ref: "IN-006",
              title: "Anslutning till nationella tjänsteplattformen",
              text:
                "Systemet ska kunna ansluta till den nationella tjänsteplattformen enligt RIV Tekniska " +
                "Anvisningar Basic Profile 2.1 eller likvärdigt.",
              obligation: "ska",
              type: "technical",
              verification: "yes_no",
              rationale: "Nationellt informationsutbyte sker via tjänsteplattformen.",
              tags: ["NTjP", "RIV-TA"],
            },
          ],
        },
        {
          title: "Nationella tjänster och dokumentdelning",
          requirements: [
            {
              ref: "IN-005",
              title: "Bild- och dokumentdelning via IHE XDS",
              text:
                "Systemet ska kunna visa bilder och dokument från regionernas bild- och dokumentarkiv via IHE " +
                "XDS.b/XDS-I.b eller likvärdigt.",
              obligation: "ska",
              type: "technical",
              verification: "yes_no",
              rationale: "Bilder och dokument ska kunna visas i journalen utan att användaren byter system.",
              tags: ["IHE", "XDS"],
            },
          ],
        },
      ],
    },
    {
      title: "Informationssäkerhet",
      requirements: [
        {
          ref: "IS-001",
          title: "Behandling inom EU/EES",
          text:
            "Patientuppgifter ska lagras och behandlas inom EU/EES. Åtkomst från tredje land kräver den " +
            "personuppgiftsansvariga regionens skriftliga godkännande efter menprövning.",
          obligation: "ska",
          type: "contract",
          verification: "yes_no",
          rationale: "Samma villkor i alla tre regioner förenklar för leverantörerna och för regionernas jurister.",
          tags: ["tredje land", "menprövning"],
        },
        {
          ref: "IS-002",
          title: "Regionens identitetsleverantör och SITHS",
          text:
            "Systemet ska kunna använda regionens identitetsleverantör via SAML 2.0 eller OpenID Connect, med " +
            "SITHS e-legitimation som inloggningsmetod.",
          obligation: "ska",
          type: "technical",
          verification: "yes_no",
          rationale: "En gemensam inloggning för alla moduler är en förutsättning för en modulär miljö.",
          tags: ["SITHS", "OIDC", "SAML"],
        },
        {
          ref: "IS-003",
          title: "Åtkomstloggar via API",
          text:
            "Åtkomstloggar enligt PDL ska kunna hämtas via dokumenterat API av regionens gemensamma verktyg för " +
            "logguppföljning.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          rationale: "Med flera moduler måste loggarna följas upp samlat.",
          tags: ["PDL", "loggning"],
        },
        {
          ref: "IS-004",
          title: "Åtkomststyrning utifrån HSA",
          text:
            "Systemet ska hämta medarbetaruppdrag och organisationstillhörighet från Katalogtjänst HSA, eller " +
            "likvärdigt, och använda dem för åtkomststyrning enligt patientdatalagen.",
          obligation: "ska",
          type: "technical",
          verification: "scenario_test",
          rationale: "Samma behörighetsmodell i alla moduler; verifieras med 3R:s gemensamma PDL-scenarier (lärdom 7).",
          tags: ["HSA", "PDL", "lärdom 7"],
        },
      ],
    },
    {
      title: "Migrering och exit",
      requirements: [
        {
          ref: "MG-001",
          title: "Migrering med bevarad proveniens",
          text:
            "Leverantören ska migrera journalinformation och läkemedelslistor med bibehållen upphovsperson, " +
            "signeringsstatus och tidpunkt, verifierat genom provmigrering före driftgodkännande.",
          obligation: "ska",
          type: "technical",
          verification: "acceptance_test",
          rationale: "Lärdom från Millennium-införandena: migreringen måste provas i god tid.",
          tags: ["migrering"],
        },
        {
          ref: "MG-002",
          title: "Export vid avtalets upphörande",
          text:
            "Vid avtalets upphörande ska all information kunna exporteras i ett dokumenterat, öppet format utan " +
            "extra kostnad.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Exitvillkor är en förutsättning för att regionerna ska kunna byta modul eller leverantör.",
          tags: ["exit"],
        },
        {
          ref: "MG-003",
          title: "Åtkomst till all information under avtalstiden",
          text:
            "All klinisk information ska vara åtkomlig för regionen via API under hela avtalstiden, även " +
            "information som skapats i leverantörens egna moduler.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          rationale: "Regionen äger informationen och ska inte behöva beställa uttag.",
          tags: ["dataportabilitet"],
        },
      ],
    },
    {
      title: "Beslutsstöd",
      requirements: [
        {
          ref: "BS-001",
          title: "Regionala beslutsstöd via CDS Hooks",
          text:
            "Systemet bör kunna anropa externa beslutsstödstjänster enligt CDS Hooks eller likvärdigt vid " +
            "ordination och vid öppning av journal.",
          obligation: "bor",
          type: "award",
          verification: "demonstration",
          weight: 15,
          ambition: "leading",
          rationale: "Gemensamma regionala beslutsstöd ska kunna användas oavsett vårdinformationssystem.",
          tags: ["CDS Hooks"],
        },
        {
          ref: "BS-002",
          title: "CE-märkta beslutsstöd",
          text:
            "Beslutsstöd som utgör medicinteknisk produkt ska vara CE-märkt enligt förordning (EU) 2017/745 " +
            "(MDR). EU-försäkran om överensstämmelse ska bifogas.",
          obligation: "ska",
          type: "qualification",
          verification: "attachment",
          rationale: "CE-märkningen ska gå att kontrollera före tilldelning (lärdom 6).",
          tags: ["MDR", "lärdom 6"],
        },
      ],
    },
  ],
  steps: [
    { kind: "share", collaboration: "3r", by: LARS },
    { kind: "baseline", name: "Version 1.0 – arkitekturgruppens förslag", by: INGRID },
    {
      kind: "update",
      ref: "IN-001",
      by: INGRID,
      changes: {
        text:
          "Systemet ska tillhandahålla dokumenterade, öppna API:er baserade på HL7 FHIR R4 (4.0.1) med HL7 " +
          "Swedens basprofiler R4 1.1.0, eller likvärdigt, för läsning och skrivning, utan tilläggslicens. Stöd " +
          "för FHIR R5 är meriterande men inget krav.",
      },
    },
    {
      kind: "update",
      ref: "IN-002",
      by: INGRID,
      changes: {
        text:
          "Systemet bör kunna starta tredjepartsapplikationer i patientkontext enligt SMART App Launch 2.0 eller " +
          "likvärdigt, med enkel inloggning.",
        obligation: "bor",
        type: "award",
        weight: 10,
        rationale:
          "Regionerna vill kunna lägga till specialistmoduler utan att bygga om huvudsystemet. Ändrat till " +
          "bör-krav på Region Stockholms inrådan: enligt marknadsdialogen stöder inte alla huvudsystem version 2.0 " +
          "fullt ut (lärdom 4).",
      },
    },
    { kind: "move-to-section", ref: "IN-006", section: "Nationella tjänster och dokumentdelning", by: INGRID },
    {
      kind: "update",
      ref: "MG-002",
      by: LARS,
      changes: {
        text:
          "Vid avtalets upphörande ska all information kunna exporteras i ett dokumenterat, öppet format utan " +
          "extra kostnad. Under avtalstiden ska all klinisk information, även den som skapats i leverantörens " +
          "egna moduler, vara åtkomlig för regionen via API.",
        rationale:
          "Exitvillkor är en förutsättning för att regionerna ska kunna byta modul eller leverantör. " +
          "MG-003 är sammanslaget med detta krav.",
      },
    },
    { kind: "delete", ref: "MG-003", by: LARS },
    {
      kind: "add",
      section: "Öppna API:er",
      by: INGRID,
      requirement: {
        ref: "IN-007",
        title: "Prenumeration på händelser",
        text:
          "Systemet bör kunna skicka notifieringar om händelser (t.ex. ny vårdkontakt, nytt provsvar) enligt " +
          "FHIR Subscriptions eller likvärdigt, så att andra moduler kan reagera utan att fråga kontinuerligt.",
        obligation: "bor",
        type: "award",
        verification: "description",
        weight: 10,
        ambition: "advanced",
        rationale:
          "En modulär miljö (jfr Generationsskifte Vårdens IT) förutsätter att modulerna kan reagera på varandras händelser.",
        tags: ["FHIR", "händelser"],
      },
    },
    { kind: "status", transition: "submit_review", by: LARS },
    { kind: "status", transition: "approve", by: MARIA },
    { kind: "status", transition: "publish", by: MARIA },
  ],
};

// ---------------------------------------------------------------------------------------------
// 4. Region Stockholm: a private draft (shows that unshared sets stay inside the region)
// ---------------------------------------------------------------------------------------------

const DANIEL = "daniel.ek@stockholm.example.se";

const STOCKHOLM_SET: DemoSet = {
  regionSlug: "stockholm",
  title: STOCKHOLM_SET_TITLE,
  description:
    "Arbetsutkast inom Generationsskifte Vårdens IT: krav på moduler som ska komplettera det nya " +
    "huvudjournalsystemet. Delas inte förrän verksamhetsarkitekturen är förankrad.",
  procurementReference: "",
  author: DANIEL,
  sections: [
    {
      title: "Integration med huvudjournalsystemet",
      requirements: [
        {
          ref: "IN-001",
          title: "Patientkontext från huvudjournalsystemet",
          text:
            "Modulen ska kunna startas från huvudjournalsystemet i patientkontext enligt SMART App Launch eller " +
            "likvärdigt, utan ny inloggning.",
          obligation: "ska",
          type: "technical",
          verification: "demonstration",
          rationale: "Användaren ska uppleva modulen som en del av journalen.",
          tags: ["SMART on FHIR"],
        },
        {
          ref: "IN-002",
          title: "Skrivning tillbaka till journalen",
          text:
            "Information som registreras i modulen och ingår i journalen ska skrivas till huvudjournalsystemet " +
            "via FHIR-API och inte bara lagras i modulen.",
          obligation: "ska",
          type: "technical",
          verification: "acceptance_test",
          rationale: "Journalen ska vara sammanhållen även om den registreras i flera moduler.",
          tags: ["FHIR"],
        },
      ],
    },
    {
      title: "Säkerhet, loggning och drift",
      requirements: [
        {
          ref: "BL-001",
          title: "Gemensam logguppföljning",
          text: "Modulens åtkomstloggar ska levereras till regionens gemensamma logguppföljning.",
          obligation: "ska",
          type: "technical",
          verification: "description",
          tags: ["PDL"],
        },
        {
          ref: "TA-001",
          title: "Samma designspråk som huvudsystemet",
          text: "Modulen bör följa huvudjournalsystemets designriktlinjer för färger, ikoner och kortkommandon.",
          obligation: "bor",
          type: "award",
          verification: "demonstration",
          weight: 10,
          rationale: "Olika gränssnitt i samma arbetsflöde ökar risken för fel.",
          tags: ["användbarhet"],
        },
        {
          ref: "DR-001",
          title: "Tillgänglighet för moduler",
          text: "Modulen ska ha en tillgänglighet på minst 99,5 % per månad, utom avtalade servicefönster.",
          obligation: "ska",
          type: "contract",
          verification: "contract_follow_up",
          tags: ["SLA"],
        },
      ],
    },
  ],
  steps: [],
};

export const DEMO_SETS: readonly DemoSet[] = [SKANE_SET, SUSSA_SET, THREE_R_SET, STOCKHOLM_SET];

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

export type DemoSetsSummary = { sets: number; requirements: number; baselines: number };

const SEED_REQUEST: RequestInfo = { requestId: "seed", ipAddress: null, userAgent: "samkrav-seed" };

export function areaOfRef(ref: string): Area {
  const prefix = ref.split("-")[0];
  const area = AREAS.find((candidate) => candidate === prefix);
  if (!area) throw new Error(`Demo requirement ${ref} has no known area prefix`);
  return area;
}

function toInput(requirement: DemoRequirement): RequirementInput {
  return {
    ref: requirement.ref,
    title: requirement.title,
    text: requirement.text,
    obligation: requirement.obligation,
    type: requirement.type,
    area: areaOfRef(requirement.ref),
    rationale: requirement.rationale ?? "",
    verification: requirement.verification,
    weight: requirement.weight ?? null,
    ambition: requirement.ambition ?? null,
    tags: [...(requirement.tags ?? [])],
  };
}

function fail(set: DemoSet, what: string, status: string): never {
  throw new Error(`Seeding "${set.title}": ${what} failed (${status})`);
}

type Lookups = {
  regionId: (slug: string) => string;
  collaborationId: (slug: string) => string;
  userId: (email: string) => string;
};

async function loadLookups(): Promise<Lookups> {
  const [regionRows, collaborationRows, userRows] = await Promise.all([
    db.select({ id: regions.id, key: regions.slug }).from(regions),
    db.select({ id: collaborations.id, key: collaborations.slug }).from(collaborations),
    db.select({ id: users.id, key: users.email }).from(users),
  ]);
  const finder = (rows: { id: string; key: string }[], kind: string) => {
    const ids = new Map(rows.map((row) => [row.key, row.id]));
    return (key: string) => {
      const id = ids.get(key.toLowerCase());
      if (id === undefined) throw new Error(`Demo sets refer to unknown ${kind} "${key}"; seed the accounts first`);
      return id;
    };
  };
  return {
    regionId: finder(regionRows, "region"),
    collaborationId: finder(collaborationRows, "collaboration"),
    userId: finder(userRows, "user"),
  };
}

async function findSetId(regionId: string, title: string): Promise<string | null> {
  const [row] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .where(and(eq(requirementSets.ownerRegionId, regionId), eq(requirementSets.title, title)))
    .limit(1);
  return row?.id ?? null;
}

async function setVersion(setId: string): Promise<number> {
  const [row] = await db
    .select({ version: requirementSets.version })
    .from(requirementSets)
    .where(eq(requirementSets.id, setId));
  if (!row) throw new Error("set vanished while seeding");
  return row.version;
}

async function liveRequirement(setId: string, ref: string) {
  const [row] = await db
    .select()
    .from(requirements)
    .where(and(eq(requirements.setId, setId), eq(requirements.ref, ref), isNull(requirements.deletedAt)));
  if (!row) throw new Error(`Demo step refers to requirement ${ref}, which the set does not have`);
  return row;
}

async function sectionByTitle(setId: string, title: string) {
  const rows = await db
    .select({ id: setSections.id, version: setSections.version })
    .from(setSections)
    .where(and(eq(setSections.setId, setId), eq(setSections.title, title), isNull(setSections.deletedAt)));
  const [row] = rows;
  if (!row || rows.length > 1) throw new Error(`Demo step refers to section "${title}", which is missing or ambiguous`);
  return row;
}

async function buildSections(
  set: DemoSet,
  setId: string,
  parentId: string | null,
  sections: readonly DemoSection[],
  actorUserId: string,
): Promise<void> {
  for (const section of sections) {
    const created = await createSection({ setId, parentId, title: section.title, actorUserId });
    if (created.status !== "saved" || !created.sectionId) fail(set, `section "${section.title}"`, created.status);
    for (const requirement of section.requirements ?? []) {
      const result = await createRequirement({
        setId,
        sectionId: created.sectionId,
        input: toInput(requirement),
        actorUserId,
      });
      if (result.status !== "created") fail(set, `requirement ${requirement.ref}`, result.status);
    }
    await buildSections(set, setId, created.sectionId, section.sections ?? [], actorUserId);
  }
}

async function applyStep(set: DemoSet, setId: string, step: DemoStep, lookups: Lookups): Promise<void> {
  const actorUserId = lookups.userId(step.by);
  switch (step.kind) {
    case "share": {
      const result = await shareSet({
        setId,
        ownerRegionId: lookups.regionId(set.regionSlug),
        baseVersion: await setVersion(setId),
        visibility: "collaboration",
        collaborationId: lookups.collaborationId(step.collaboration),
        actorUserId,
        request: SEED_REQUEST,
      });
      if (result.status !== "saved") fail(set, "sharing", result.status);
      return;
    }
    case "baseline":
      await createManualBaseline({ setId, name: step.name, actorUserId });
      return;
    case "status": {
      const result = await changeSetStatus({
        setId,
        baseVersion: await setVersion(setId),
        transition: step.transition,
        actorUserId,
        language: "sv",
      });
      if (result.status !== "saved") fail(set, step.transition, result.status);
      return;
    }
    case "update": {
      const row = await liveRequirement(setId, step.ref);
      const ref = step.changes.ref ?? row.ref;
      const input: RequirementInput = {
        ref,
        title: step.changes.title ?? row.title,
        text: step.changes.text ?? row.text,
        obligation: step.changes.obligation ?? row.obligation,
        type: step.changes.type ?? row.type,
        area: areaOfRef(ref),
        rationale: step.changes.rationale ?? row.rationale,
        verification: step.changes.verification ?? row.verification,
        weight: step.changes.weight !== undefined ? step.changes.weight : row.weight,
        ambition: step.changes.ambition !== undefined ? step.changes.ambition : row.ambition,
        tags: step.changes.tags ? [...step.changes.tags] : row.tags,
      };
      const result = await updateRequirement({
        setId,
        requirementId: row.id,
        baseVersion: row.version,
        input,
        actorUserId,
      });
      if (result.status !== "saved") fail(set, `update of ${step.ref}`, result.status);
      return;
    }
    case "move-to-section":
    case "move-up": {
      const row = await liveRequirement(setId, step.ref);
      const result = await moveRequirement({
        setId,
        requirementId: row.id,
        baseVersion: row.version,
        target:
          step.kind === "move-up"
            ? { kind: "up" }
            : { kind: "section", sectionId: (await sectionByTitle(setId, step.section)).id },
        actorUserId,
      });
      if (result.status !== "saved") fail(set, `move of ${step.ref}`, result.status);
      return;
    }
    case "add": {
      const section = await sectionByTitle(setId, step.section);
      const result = await createRequirement({
        setId,
        sectionId: section.id,
        input: toInput(step.requirement),
        actorUserId,
      });
      if (result.status !== "created") fail(set, `requirement ${step.requirement.ref}`, result.status);
      return;
    }
    case "delete": {
      const row = await liveRequirement(setId, step.ref);
      const result = await setRequirementDeleted({
        setId,
        requirementId: row.id,
        baseVersion: row.version,
        deleted: true,
        actorUserId,
      });
      if (result.status !== "saved") fail(set, `deletion of ${step.ref}`, result.status);
      return;
    }
    case "rename-section": {
      const section = await sectionByTitle(setId, step.section);
      const result = await renameSection({
        setId,
        sectionId: section.id,
        baseVersion: section.version,
        title: step.title,
        actorUserId,
      });
      if (result.status !== "saved") fail(set, `renaming section "${step.section}"`, result.status);
      return;
    }
  }
}

async function seedOneSet(set: DemoSet, lookups: Lookups): Promise<string> {
  const regionId = lookups.regionId(set.regionSlug);
  const existing = await findSetId(regionId, set.title);
  if (existing) return existing;
  const authorId = lookups.userId(set.author);
  const setId = await createSet({
    regionId,
    title: set.title,
    description: set.description,
    procurementReference: set.procurementReference,
    actorUserId: authorId,
  });
  await buildSections(set, setId, null, set.sections, authorId);
  for (const step of set.steps) await applyStep(set, setId, step, lookups);
  return setId;
}

/**
 * Creates the demo sets that do not exist yet (matched on owner region and title) and returns
 * what the demo sets hold now, so the numbers are the same on the first run and on every rerun.
 * Needs the demo regions, collaborations and users to be committed already.
 *
 * A run that dies halfway leaves a partial set that later runs skip; archive or delete it by hand.
 */
export async function seedDemoSets(): Promise<DemoSetsSummary> {
  const lookups = await loadLookups();
  const setIds: string[] = [];
  // One set at a time: the models open their own transactions, and PGlite has one connection.
  for (const set of DEMO_SETS) setIds.push(await seedOneSet(set, lookups));
  return summarizeSets(setIds);
}

/**
 * Counts of the demo sets as they are now (after the library, comment and review demo data,
 * which copy requirements into the Stockholm draft), so a second seed reports the same numbers.
 */
export async function summarizeDemoSets(): Promise<DemoSetsSummary> {
  const lookups = await loadLookups();
  const setIds: string[] = [];
  for (const set of DEMO_SETS) {
    const id = await findSetId(lookups.regionId(set.regionSlug), set.title);
    if (id) setIds.push(id);
  }
  return summarizeSets(setIds);
}

async function summarizeSets(setIds: string[]): Promise<DemoSetsSummary> {
  const [requirementCount] = await db
    .select({ n: count() })
    .from(requirements)
    .where(and(inArray(requirements.setId, setIds), isNull(requirements.deletedAt)));
  const [baselineCount] = await db.select({ n: count() }).from(baselines).where(inArray(baselines.setId, setIds));
  return { sets: setIds.length, requirements: requirementCount?.n ?? 0, baselines: baselineCount?.n ?? 0 };
}
