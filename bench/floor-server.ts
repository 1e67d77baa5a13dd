/**
 * The bare floor for the set page (PERFORMANCE.md): node:http + postgres.js running the same four
 * statements as the page (session with access, set with counts, sections, one page of
 * requirements in tree order) and returning the rows as JSON. No framework, no rendering.
 *
 * Env: DATABASE_URL, PORT, SET_ID. The session token comes in the Cookie header like the page's.
 */
import { createHash } from "node:crypto";
import http from "node:http";

import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL ?? "", { max: 10, onnotice: () => {} });
const setId = process.env.SET_ID ?? "";
const PAGE_SIZE = 50;

async function handle(cookie: string) {
  const token = /samkrav_session=([a-z2-7]+)/.exec(cookie)?.[1] ?? "";
  const sessionId = createHash("sha256").update(token).digest("hex");
  const [session] = await sql`
    select s.id as session_id, s.user_id, s.current_region_id, s.created_at, s.idle_expires_at,
      s.absolute_expires_at, s.last_active_at, u.email, u.name, u.is_platform_admin, u.locale,
      (select coalesce(json_agg(json_build_object('regionId', m.region_id, 'regionName', r.name,
          'regionShortName', r.short_name, 'role', m.role, 'isLegalCounsel', m.is_legal_counsel) order by r.name), '[]'::json)
        from memberships m join regions r on r.id = m.region_id where m.user_id = s.user_id) as memberships,
      (select coalesce(json_agg(json_build_object('collaborationId', st.collaboration_id, 'collaborationName', c.name,
          'role', st.role) order by c.name), '[]'::json)
        from steering_group_members st join collaborations c on c.id = st.collaboration_id where st.user_id = s.user_id) as steering,
      (select coalesce(json_agg(distinct cr.collaboration_id), '[]'::json)
        from collaboration_regions cr join memberships m on m.region_id = cr.region_id where m.user_id = s.user_id) as collaboration_ids,
      (select count(*)::int from notifications n join requirement_sets nrs on nrs.id = n.set_id
        where n.user_id = s.user_id and n.read_at is null and n.visible_from <= now()
          and (nrs.visibility = 'portal'
            or exists (select 1 from memberships vm where vm.user_id = s.user_id and vm.region_id = nrs.owner_region_id)
            or (nrs.visibility = 'collaboration' and (
              exists (select 1 from memberships vm join collaboration_regions vcr on vcr.region_id = vm.region_id
                where vm.user_id = s.user_id and vcr.collaboration_id = nrs.collaboration_id)
              or exists (select 1 from steering_group_members vst
                where vst.user_id = s.user_id and vst.collaboration_id = nrs.collaboration_id))))) as unread_notifications
    from sessions s join users u on u.id = s.user_id where s.id = ${sessionId}`;
  if (!session) return null;
  const regionIds = (session.memberships as Array<{ regionId: string }>).map((m) => m.regionId);
  const [set] = await sql`
    select rs.id, rs.owner_region_id, rs.title, rs.description, rs.procurement_reference, rs.status, rs.visibility,
      rs.collaboration_id, rs.version, rs.archived_at, rs.created_at, rs.updated_at,
      count(r.id)::int as total,
      (count(r.id) filter (where r.obligation = 'ska'))::int as ska,
      (count(r.id) filter (where r.obligation = 'bor'))::int as bor,
      (count(r.id) filter (where r.source_requirement_id is not null
        and exists (select 1 from set_changes sc where sc.requirement_id = r.source_requirement_id
          and sc.kind in ('updated', 'imported') and sc.version > coalesce(r.source_seen_version, 0))
        and exists (select 1 from requirements src join requirement_sets ss on ss.id = src.set_id
          where src.id = r.source_requirement_id and src.deleted_at is null
            and (ss.visibility = 'portal' or ss.owner_region_id = any(${regionIds}::uuid[])))))::int as source_changed,
      reg.name as owner_region_name, c.name as collaboration_name, u.name as updated_by_name
    from requirement_sets rs
      join regions reg on reg.id = rs.owner_region_id
      left join collaborations c on c.id = rs.collaboration_id
      left join users u on u.id = rs.updated_by_user_id
      left join requirements r on r.set_id = rs.id and r.deleted_at is null
    where rs.id = ${setId} and (rs.visibility = 'portal' or rs.owner_region_id = any(${regionIds}::uuid[]))
    group by rs.id, reg.name, c.name, u.name`;
  const sections = await sql`
    select id, parent_id, title, position, version from set_sections
    where set_id = ${setId} and deleted_at is null order by position`;
  const rows = await sql`
    with recursive section_paths (id, path, in_scope) as (
      select s.id, array[s.position], true from set_sections s where s.set_id = ${setId} and s.parent_id is null and s.deleted_at is null
      union all
      select s.id, sp.path || s.position, sp.in_scope from set_sections s join section_paths sp on s.parent_id = sp.id where s.deleted_at is null
    )
    select r.id, r.section_id as "sectionId", r.ref, r.title, r.obligation, r.type, r.area, r.verification, r.weight, r.version,
      count(*) over ()::int as total
    from requirements r left join section_paths sp on sp.id = r.section_id
    where r.set_id = ${setId} and r.deleted_at is null and (r.section_id is null or sp.id is not null)
    order by coalesce(sp.path, '{}'::int[]), r.position limit ${PAGE_SIZE} offset 0`;
  return { session, set, sections, requirements: rows };
}

const server = http.createServer((req, res) => {
  handle(req.headers.cookie ?? "").then(
    (body) => {
      res.writeHead(body ? 200 : 404, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    },
    (error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    },
  );
});
server.listen(Number(process.env.PORT ?? 3999), () => process.stdout.write("floor ready\n"));
process.on("SIGTERM", () => {
  server.close();
  void sql.end({ timeout: 1 }).then(() => process.exit(0));
});
