import ReactMarkdown from "react-markdown";

/**
 * Requirement and comment text is markdown written by people in other regions: rendered with
 * react-markdown, which builds React elements (never innerHTML), drops raw HTML (skipHtml) and
 * strips unsafe URLs such as `javascript:` (its default urlTransform).
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
