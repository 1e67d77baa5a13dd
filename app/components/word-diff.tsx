import { useT } from "~/utils/i18n";
import { wordDiff, type WordDiffPart } from "~/utils/set-diff";

/**
 * Word-level difference: removed words struck through, added words underlined. Screen readers
 * do not announce <del>/<ins> by default, so each change carries a visually hidden prefix.
 */
export function WordDiffParts({ parts }: { parts: WordDiffPart[] }) {
  const t = useT();
  return (
    <p className="word-diff">
      {parts.map((part, index) =>
        part.kind === "same" ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === "added" ? (
          <ins key={index}>
            <span className="visually-hidden">[{t("diff.addedText")}: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={index}>
            <span className="visually-hidden">[{t("diff.removedText")}: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </p>
  );
}

export function WordDiff({ before, after }: { before: string; after: string }) {
  return <WordDiffParts parts={wordDiff(before, after)} />;
}
