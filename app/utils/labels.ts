import type { AuditAction } from "./audit.server";
import { procurementAuditActionLabel } from "./procurement-fields";
import type { MessageKey } from "./i18n";
import type {
  AmbitionLevel,
  Area,
  ComparedField,
  Obligation,
  RequirementType,
  SetStatus,
  VerificationMethod,
  Visibility,
} from "./requirement-fields";

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
  "set.shared": "audit.action.set.shared",
  "requirement.copied": "reuse.audit.copied",
  "set.forked": "reuse.audit.forked",
  "set.exported": "exchange.audit.exported",
  "set.imported": "exchange.audit.imported",
  "library.declined": "library.audit.declined",
  "library.decline_withdrawn": "library.audit.declineWithdrawn",
  "standard.created": "standards.audit.created",
  "standard.updated": "standards.audit.updated",
  "standard.version_added": "standards.audit.versionAdded",
  "standard.common_marked": "standards.audit.commonMarked",
  "standard.common_removed": "standards.audit.commonRemoved",
  "standard.adoption_recorded": "standards.audit.adoptionRecorded",
  "review.opened": "reviews.audit.opened",
  "review.decided": "reviews.audit.decided",
  "review.closed": "reviews.audit.closed",
  "baseline.established": "reviews.audit.established",
  "lesson.created": "lessons.audit.created",
  "lesson.updated": "lessons.audit.updated",
  "lesson.shared": "lessons.audit.shared",
  "lesson.archived": "lessons.audit.archived",
  "lesson.restored": "lessons.audit.restored",
  "lesson.set_linked": "lessons.audit.setLinked",
  "lesson.set_unlinked": "lessons.audit.setUnlinked",
  "requirement.standard_linked": "requirementLinks.audit.standardLinked",
  "requirement.standard_unlinked": "requirementLinks.audit.standardUnlinked",
  "requirement.lesson_linked": "requirementLinks.audit.lessonLinked",
  "requirement.lesson_unlinked": "requirementLinks.audit.lessonUnlinked",
  ...procurementAuditActionLabel,
};

export const setStatusLabel: Record<SetStatus, MessageKey> = {
  draft: "status.draft",
  in_review: "status.in_review",
  approved: "status.approved",
  published: "status.published",
  superseded: "status.superseded",
};

export const visibilityLabel: Record<Visibility, MessageKey> = {
  private: "visibility.private",
  collaboration: "visibility.collaboration",
  portal: "visibility.portal",
};

export const obligationLabel: Record<Obligation, MessageKey> = { ska: "obligation.ska", bor: "obligation.bor" };

export const requirementTypeLabel: Record<RequirementType, MessageKey> = {
  qualification: "type.qualification",
  technical: "type.technical",
  award: "type.award",
  contract: "type.contract",
};

export const verificationLabel: Record<VerificationMethod, MessageKey> = {
  yes_no: "verification.yes_no",
  description: "verification.description",
  attachment: "verification.attachment",
  demonstration: "verification.demonstration",
  scenario_test: "verification.scenario_test",
  reference_check: "verification.reference_check",
  acceptance_test: "verification.acceptance_test",
  contract_follow_up: "verification.contract_follow_up",
};

export const ambitionLabel: Record<AmbitionLevel, MessageKey> = {
  basic: "ambition.basic",
  advanced: "ambition.advanced",
  leading: "ambition.leading",
};

export const areaLabel: Record<Area, MessageKey> = {
  JF: "area.JF",
  LM: "area.LM",
  RS: "area.RS",
  VA: "area.VA",
  BS: "area.BS",
  IN: "area.IN",
  IS: "area.IS",
  BL: "area.BL",
  TA: "area.TA",
  DR: "area.DR",
  MG: "area.MG",
  UT: "area.UT",
  KV: "area.KV",
};

export const fieldLabel: Record<ComparedField, MessageKey> = {
  ref: "requirement.ref",
  title: "requirement.title",
  text: "requirement.text",
  obligation: "requirement.obligation",
  type: "requirement.type",
  area: "requirement.area",
  rationale: "requirement.rationale",
  verification: "requirement.verification",
  weight: "requirement.weight",
  ambition: "requirement.ambition",
  tags: "requirement.tags",
};

export function isArea(value: string): value is Area {
  return value in areaLabel;
}

/** History entries: the kinds of change the set_changes table records. */
export const changeKindLabel: Record<string, MessageKey | undefined> = {
  created: "change.created",
  updated: "change.updated",
  imported: "change.imported",
  deleted: "change.deleted",
  restored: "change.restored",
  moved: "change.moved",
  status: "change.status",
  baseline: "change.baseline",
  shared: "change.shared",
  archived: "change.archived",
  unarchived: "change.unarchived",
  "set-created": "change.setCreated",
  "set-updated": "change.setUpdated",
  "section-created": "change.sectionCreated",
  "section-renamed": "change.sectionRenamed",
  "section-moved": "change.sectionMoved",
  "section-deleted": "change.sectionDeleted",
  "source-kept": "reuse.change.sourceKept",
  "source-accepted": "reuse.change.sourceAccepted",
  "adaptation-reason": "reuse.change.adaptationReason",
};

/** A history value as a person reads it: enum values translated, tags joined, empty as "". */
export function formatFieldValue(t: (key: MessageKey) => string, field: ComparedField, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(String).join(", ");
  const text = String(value);
  const labels: Partial<Record<ComparedField, Record<string, MessageKey>>> = {
    obligation: obligationLabel,
    type: requirementTypeLabel,
    verification: verificationLabel,
    ambition: ambitionLabel,
    area: areaLabel,
  };
  const key = labels[field]?.[text];
  return key ? t(key) : text;
}

export const baselineKindLabel: Record<"manual" | "review" | "approved", MessageKey> = {
  manual: "baseline.kind.manual",
  review: "baseline.kind.review",
  approved: "baseline.kind.approved",
};
