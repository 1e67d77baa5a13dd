import type { LoaderFunctionArgs } from "@remix-run/node";

import { attachmentDisposition, renderExport } from "~/exchange/export.server";
import { isExportFormat } from "~/exchange/export-formats";
import { loadExchangeSet, recordExport } from "~/models/exchange.server";
import { notFound } from "~/utils/auth.server";
import { getLanguage } from "~/utils/i18n.server";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";

/**
 * The export file of a set's working copy (/sets/:setId/export/:format) or, through the baseline
 * route that re-exports this loader, of a baseline (/sets/:setId/baselines/:baselineId/export/:format).
 * ?delimiter=comma gives comma-separated CSV. Only a readable set exports (another region's
 * private set is 404 like everywhere), and every export is audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const url = new URL(request.url);
  const format = params.format;
  const baselineParam = params.baselineId ?? null;
  if (!isExportFormat(format)) notFound();
  if (baselineParam !== null && !UuidSchema.safeParse(baselineParam).success) notFound();
  const language = getLanguage(request, auth.user.locale);
  const exported = await loadExchangeSet({ set, baselineId: baselineParam, principal: auth.principal, language });
  if (!exported) notFound();
  const file = await renderExport(exported, format, {
    language,
    delimiter: url.searchParams.get("delimiter") === "comma" ? "," : ";",
  });
  await recordExport({
    set,
    baselineId: baselineParam,
    format,
    requirementCount: exported.requirements.length,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(exported, file.extension),
      "Content-Length": String(file.body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
