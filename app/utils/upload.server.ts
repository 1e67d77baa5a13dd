import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

/**
 * One uploaded file and the form's other fields. The limit is checked twice: the declared
 * Content-Length refuses an oversized upload before its body is read, and the parser stops
 * reading a part that grows past the limit (a client can lie about the length).
 */

/** Largest import file: a 10,000-requirement workbook is about 3 MB, a big DOORS ReqIF 15 MB. */
export const UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;

export type UploadResult =
  | { status: "ok"; fileName: string; bytes: Buffer; fields: FormData }
  | { status: "too-large" }
  | { status: "missing"; fields: FormData | null }
  | { status: "bad-request" };

/** Form fields besides the file are small; anything beyond this in one part is not a form field. */
const FIELD_LIMIT_BYTES = 64 * 1024;

export async function readUpload(
  request: Request,
  { field = "file", maxBytes = UPLOAD_LIMIT_BYTES }: { field?: string; maxBytes?: number } = {},
): Promise<UploadResult> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  // Multipart framing adds a few hundred bytes; the other fields are tiny.
  if (declared > maxBytes + FIELD_LIMIT_BYTES) return { status: "too-large" };
  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { status: "too-large" };
    return { status: "bad-request" };
  }
  const file = fields.get(field);
  if (!(file instanceof File) || file.size === 0) return { status: "missing", fields };
  return { status: "ok", fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()), fields };
}
