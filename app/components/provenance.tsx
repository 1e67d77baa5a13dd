import { Link } from "@remix-run/react";

import { WordDiffParts } from "~/components/word-diff";
import type { ProvenanceSummary } from "~/models/reuse.server";
import { useT } from "~/utils/i18n";
import { fieldLabel, formatFieldValue } from "~/utils/labels";
import type { FieldDiff } from "~/utils/set-diff";

/**
 * Where a copied requirement came from, at the top of its page: "Från <set>, <ref> v3" with a
 * link while the source is shared with the viewer; otherwise only that it is no longer shared
 * (never the hidden set's title). Flags a changed source and an adaptation without a reason.
 */
export function ProvenanceBlock({
  provenance,
  sourcePagePath,
}: {
  provenance: ProvenanceSummary;
  sourcePagePath: string;
}) {
  const t = useT();
  return (
    <section className="notice provenance" aria-labelledby="provenance-heading">
      <h2 id="provenance-heading" className="visually-hidden">
        {t("reuse.provenanceHeading")}
      </h2>
      <p>
        {provenance.state === "hidden" ? (
          t("reuse.provenanceHidden", { version: provenance.sourceVersion })
        ) : provenance.state === "deleted" ? (
          t("reuse.provenanceDeleted", { ref: provenance.sourceRef ?? "", set: provenance.setTitle ?? "" })
        ) : provenance.sourceLink ? (
          <Link to={provenance.sourceLink}>
            {t("reuse.provenanceFrom", {
              set: provenance.setTitle ?? "",
              ref: provenance.sourceRef ?? "",
              version: provenance.sourceVersion,
            })}
          </Link>
        ) : null}{" "}
        {provenance.adapted ? (
          <span className="badge">
            {provenance.adaptationReason ? t("reuse.adapted") : t("reuse.adaptedMissingReason")}
          </span>
        ) : (
          <span className="badge">{t("reuse.adoptedAsIs")}</span>
        )}
      </p>
      {provenance.adapted && provenance.adaptationReason ? (
        <p>
          {t("reuse.adaptationReasonLabel")}: {provenance.adaptationReason}
        </p>
      ) : null}
      {provenance.changed ? (
        <p>
          <span className="badge badge-denied">{t("reuse.sourceChanged")}</span>{" "}
          {t("reuse.sourceChangedBody", {
            version: provenance.currentSourceVersion ?? "",
            base: provenance.sourceVersion,
          })}
        </p>
      ) : null}
      <p>
        <Link to={sourcePagePath}>{t("reuse.sourcePage")}</Link>
      </p>
    </section>
  );
}

/** Field-by-field changes: word diffs for text, before → after for the rest. */
export function ContentDiffTable({ caption, diffs }: { caption: string; diffs: FieldDiff[] }) {
  const t = useT();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("diff.field")}</th>
          <th scope="col">{t("diff.change")}</th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((field) => (
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
  );
}
