import type { LoaderFunctionArgs } from "@remix-run/node";

import { importProgressFor, type ImportProgress } from "~/exchange/import-progress.server";
import { setImportExists } from "~/models/set-imports.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { UuidSchema } from "~/utils/schemas";
import { hashToken, readSessionToken } from "~/utils/session.server";

export type ImportProgressData = { progress: ImportProgress | null };

function respond(progress: ImportProgress | null): Response {
  const body: ImportProgressData = { progress };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}

/**
 * How far applying an import has come (a resource route: JSON, no page), polled by the wizard's
 * progress bar. While the import is applied, the session that started it is answered from
 * memory (see import-progress.server.ts); otherwise only the person who uploaded the file may
 * ask, and is told nothing is running. Anyone else gets 404, like the wizard itself.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const importId = params.importId ?? "";
  const validId = UuidSchema.safeParse(importId).success;
  const token = readSessionToken(request);
  const running = token && validId ? importProgressFor(importId, hashToken(token)) : null;
  if (running) return respond(running);
  const auth = await requireUser(request);
  if (!validId || !(await setImportExists({ importId, actorUserId: auth.user.id }))) notFound();
  return respond(null);
}
