/**
 * How far the imports being applied have come, for the wizard's progress bar. Kept in memory:
 * an import is applied by the process that took the request, Samkrav runs as one process, and
 * the figure is worthless once the apply has ended (the entry goes then, whatever the outcome).
 *
 * An entry belongs to the session that started the apply, and only that session is told. The
 * progress route can then answer it without the database: on PGlite (one connection) the database
 * is busy with the import's transaction until it ends, and the bar would otherwise stand still.
 */

export type ImportPhase = "reading" | "checking" | "writing";

export type ImportProgress = {
  phase: ImportPhase;
  /** Requirements written so far (0 before writing starts). */
  done: number;
  /** Requirements to create or change (the rows in the file until the plan is made). */
  total: number;
};

const running = new Map<string, { sessionId: string; progress: ImportProgress }>();

/** The progress of `importId` if the session `sessionId` is applying it right now, else null. */
export function importProgressFor(importId: string, sessionId: string): ImportProgress | null {
  const entry = running.get(importId);
  return entry && entry.sessionId === sessionId ? entry.progress : null;
}

/** Runs `apply` with its progress reported under `importId` for `sessionId`, and forgotten when it ends. */
export async function withImportProgress<T>(
  importId: string,
  sessionId: string,
  apply: (report: (progress: ImportProgress) => void) => Promise<T>,
): Promise<T> {
  const report = (progress: ImportProgress) => running.set(importId, { sessionId, progress });
  report({ phase: "reading", done: 0, total: 0 });
  try {
    return await apply(report);
  } finally {
    running.delete(importId);
  }
}
