/** Why a reviewer is invited, in the order the form groups them; shared by the model and the pages. */
export const REVIEWER_ROLES = ["steering", "legal", "colleague", "other_region"] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];
