import { z } from "zod";

import type { AuditFilters } from "~/models/audit.server";

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .refine((value) => !Number.isNaN(value.getTime()));

const AuditQuerySchema = z.object({
  actor: z.string().uuid().optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  from: DateSchema.optional().catch(undefined),
  to: DateSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** Reads the audit page's query string; a bad value is ignored rather than an error. */
export function parseAuditQuery(url: URL, regionId: string | null): AuditFilters {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const query = AuditQuerySchema.parse(raw);
  return {
    regionId,
    actorUserId: query.actor,
    action: query.action,
    from: query.from,
    // "to" is inclusive of the whole day.
    to: query.to ? new Date(query.to.getTime() + 24 * 60 * 60 * 1000) : undefined,
    page: query.page,
  };
}
