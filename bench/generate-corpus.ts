import fs from "node:fs";
import path from "node:path";

import { sql } from "drizzle-orm";

import { rowsOf, type Database } from "../app/utils/db-connect.server";

/**
 * The library benchmark's corpus: 20 regions, three collaborations, 2,000 sets of 100
 * requirements (200,000) with a mix of private, collaboration and portal sets, written by
 * `insert … select … from generate_series` in a few statements. The words come from the demo
 * requirement texts (db/seed/demo-sets.ts), drawn log-uniformly (Zipf: the k-th word about 1/k as often as the first) so that the
 * vocabulary has very common, middling and rare words, as real requirement texts do.
 */

const REGIONS = 20;
const BENCH_USER_EMAIL = "bench-library@bench.example.se";
const SETS = 2000;
const PER_SET = 100;

/** The demo set texts' words, most frequent first (ties alphabetical), without stop-word-like short ones. */
export function corpusVocabulary(): string[] {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, "../db/seed/demo-sets.ts"), "utf8");
  const counts = new Map<string, number>();
  // Prose only: string literals with several words and Swedish letters (code strings have neither).
  for (const [, literal = ""] of source.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
    if (literal.split(" ").length < 5 || !/[åäö]/i.test(literal)) continue;
    for (const word of literal.toLowerCase().match(/[a-zåäöé]{4,}/g) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}

export type Corpus = {
  userId: string;
  regionId: string;
  vocabulary: string[];
  requirements: number;
  /** Requirements in the typical user's library (visible, other regions, not archived). */
  visibleToUser: number;
};

export async function generateCorpus(db: Database): Promise<Corpus> {
  const vocabulary = corpusVocabulary();
  if (vocabulary.length < 200) throw new Error(`vocabulary too small: ${vocabulary.length}`);
  // The vocabulary is our own source's words (letters only, see the regex above), safe to inline.
  const vocabularyArray = sql.raw(`array[${vocabulary.map((word) => `'${word}'`).join(",")}]::text[]`);
  const words = sql.raw("v.words");
  const n = vocabulary.length;
  // setseed makes random() repeatable, so every run searches the same corpus.
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`
    insert into regions (slug, name, short_name)
    select 'bench-r' || i, 'Region Bänk ' || i, 'R' || i from generate_series(1, ${REGIONS}) i`);
  // Three collaborations: regions 1–8 ("Sussa"-like), 9–11 ("3R"-like), 12–16.
  await db.execute(sql`
    insert into collaborations (slug, name)
    values ('bench-c1', 'Samverkan Bänk 1'), ('bench-c2', 'Samverkan Bänk 2'), ('bench-c3', 'Samverkan Bänk 3')`);
  await db.execute(sql`
    insert into collaboration_regions (collaboration_id, region_id)
    select c.id, r.id from regions r join collaborations c on c.slug = case
      when split_part(r.slug, 'bench-r', 2)::int <= 8 then 'bench-c1'
      when split_part(r.slug, 'bench-r', 2)::int <= 11 then 'bench-c2'
      when split_part(r.slug, 'bench-r', 2)::int <= 16 then 'bench-c3' end
    where r.slug like 'bench-r%'`);
  // Sets: 40 % private, 40 % shared with the owner's collaboration (when it has one), 20 % portal.
  await db.execute(sql`
    insert into requirement_sets (owner_region_id, title, status, visibility, collaboration_id, archived_at)
    with v as (select ${vocabularyArray} as words)
    select r.id,
      initcap(${words}[1 + floor(power(random(), 2) * ${n})::int]) || ' ' || ${words}[1 + floor(random() * ${n})::int]
        || ' ' || s.i,
      (array['draft','in_review','approved','published','superseded'])[1 + (s.i % 5)]::set_status,
      (case when s.i % 5 in (0, 1) or cr.collaboration_id is null and s.i % 5 in (2, 3) then 'private'
            when s.i % 5 in (2, 3) then 'collaboration' else 'portal' end)::visibility,
      case when s.i % 5 in (2, 3) then cr.collaboration_id end,
      case when s.i % 50 = 7 then now() end
    from v, generate_series(1, ${SETS}) s(i)
      join regions r on r.slug = 'bench-r' || (1 + s.i % ${REGIONS})
      left join collaboration_regions cr on cr.region_id = r.id`);
  await db.execute(sql`
    insert into requirements (set_id, position, ref, title, text, obligation, type, area, rationale, verification)
    with v as (select ${vocabularyArray} as words)
    select s.id, g.i,
      (array['JF','LM','RS','VA','BS','IN','IS','BL','TA','DR','MG','UT','KV'])[1 + g.i % 13] || '-' || lpad(g.i::text, 3, '0'),
      (select initcap(string_agg(${words}[floor(exp(random() * ln(${n} + 1)))::int + 0 * w.k], ' '))
        from generate_series(1, 3 + g.i % 4) w(k) where g.i > -w.k),
      (select string_agg(${words}[floor(exp(random() * ln(${n} + 1)))::int + 0 * w.k], ' ')
        from generate_series(1, 25 + g.i % 30) w(k) where g.i > -w.k) || '.',
      (array['ska','bor'])[1 + g.i % 2]::obligation,
      (array['qualification','technical','award','contract'])[1 + g.i % 4]::requirement_type,
      (array['JF','LM','RS','VA','BS','IN','IS','BL','TA','DR','MG','UT','KV'])[1 + g.i % 13],
      (select string_agg(${words}[floor(exp(random() * ln(${n} + 1)))::int + 0 * w.k], ' ')
        from generate_series(1, 8 + g.i % 8) w(k) where g.i > -w.k),
      'yes_no'
    from v, requirement_sets s cross join generate_series(1, ${PER_SET}) g(i)`);
  // Flush the GIN index's pending list and gather statistics, as autovacuum would after a load.
  await db.execute(sql`vacuum analyze requirements`);
  await db.execute(sql`analyze`);
  // The typical user: an editor in region 3, inside the largest collaboration.
  await db.execute(sql`
    with u as (insert into users (email, name, password_hash) values (${BENCH_USER_EMAIL}, 'Bänk Bibliotek', 'not-used') returning id)
    insert into memberships (user_id, region_id, role)
    select u.id, r.id, 'editor' from u, regions r where r.slug = 'bench-r3'`);
  return describeCorpus(db);
}

/** The typical user and the corpus's size, read from a generated corpus (a fresh or a kept one). */
export async function describeCorpus(db: Database): Promise<Corpus> {
  const [user] = rowsOf<{ id: string; region_id: string }>(
    await db.execute(sql`
      select u.id, m.region_id from users u join memberships m on m.user_id = u.id
      where u.email = ${BENCH_USER_EMAIL}`),
  );
  if (!user) throw new Error("no bench user: not a library benchmark corpus");
  const [counts] = rowsOf<{ total: number; visible: number }>(
    await db.execute(sql`
      select (select count(*)::int from requirements) as total,
        (select count(*)::int from requirements r join requirement_sets s on s.id = r.set_id
          where s.archived_at is null and s.owner_region_id <> ${user.region_id}
            and (s.visibility = 'portal' or (s.visibility = 'collaboration' and s.collaboration_id in (
              select collaboration_id from collaboration_regions where region_id = ${user.region_id})))) as visible`),
  );
  return {
    userId: user.id,
    regionId: user.region_id,
    vocabulary: corpusVocabulary(),
    requirements: Number(counts?.total ?? 0),
    visibleToUser: Number(counts?.visible ?? 0),
  };
}
