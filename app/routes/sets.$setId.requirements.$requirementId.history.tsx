import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { SetHeader, toSetHeader } from "~/components/set-header";
import { WordDiff } from "~/components/word-diff";
import { getRequirement, listRequirementHistory } from "~/models/requirements.server";
import { notFound } from "~/utils/auth.server";
import { useT, type MessageKey, type Translator } from "~/utils/i18n";
import { changeKindLabel, fieldLabel, formatFieldValue } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { COMPARED_FIELDS, type ComparedField } from "~/utils/requirement-fields";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";

/** Fields whose changes are shown word by word; the rest show old → new. */
const TEXT_FIELDS: ReadonlySet<ComparedField> = new Set(["ref", "title", "text", "rationale", "tags"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.read");
  if (!UuidSchema.safeParse(params.requirementId).success) notFound();
  const requirement = await getRequirement({ setId: set.id, requirementId: params.requirementId ?? "" });
  if (!requirement) notFound();
  const history = await listRequirementHistory({ setId: set.id, requirementId: requirement.id });
  return {
    set: toSetHeader(set),
    requirement: { id: requirement.id, ref: requirement.ref, title: requirement.title },
    history: history.map((entry) => ({ ...entry, changedAt: entry.changedAt.toISOString() })),
  };
}

function isComparedField(field: string): field is ComparedField {
  return (COMPARED_FIELDS as readonly string[]).includes(field);
}

function FieldChange({ field, old, next, t }: { field: ComparedField; old: unknown; next: unknown; t: Translator }) {
  const before = formatFieldValue(t, field, old);
  const after = formatFieldValue(t, field, next);
  return (
    <tr>
      <th scope="row">{t(fieldLabel[field])}</th>
      <td>
        {TEXT_FIELDS.has(field) ? (
          <WordDiff before={before} after={after} />
        ) : (
          <p>
            <del>{before || "–"}</del> → <ins>{after || "–"}</ins>
          </p>
        )}
      </td>
    </tr>
  );
}

export default function RequirementHistoryRoute() {
  const t = useT();
  const { set, requirement, history } = useLoaderData<typeof loader>();
  return (
    <>
      <SetHeader set={set} heading={t("requirement.historyTitle", { ref: requirement.ref })} />
      <p>
        <Link to={`/sets/${set.id}/requirements/${requirement.id}`}>{t("requirement.backToRequirement")}</Link>
      </p>
      <ol className="history">
        {history.map((entry) => {
          const fields = Object.entries(entry.changes).filter(([field]) => isComparedField(field));
          const kindKey: MessageKey = changeKindLabel[entry.kind] ?? "change.updated";
          return (
            <li key={entry.id} className="card">
              <h2>
                {t(kindKey)}
                {entry.version ? ` · ${t("requirement.versionShort", { version: entry.version })}` : null}
              </h2>
              <p className="muted">
                {entry.changedByName ?? t("audit.unknownPerson")} · {t.dateTime(entry.changedAt)}
              </p>
              {fields.length > 0 && entry.kind !== "created" ? (
                <table>
                  <caption className="visually-hidden">{t("requirement.changedFields")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("diff.field")}</th>
                      <th scope="col">{t("diff.change")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map(([field, change]) =>
                      isComparedField(field) ? (
                        <FieldChange key={field} field={field} old={change.old} next={change.new} t={t} />
                      ) : null,
                    )}
                  </tbody>
                </table>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "requirement.history");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
