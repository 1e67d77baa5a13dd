import { data } from "@remix-run/node";

import { detectImportFormat } from "~/exchange/detect-format";
import { ExchangeFileError } from "~/exchange/exchange-error";
import { createSetImport } from "~/models/set-imports.server";

import { readUpload, UPLOAD_LIMIT_BYTES } from "./upload.server";

/** "25 MB": the limit as the message shows it. */
export const UPLOAD_LIMIT_LABEL = `${Math.round(UPLOAD_LIMIT_BYTES / (1024 * 1024))} MB`;

export type UploadError = {
  fileError: `exchange.fileError.${string}` | "exchange.upload.fileMissing";
  params: Record<string, string>;
};

/**
 * The upload step of an import: read the file within the limit, tell its format from name and
 * bytes, keep it for the wizard. Problems come back as a message for the file field with a
 * 4xx status (413 for size), never as a 500.
 */
export async function receiveImportUpload(
  request: Request,
  target: { regionId: string; targetSetId: string | null; actorUserId: string },
) {
  const upload = await readUpload(request);
  if (upload.status === "too-large") {
    return {
      status: "error",
      response: data<UploadError>(
        { fileError: "exchange.fileError.tooLarge", params: { limit: UPLOAD_LIMIT_LABEL } },
        { status: 413 },
      ),
    } as const;
  }
  if (upload.status !== "ok") {
    return {
      status: "error",
      response: data<UploadError>({ fileError: "exchange.upload.fileMissing", params: {} }, { status: 400 }),
    } as const;
  }
  try {
    const format = detectImportFormat(upload.fileName, upload.bytes);
    const importId = await createSetImport({ ...target, fileName: upload.fileName, format, bytes: upload.bytes });
    return { status: "created", importId } as const;
  } catch (error) {
    if (!(error instanceof ExchangeFileError)) throw error;
    return {
      status: "error",
      response: data<UploadError>({ fileError: `exchange.fileError.${error.code}`, params: {} }, { status: 422 }),
    } as const;
  }
}
