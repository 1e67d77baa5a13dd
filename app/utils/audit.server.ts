import { auditEvents } from "../../db/schema/accounts";

import type { DbOrTransaction } from "./db-connect.server";
import type { RequestInfo } from "./request.server";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_throttled"
  | "auth.sign_out"
  | "auth.password_changed"
  | "auth.session_revoked"
  | "invite.created"
  | "invite.accepted"
  | "invite.revoked"
  | "member.role_changed"
  | "member.removed"
  | "region.created"
  | "region.updated"
  | "collaboration.created"
  | "collaboration.updated"
  | "collaboration.region_added"
  | "collaboration.region_removed"
  | "collaboration.steering_added"
  | "collaboration.steering_removed"
  | "library.declined"
  | "library.decline_withdrawn"
  | "standard.created"
  | "standard.updated"
  | "standard.version_added"
  | "standard.common_marked"
  | "standard.common_removed"
  | "standard.adoption_recorded"
  | "set.shared"
  | "requirement.copied"
  | "set.forked"
  | "set.exported"
  | "set.imported"
  | "review.opened"
  | "review.decided"
  | "review.closed"
  | "baseline.established"
  | "lesson.created"
  | "lesson.updated"
  | "lesson.shared"
  | "lesson.archived"
  | "lesson.restored"
  | "lesson.set_linked"
  | "lesson.set_unlinked"
  | "requirement.standard_linked"
  | "requirement.standard_unlinked"
  | "requirement.lesson_linked"
  | "requirement.lesson_unlinked"
  | ProcurementAuditAction;

/** What the procurements feature records (models/procurements.server.ts). */
export type ProcurementAuditAction =
  | "procurement.created"
  | "procurement.updated"
  | "procurement.shared"
  | "procurement.archived"
  | "procurement.restored"
  | "procurement.milestone_added"
  | "procurement.milestone_updated"
  | "procurement.milestone_removed"
  | "procurement.decision_added"
  | "procurement.decision_removed"
  | "procurement.report_added"
  | "procurement.set_linked"
  | "procurement.set_unlinked"
  | "procurement.lesson_linked"
  | "procurement.lesson_unlinked";

export type AuditEventInput = {
  action: AuditAction;
  actorUserId: string | null;
  actorEmail?: string | null;
  regionId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: "success" | "failure" | "denied";
  details?: Record<string, string | number | boolean | null>;
  request: RequestInfo;
};

/** Appends one audit event. Pass the transaction of the change so both land or neither does. */
export async function writeAuditEvent(tx: DbOrTransaction, event: AuditEventInput): Promise<void> {
  await tx.insert(auditEvents).values({
    action: event.action,
    actorUserId: event.actorUserId,
    actorEmail: event.actorEmail ?? null,
    regionId: event.regionId ?? null,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome ?? "success",
    requestId: event.request.requestId,
    ipAddress: event.request.ipAddress,
    details: event.details ? JSON.stringify(event.details) : null,
  });
}
