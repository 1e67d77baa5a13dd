import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { SetHeader, toSetHeader } from "~/components/set-header";
import { WordDiffParts } from "~/components/word-diff";
import { getBaseline, getWorkingSnapshot, listBaselines } from "~/models/baselines.server";
import { useT, type Translator } from "~/utils/i18n";
import { areaLabel, fieldLabel, formatFieldValue, isArea } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { AREAS, type SetSnapshot } from "~/utils/requirement-fields";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { diffSets, fieldDiffs, filterEntries, type RequirementChangeKind } from "~/utils/set-diff";

const KINDS: RequirementChangeKind[] = ["added", "removed", "changed", "moved"];
const PAGE_SIZE = 50;

function isKind(value: string): value is RequirementChangeKind {
  return (KINDS as string[]).includes(value);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.read");
  const url = new URL(request.url);
  const baselines = await listBaselines({ setId: set.id });
  const choices = baselines.map((baseline) => ({
    id: baseline.id,
    name: baseline.name,
    createdAt: baseline.createdAt.toISOString(),
  }));
  // Defaults: the latest baseline against the working copy.
  const fromParam = url.searchParams.get("from") ?? baselines[0]?.id ?? "";
  const toParam = url.searchParams.get("to") ?? "working";
  const load = async (choice: string): Promise<{ label: string; snapshot: SetSnapshot } | null> => {
    if (choice === "working") return { label: "working", snapshot: await getWorkingSnapshot(set.id) };
    if (!UuidSchema.safeParse(choice).success) return null;
    const baseline = await getBaseline({ setId: set.id, baselineId: choice });
    return baseline ? { label: baseline.name, snapshot: baseline.snapshot } : null;
  };
  const [from, to] = await Promise.all([load(fromParam), load(toParam)]);
  const base = { set: toSetHeader(set), choices, fromId: fromParam, toId: toParam };
  if (!from || !to) return { ...base, comparison: null };

  const diff = diffSets(from.snapshot, to.snapshot);
  const kinds = url.searchParams.getAll("kind").filter(isKind);
  const areas = url.searchParams.getAll("area").filter(isArea);
  const entries = filterEntries(diff, { kinds, areas });
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  // Word diffs only for the entries on this page: the rest are counted, not rendered.
  const shown = entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((entry) => {
    const current = entry.to ?? entry.from;
    return {
      id: entry.id,
      kind: entry.kind,
      moved: entry.moved,
      sectionChanged: entry.sectionChanged,
      ref: current?.ref ?? "",
      previousRef: entry.from && entry.to && entry.from.ref !== entry.to.ref ? entry.from.ref : null,
      title: current?.title ?? "",
      area: current?.area ?? "",
      text: entry.kind === "added" || entry.kind === "removed" ? (current?.text ?? "") : null,
      fields: fieldDiffs(entry),
    };
  });
  return {
    ...base,
    comparison: {
      fromLabel: from.label,
      toLabel: to.label,
      summary: diff.summary,
      filteredCount: entries.length,
      page,
      pageCount: Math.max(1, Math.ceil(entries.length / PAGE_SIZE)),
      entries: shown,
    },
  };
}

function label(t: Translator, value: string): string {
  return value === "working" ? t("diff.workingCopy") : value;
}

export default function DiffRoute() {
  const t = useT();
  const { set, choices, fromId, toId, comparison } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const selectedKinds = new Set(searchParams.getAll("kind"));
  const selectedAreas = new Set(searchParams.getAll("area"));
  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(target));
    return `?${next}`;
  };
  const kindLabel = (kind: RequirementChangeKind) => t(`diff.kind.${kind}`);
  return (
    <>
      <SetHeader set={set} heading={t("diff.title")} />
      {choices.length === 0 ? <p>{t("diff.noBaselines")}</p> : null}
      <Form method="get" className="filters diff-filters" aria-label={t("diff.choose")}>
        <div className="field">
          <label htmlFor="diff-from">{t("diff.from")}</label>
          <select id="diff-from" name="from" defaultValue={fromId}>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name} ({t.date(choice.createdAt)})
              </option>
            ))}
            <option value="working">{t("diff.workingCopy")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-to">{t("diff.to")}</label>
          <select id="diff-to" name="to" defaultValue={toId}>
            <option value="working">{t("diff.workingCopy")}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name} ({t.date(choice.createdAt)})
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t("diff.kinds")}</legend>
          {KINDS.map((kind) => (
            <span key={kind} className="checkbox">
              <input
                type="checkbox"
                id={`kind-${kind}`}
                name="kind"
                value={kind}
                defaultChecked={selectedKinds.has(kind)}
              />
              <label htmlFor={`kind-${kind}`}>{kindLabel(kind)}</label>
            </span>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="diff-area">{t("requirement.area")}</label>
          <select id="diff-area" name="area" defaultValue={[...selectedAreas][0] ?? ""}>
            <option value="">{t("diff.allAreas")}</option>
            {AREAS.map((area) => (
              <option key={area} value={area}>
                {area} – {t(areaLabel[area])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("diff.compare")}</button>
      </Form>
      {comparison === null ? (
        choices.length > 0 ? (
          <p role="alert">{t("diff.unknownVersion")}</p>
        ) : null
      ) : (
        <section aria-labelledby="diff-summary">
          <h2 id="diff-summary">
            {t("diff.summaryTitle", { from: label(t, comparison.fromLabel), to: label(t, comparison.toLabel) })}
          </h2>
          <ul className="diff-counts" data-testid="diff-counts">
            <li className="diff-added">{t("diff.count.added", { count: comparison.summary.added })}</li>
            <li className="diff-removed">{t("diff.count.removed", { count: comparison.summary.removed })}</li>
            <li className="diff-changed">{t("diff.count.changed", { count: comparison.summary.changed })}</li>
            <li className="diff-moved">{t("diff.count.moved", { count: comparison.summary.moved })}</li>
            <li>{t("diff.count.unchanged", { count: comparison.summary.unchanged })}</li>
            <li>
              {t("diff.count.sections", {
                added: comparison.summary.sections.added,
                removed: comparison.summary.sections.removed,
                renamed: comparison.summary.sections.renamed,
                moved: comparison.summary.sections.moved,
              })}
            </li>
          </ul>
          {comparison.filteredCount === 0 ? <p>{t("diff.noDifferences")}</p> : null}
          {comparison.entries.map((entry) => (
            <article key={entry.id} className={`card diff-entry diff-${entry.kind}`}>
              <h3>
                <span className="badge">{kindLabel(entry.kind)}</span>
                {entry.moved && entry.kind === "changed" ? (
                  <span className="badge">{kindLabel("moved")}</span>
                ) : null}{" "}
                {entry.ref} {entry.title}
              </h3>
              {entry.previousRef ? <p className="muted">{t("diff.previousRef", { ref: entry.previousRef })}</p> : null}
              {entry.moved ? (
                <p className="muted">{entry.sectionChanged ? t("diff.movedSection") : t("diff.movedOrder")}</p>
              ) : null}
              {entry.text !== null ? <p className="pre-wrap">{entry.text}</p> : null}
              {entry.fields.length > 0 ? (
                <table>
                  <caption className="visually-hidden">{t("requirement.changedFields")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("diff.field")}</th>
                      <th scope="col">{t("diff.change")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.fields.map((field) => (
                      <tr key={field.field}>
                        <th scope="row">{t(fieldLabel[field.field])}</th>
                        <td>
                          {field.words ? (
                            <WordDiffParts parts={field.words} />
                          ) : (
                            <p>
                              <del>{formatFieldValue(t, field.field, field.before) || "–"}</del> →{" "}
                              <ins>{formatFieldValue(t, field.field, field.after) || "–"}</ins>
                            </p>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </article>
          ))}
          {comparison.pageCount > 1 ? (
            <nav className="pager" aria-label={t("sets.pages")}>
              {comparison.page > 1 ? <Link to={pageLink(comparison.page - 1)}>{t("sets.previousPage")}</Link> : null}
              <span>{t("sets.pageOf", { page: comparison.page, pages: comparison.pageCount })}</span>
              {comparison.page < comparison.pageCount ? (
                <Link to={pageLink(comparison.page + 1)}>{t("sets.nextPage")}</Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "diff.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
