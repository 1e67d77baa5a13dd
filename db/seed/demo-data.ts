/**
 * Demo data for Samkrav: the regions, collaborations (samverkan), people and steering groups a
 * reviewer from Swedish regional procurement would expect to see. Pure data, no database access,
 * so tests and the README can rely on it without opening a connection.
 *
 * Every e-mail address lives under `.example.se` (RFC 2606 style) so that no demo account can ever
 * reach a real mailbox, and is ASCII-only because the login form compares lower-cased addresses.
 */
import type { regionRoleEnum, steeringRoleEnum } from "../schema/accounts";

export type RegionRole = (typeof regionRoleEnum.enumValues)[number];
export type SteeringRole = (typeof steeringRoleEnum.enumValues)[number];

/** The one password of every demo account; the README lists it next to the accounts. */
export const DEMO_PASSWORD = "Samkrav-demo-2026!";

export type DemoRegion = {
  readonly slug: string;
  readonly name: string;
  readonly shortName: string;
};

export const DEMO_REGIONS = [
  { slug: "skane", name: "Region Skåne", shortName: "Skåne" },
  { slug: "vgr", name: "Västra Götalandsregionen", shortName: "VGR" },
  { slug: "stockholm", name: "Region Stockholm", shortName: "Stockholm" },
  { slug: "vasterbotten", name: "Region Västerbotten", shortName: "Västerbotten" },
  { slug: "vasternorrland", name: "Region Västernorrland", shortName: "Västernorrland" },
  { slug: "orebro", name: "Region Örebro län", shortName: "Örebro län" },
  { slug: "sormland", name: "Region Sörmland", shortName: "Sörmland" },
  { slug: "blekinge", name: "Region Blekinge", shortName: "Blekinge" },
  { slug: "dalarna", name: "Region Dalarna", shortName: "Dalarna" },
  { slug: "gavleborg", name: "Region Gävleborg", shortName: "Gävleborg" },
  { slug: "halland", name: "Region Halland", shortName: "Halland" },
  { slug: "norrbotten", name: "Region Norrbotten", shortName: "Norrbotten" },
] as const satisfies readonly DemoRegion[];

export type DemoRegionSlug = (typeof DEMO_REGIONS)[number]["slug"];

export type DemoCollaboration = {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly regionSlugs: readonly DemoRegionSlug[];
};

export const DEMO_COLLABORATIONS = [
  {
    slug: "3r",
    name: "3R",
    description:
      "3R-samverkan mellan Region Skåne, Västra Götalandsregionen och Region Stockholm – de tre storregionerna " +
      "som gemensamt började upphandla ett nytt vårdinformationsstöd. Skåne och VGR lämnade den gemensamma " +
      "upphandlingen 2016, men regionerna delar fortfarande kravarbete, arkitektur (HL7-baserad) och lärdomar " +
      "från Millennium-införandena och Stockholms modulära generationsskifte.",
    regionSlugs: ["skane", "vgr", "stockholm"],
  },
  {
    slug: "sussa",
    name: "Sussa samverkan",
    description:
      "Sussa samverkan (Strategisk Utveckling av Sjukvårdsstödjande Applikationer) – nio regioner som gemensamt " +
      "upphandlade vårdinformationsstödet Cambio Cosmic 2018. Samverkan förvaltar gemensamma krav, " +
      "tilläggsavtal och erfarenheter från införandet, med Region Sörmland som värdregion.",
    regionSlugs: [
      "vasterbotten",
      "vasternorrland",
      "orebro",
      "sormland",
      "blekinge",
      "dalarna",
      "gavleborg",
      "halland",
      "norrbotten",
    ],
  },
  {
    slug: "alla",
    name: "Alla regioner",
    description:
      "Gemensam arbetsyta för samtliga regioner i Samkrav: nationella krav på informationssäkerhet, PDL-loggning, " +
      "tillgänglighet och anslutning till nationella tjänster (NPÖ, NLL, 1177) som alla upphandlingar kan återanvända.",
    regionSlugs: DEMO_REGIONS.map((region) => region.slug),
  },
] as const satisfies readonly DemoCollaboration[];

export type DemoCollaborationSlug = (typeof DEMO_COLLABORATIONS)[number]["slug"];

export type DemoMembership = {
  readonly regionSlug: DemoRegionSlug;
  readonly role: RegionRole;
  /** Marks the region's jurist, who is invited to legal review of requirement rounds. */
  readonly isLegalCounsel?: boolean;
};

export type DemoUser = {
  readonly email: string;
  readonly name: string;
  readonly title: string;
  readonly isPlatformAdmin?: boolean;
  readonly memberships: readonly DemoMembership[];
};

// Short constructors keep the user table below to one person per line, which is easier to review.
const admin = (regionSlug: DemoRegionSlug): DemoMembership[] => [{ regionSlug, role: "admin" }];
const editor = (regionSlug: DemoRegionSlug): DemoMembership[] => [{ regionSlug, role: "editor" }];
const viewer = (regionSlug: DemoRegionSlug): DemoMembership[] => [{ regionSlug, role: "viewer" }];
const jurist = (regionSlug: DemoRegionSlug): DemoMembership[] => [{ regionSlug, role: "viewer", isLegalCounsel: true }];

/** Keeps each e-mail address a literal type, so steering groups can only name seeded users. */
function person<const Email extends string>(
  email: Email,
  name: string,
  title: string,
  memberships: readonly DemoMembership[],
): DemoUser & { readonly email: Email } {
  return { email, name, title, memberships };
}

export const DEMO_USERS = [
  {
    email: "plattform@samkrav.example.se",
    name: "Ingrid Dahl",
    title: "Plattformsansvarig, Samkrav",
    isPlatformAdmin: true,
    memberships: [],
  },

  // Region Skåne
  person("anna.lindqvist@skane.example.se", "Anna Lindqvist", "Förvaltningsledare", admin("skane")),
  person("erik.svensson@skane.example.se", "Erik Svensson", "Upphandlare", editor("skane")),
  person("fatima.haddad@skane.example.se", "Fatima Haddad", "Verksamhetsarkitekt", editor("skane")),
  person("karin.holm@skane.example.se", "Karin Holm", "Överläkare, klinisk informatiker", viewer("skane")),
  person("johan.berg@skane.example.se", "Johan Berg", "Jurist", jurist("skane")),
  person("per.andersson@skane.example.se", "Per Andersson", "Regiondirektör", viewer("skane")),

  // Västra Götalandsregionen
  person("maria.johansson@vgr.example.se", "Maria Johansson", "Förvaltningsledare", admin("vgr")),
  person("lars.nilsson@vgr.example.se", "Lars Nilsson", "Upphandlare", editor("vgr")),
  person("ingrid.wallin@vgr.example.se", "Ingrid Wallin", "Informationssäkerhetsspecialist", editor("vgr")),
  person("mikael.strand@vgr.example.se", "Mikael Strand", "Överläkare, klinisk informatiker", viewer("vgr")),
  person("cecilia.forsberg@vgr.example.se", "Cecilia Forsberg", "Jurist", jurist("vgr")),
  person("helena.bergstrom@vgr.example.se", "Helena Bergström", "Hälso- och sjukvårdsdirektör", viewer("vgr")),

  // Region Stockholm
  person("jonas.lindberg@stockholm.example.se", "Jonas Lindberg", "Förvaltningsledare", admin("stockholm")),
  person("emma.sandberg@stockholm.example.se", "Emma Sandberg", "Upphandlare", editor("stockholm")),
  person("daniel.ek@stockholm.example.se", "Daniel Ek", "Verksamhetsarkitekt", editor("stockholm")),
  person("lena.bjork@stockholm.example.se", "Lena Björk", "Sjuksköterska, verksamhetsutvecklare", viewer("stockholm")),
  person("amir.rahimi@stockholm.example.se", "Amir Rahimi", "Jurist", jurist("stockholm")),
  person("katarina.strom@stockholm.example.se", "Katarina Ström", "Digitaliseringsdirektör", viewer("stockholm")),
  person(
    "magnus.lundgren@stockholm.example.se",
    "Magnus Lundgren",
    "Programdirektör, Generationsskifte Vårdens IT",
    editor("stockholm"),
  ),

  // Region Västerbotten
  person("ulf.lundstrom@vasterbotten.example.se", "Ulf Lundström", "Förvaltningsledare", admin("vasterbotten")),
  person("asa.marklund@vasterbotten.example.se", "Åsa Marklund", "Upphandlare", editor("vasterbotten")),
  person("jenny.ohman@vasterbotten.example.se", "Jenny Öhman", "Verksamhetsarkitekt", editor("vasterbotten")),
  person(
    "anders.sjolund@vasterbotten.example.se",
    "Anders Sjölund",
    "Överläkare, klinisk informatiker",
    viewer("vasterbotten"),
  ),
  person(
    "tomas.wikstrom@vasterbotten.example.se",
    "Tomas Wikström",
    "Hälso- och sjukvårdsdirektör",
    viewer("vasterbotten"),
  ),

  // Region Västernorrland
  person("malin.westin@vasternorrland.example.se", "Malin Westin", "Förvaltningsledare", admin("vasternorrland")),
  person("henrik.sundqvist@vasternorrland.example.se", "Henrik Sundqvist", "Upphandlare", editor("vasternorrland")),
  person(
    "elin.hagglund@vasternorrland.example.se",
    "Elin Hägglund",
    "Informationssäkerhetsspecialist",
    editor("vasternorrland"),
  ),
  person(
    "goran.edlund@vasternorrland.example.se",
    "Göran Edlund",
    "Överläkare, klinisk informatiker",
    viewer("vasternorrland"),
  ),

  // Region Örebro län
  person("camilla.persson@orebro.example.se", "Camilla Persson", "Förvaltningsledare", admin("orebro")),
  person("mattias.gustafsson@orebro.example.se", "Mattias Gustafsson", "Upphandlare", editor("orebro")),
  person("linnea.sjoberg@orebro.example.se", "Linnea Sjöberg", "Informationssäkerhetsspecialist", editor("orebro")),
  person("bjorn.hedlund@orebro.example.se", "Björn Hedlund", "Överläkare, klinisk informatiker", viewer("orebro")),
  person("sofia.akesson@orebro.example.se", "Sofia Åkesson", "Jurist", jurist("orebro")),
  person("kristina.larsson@orebro.example.se", "Kristina Larsson", "Biträdande regiondirektör", viewer("orebro")),

  // Region Sörmland
  person("fredrik.olsson@sormland.example.se", "Fredrik Olsson", "Förvaltningsledare", admin("sormland")),
  person("hanna.eriksson@sormland.example.se", "Hanna Eriksson", "Upphandlare", editor("sormland")),
  person("oskar.pettersson@sormland.example.se", "Oskar Pettersson", "Verksamhetsarkitekt", editor("sormland")),
  person("maja.lind@sormland.example.se", "Maja Lind", "Sjuksköterska, verksamhetsutvecklare", viewer("sormland")),
  person("eva.karlsson@sormland.example.se", "Eva Karlsson", "Regiondirektör", viewer("sormland")),

  // Region Blekinge
  person("niklas.fransson@blekinge.example.se", "Niklas Fransson", "Förvaltningsledare", admin("blekinge")),
  person("therese.martensson@blekinge.example.se", "Therese Mårtensson", "Upphandlare", editor("blekinge")),
  person("robert.nystrom@blekinge.example.se", "Robert Nyström", "Informationssäkerhetsspecialist", editor("blekinge")),
  person("annika.svard@blekinge.example.se", "Annika Svärd", "Överläkare, klinisk informatiker", viewer("blekinge")),

  // Region Dalarna
  person("gunilla.jonsson@dalarna.example.se", "Gunilla Jonsson", "Förvaltningsledare", admin("dalarna")),
  person("stefan.hedberg@dalarna.example.se", "Stefan Hedberg", "Upphandlare", editor("dalarna")),
  person("matilda.falk@dalarna.example.se", "Matilda Falk", "Verksamhetsarkitekt", editor("dalarna")),
  person("mats.ersson@dalarna.example.se", "Mats Ersson", "Överläkare, klinisk informatiker", viewer("dalarna")),

  // Region Gävleborg
  person("patrik.engstrom@gavleborg.example.se", "Patrik Engström", "Förvaltningsledare", admin("gavleborg")),
  person("louise.hellstrom@gavleborg.example.se", "Louise Hellström", "Upphandlare", editor("gavleborg")),
  person("johanna.berglund@gavleborg.example.se", "Johanna Berglund", "Verksamhetsarkitekt", editor("gavleborg")),
  person(
    "roger.soderberg@gavleborg.example.se",
    "Roger Söderberg",
    "Sjuksköterska, verksamhetsutvecklare",
    viewer("gavleborg"),
  ),

  // Region Halland
  person("jessica.bengtsson@halland.example.se", "Jessica Bengtsson", "Förvaltningsledare", admin("halland")),
  person("martin.carlsson@halland.example.se", "Martin Carlsson", "Upphandlare", editor("halland")),
  person("ida.sandstrom@halland.example.se", "Ida Sandström", "Informationssäkerhetsspecialist", editor("halland")),
  person(
    "lennart.hakansson@halland.example.se",
    "Lennart Håkansson",
    "Överläkare, klinisk informatiker",
    viewer("halland"),
  ),
  person(
    "annelie.nordstrom@halland.example.se",
    "Annelie Nordström",
    "Hälso- och sjukvårdsdirektör",
    viewer("halland"),
  ),

  // Region Norrbotten
  person("tobias.lundmark@norrbotten.example.se", "Tobias Lundmark", "Förvaltningsledare", admin("norrbotten")),
  person("sanna.lindback@norrbotten.example.se", "Sanna Lindbäck", "Upphandlare", editor("norrbotten")),
  person("joakim.isaksson@norrbotten.example.se", "Joakim Isaksson", "Verksamhetsarkitekt", editor("norrbotten")),
  person(
    "kerstin.holmgren@norrbotten.example.se",
    "Kerstin Holmgren",
    "Överläkare, klinisk informatiker",
    viewer("norrbotten"),
  ),
] as const satisfies readonly DemoUser[];

export type DemoUserEmail = (typeof DEMO_USERS)[number]["email"];

export type DemoSteeringMember = {
  readonly email: DemoUserEmail;
  readonly role: SteeringRole;
};

export type DemoSteeringGroup = {
  readonly collaborationSlug: DemoCollaborationSlug;
  readonly members: readonly DemoSteeringMember[];
};

export const DEMO_STEERING_GROUPS = [
  {
    collaborationSlug: "3r",
    members: [
      { email: "per.andersson@skane.example.se", role: "chair" },
      { email: "helena.bergstrom@vgr.example.se", role: "member" },
      { email: "magnus.lundgren@stockholm.example.se", role: "member" },
    ],
  },
  {
    collaborationSlug: "sussa",
    members: [
      { email: "eva.karlsson@sormland.example.se", role: "chair" },
      { email: "kristina.larsson@orebro.example.se", role: "member" },
      { email: "tomas.wikstrom@vasterbotten.example.se", role: "member" },
    ],
  },
  {
    collaborationSlug: "alla",
    members: [
      { email: "katarina.strom@stockholm.example.se", role: "chair" },
      { email: "annelie.nordstrom@halland.example.se", role: "member" },
    ],
  },
] as const satisfies readonly DemoSteeringGroup[];

/**
 * The accounts the README lists for trying the app, by what they demonstrate. Tests check that
 * each one exists with this role, so the README cannot silently drift from the seed.
 */
export const DEMO_ACCOUNTS = {
  platformAdmin: "plattform@samkrav.example.se",
  skaneAdmin: "anna.lindqvist@skane.example.se",
  skaneEditor: "erik.svensson@skane.example.se",
  skaneViewer: "karin.holm@skane.example.se",
  skaneLegalCounsel: "johan.berg@skane.example.se",
  vgrAdmin: "maria.johansson@vgr.example.se",
  vgrEditor: "lars.nilsson@vgr.example.se",
  sussaSteeringChair: "eva.karlsson@sormland.example.se",
  threeRSteeringChair: "per.andersson@skane.example.se",
} as const satisfies Record<string, DemoUserEmail>;
