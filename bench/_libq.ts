import { connectPostgres } from "../app/utils/db-connect.server";
const url = `postgres://postgres@127.0.0.1:5432/${process.env.DB}`;
const handle = connectPostgres(url);
globalThis.__samkravDatabase = handle;
const { describeCorpus } = await import("../bench/generate-corpus");
const corpus = await describeCorpus(handle.db);
const { buildPrincipal, loadAccess } = await import("../app/utils/auth.server");
const { searchLibrary, getLibraryFilterOptions } = await import("../app/models/library.server");
const principal = buildPrincipal({ id: corpus.userId, isPlatformAdmin: false }, await loadAccess(corpus.userId));
const qs = (process.env.QS ?? "").split(",");
for (const q of qs) {
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await searchLibrary({ principal, filters: { q, page: 1 } });
    const t2 = performance.now();
    await getLibraryFilterOptions({ principal });
    console.log(q, r.total, r.capped, (t2 - t).toFixed(1), (performance.now() - t2).toFixed(1));
  }
}
process.exit(0);
