import { data } from "@remix-run/node";

/** The posted form, or a 400 when the body is not a readable form (bad input is never a 500). */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ message: "bad-request" }, { status: 400 });
  }
}
