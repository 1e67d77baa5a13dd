import { Form, useNavigation } from "@remix-run/react";

import { isMessageKey, useT } from "~/utils/i18n";

export type UploadErrorData = { fileError: string; params: Record<string, string> };

/** The first step of every import: choose a file. Errors are shown next to the file field. */
export function ImportUploadForm({ error, limitLabel }: { error: UploadErrorData | null; limitLabel: string }) {
  const t = useT();
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const message = error ? (isMessageKey(error.fileError) ? t(error.fileError, error.params) : error.fileError) : null;
  return (
    <Form method="post" encType="multipart/form-data" className="import-upload">
      <div className="field">
        <label htmlFor="import-file">{t("exchange.upload.fileLabel")}</label>
        <p id="import-file-hint" className="field-hint">
          {t("exchange.upload.fileHint", { limit: limitLabel })}
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".xlsx,.csv,.txt,.reqif,.reqifz,.xml,.json"
          aria-describedby={message ? "import-file-hint import-file-error" : "import-file-hint"}
          aria-invalid={message ? true : undefined}
        />
        {message ? (
          <ul id="import-file-error" className="field-errors">
            <li>{message}</li>
          </ul>
        ) : null}
      </div>
      <p className="button-row">
        <button type="submit" disabled={uploading}>
          {uploading ? t("exchange.upload.uploading") : t("exchange.upload.submit")}
        </button>
      </p>
      {uploading ? (
        <p role="status">
          <progress aria-label={t("exchange.upload.uploading")} /> {t("exchange.upload.uploadingHint")}
        </p>
      ) : null}
    </Form>
  );
}
