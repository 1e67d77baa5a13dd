import type { ExchangeSet } from "~/exchange/exchange-set";
import { loadExchangeSet } from "~/models/exchange.server";
import { getVisibleSet } from "~/models/requirement-sets.server";

import { createMember, createRegion } from "../support/factories";

import { principalFor } from "./set-helpers";

/** Shared by the import and export integration tests. */

export type Principal = Awaited<ReturnType<typeof principalFor>>;

/** A region of its own with an editor, and the editor's principal. */
export async function exchangeWorkspace() {
  const region = await createRegion();
  const editor = await createMember(region.id, "editor");
  return { region, editor, principal: await principalFor(editor) };
}

/** The set (or one of its baselines) as every export format receives it. */
export async function exportSet(
  setId: string,
  principal: Principal,
  baselineId: string | null = null,
): Promise<ExchangeSet> {
  const set = await getVisibleSet({ setId, principal });
  if (!set) throw new Error("set not visible");
  const exported = await loadExchangeSet({ set, baselineId, principal, language: "sv" });
  if (!exported) throw new Error("nothing exported");
  return exported;
}

/** What a round trip must keep: fields, tree, order and ids (versions restart on a new set). */
export function roundTripContent(set: ExchangeSet) {
  return {
    sections: set.sections,
    requirements: set.requirements.map(({ version: _version, ...requirement }) => requirement),
  };
}
