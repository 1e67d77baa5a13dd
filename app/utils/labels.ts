import type { AuditAction } from "./audit.server";
import type { MessageKey } from "./i18n";

/** Dictionary keys for enum values, so a new role or kind cannot go untranslated. */
export const regionRoleLabel: Record<"viewer" | "editor" | "admin", MessageKey> = {
  viewer: "role.viewer",
  editor: "role.editor",
  admin: "role.admin",
};

export const steeringRoleLabel: Record<"chair" | "member", MessageKey> = {
  chair: "steering.chair",
  member: "steering.member",
};

export const auditOutcomeLabel: Record<"success" | "failure" | "denied", MessageKey> = {
  success: "audit.outcome.success",
  failure: "audit.outcome.failure",
  denied: "audit.outcome.denied",
};

export const auditActionLabel: Record<AuditAction, MessageKey> = {
  "auth.sign_in": "audit.action.auth.sign_in",
  "auth.sign_in_failed": "audit.action.auth.sign_in_failed",
  "auth.sign_in_throttled": "audit.action.auth.sign_in_throttled",
  "auth.sign_out": "audit.action.auth.sign_out",
  "auth.password_changed": "audit.action.auth.password_changed",
  "auth.session_revoked": "audit.action.auth.session_revoked",
  "invite.created": "audit.action.invite.created",
  "invite.accepted": "audit.action.invite.accepted",
  "invite.revoked": "audit.action.invite.revoked",
  "member.role_changed": "audit.action.member.role_changed",
  "member.removed": "audit.action.member.removed",
  "region.created": "audit.action.region.created",
  "region.updated": "audit.action.region.updated",
  "collaboration.created": "audit.action.collaboration.created",
  "collaboration.updated": "audit.action.collaboration.updated",
  "collaboration.region_added": "audit.action.collaboration.region_added",
  "collaboration.region_removed": "audit.action.collaboration.region_removed",
  "collaboration.steering_added": "audit.action.collaboration.steering_added",
  "collaboration.steering_removed": "audit.action.collaboration.steering_removed",
};
