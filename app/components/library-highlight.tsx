/**
 * Search highlights travel from PostgreSQL's ts_headline as plain text with these private-use
 * characters around each match; the page splits on them and renders <mark> elements, so
 * requirement text from other regions is never parsed as HTML.
 */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_STOP = "\uE001";

export function Highlighted({ text }: { text: string }) {
  const [first = "", ...rest] = text.split(HIGHLIGHT_START);
  return (
    <>
      {first.split(HIGHLIGHT_STOP).join("")}
      {rest.map((part, index) => {
        const [marked = "", ...after] = part.split(HIGHLIGHT_STOP);
        return (
          // The fragments have no identity of their own; their order never changes.
          <span key={index}>
            <mark>{marked}</mark>
            {after.join("")}
          </span>
        );
      })}
    </>
  );
}
