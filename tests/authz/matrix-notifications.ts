import { notifications } from "../../db/schema/notifications";
import { db } from "~/utils/db.server";

import { signedIn, type FeatureMatrix, type MatrixRow } from "./matrix-helpers";

/** The set title written into the matrix's own notifications, to tell them from other features'. */
const MARKER = "Matrisavisering";

/** How many of the matrix's own notifications the /notifications loader shows. */
function markedNotifications(body: unknown): number {
  if (typeof body !== "object" || body === null || !("notifications" in body)) return -1;
  const list = body.notifications;
  if (!Array.isArray(list)) return -1;
  return list.filter((item: { params?: { set?: unknown } }) => item.params?.set === MARKER).length;
}

/**
 * Authorization matrix rows for the notifications routes (see matrix-helpers.ts). Every actor is
 * given a notification about each of the four sets, written straight into the table (not through
 * notify, which would drop the hidden ones), so the list must filter by who can see the set:
 * region A sees setA, setSharedB and setPortalC; editorB setB, setSharedB and setPortalC; the
 * steering member setSharedB and setPortalC; the platform admin only the portal set.
 */
export const notificationsMatrix: FeatureMatrix = {
  rows: (): MatrixRow[] => [
    {
      route: "notifications._index",
      handler: "loader",
      target: "none",
      expect: signedIn(200, "loader"),
      visibleCount: {
        read: markedNotifications,
        expect: { viewerA: 3, editorA: 3, adminA: 3, editorB: 3, steeringAB: 2, platformAdmin: 1 },
      },
    },
    { route: "notifications._index", handler: "action", target: "none", form: {}, expect: signedIn(400, "action") },
    {
      route: "notifications._index",
      handler: "action",
      target: "none",
      form: { intent: "open", id: "not-a-uuid" },
      expect: signedIn(400, "action"),
    },
    { route: "account.notifications", handler: "loader", target: "none", expect: signedIn(200, "loader") },
    {
      route: "account.notifications",
      handler: "action",
      target: "none",
      form: { comment: "sometimes" },
      expect: signedIn(400, "action"),
    },
  ],
  extendSetTarget: async ({ params, users }) => {
    const setId = params.setId;
    if (!setId) return {};
    await db.insert(notifications).values(
      Object.values(users).map((userId) => ({
        userId,
        kind: "comment" as const,
        setId,
        groupKey: `comment:${setId}`,
        params: { set: MARKER },
        link: `/sets/${setId}`,
      })),
    );
    return {};
  },
};
