import { sql, type SQL } from "drizzle-orm";

import { rowsOf, type Database } from "../app/utils/db-connect.server";

import { corpusVocabulary } from "./generate-corpus";

/**
 * The overview benchmark's corpus: one collaboration ("ov-main") of 20 regions as issue 5's
 * benchmark describes it, with 200 sets of 1,000 requirements (200,000), 60 procurements that
 * concern it, 25 standards and 40 lessons, and a little outside it (four more regions, two more
 * collaborations, their sets, procurements and lessons) so that every member-region filter has
 * something to leave out. Everything is written by `insert … select … generate_series` in a few
 * statements, with `setseed` so that every run measures the same data.
 *
 * Counts a steering group member of ov-main sees depend on visibility: they are printed by the
 * benchmark with BENCH_VERBOSE=1.
 */

const MEMBER_REGIONS = 20;
const OUTSIDE_REGIONS = 4;
const REGIONS = MEMBER_REGIONS + OUTSIDE_REGIONS;
const MEMBER_SETS = 200;
const PER_SET = 1000;
const OUTSIDE_SETS = 8;
const PER_OUTSIDE_SET = 125;
/** Procurements 1–56 are led by member regions, 57–60 by outside regions with a member taking part, 61–66 neither. */
const PROCUREMENTS = 66;
const STANDARDS = 25;
const LESSONS = 40;
const STEERING_EMAIL = "bench-overview-steering@bench.example.se";
const COLLABORATION_SLUG = "ov-main";

const REGION_NAMES = [
  ["Region Blekinge", "BLE"],
  ["Region Dalarna", "DAL"],
  ["Region Gävleborg", "GVL"],
  ["Region Halland", "HAL"],
  ["Region Jämtland Härjedalen", "JH"],
  ["Region Jönköpings län", "JKP"],
  ["Region Kalmar län", "KAL"],
  ["Region Kronoberg", "KRO"],
  ["Region Norrbotten", "NB"],
  ["Region Skåne", "SKÅ"],
  ["Region Stockholm", "STO"],
  ["Region Sörmland", "SRM"],
  ["Region Uppsala", "UPP"],
  ["Region Värmland", "VRM"],
  ["Region Västerbotten", "VB"],
  ["Region Västernorrland", "VN"],
  ["Region Västmanland", "VÄM"],
  ["Västra Götalandsregionen", "VGR"],
  ["Region Örebro län", "ÖRE"],
  ["Region Östergötland", "ÖG"],
  ["Region Gotland", "GOT"],
  ["Region Bänk Utanför 1", "UT1"],
  ["Region Bänk Utanför 2", "UT2"],
  ["Region Bänk Utanför 3", "UT3"],
] as const;

const SUBJECTS = [
  "Vårdinformationssystem",
  "Journalsystem",
  "Läkemedelsmodul",
  "Digitala vårdmöten",
  "Kliniskt beslutsstöd",
  "Bild- och funktionsmedicin",
  "Laboratoriesystem",
  "Ambulansjournal",
  "Tandvårdssystem",
  "Patientadministration",
  "Integrationsplattform",
  "E-tjänster för invånare",
];

const STANDARD_NAMES = [
  ["HL7 FHIR", "HL7 International"],
  ["SNOMED CT", "Socialstyrelsen"],
  ["Nationell informationsstruktur", "Socialstyrelsen"],
  ["Nationellt fackspråk", "Socialstyrelsen"],
  ["ISO/IEC 27001", "ISO"],
  ["WCAG 2.1 AA", "W3C"],
  ["EN 301 549", "ETSI"],
  ["SITHS e-legitimation", "Inera"],
  ["Tjänstekontrakt för NPÖ", "Inera"],
  ["openEHR", "openEHR Foundation"],
  ["DICOM", "NEMA"],
  ["IHE XDS", "IHE"],
  ["ICD-10-SE", "Socialstyrelsen"],
  ["KVÅ", "Socialstyrelsen"],
  ["ATC", "WHO"],
  ["NPL", "Läkemedelsverket"],
  ["Säker digital kommunikation", "Inera"],
  ["Identitetsfederation Sambi", "DIGG"],
  ["Informationssäkerhetsklassning", "SKR"],
  ["Patientdatalagen", "Riksdagen"],
  ["Dataskyddsförordningen", "EU"],
  ["Lagen om offentlig upphandling", "Riksdagen"],
  ["HSLF-FS 2016:40", "Socialstyrelsen"],
  ["Kodverk för vårdkontakter", "Socialstyrelsen"],
  ["Tillgänglighetsdirektivet", "EU"],
];

/**
 * The collaboration a region shares with: ov-main for members (ov-north now and then for 19–20,
 * which are in both), else the outside region's own.
 */
function sharedWith(region: SQL, ordinal: SQL): SQL {
  return sql`case when ${region} between 19 and 20 and ${ordinal} % 3 = 0 then 'ov-north'
    when ${region} <= ${MEMBER_REGIONS} then ${COLLABORATION_SLUG} when ${region} <= 22 then 'ov-north' else 'ov-south' end`;
}

/** A SQL array literal of our own constant strings (no quotes in them), safe to inline. */
function textArray(values: readonly string[]) {
  return sql.raw(`(array[${values.map((value) => `'${value}'`).join(",")}]::text[])`);
}

export type OverviewCorpus = {
  collaborationId: string;
  steeringUserId: string;
  /** The steering member's own region (a viewer there): a member region of the collaboration. */
  steeringRegionId: string;
  counts: Record<string, number>;
};

export async function generateOverviewCorpus(db: Database): Promise<OverviewCorpus> {
  const vocabulary = corpusVocabulary();
  const words = textArray(vocabulary);
  const n = vocabulary.length;
  const subjects = textArray(SUBJECTS);
  // A random word, log-uniformly from the vocabulary (Zipf-like); `+ 0 * w.k` ties it to the row.
  const word = sql.raw(`v.words[floor(exp(random() * ln(${n} + 1)))::int + 0 * w.k]`);
  await db.execute(sql`select setseed(0.5)`);

  await db.execute(sql`
    insert into regions (slug, name, short_name)
    select 'ov-r' || i, r.name, r.short_name
    from jsonb_array_elements(${JSON.stringify(REGION_NAMES)}::jsonb) with ordinality e(pair, i),
      lateral (select e.pair->>0 as name, e.pair->>1 as short_name) r`);
  // ov-main: regions 1–20. ov-north: 19–22 (two members in both). ov-south: 23, 24 and region 2.
  await db.execute(sql`
    insert into collaborations (slug, name, description) values
      (${COLLABORATION_SLUG}, 'Samverkan Bänk', 'Tjugo regioner som upphandlar vårdinformationssystem tillsammans.'),
      ('ov-north', 'Samverkan Bänk Nord', 'Fyra regioner i norr.'),
      ('ov-south', 'Samverkan Bänk Syd', 'Tre regioner i söder.')`);
  await db.execute(sql`
    insert into collaboration_regions (collaboration_id, region_id)
    select c.id, r.id from regions r
      cross join lateral (select split_part(r.slug, 'ov-r', 2)::int as i) o
      join collaborations c on (c.slug = ${COLLABORATION_SLUG} and o.i <= ${MEMBER_REGIONS})
        or (c.slug = 'ov-north' and o.i between 19 and 22)
        or (c.slug = 'ov-south' and o.i in (2, 23, 24))
    where r.slug like 'ov-r%'`);

  // People: an editor in every region (authors, reviewers), the steering member (a viewer in
  // region 1, as a regional director would be) and three more steering group members.
  await db.execute(sql`
    insert into users (email, name, password_hash)
    select 'bench-overview-editor-' || i || '@bench.example.se', 'Redaktör ' || i, 'not-used'
    from generate_series(1, ${REGIONS}) i
    union all select ${STEERING_EMAIL}, 'Styrgruppsledamot Bänk', 'not-used'`);
  await db.execute(sql`
    insert into memberships (user_id, region_id, role, is_legal_counsel)
    select u.id, r.id, 'editor'::region_role, i % 5 = 0
    from generate_series(1, ${REGIONS}) i
      join users u on u.email = 'bench-overview-editor-' || i || '@bench.example.se'
      join regions r on r.slug = 'ov-r' || i
    union all
    select u.id, r.id, 'viewer'::region_role, false from users u, regions r where u.email = ${STEERING_EMAIL} and r.slug = 'ov-r1'`);
  await db.execute(sql`
    insert into steering_group_members (collaboration_id, user_id, role)
    select c.id, u.id, case when u.email like '%-editor-2@%' then 'chair' else 'member' end::steering_role
    from collaborations c, users u
    where c.slug = ${COLLABORATION_SLUG}
      and u.email in (${STEERING_EMAIL}, 'bench-overview-editor-2@bench.example.se',
        'bench-overview-editor-7@bench.example.se', 'bench-overview-editor-15@bench.example.se')`);

  // Sets 1–200 in the member regions (ten each, every status twice per region), 201–208 outside.
  // Visibility: 30 % private, 50 % collaboration (ov-main, or ov-north for regions 19–20 now and
  // then), 20 % portal; one in 37 archived. The number after "#" is the set's ordinal below.
  await db.execute(sql`
    insert into requirement_sets (owner_region_id, title, description, status, visibility, collaboration_id,
      archived_at, created_by_user_id, created_at, updated_at)
    select r.id, ${subjects}[1 + s.i % ${SUBJECTS.length}] || ' – ' || r.short_name || ' #' || s.i,
      'Krav för ' || lower(${subjects}[1 + s.i % ${SUBJECTS.length}]) || '.',
      (array['draft','in_review','approved','published','superseded'])[1 + ((s.i - 1) / ${MEMBER_REGIONS}) % 5]::set_status,
      vis.v::visibility,
      case when vis.v = 'collaboration' then c.id end,
      case when s.i % 37 = 0 then now() - interval '20 days' end,
      u.id, now() - (s.i || ' days')::interval, now() - ((s.i % 30) || ' days')::interval
    from generate_series(1, ${MEMBER_SETS + OUTSIDE_SETS}) s(i)
      cross join lateral (select case when s.i <= ${MEMBER_SETS} then 1 + (s.i - 1) % ${MEMBER_REGIONS}
        else ${MEMBER_REGIONS + 1} + (s.i - 1) % ${OUTSIDE_REGIONS} end as region) o
      cross join lateral (select (array['private','collaboration','portal','collaboration','private',
        'collaboration','portal','collaboration','private','collaboration'])[1 + (s.i * 7) % 10] as v) vis
      join regions r on r.slug = 'ov-r' || o.region
      join users u on u.email = 'bench-overview-editor-' || o.region || '@bench.example.se'
      join collaborations c on c.slug = ${sharedWith(sql`o.region`, sql`s.i`)}`);

  const setOrdinal = sql.raw(`split_part(s.title, ' #', 2)::int`);
  await db.execute(sql`
    insert into requirements (set_id, position, ref, title, text, obligation, type, area, rationale, verification,
      weight, created_by_user_id)
    with v as (select ${words} as words)
    select s.id, g.i,
      a.area || '-' || lpad(g.i::text, 4, '0'),
      (select initcap(string_agg(${word}, ' ')) from generate_series(1, 3 + g.i % 4) w(k) where g.i > -w.k),
      (select string_agg(${word}, ' ') from generate_series(1, 25 + g.i % 30) w(k) where g.i > -w.k) || '.',
      (array['ska','bor'])[1 + g.i % 2]::obligation,
      (array['qualification','technical','award','contract'])[1 + g.i % 4]::requirement_type,
      a.area,
      (select string_agg(${word}, ' ') from generate_series(1, 8 + g.i % 8) w(k) where g.i > -w.k),
      (array['yes_no','description','attachment','demonstration'])[1 + g.i % 4]::verification_method,
      case when g.i % 4 = 2 then 1 + g.i % 5 end,
      s.created_by_user_id
    from v, requirement_sets s
      cross join generate_series(1, case when ${setOrdinal} <= ${MEMBER_SETS} then ${PER_SET}::int else ${PER_OUTSIDE_SET}::int end) g(i)
      cross join lateral (select (array['JF','LM','RS','VA','BS','IN','IS','BL','TA','DR','MG','UT','KV'])[1 + g.i % 13] as area) a`);

  // Copies from the library: position ≡ 3 (mod 10) of every member set copies position + 1 of the
  // set seven ordinals on (another region); one in ten of those from an outside set instead. About
  // a third are adapted (the title changed since the copy), one in twenty was deleted since.
  await db.execute(sql`
    with s as (select s.id, ${setOrdinal} as n from requirement_sets s),
      pairs as (
        select c.id as copy_id, src.id, src.set_id, src.ref, src.title, src.text, src.obligation, src.type, src.area,
          src.rationale, src.verification, src.weight, src.ambition, src.tags,
          random() < 0.33 as adapted, random() < 0.05 as deleted
        from requirements c
          join s cs on cs.id = c.set_id and cs.n <= ${MEMBER_SETS}
          join s ss on ss.n = case when c.position % 100 = 53 then ${MEMBER_SETS + 1} + cs.n % ${OUTSIDE_SETS}
            else 1 + (cs.n + 6) % ${MEMBER_SETS} end
          join requirements src on src.set_id = ss.id
            and src.position = case when ss.n > ${MEMBER_SETS} then 1 + c.position % ${PER_OUTSIDE_SET} else c.position + 1 end
        where c.position % 10 = 3)
    update requirements c set
      source_requirement_id = p.id, source_set_id = p.set_id, source_version = 1, source_seen_version = 1,
      title = case when p.adapted then p.title || ' (regional anpassning)' else p.title end,
      text = p.text, obligation = p.obligation, type = p.type, verification = p.verification,
      weight = p.weight, ambition = p.ambition,
      adaptation_reason = case when p.adapted then 'Anpassat till regionens driftmiljö.' else '' end,
      deleted_at = case when p.deleted then now() end,
      source_snapshot = jsonb_build_object('ref', p.ref, 'title', p.title, 'text', p.text, 'obligation', p.obligation,
        'type', p.type, 'area', p.area, 'rationale', p.rationale, 'verification', p.verification,
        'weight', p.weight, 'ambition', p.ambition, 'tags', to_jsonb(p.tags))
    from pairs p where c.id = p.copy_id`);

  // Declines: each member region turns down about 17 library requirements of other regions' sets
  // (position ≡ 55 (mod 500)); outside regions decline a few too (not counted by the overview).
  await db.execute(sql`
    insert into library_declines (region_id, requirement_id, reason, decided_by_user_id, decided_at)
    select r.id, req.id,
      (array['Vi har egen lösning för detta.', 'Ingår redan i gällande avtal.', 'För långtgående för vår verksamhet.',
        'Avser en annan vårdnivå.'])[1 + (${setOrdinal} + req.position) % 4],
      u.id, now() - ((1 + (${setOrdinal} * 13 + req.position) % 300) || ' days')::interval
    from requirements req join requirement_sets s on s.id = req.set_id
      cross join lateral (select 1 + (${setOrdinal} + 4) % ${REGIONS} as region) o
      join regions r on r.slug = 'ov-r' || o.region
      join users u on u.email = 'bench-overview-editor-' || o.region || '@bench.example.se'
    where req.position % 500 = 55 and s.owner_region_id <> r.id`);

  // Review rounds: an open round for every set in review and for one draft in five (due dates
  // from 20 days ago to 20 days ahead, so some are overdue), and closed rounds behind the approved
  // and published sets. Each round reviews a baseline and invites three people.
  await db.execute(sql`
    with picked as (
      select s.id, s.created_by_user_id, n.n,
        case when s.status = 'in_review' or (s.status = 'draft' and n.n % 5 = 0) then 'open'
          else 'approved' end::review_round_status as round_status
      from requirement_sets s cross join lateral (select ${setOrdinal} as n) n
      where s.status in ('in_review', 'approved', 'published') or (s.status = 'draft' and n.n % 5 = 0)),
    b as (
      insert into baselines (set_id, name, kind, set_version, requirement_count, snapshot, created_by_user_id)
      select p.id, 'Granskning ' || p.n, 'review', 1, 1000, '{"sections": [], "requirements": []}'::jsonb,
        p.created_by_user_id
      from picked p returning id, set_id)
    insert into review_rounds (set_id, baseline_id, status, message, due_date, created_by_user_id, created_at, closed_at)
    select p.id, b.id, p.round_status, 'Granska kraven inför styrgruppens möte.',
      case when p.round_status = 'open' then current_date + (p.n * 7 % 41 - 20) else current_date - 30 - p.n % 60 end,
      p.created_by_user_id, now() - interval '30 days',
      case when p.round_status <> 'open' then now() - interval '10 days' end
    from picked p join b on b.set_id = p.id`);
  await db.execute(sql`
    insert into review_invitations (round_id, user_id, role, decision, decided_at)
    select rr.id, u.id, inv.role::reviewer_role,
      case when rr.status <> 'open' then 'approve' when k.k = 1 and rr.due_date < current_date then 'request_changes' end::review_decision,
      case when rr.status <> 'open' or (k.k = 1 and rr.due_date < current_date) then now() - interval '12 days' end
    from review_rounds rr join requirement_sets s on s.id = rr.set_id
      cross join lateral (select split_part(r.slug, 'ov-r', 2)::int as region from regions r where r.id = s.owner_region_id) o
      cross join generate_series(1, 3) k(k)
      cross join lateral (select (array['colleague','legal','other_region'])[k.k] as role) inv
      join users u on u.email = 'bench-overview-editor-' || (1 + (o.region + k.k * 5) % ${REGIONS}) || '@bench.example.se'`);

  // Comment threads: 20 per set, half on a requirement; 60 % resolved, one in twenty deleted
  // (kept open by a live reply or not); one to three replies each, some deleted.
  await db.execute(sql`
    insert into comments (set_id, requirement_id, author_user_id, body, created_at, deleted_at, resolved_at)
    select s.id, req.id, u.id, 'Synpunkt ' || t.t || ': kravet behöver förtydligas innan publicering.',
      now() - ((t.t * 3) || ' days')::interval,
      case when t.t % 20 = 7 then now() - interval '1 day' end,
      case when random() < 0.6 then now() - interval '2 days' end
    from requirement_sets s cross join generate_series(1, 20) t(t)
      cross join lateral (select split_part(r.slug, 'ov-r', 2)::int as region from regions r where r.id = s.owner_region_id) o
      left join requirements req on t.t % 2 = 0 and req.set_id = s.id and req.position = t.t * 37
      join users u on u.email = 'bench-overview-editor-' || (1 + (o.region + t.t) % ${REGIONS}) || '@bench.example.se'`);
  await db.execute(sql`update comments set resolved_by_user_id = author_user_id where resolved_at is not null`);
  await db.execute(sql`
    insert into comments (set_id, requirement_id, parent_id, author_user_id, body, created_at, deleted_at)
    select t.set_id, t.requirement_id, t.id, t.author_user_id, 'Svar ' || k.k || ': håller med, vi justerar texten.',
      t.created_at + (k.k || ' hours')::interval,
      case when random() < 0.1 then now() end
    from comments t cross join generate_series(1, 3) k(k)
    where t.parent_id is null and k.k <= 1 + abs(hashtext(t.id::text)) % 3`);

  // Procurements. Visibility: 60 % collaboration, 20 % portal, 20 % private; two archived.
  await db.execute(sql`
    insert into procurements (owner_region_id, title, description, case_number, phase, rag, rag_reason, visibility,
      collaboration_id, archived_at, created_by_user_id, created_at)
    select r.id, ${subjects}[1 + p.i % ${SUBJECTS.length}] || ' ' || r.short_name || ' ' || p.i,
      'Gemensam upphandling nummer ' || p.i || '.', 'RS ' || (2020 + p.i % 6) || '/' || (100 + p.i),
      (array['needs_analysis','market_analysis','preparation','tender_documents','publication','tender_period','opening',
        'evaluation','award','standstill','review','contract','contract_management','cancelled'])[1 + p.i % 14]::lou_phase,
      rag.v::rag_status,
      case rag.v when 'red' then 'Överprövning i förvaltningsrätten fördröjer avtalet.'
        when 'amber' then 'Anbudsutvärderingen tar längre tid än planerat.' else '' end,
      vis.v::visibility, case when vis.v = 'collaboration' then c.id end,
      case when p.i in (13, 29) then now() - interval '5 days' end,
      u.id, now() - ((p.i * 17 % 900) || ' days')::interval
    from generate_series(1, ${PROCUREMENTS}) p(i)
      cross join lateral (select case when p.i <= 56 then 1 + (p.i - 1) % ${MEMBER_REGIONS}
        else ${MEMBER_REGIONS + 1} + (p.i - 1) % ${OUTSIDE_REGIONS} end as region) o
      cross join lateral (select case when p.i % 20 < 11 then 'green' when p.i % 20 < 17 then 'amber' else 'red' end as v) rag
      cross join lateral (select (array['collaboration','portal','collaboration','private','collaboration'])[1 + p.i % 5] as v) vis
      join regions r on r.slug = 'ov-r' || o.region
      join users u on u.email = 'bench-overview-editor-' || o.region || '@bench.example.se'
      join collaborations c on c.slug = ${sharedWith(sql`o.region`, sql`p.i`)}`);
  const procurementOrdinal = sql.raw(`split_part(p.title, ' ', -1)::int`);
  // Participants: up to four member regions besides the lead; outside-led 57–60 take in one
  // member region at least, 61–66 only outside regions.
  await db.execute(sql`
    insert into procurement_regions (procurement_id, region_id)
    select distinct p.id, r.id
    from procurements p cross join lateral (select ${procurementOrdinal} as i) o
      cross join generate_series(1, 4) k(k)
      join regions r on r.slug = 'ov-r' || case
        when o.i <= 60 then 1 + (o.i + k.k * 3) % ${MEMBER_REGIONS}
        else ${MEMBER_REGIONS + 1} + (o.i + k.k) % ${OUTSIDE_REGIONS} end
    where (k.k <= o.i % 5 or (o.i between 57 and 60 and k.k = 1)) and r.id <> p.owner_region_id`);
  // Eight milestones each, three months apart from the procurement's start; those before today
  // have happened (some late), a few dates are marked unverified.
  await db.execute(sql`
    insert into procurement_milestones (procurement_id, phase, label, planned_on, actual_on, unverified)
    select p.id, m.phase::lou_phase, m.label, m.planned, case when m.planned < current_date then m.planned + (o.i * k.k) % 45 end,
      (o.i + k.k) % 23 = 0
    from procurements p cross join lateral (select ${procurementOrdinal} as i) o
      cross join generate_series(1, 8) k(k)
      cross join lateral (select
        (array['needs_analysis','market_analysis','preparation','publication','tender_period','evaluation','award',
          'contract'])[k.k] as phase,
        (array['Behovsanalys klar','Marknadsdialog','Förfrågningsunderlag klart','Annonsering','Sista anbudsdag',
          'Utvärdering klar','Tilldelningsbeslut','Avtal tecknat'])[k.k] as label,
        (p.created_at::date + (k.k - 1) * 90) as planned) m`);
  // Four quarterly status reports each, with summaries longer than the overview's excerpt.
  await db.execute(sql`
    insert into procurement_status_reports (procurement_id, period_start, period_end, rag, summary, risks, next_steps,
      author_user_id, created_at)
    select p.id, q.period_end - 90, q.period_end, (array['green','amber','red'])[1 + (o.i + k.k) % 3]::rag_status,
      'Kvartal ' || k.k || ': arbetet med ' || lower(p.title) || ' fortsätter enligt plan i huvudsak. '
        || 'Referensgruppen har gått igenom kravställningen och lämnat synpunkter på informationssäkerhet, '
        || 'tillgänglighet och integrationer mot nationella tjänster. Marknadsdialogen visade att flera leverantörer '
        || 'kan leverera, men att migreringen av journaldata kräver mer tid än planerat. Styrgruppen informeras vid '
        || 'nästa möte om förslag till justerad tidplan och om behovet av ytterligare juridiskt stöd.',
      'Risk för överprövning; resursbrist i projektet.', 'Slutför utvärderingen och förbered tilldelningsbeslut.',
      p.created_by_user_id, q.period_end + 5
    from procurements p cross join lateral (select ${procurementOrdinal} as i) o
      cross join generate_series(1, 4) k(k)
      cross join lateral (select (date_trunc('quarter', current_date) - ((4 - k.k) * 3 || ' months')::interval)::date - 1 as period_end) q`);
  await db.execute(sql`
    insert into procurement_decisions (procurement_id, body, reference, decided_on, summary, unverified, created_by_user_id)
    select p.id, d.body, d.short || ' ' || d.decided_on || ' § ' || (10 + (o.i * k.k) % 140), d.decided_on,
      'Beslut om ' || lower(p.title) || ', steg ' || k.k || '.', (o.i + k.k) % 17 = 0, p.created_by_user_id
    from procurements p cross join lateral (select ${procurementOrdinal} as i) o
      cross join generate_series(1, 2 + ${procurementOrdinal} % 4) k(k)
      cross join lateral (select
        (array['Regionstyrelsen','Hälso- och sjukvårdsnämnden','Styrgruppen','Regionfullmäktige'])[1 + (o.i + k.k) % 4] as body,
        (array['RS','HSN','SG','RF'])[1 + (o.i + k.k) % 4] as short,
        (p.created_at::date + k.k * 60) as decided_on) d`);

  // Standards: 25 in the catalogue; ov-main has 15 as common (two in three a krav), ov-north 9.
  // Each region has an adoption record for about three standards in four.
  await db.execute(sql`
    insert into standards (code, name, owner_body, category, current_version, lifecycle, description)
    select 'BENCH-' || lpad(i::text, 2, '0'), e.pair->>0, e.pair->>1,
      (array['architecture','informatics','terminology','interoperability','security','accessibility','law'])[1 + i % 7]::standard_category,
      '1.' || (i % 4), (array['current','current','incoming','outgoing'])[1 + i % 4]::standard_lifecycle,
      'Standard ' || i || ' i den gemensamma katalogen.'
    from jsonb_array_elements(${JSON.stringify(STANDARD_NAMES.slice(0, STANDARDS))}::jsonb) with ordinality e(pair, i)`);
  const standardOrdinal = sql.raw(`split_part(s.code, '-', 2)::int`);
  await db.execute(sql`
    insert into collaboration_standards (collaboration_id, standard_id, level, decision_reference, decided_on)
    select c.id, s.id, case when ${standardOrdinal} % 3 = 0 then 'recommended' else 'required' end::common_standard_level,
      'SG ' || (current_date - ${standardOrdinal} * 20) || ' § ' || ${standardOrdinal}, current_date - ${standardOrdinal} * 20
    from standards s join collaborations c
      on (c.slug = ${COLLABORATION_SLUG} and ${standardOrdinal} <= 15) or (c.slug = 'ov-north' and ${standardOrdinal} between 10 and 18)`);
  await db.execute(sql`
    insert into region_standard_adoptions (region_id, standard_id, status, status_date, note)
    select r.id, s.id, (array['adopted','adopted','planned','evaluating','not_applicable'])[1 + floor(random() * 5)::int]::standard_adoption_status,
      current_date - floor(random() * 700)::int, 'Beslut i regionens ledningsgrupp.'
    from regions r cross join standards s where r.slug like 'ov-r%' and random() < 0.75`);

  await db.execute(sql`
    insert into lessons (owner_region_id, title, what_happened, lesson, recommendation, source_kind, source_title, source_date,
      unverified, phase, areas, severity, visibility, collaboration_id, archived_at, created_at)
    select r.id, 'Lärdom ' || l.i || ': ' || (array['Otydligt ska-krav ledde till överprövning', 'Marknadsdialogen kom för sent',
        'Migreringen underskattades', 'Utvärderingsmodellen gick inte att följa'])[1 + l.i % 4],
      'Vad som hände i upphandling ' || l.i || '.', 'Det vi lär oss.', 'Gör så här nästa gång.',
      (array['court_ruling','review_report','decision','authority','other'])[1 + l.i % 5]::lesson_source_kind,
      'Källa ' || l.i, current_date - l.i * 40, l.i % 9 = 0,
      (array['tender_documents','evaluation','review','contract_management'])[1 + l.i % 4]::lou_phase,
      array[(array['JF','LM','RS','VA','IS'])[1 + l.i % 5]],
      (array['low','medium','high'])[1 + l.i % 3]::lesson_severity,
      vis.v::visibility, case when vis.v = 'collaboration' then c.id end,
      case when l.i % 13 = 0 then now() end, now() - (l.i || ' days')::interval
    from generate_series(1, ${LESSONS}) l(i)
      cross join lateral (select (array['collaboration','portal','private','collaboration'])[1 + l.i % 4] as v) vis
      cross join lateral (select 1 + (l.i * 5) % ${REGIONS} as region) o
      join regions r on r.slug = 'ov-r' || o.region
      join collaborations c on c.slug = ${sharedWith(sql`o.region`, sql`l.i`)}`);

  // The steering member's notification badge (counted in the session lookup).
  await db.execute(sql`
    insert into notifications (user_id, kind, set_id, group_key, link, read_at)
    select u.id, 'review_requested', s.id, 'set:' || s.id, '/sets/' || s.id,
      case when ${setOrdinal} % 2 = 0 then now() end
    from users u, requirement_sets s
    where u.email = ${STEERING_EMAIL} and ${setOrdinal} % 7 = 0`);

  // Gather statistics and set the visibility map, as autovacuum would after a load.
  await db.execute(sql`vacuum analyze`);
  return describeOverviewCorpus(db);
}

/** The steering member, the collaboration and the corpus's size, read from a fresh or a kept corpus. */
export async function describeOverviewCorpus(db: Database): Promise<OverviewCorpus> {
  const [row] = rowsOf<{ collaboration_id: string; user_id: string; region_id: string }>(
    await db.execute(sql`
      select c.id as collaboration_id, u.id as user_id, m.region_id
      from collaborations c join steering_group_members st on st.collaboration_id = c.id
        join users u on u.id = st.user_id join memberships m on m.user_id = u.id
      where c.slug = ${COLLABORATION_SLUG} and u.email = ${STEERING_EMAIL}`),
  );
  if (!row) throw new Error("no steering member: not an overview benchmark corpus");
  const members = sql`(select region_id from collaboration_regions where collaboration_id = ${row.collaboration_id})`;
  const [counts] = rowsOf<Record<string, number | string>>(
    await db.execute(sql`
      select
        (select count(*) from collaboration_regions where collaboration_id = ${row.collaboration_id}) as "memberRegions",
        (select count(*) from requirement_sets where owner_region_id in ${members}) as "memberSets",
        (select count(*) from requirements r join requirement_sets s on s.id = r.set_id
          where s.owner_region_id in ${members}) as "memberRequirements",
        (select count(*) from requirements) as requirements,
        (select count(*) from requirements where source_requirement_id is not null) as copies,
        (select count(*) from library_declines) as declines,
        (select count(*) from procurements p where p.owner_region_id in ${members}
          or exists (select 1 from procurement_regions pr where pr.procurement_id = p.id and pr.region_id in ${members}))
          as "memberProcurements",
        (select count(*) from procurements) as procurements,
        (select count(*) from procurement_status_reports) as "statusReports",
        (select count(*) from review_rounds where status = 'open') as "openRounds",
        (select count(*) from review_rounds where status = 'open' and due_date < current_date) as "overdueRounds",
        (select count(*) from comments) as comments,
        (select count(*) from standards) as standards,
        (select count(*) from collaboration_standards where collaboration_id = ${row.collaboration_id}) as "commonStandards",
        (select count(*) from lessons) as lessons`),
  );
  return {
    collaborationId: row.collaboration_id,
    steeringUserId: row.user_id,
    steeringRegionId: row.region_id,
    counts: Object.fromEntries(Object.entries(counts ?? {}).map(([key, value]) => [key, Number(value)])),
  };
}
