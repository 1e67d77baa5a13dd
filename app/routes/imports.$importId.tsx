import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";

import { ExchangeFileError } from "~/exchange/exchange-error";
import { sectionTitlePath } from "~/exchange/exchange-set";
import { hasErrors } from "~/exchange/imported-set";
import { withImportProgress } from "~/exchange/import-progress.server";
import type { ImportProgress } from "~/exchange/import-progress.server";
import type { ImportProgressData } from "./imports.$importId.progress";
import {
  COLUMN_TARGETS,
  HIERARCHY_KINDS,
  REQIF_TARGET_CHOICES,
  VALUE_FIELDS,
  valueChoicesFor,
} from "~/exchange/import-choices";
import {
  forgetParsedImport,
  ImportOptionsSchema,
  parseStoredOptions,
  readImport,
  type ImportOptions,
  type ImportReading,
} from "~/exchange/import-session.server";
import {
  planImport,
  applyImport,
  getSetImport,
  saveSetImportOptions,
  type SetImportRow,
} from "~/models/set-imports.server";
import { getRegion } from "~/models/regions.server";
import { getVisibleSet, setResource } from "~/models/requirement-sets.server";
import { assertAllowed, notFound, requireUser, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { isMessageKey, useT, type MessageKey } from "~/utils/i18n";
import { getLanguage } from "~/utils/i18n.server";
import { ambitionLabel, areaLabel, obligationLabel, requirementTypeLabel, verificationLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { SetDetailsSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * The import wizard for one upload: choose sheet, columns, value words, hierarchy (spreadsheets)
 * or specification and attributes (ReqIF); see the rows as they will be stored, what will be
 * created, updated or left alone, and every problem row by row; then import all or nothing.
 */

/** Rows of the report and of the preview sent to the page; the counts cover all of them. */
const REPORT_LIMIT = 500;
const PREVIEW_ROWS = 20;

async function requireImport(request: Request, importId: string | undefined) {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(importId).success) notFound();
  const upload = await getSetImport({ importId: importId ?? "", actorUserId: auth.user.id });
  if (!upload) notFound();
  const target = await authorizeTarget(auth, upload);
  return { auth, upload, target };
}

/** The uploader must still be allowed to write where the import goes (roles and statuses change). */
async function authorizeTarget(auth: AuthContext, upload: SetImportRow) {
  if (upload.targetSetId !== null) {
    const set = await getVisibleSet({ setId: upload.targetSetId, principal: auth.principal });
    if (!set) notFound();
    assertAllowed(auth, "set.edit", setResource(set));
    return { kind: "set" as const, id: set.id, title: set.title };
  }
  const region = await getRegion({ regionId: upload.regionId });
  if (!region) notFound();
  assertAllowed(auth, "region.write", { type: "region", regionId: region.id });
  return { kind: "new" as const, id: region.id, title: region.name };
}

function previewRows(reading: ImportReading) {
  const sections = reading.imported.sections.map((section) => ({
    id: section.key,
    parentId: section.parentKey,
    title: section.title,
  }));
  return reading.imported.requirements.slice(0, PREVIEW_ROWS).map((requirement) => ({
    row: requirement.row,
    ref: requirement.ref,
    section: sectionTitlePath(sections, requirement.sectionKey).join(" > "),
    title: requirement.title,
    text: requirement.text.length > 200 ? `${requirement.text.slice(0, 199)}…` : requirement.text,
    obligation: requirement.obligation,
    type: requirement.type,
    area: requirement.area,
    verification: requirement.verification,
    weight: requirement.weight,
    importedAttributes: Object.keys(requirement.importedAttributes).length,
  }));
}

function shortValue(value: string): string {
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, upload, target } = await requireImport(request, params.importId);
  if (upload.appliedAt !== null && upload.resultSetId !== null) throw redirect(`/sets/${upload.resultSetId}`);
  const options = parseStoredOptions(upload.options);
  const base = {
    upload: { id: upload.id, fileName: upload.fileName, format: upload.format, size: upload.fileSize },
    target,
    options,
  };
  let reading: ImportReading;
  try {
    reading = await readImport(upload, options, getLanguage(request, auth.user.locale));
  } catch (error) {
    if (!(error instanceof ExchangeFileError)) throw error;
    return { ...base, fileError: `exchange.fileError.${error.code}`, fileErrorParams: error.params, reading: null };
  }
  const plan = await planImport({ targetSetId: target.kind === "set" ? target.id : null, imported: reading.imported });
  const issues = [...reading.issues, ...plan.issues];
  return {
    ...base,
    fileError: null,
    fileErrorParams: {},
    reading: {
      choices: reading.choices,
      defaults: reading.defaults,
      suggestedTitle: options.title ?? reading.suggestedTitle,
      total: reading.imported.requirements.length,
      sectionCount: reading.imported.sections.length,
      preview: previewRows(reading),
      plan: {
        created: plan.created,
        updated: plan.updated,
        unchanged: plan.unchanged,
        notInFile: plan.notInFile,
        sectionsCreated: plan.sectionsCreated,
        standardLinks: plan.standardLinks,
        changes: plan.rows
          .filter((row) => row.action === "update")
          .slice(0, REPORT_LIMIT)
          .map((row) => ({ row: row.row, ref: row.ref, fields: row.action === "update" ? row.fields : [] })),
      },
      errorCount: issues.filter((issue) => issue.severity === "error").length,
      warningCount: issues.filter((issue) => issue.severity === "warning").length,
      issues: issues.slice(0, REPORT_LIMIT).map((issue) => ({ ...issue, value: shortValue(issue.value) })),
    },
  };
}

/** The choices form, posted whole: every select and field of the page's choices section. */
function optionsFromForm(formData: FormData, previous: ImportOptions): ImportOptions | null {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const all = (name: string) => formData.getAll(name).map((value) => (typeof value === "string" ? value : ""));
  const valueMaps: Record<string, Record<string, string | null>> = {};
  for (const field of VALUE_FIELDS) {
    const texts = all(`valueText.${field}`);
    const targets = all(`valueTarget.${field}`);
    if (texts.length === 0) continue;
    valueMaps[field] = Object.fromEntries(texts.map((value, index) => [value, targets[index] || null]));
  }
  const attributeKeys = all("attrKey");
  const attributeTargets = all("attrTarget");
  const headerRow = text("headerRow");
  const candidate = {
    ...previous,
    ...(text("sheet") !== undefined ? { sheet: text("sheet") } : {}),
    ...(text("delimiter") !== undefined ? { delimiter: text("delimiter") } : {}),
    ...(headerRow !== undefined && headerRow !== "" ? { headerRow: Number(headerRow) } : {}),
    ...(formData.has("mapping") ? { mapping: all("mapping") } : {}),
    ...(Object.keys(valueMaps).length > 0 ? { valueMaps } : {}),
    ...(text("hierarchy") !== undefined ? { hierarchy: text("hierarchy") } : {}),
    defaults: Object.fromEntries(
      (["obligation", "type", "area", "verification"] as const).map((field) => [
        field,
        text(`default.${field}`) || null,
      ]),
    ),
    ...(text("specification") !== undefined ? { specification: text("specification") } : {}),
    ...(attributeKeys.length > 0
      ? {
          attributeMapping: Object.fromEntries(
            attributeKeys.map((key, index) => [key, attributeTargets[index] ?? "keep"]),
          ),
        }
      : {}),
  };
  // Another sheet or delimiter than the page showed makes its column choices meaningless.
  const changed = (name: "sheet" | "delimiter") => formData.has(name) && text(name) !== text(`shown.${name}`);
  if (changed("sheet") || changed("delimiter")) {
    delete candidate.mapping;
    delete candidate.valueMaps;
    delete candidate.headerRow;
  }
  const parsed = ImportOptionsSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

const ApplySchema = z.object({ title: SetDetailsSchema.shape.title.optional() });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, upload, target } = await requireImport(request, params.importId);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const previous = parseStoredOptions(upload.options);
  if (upload.appliedAt !== null) return redirect(upload.resultSetId ? `/sets/${upload.resultSetId}` : "/sets");
  if (intent === "choices") {
    const options = optionsFromForm(formData, previous);
    if (!options) return data({ error: "validation.invalid" as const }, { status: 400 });
    await saveSetImportOptions({ importId: upload.id, actorUserId: auth.user.id, options });
    return redirect(`/imports/${upload.id}#preview`);
  }
  if (intent !== "apply") return data({ error: "validation.unknownIntent" as const }, { status: 400 });
  const parsed = ApplySchema.safeParse({ title: formData.get("title") ?? undefined });
  if (!parsed.success || (target.kind === "new" && !parsed.data.title)) {
    return data({ error: "exchange.import.titleRequired" as const }, { status: 400 });
  }
  const result = await withImportProgress(upload.id, auth.session.id, async (report) => {
    let reading: ImportReading;
    try {
      reading = await readImport(upload, previous, getLanguage(request, auth.user.locale));
    } catch (error) {
      if (!(error instanceof ExchangeFileError)) throw error;
      return { status: "file-error", code: error.code } as const;
    }
    if (hasErrors(reading.issues)) return { status: "invalid" } as const;
    report({ phase: "checking", done: 0, total: reading.imported.requirements.length });
    return applyImport({
      importRow: upload,
      imported: reading.imported,
      newSetTitle: parsed.data.title ?? reading.suggestedTitle,
      actorUserId: auth.user.id,
      request: requestInfo(request, context),
      onProgress: ({ done, total }) => report({ phase: "writing", done, total }),
    });
  });
  switch (result.status) {
    case "file-error":
      return data({ error: `exchange.fileError.${result.code}` as const }, { status: 422 });
    case "invalid":
      return data({ error: "exchange.import.fixErrorsFirst" as const }, { status: 422 });
    case "not-editable":
      return data({ error: "exchange.import.notEditable" as const }, { status: 409 });
    case "already-applied":
      return redirect(result.setId ? `/sets/${result.setId}` : "/sets");
    case "applied":
      forgetParsedImport(upload.id);
      return redirectWithToast(`/sets/${result.setId}`, {
        kind: "success",
        message: "exchange.import.done",
        params: { created: result.plan.created, updated: result.plan.updated, unchanged: result.plan.unchanged },
      });
  }
}

export default function ImportRoute() {
  const t = useT();
  const { upload, target, fileError, fileErrorParams, reading } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const applying = navigation.state === "submitting" && navigation.formData?.get("intent") === "apply";
  const again = target.kind === "set" ? `/sets/${target.id}/import` : `/sets/import?region=${target.id}`;
  return (
    <>
      <p className="breadcrumbs">
        {target.kind === "set" ? (
          <Link to={`/sets/${target.id}`}>{target.title}</Link>
        ) : (
          <Link to={`/sets?region=${target.id}`}>{target.title}</Link>
        )}{" "}
        / {t("exchange.wizard.breadcrumb")}
      </p>
      <h1>{t("exchange.wizard.heading", { file: upload.fileName })}</h1>
      <p className="muted">
        {t(target.kind === "set" ? "exchange.wizard.intoSet" : "exchange.wizard.intoNewSet", { target: target.title })}
      </p>
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{isMessageKey(actionData.error) ? t(actionData.error) : actionData.error}</p>
        </div>
      ) : null}
      {fileError ? (
        <div className="form-errors" role="alert">
          <p>{isMessageKey(fileError) ? t(fileError, fileErrorParams) : fileError}</p>
          <p>
            <Link to={again}>{t("exchange.wizard.uploadAnother")}</Link>
          </p>
        </div>
      ) : null}
      {reading ? (
        <>
          <ChoicesForm reading={reading} />
          <section id="preview" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t("exchange.wizard.planHeading")}</h2>
            <p>
              {t("exchange.wizard.planSummary", {
                total: reading.total,
                created: reading.plan.created,
                updated: reading.plan.updated,
                unchanged: reading.plan.unchanged,
              })}
            </p>
            {reading.plan.sectionsCreated > 0 ? (
              <p>{t("exchange.wizard.sectionsCreated", { count: reading.plan.sectionsCreated })}</p>
            ) : null}
            {reading.plan.standardLinks > 0 ? (
              <p>{t("exchange.wizard.standardLinks", { count: reading.plan.standardLinks })}</p>
            ) : null}
            {reading.plan.notInFile > 0 ? (
              <p>{t("exchange.wizard.notInFile", { count: reading.plan.notInFile })}</p>
            ) : null}
            {reading.plan.changes.length > 0 ? <ChangesTable changes={reading.plan.changes} /> : null}
          </section>
          <IssueReport reading={reading} />
          <PreviewTable rows={reading.preview} total={reading.total} />
          <Form method="post" className="import-apply">
            <input type="hidden" name="intent" value="apply" />
            {target.kind === "new" ? (
              <div className="field">
                <label htmlFor="import-title">{t("exchange.wizard.titleLabel")}</label>
                <input id="import-title" name="title" defaultValue={reading.suggestedTitle} required maxLength={200} />
              </div>
            ) : null}
            <p className="button-row">
              <button type="submit" disabled={applying || reading.errorCount > 0}>
                {t("exchange.wizard.apply", { count: reading.total })}
              </button>
            </p>
            {reading.errorCount > 0 ? <p className="muted">{t("exchange.wizard.applyBlocked")}</p> : null}
            {applying ? <ApplyProgress importId={upload.id} /> : null}
          </Form>
        </>
      ) : null}
    </>
  );
}

/** How often the progress bar asks how far the import has come. */
const PROGRESS_POLL_MS = 500;

/**
 * While the import is applied: a progress bar that asks the server how far it has come. The
 * phase is announced (role="status"); the running count is shown, not announced, so a screen
 * reader is not interrupted twice a second. Without JavaScript the browser's own indicator shows
 * the form is being sent.
 *
 * Plain `fetch`, one request at a time, rather than a Remix fetcher: a fetcher takes part in the
 * revalidation after the apply's redirect, and its load of this page's resource could still be
 * pending on the next page.
 */
function ApplyProgress({ importId }: { importId: string }) {
  const t = useT();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/imports/${importId}/progress`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (response.ok) setProgress(((await response.json()) as ImportProgressData).progress);
      } catch {
        // Aborted because the page moved on, or the network blinked: the next poll tries again.
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, PROGRESS_POLL_MS);
    };
    timer = setTimeout(poll, PROGRESS_POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [importId]);
  const writing = progress?.phase === "writing" && progress.total > 0;
  const phase = progress?.phase ?? "reading";
  return (
    <div className="import-progress">
      <p role="status">{t(`exchange.wizard.progress.${phase}`, { total: progress?.total ?? 0 })}</p>
      <progress
        aria-label={t("exchange.wizard.applying")}
        {...(writing ? { value: progress.done, max: progress.total } : {})}
      />
      {writing ? (
        <p className="muted" data-testid="import-progress-count">
          {t("exchange.wizard.progress.count", { done: progress.done, total: progress.total })}
        </p>
      ) : null}
      <p className="muted">{t("exchange.wizard.applying")}</p>
    </div>
  );
}

type Reading = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["reading"]>;

const fieldLabels: Record<string, MessageKey> = {
  obligation: "requirement.obligation",
  type: "requirement.type",
  area: "requirement.area",
  verification: "requirement.verification",
  ambition: "requirement.ambition",
};

function valueLabel(field: string, value: string): MessageKey | null {
  const labels: Record<string, Record<string, MessageKey>> = {
    obligation: obligationLabel,
    type: requirementTypeLabel,
    area: areaLabel,
    verification: verificationLabel,
    ambition: ambitionLabel,
  };
  return labels[field]?.[value] ?? null;
}

function ChoicesForm({ reading }: { reading: Reading }) {
  const t = useT();
  const { choices, defaults } = reading;
  const label = (field: string, value: string) => {
    const key = valueLabel(field, value);
    return key ? t(key) : value;
  };
  return (
    // A document post: the preview below is recomputed from the stored file as a whole new page.
    <Form method="post" reloadDocument className="import-choices" aria-labelledby="choices-heading">
      <h2 id="choices-heading">{t("exchange.wizard.choicesHeading")}</h2>
      <input type="hidden" name="intent" value="choices" />
      {choices.kind === "tabular" ? (
        <>
          <input type="hidden" name="shown.sheet" value={choices.sheet ?? ""} />
          <input type="hidden" name="shown.delimiter" value={choices.delimiter} />
          {choices.format === "xlsx" && choices.sheets.length > 1 ? (
            <div className="field">
              <label htmlFor="import-sheet">{t("exchange.wizard.sheet")}</label>
              <select id="import-sheet" name="sheet" defaultValue={choices.sheet ?? ""}>
                {choices.sheets.map((sheet) => (
                  <option key={sheet} value={sheet}>
                    {sheet}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {choices.format === "csv" ? (
            <div className="field">
              <label htmlFor="import-delimiter">{t("exchange.wizard.delimiter")}</label>
              <select id="import-delimiter" name="delimiter" defaultValue={choices.delimiter}>
                <option value="auto">{t("exchange.wizard.delimiterAuto")}</option>
                <option value=";">{t("exchange.export.delimiterSemicolon")}</option>
                <option value=",">{t("exchange.export.delimiterComma")}</option>
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="import-header-row">{t("exchange.wizard.headerRow")}</label>
            <input
              id="import-header-row"
              name="headerRow"
              type="number"
              min={1}
              max={50}
              defaultValue={choices.headerRow}
            />
          </div>
          <table className="import-mapping">
            <caption>{t("exchange.wizard.columnsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("exchange.wizard.column")}</th>
                <th scope="col">{t("exchange.wizard.samples")}</th>
                <th scope="col">{t("exchange.wizard.readAs")}</th>
              </tr>
            </thead>
            <tbody>
              {choices.columns.map((column) => (
                <tr key={column.index}>
                  <th scope="row">{column.header || t("exchange.wizard.noHeader", { number: column.index + 1 })}</th>
                  <td>{column.samples.join(" · ")}</td>
                  <td>
                    <select
                      name="mapping"
                      defaultValue={column.target}
                      aria-label={t("exchange.wizard.readAsNamed", {
                        column: column.header || String(column.index + 1),
                      })}
                    >
                      {COLUMN_TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {t(`exchange.wizard.target.${target}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {choices.values.map((group) => (
            <table key={group.field} className="import-values">
              <caption>
                {t("exchange.wizard.valuesCaption", {
                  field: t(fieldLabels[group.field] ?? "requirement.type"),
                  column: group.column,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("exchange.wizard.valueInFile")}</th>
                  <th scope="col">{t("exchange.wizard.valueStoredAs")}</th>
                </tr>
              </thead>
              <tbody>
                {group.entries.map((entry) => (
                  <tr key={entry.text}>
                    <th scope="row">{entry.text}</th>
                    <td>
                      <input type="hidden" name={`valueText.${group.field}`} value={entry.text} />
                      <select
                        name={`valueTarget.${group.field}`}
                        defaultValue={entry.target ?? ""}
                        aria-label={t("exchange.wizard.valueStoredAsNamed", { value: entry.text })}
                      >
                        <option value="">{t("exchange.wizard.valueUnmapped")}</option>
                        {valueChoicesFor(group.field).map((value) => (
                          <option key={value} value={value}>
                            {label(group.field, value)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <div className="field">
            <label htmlFor="import-hierarchy">{t("exchange.wizard.hierarchy")}</label>
            <select id="import-hierarchy" name="hierarchy" defaultValue={choices.hierarchy}>
              {HIERARCHY_KINDS.filter((kind) => kind !== "sections-sheet" || choices.hasSectionsSheet).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`exchange.wizard.hierarchy.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      {choices.kind === "reqif" ? (
        <>
          <p className="muted">{t("exchange.wizard.sourceTool", { tool: choices.sourceTool || "–" })}</p>
          <div className="field">
            <label htmlFor="import-specification">{t("exchange.wizard.specification")}</label>
            <select id="import-specification" name="specification" defaultValue={choices.specification}>
              {choices.specifications.map((specification) => (
                <option key={specification.key} value={specification.key}>
                  {t("exchange.wizard.specificationOption", {
                    name: specification.name,
                    count: specification.objectCount,
                  })}
                </option>
              ))}
            </select>
          </div>
          <table className="import-mapping">
            <caption>{t("exchange.wizard.attributesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("exchange.wizard.attribute")}</th>
                <th scope="col">{t("exchange.wizard.attributeKind")}</th>
                <th scope="col">{t("exchange.wizard.readAs")}</th>
              </tr>
            </thead>
            <tbody>
              {choices.attributes.map((attribute) => (
                <tr key={attribute.key}>
                  <th scope="row">{attribute.name}</th>
                  <td>{t(`exchange.wizard.kind.${attribute.kind}`)}</td>
                  <td>
                    <input type="hidden" name="attrKey" value={attribute.key} />
                    <select
                      name="attrTarget"
                      defaultValue={attribute.target}
                      aria-label={t("exchange.wizard.readAsNamed", { column: attribute.name })}
                    >
                      {REQIF_TARGET_CHOICES.map((target) => (
                        <option key={target} value={target}>
                          {t(`exchange.wizard.reqifTarget.${target}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {choices.kind !== "json" ? (
        <fieldset className="import-defaults">
          <legend>{t("exchange.wizard.defaultsLegend")}</legend>
          <p className="field-hint">{t("exchange.wizard.defaultsHint")}</p>
          {(["obligation", "type", "area", "verification"] as const).map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`import-default-${field}`}>{t(fieldLabels[field] ?? "requirement.type")}</label>
              <select id={`import-default-${field}`} name={`default.${field}`} defaultValue={defaults[field] ?? ""}>
                <option value="">{t("exchange.wizard.noDefault")}</option>
                {valueChoicesFor(field).map((value) => (
                  <option key={value} value={value}>
                    {label(field, value)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}
      {choices.kind !== "json" ? (
        <p className="button-row">
          <button type="submit" className="secondary">
            {t("exchange.wizard.updatePreview")}
          </button>
        </p>
      ) : null}
    </Form>
  );
}

function ChangesTable({ changes }: { changes: Reading["plan"]["changes"] }) {
  const t = useT();
  return (
    <table className="import-changes">
      <caption>{t("exchange.wizard.changesCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("exchange.wizard.row")}</th>
          <th scope="col">{t("requirement.ref")}</th>
          <th scope="col">{t("exchange.wizard.changedFields")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.row}>
            <td>{change.row}</td>
            <td>{change.ref}</td>
            <td>{change.fields.map((field) => t(`exchange.wizard.field.${field}` as MessageKey)).join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IssueReport({ reading }: { reading: Reading }) {
  const t = useT();
  return (
    <section aria-labelledby="report-heading" className="import-report">
      <h2 id="report-heading">{t("exchange.wizard.reportHeading")}</h2>
      <p role="status">
        {reading.errorCount === 0 && reading.warningCount === 0
          ? t("exchange.wizard.reportClean")
          : t("exchange.wizard.reportSummary", { errors: reading.errorCount, warnings: reading.warningCount })}
      </p>
      {reading.issues.length > 0 ? (
        <table>
          <caption>{t("exchange.wizard.reportCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("exchange.wizard.row")}</th>
              <th scope="col">{t("exchange.wizard.column")}</th>
              <th scope="col">{t("exchange.wizard.value")}</th>
              <th scope="col">{t("exchange.wizard.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {reading.issues.map((issue, index) => (
              <tr key={index} className={issue.severity === "error" ? "issue-error" : "issue-warning"}>
                <td>{issue.row ?? "–"}</td>
                <td>{issue.column ?? "–"}</td>
                <td>{issue.value}</td>
                <td>
                  <span className={`badge ${issue.severity === "error" ? "badge-denied" : ""}`}>
                    {t(issue.severity === "error" ? "exchange.wizard.error" : "exchange.wizard.warning")}
                  </span>{" "}
                  {t(issue.message, issue.params)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function PreviewTable({ rows, total }: { rows: Reading["preview"]; total: number }) {
  const t = useT();
  return (
    <section aria-labelledby="rows-heading">
      <h2 id="rows-heading">{t("exchange.wizard.previewHeading", { shown: rows.length, total })}</h2>
      <div className="table-scroll">
        <table className="import-preview">
          <thead>
            <tr>
              <th scope="col">{t("exchange.wizard.row")}</th>
              <th scope="col">{t("requirement.ref")}</th>
              <th scope="col">{t("exchange.wizard.field.section")}</th>
              <th scope="col">{t("requirement.title")}</th>
              <th scope="col">{t("requirement.obligation")}</th>
              <th scope="col">{t("requirement.type")}</th>
              <th scope="col">{t("requirement.area")}</th>
              <th scope="col">{t("requirement.verification")}</th>
              <th scope="col">{t("exchange.wizard.field.text")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.row}>
                <td>{row.row}</td>
                <td>{row.ref}</td>
                <td>{row.section}</td>
                <td>{row.title}</td>
                <td>{row.obligation ? t(obligationLabel[row.obligation]) : "–"}</td>
                <td>{row.type ? t(requirementTypeLabel[row.type]) : "–"}</td>
                <td>{row.area ? t(areaLabel[row.area]) : "–"}</td>
                <td>{row.verification ? t(verificationLabel[row.verification]) : "–"}</td>
                <td>{row.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "exchange.wizard.breadcrumb");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
