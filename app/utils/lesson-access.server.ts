import { getVisibleLesson, lessonResource, type VisibleLesson } from "~/models/lessons.server";

import { assertAllowed, notFound, requireUser, type AuthContext } from "./auth.server";
import { can } from "./policy.server";
import { UuidSchema } from "./schemas";

/**
 * Loads a lesson the user may read (the policy's visibleTo) and asserts `action` on it: a hidden
 * or missing lesson is 404, a visible one with too low a role 403.
 */
export async function requireLessonAccess(
  request: Request,
  lessonId: string | undefined,
  action: "item.read" | "item.edit" | "item.share",
): Promise<{ auth: AuthContext; lesson: VisibleLesson }> {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(lessonId).success) notFound();
  const lesson = await getVisibleLesson({ lessonId: lessonId ?? "", principal: auth.principal });
  if (!lesson) notFound();
  assertAllowed(auth, action, lessonResource(lesson));
  return { auth, lesson };
}

/** Which lesson actions the user may take, for showing only the buttons that will work. */
export function lessonPermissions(auth: AuthContext, lesson: VisibleLesson) {
  const resource = lessonResource(lesson);
  return {
    edit: can(auth.principal, "item.edit", resource),
    share: can(auth.principal, "item.share", resource),
  };
}
