import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { searchMentionCandidates } from "~/models/comments.server";
import { requireSetAccess } from "~/utils/set-access.server";

const MentionQuerySchema = z.string().trim().max(100).catch("");

/**
 * The @mention autocomplete (a resource route: JSON, no page): up to ten people who can see
 * the set and whose name starts with `q`. Asking needs `set.read`, like the comment pages.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const query = MentionQuerySchema.parse(new URL(request.url).searchParams.get("q") ?? "");
  const people = await searchMentionCandidates({ setId: set.id, query, excludeUserId: auth.user.id });
  return Response.json({ people }, { headers: { "Cache-Control": "private, no-store" } });
}
