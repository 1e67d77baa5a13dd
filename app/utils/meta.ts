import type { MetaDescriptor } from "@remix-run/node";

import { isLanguage, translate, type MessageKey } from "./i18n";

type Match = { id: string; data: unknown };

/** "<page> – Samkrav" in the request's language, from the root loader's language. */
export function pageTitle(matches: readonly (Match | undefined)[], key: MessageKey): MetaDescriptor[] {
  const root = matches.find((match) => match?.id === "root")?.data;
  const language =
    typeof root === "object" && root !== null && "language" in root && isLanguage(root.language) ? root.language : "sv";
  return [{ title: `${translate(language, key)} – Samkrav` }];
}
