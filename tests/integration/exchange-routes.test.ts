import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { setImmediate as nextTurn } from "node:timers/promises";

import { describe, expect, test } from "vitest";

import type { ImportProgress } from "~/exchange/import-progress.server";
import { readSetJson } from "~/exchange/json";
import { readUpload } from "~/utils/upload.server";
import * as baselineExportRoute from "~/routes/sets.$setId.baselines.$baselineId.export.$format";
import * as exportRoute from "~/routes/sets.$setId.export.$format";
import * as importWizardRoute from "~/routes/imports.$importId";
import * as importProgressRoute from "~/routes/imports.$importId.progress";
import * as setImportRoute from "~/routes/sets.$setId.import";
import * as newSetImportRoute from "~/routes/sets.import";

import { createMember, createRegion, signInAs } from "../support/factories";
import { buildRequest, callRoute, type RouteResult } from "../support/requests";
import { createSetFixture } from "../support/set-factories";

import { auditRows } from "./route-helpers";
import { changesOf } from "./set-helpers";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

async function editorWithSet() {
  const region = await createRegion();
  const editor = await createMember(region.id, "editor");
  const fixture = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
  const { cookie } = await signInAs(editor.id, region.id);
  return { region, editor, cookie, ...fixture };
}

async function get(handler: Handler, path: string, cookie: string, params: Record<string, string>) {
  return callRoute(handler, buildRequest(path, { cookie }), params);
}

/** A multipart upload as the browser sends it. */
function uploadRequest(
  path: string,
  cookie: string,
  file: { name: string; bytes: Uint8Array },
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(file.bytes)], file.name));
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, ...headers },
  });
}

function locationOf(result: RouteResult): string {
  return result.headers.get("Location") ?? "";
}

describe("export downloads", () => {
  test("each format downloads with its type and a file name, and every export is audited", async () => {
    const { cookie, setId } = await editorWithSet();
    const expected: Record<string, { type: RegExp; starts: string }> = {
      xlsx: { type: /spreadsheetml/, starts: "PK" },
      docx: { type: /wordprocessingml/, starts: "PK" },
      csv: { type: /^text\/csv/, starts: "\uFEFF" },
      json: { type: /^application\/json/, starts: "{" },
      reqif: { type: /^application\/xml/, starts: "<?xml" },
      reqifz: { type: /^application\/zip/, starts: "PK" },
    };
    for (const [format, { type, starts }] of Object.entries(expected)) {
      const response = (await exportRoute.loader({
        request: buildRequest(`/sets/${setId}/export/${format}`, { cookie }),
        params: { setId, format },
        context: { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" },
      })) as Response;
      expect(response.status, format).toBe(200);
      expect(response.headers.get("Content-Type"), format).toMatch(type);
      expect(response.headers.get("Content-Disposition"), format).toMatch(
        new RegExp(
          `^attachment; filename="Testuppsattning\\.${format}"; filename\\*=UTF-8''Testupps%C3%A4ttning\\.${format}$`,
        ),
      );
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.toString("latin1", 0, 8).startsWith(starts === "\uFEFF" ? "\xEF\xBB\xBF" : starts), format).toBe(
        true,
      );
    }
    const audited = (await auditRows("set.exported")).filter((row) => row.targetId === setId);
    expect(audited.map((row) => JSON.parse(row.details ?? "{}").format).sort()).toEqual([
      "csv",
      "docx",
      "json",
      "reqif",
      "reqifz",
      "xlsx",
    ]);
  });

  test("a baseline exports as frozen, named after the set and the baseline; an unknown format is 404", async () => {
    const { cookie, setId, baselineId } = await editorWithSet();
    const response = (await baselineExportRoute.loader({
      request: buildRequest(`/sets/${setId}/baselines/${baselineId}/export/json`, { cookie }),
      params: { setId, baselineId, format: "json" },
      context: { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" },
    })) as Response;
    expect(response.headers.get("Content-Disposition")).toContain(
      "Testupps%C3%A4ttning%20%E2%80%93%20F%C3%B6rsta%20baslinjen.json",
    );
    const exported = readSetJson(Buffer.from(await response.arrayBuffer()));
    expect(exported.set.baseline?.name).toBe("Första baslinjen");
    const unknown = await get(exportRoute.loader as Handler, `/sets/${setId}/export/pdf`, cookie, {
      setId,
      format: "pdf",
    });
    expect(unknown.status).toBe(404);
  });
});

describe("upload", () => {
  test("a declared body over the limit is refused before it is read, with the limit in the message", async () => {
    const { cookie, setId } = await editorWithSet();
    const request = uploadRequest(
      `/sets/${setId}/import`,
      cookie,
      { name: "krav.csv", bytes: Buffer.from("a;b\n") },
      {
        "Content-Length": String(50 * 1024 * 1024),
      },
    );
    const result = await callRoute(setImportRoute.action as Handler, request, { setId });
    expect(result.status).toBe(413);
    expect(result.body).toEqual({ fileError: "exchange.fileError.tooLarge", params: { limit: "25 MB" } });
  });

  test("a 50 MB file without a declared length is cut off while it is read", async () => {
    const { cookie, setId } = await editorWithSet();
    const bytes = Buffer.alloc(50 * 1024 * 1024, "a");
    const result = await callRoute(
      setImportRoute.action as Handler,
      uploadRequest(`/sets/${setId}/import`, cookie, { name: "krav.csv", bytes }),
      { setId },
    );
    expect(result.status).toBe(413);
  });

  test("readUpload stops a part that grows past the limit", async () => {
    const form = new FormData();
    form.append("file", new File([Buffer.alloc(2048, "x")], "krav.csv"));
    const request = new Request("http://localhost/x", { method: "POST", body: form });
    expect(await readUpload(request, { maxBytes: 1024 })).toEqual({ status: "too-large" });
  });

  test("a PNG named .xlsx is refused with a message, and nothing is stored", async () => {
    const { cookie, setId } = await editorWithSet();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const result = await callRoute(
      setImportRoute.action as Handler,
      uploadRequest(`/sets/${setId}/import`, cookie, { name: "krav.xlsx", bytes: png }),
      { setId },
    );
    expect(result.status).toBe(422);
    expect(result.body).toEqual({ fileError: "exchange.fileError.wrongType", params: {} });
  });

  test("no file is a 400 with a message for the file field", async () => {
    const { cookie, setId } = await editorWithSet();
    const request = buildRequest(`/sets/${setId}/import`, { method: "POST", cookie, form: {} });
    const result = await callRoute(setImportRoute.action as Handler, request, { setId });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ fileError: "exchange.upload.fileMissing", params: {} });
  });
});

describe("the import wizard", () => {
  const csv = [
    "Kravnummer;Rubrik;Kravtext;Ska/Bör;Kravtyp;Kravområde;Verifiering",
    "IS-101;Loggning;Systemet ska logga åtkomst.;Ska;Teknisk;IS;Demonstration",
    "IS-102;Granskning;Loggar ska kunna granskas.;Kanske;Teknisk;IS;Demonstration",
    "IS-103;Spärrar;Spärrar ska hanteras.;Bör;Teknisk;IS;Demonstration",
  ].join("\r\n");

  test("upload, report, a value read differently, import: a new set with its history", async () => {
    const region = await createRegion();
    const editor = await createMember(region.id, "editor");
    const { cookie } = await signInAs(editor.id, region.id);
    const uploaded = await callRoute(
      newSetImportRoute.action as Handler,
      uploadRequest(`/sets/import?region=${region.id}`, cookie, { name: "krav.csv", bytes: Buffer.from(csv) }),
    );
    expect(uploaded.status).toBe(302);
    const importId = locationOf(uploaded).replace("/imports/", "");
    const path = `/imports/${importId}`;

    const first = await get(importWizardRoute.loader as Handler, path, cookie, { importId });
    const reading = (
      first.body as {
        reading: { errorCount: number; issues: Array<{ row: number; column: string; value: string; message: string }> };
      }
    ).reading;
    expect(reading.errorCount).toBe(1);
    expect(reading.issues.map(({ row, column, value, message }) => ({ row, column, value, message }))).toEqual([
      { row: 3, column: "Ska/Bör", value: "Kanske", message: "exchange.tabular.issue.obligationUnmapped" },
    ]);

    // Applying now is refused: nothing is half-saved.
    const refused = await callRoute(
      importWizardRoute.action as Handler,
      buildRequest(path, { method: "POST", cookie, form: { intent: "apply", title: "Importerad" } }),
      { importId },
    );
    expect(refused.status).toBe(422);

    const choices = await callRoute(
      importWizardRoute.action as Handler,
      buildRequest(path, {
        method: "POST",
        cookie,
        form: {
          intent: "choices",
          delimiter: "auto",
          "shown.delimiter": "auto",
          headerRow: "1",
          mapping: ["ref", "title", "text", "obligation", "type", "area", "verification"],
          "valueText.obligation": ["Ska", "Kanske", "Bör"],
          "valueTarget.obligation": ["ska", "bor", "bor"],
          hierarchy: "none",
        },
      }),
      { importId },
    );
    expect(choices.status).toBe(302);
    const second = await get(importWizardRoute.loader as Handler, path, cookie, { importId });
    expect((second.body as { reading: { issues: unknown[] } }).reading.issues).toEqual([]);

    const applied = await callRoute(
      importWizardRoute.action as Handler,
      buildRequest(path, { method: "POST", cookie, form: { intent: "apply", title: "Importerad uppsättning" } }),
      { importId },
    );
    expect(applied.status).toBe(302);
    const setId = locationOf(applied).replace("/sets/", "");
    const history = await changesOf(setId, "imported");
    expect(history).toHaveLength(3);
    expect(history.every((change) => change.changedByUserId === editor.id)).toBe(true);

    // The wizard of an applied import leads to its set; a second apply changes nothing.
    const after = await get(importWizardRoute.loader as Handler, path, cookie, { importId });
    expect(after.status).toBe(302);
    expect(locationOf(after)).toBe(`/sets/${setId}`);
    const again = await callRoute(
      importWizardRoute.action as Handler,
      buildRequest(path, { method: "POST", cookie, form: { intent: "apply", title: "Igen" } }),
      { importId },
    );
    expect(again.status).toBe(302);
    expect(await changesOf(setId, "imported")).toHaveLength(3);
  });

  test("a file that cannot be read shows its message on the wizard page, not a 500", async () => {
    const { cookie, setId } = await editorWithSet();
    const uploaded = await callRoute(
      setImportRoute.action as Handler,
      uploadRequest(`/sets/${setId}/import`, cookie, {
        name: "spec.reqif",
        bytes: Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><REQ-IF>&xxe;</REQ-IF>',
        ),
      }),
      { setId },
    );
    const importId = locationOf(uploaded).replace("/imports/", "");
    const page = await get(importWizardRoute.loader as Handler, `/imports/${importId}`, cookie, { importId });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ fileError: "exchange.fileError.xmlDoctype", reading: null });
  });

  test("while a big file is applied, the uploader's page can follow its progress; nobody else is told", async () => {
    const region = await createRegion();
    const editor = await createMember(region.id, "editor");
    const { cookie } = await signInAs(editor.id, region.id);
    const rows = Array.from(
      { length: 1_200 },
      (_, index) =>
        `IS-${String(index + 1).padStart(4, "0")};Krav ${index + 1};Systemet ska göra ${index + 1}.;Ska;Teknisk;IS;Demonstration`,
    );
    const big = ["Kravnummer;Rubrik;Kravtext;Ska/Bör;Kravtyp;Kravområde;Verifiering", ...rows].join("\r\n");
    const uploaded = await callRoute(
      newSetImportRoute.action as Handler,
      uploadRequest(`/sets/import?region=${region.id}`, cookie, { name: "krav.csv", bytes: Buffer.from(big) }),
    );
    const importId = locationOf(uploaded).replace("/imports/", "");
    const progressPath = `/imports/${importId}/progress`;
    const poll = async (asCookie: string) =>
      get(importProgressRoute.loader as Handler, progressPath, asCookie, { importId });
    expect((await poll(cookie)).body).toEqual({ progress: null });

    const colleague = await createMember(region.id, "admin");
    const { cookie: colleagueCookie } = await signInAs(colleague.id, region.id);
    const seen: ImportProgress[] = [];
    let colleagueStatus = 0;
    let finished = false;
    const applying = callRoute(
      importWizardRoute.action as Handler,
      buildRequest(`/imports/${importId}`, { method: "POST", cookie, form: { intent: "apply", title: "Stor import" } }),
      { importId },
    ).finally(() => {
      finished = true;
    });
    while (!finished) {
      const answer = (await poll(cookie)).body as { progress: ImportProgress | null };
      if (answer.progress) seen.push(answer.progress);
      if (answer.progress?.phase === "writing" && colleagueStatus === 0)
        colleagueStatus = (await poll(colleagueCookie)).status;
      await nextTurn();
    }
    expect((await applying).status).toBe(302);
    const writing = seen.filter((progress) => progress.phase === "writing");
    expect(writing.length).toBeGreaterThan(0);
    expect(writing.every((progress) => progress.total === 1_200 && progress.done <= 1_200)).toBe(true);
    expect(writing.some((progress) => progress.done > 0 && progress.done < 1_200)).toBe(true);
    // The uploader's colleague is not told, during or after; after, the uploader hears nothing runs.
    expect(colleagueStatus).toBe(404);
    expect((await poll(colleagueCookie)).status).toBe(404);
    expect((await poll(cookie)).body).toEqual({ progress: null });
  });

  test("another editor of the same region cannot open someone else's upload (404)", async () => {
    const { region, cookie, setId } = await editorWithSet();
    const uploaded = await callRoute(
      setImportRoute.action as Handler,
      uploadRequest(`/sets/${setId}/import`, cookie, { name: "krav.csv", bytes: Buffer.from(csv) }),
      { setId },
    );
    const importId = locationOf(uploaded).replace("/imports/", "");
    const colleague = await createMember(region.id, "admin");
    const { cookie: colleagueCookie } = await signInAs(colleague.id, region.id);
    const page = await get(importWizardRoute.loader as Handler, `/imports/${importId}`, colleagueCookie, { importId });
    expect(page.status).toBe(404);
  });
});
