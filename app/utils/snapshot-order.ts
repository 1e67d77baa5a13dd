import type { RequirementSnapshot, SetSnapshot } from "./requirement-fields";

/**
 * A snapshot's requirements in tree order (outside any section first, then sections depth-first
 * by position), each with its section's numbered title ("2.1 Läkemedel").
 */
export function orderSnapshot(
  snapshot: SetSnapshot,
): Array<{ requirement: RequirementSnapshot; sectionTitle: string | null }> {
  const children = new Map<string | null, SetSnapshot["sections"]>();
  for (const section of snapshot.sections) {
    children.set(section.parentId, [...(children.get(section.parentId) ?? []), section]);
  }
  const bySection = new Map<string | null, RequirementSnapshot[]>();
  for (const requirement of snapshot.requirements) {
    bySection.set(requirement.sectionId, [...(bySection.get(requirement.sectionId) ?? []), requirement]);
  }
  const result: Array<{ requirement: RequirementSnapshot; sectionTitle: string | null }> = [];
  const emit = (sectionId: string | null, title: string | null) => {
    const own = [...(bySection.get(sectionId) ?? [])].sort((a, b) => a.position - b.position);
    for (const requirement of own) result.push({ requirement, sectionTitle: title });
  };
  emit(null, null);
  const walk = (parentId: string | null, prefix: string) => {
    const siblings = [...(children.get(parentId) ?? [])].sort((a, b) => a.position - b.position);
    siblings.forEach((section, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      emit(section.id, `${number} ${section.title}`);
      walk(section.id, number);
    });
  };
  walk(null, "");
  return result;
}
