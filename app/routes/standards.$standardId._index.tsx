import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { AdoptionStatus, LifecycleBadge } from "~/components/standard-badges";
import { AddVersionForm, AdoptionForm, CommonMarkingForms, type AdoptionView } from "~/components/standard-forms";
import { getCollaboration } from "~/models/collaborations.server";
import {
  addStandardVersion,
  getStandard,
  LINKED_REQUIREMENTS_SHOWN,
  listCommonMarkings,
  listLinkedRequirements,
  listStandardAdoptions,
  listStandardVersions,
  markCommonStandard,
  recordAdoption,
  removeCommonStandard,
  type AdoptionRow,
  type StandardRow,
} from "~/models/standards.server";
import { assertAllowed, forbidden, notFound, requireUser, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import {
  AddVersionSchema,
  AdoptionSchema,
  commonLevelLabel,
  MarkCommonSchema,
  RemoveCommonSchema,
  standardCategoryLabel,
  type StandardLinkState,
} from "~/utils/standard-fields";
import { redirectWithToast } from "~/utils/toast.server";

type Intent = "add-version" | "mark-common" | "remove-common" | "adopt";

const linkStateLabel: Record<StandardLinkState, MessageKey> = {
  current: "standards.link.current",
  outdated: "standards.link.outdated",
  unpinned: "standards.link.unpinned",
};

/** The catalogue entry, or 404 (the catalogue is reference data: every signed-in user reads it). */
async function loadStandard(request: Request, standardId: string | undefined) {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(standardId).success) notFound();
  const standard = await getStandard({ standardId: standardId ?? "" });
  if (!standard) notFound();
  assertAllowed(auth, "standard.read", { type: "platform" });
  return { auth, standard };
}

function toAdoptionView(row: AdoptionRow | null): AdoptionView | null {
  return row ? { ...row, updatedAt: row.updatedAt.toISOString() } : null;
}

/** The standard, its versions, common markings, every region's adoption and the requirements that cite it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, standard } = await loadStandard(request, params.standardId);
  const [versions, markings, adoptions, linked] = await Promise.all([
    listStandardVersions({ standardId: standard.id }),
    listCommonMarkings({ standardId: standard.id }),
    listStandardAdoptions({ standardId: standard.id }),
    listLinkedRequirements({ standardId: standard.id, principal: auth.principal }),
  ]);
  const region = auth.memberships.find((membership) => membership.regionId === auth.currentRegionId) ?? null;
  const ownAdoption = adoptions.find((row) => row.regionId === region?.regionId);
  return {
    standard: { ...standard, updatedAt: standard.updatedAt.toISOString() },
    versions: versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() })),
    markings: markings.map((marking) => ({ ...marking, updatedAt: marking.updatedAt.toISOString() })),
    adoptions: adoptions.map((row) => ({ ...row, updatedAt: row.updatedAt?.toISOString() ?? null })),
    linked: { ...linked, limit: LINKED_REQUIREMENTS_SHOWN },
    canManage: can(auth.principal, "standard.manage", { type: "platform" }),
    steering: auth.steering.map((membership) => ({
      collaborationId: membership.collaborationId,
      collaborationName: membership.collaborationName,
    })),
    adoptionRegion:
      region && can(auth.principal, "standard.adopt", { type: "region", regionId: region.regionId })
        ? {
            id: region.regionId,
            name: region.regionName,
            adoption:
              ownAdoption?.status && ownAdoption.version !== null && ownAdoption.updatedAt
                ? toAdoptionView({
                    status: ownAdoption.status,
                    statusDate: ownAdoption.statusDate,
                    note: ownAdoption.note ?? "",
                    version: ownAdoption.version,
                    recordedByName: ownAdoption.recordedByName,
                    updatedAt: ownAdoption.updatedAt,
                  })
                : null,
          }
        : null,
  };
}

type IntentArgs = {
  auth: AuthContext;
  standard: StandardRow;
  formData: FormData;
  request: Request;
  context: AppLoadContext;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, standard } = await loadStandard(request, params.standardId);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const args = { auth, standard, formData, request, context };
  switch (intent) {
    case "add-version":
      return addVersion(args);
    case "mark-common":
    case "remove-common":
      return commonMarking(intent, args);
    case "adopt":
      return adopt(args);
    default:
      return reply({ intent: "unknown", error: "validation.unknownIntent" }, 400);
  }
}

type ActionReply = {
  intent: Intent | "unknown";
  collaborationId?: string | null;
  result?: SubmissionResult<string[]> | null;
  error?: MessageKey | null;
  adoptionConflict?: { current: AdoptionView | null } | null;
};

function reply(body: ActionReply, status: number) {
  return data(
    {
      intent: body.intent,
      collaborationId: body.collaborationId ?? null,
      result: body.result ?? null,
      error: body.error ?? null,
      adoptionConflict: body.adoptionConflict ?? null,
    },
    { status },
  );
}

async function addVersion({ auth, standard, formData, request, context }: IntentArgs) {
  assertAllowed(auth, "standard.manage", { type: "platform" });
  const submission = parseWithZod(formData, { schema: AddVersionSchema });
  if (submission.status !== "success") return reply({ intent: "add-version", result: submission.reply() }, 400);
  const { label, releasedOn, note, baseVersion } = submission.value;
  const result = await addStandardVersion({
    standardId: standard.id,
    baseVersion,
    label,
    releasedOn,
    note,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "added":
      return redirectWithToast(`/standards/${standard.id}`, {
        kind: "success",
        message: "standards.version.added",
        params: { version: label },
      });
    case "duplicate-label":
      return reply(
        {
          intent: "add-version",
          result: submission.reply({ fieldErrors: { label: ["standards.version.labelTaken"] } }),
        },
        409,
      );
    case "conflict":
      return reply(
        { intent: "add-version", result: submission.reply({ formErrors: ["standards.version.conflict"] }) },
        409,
      );
    case "not-found":
      notFound();
  }
}

/**
 * Marking (or unmarking) needs the collaboration first: it is what the steering group's right
 * is checked on. An id that is no collaboration is 404, like any unknown object.
 */
async function commonMarking(intent: "mark-common" | "remove-common", args: IntentArgs) {
  const { auth, standard, formData, request, context } = args;
  const collaborationId = UuidSchema.safeParse(formData.get("collaborationId"));
  if (!collaborationId.success) return reply({ intent, error: "validation.invalid" }, 400);
  const collaboration = await getCollaboration({ collaborationId: collaborationId.data });
  if (!collaboration) notFound();
  assertAllowed(auth, "standard.mark_common", { type: "collaboration", collaborationId: collaboration.id });
  const info = requestInfo(request, context);
  if (intent === "mark-common") {
    const submission = parseWithZod(formData, { schema: MarkCommonSchema });
    if (submission.status !== "success") {
      return reply({ intent, collaborationId: collaboration.id, result: submission.reply() }, 400);
    }
    const { level, decisionReference, decidedOn } = submission.value;
    const result = await markCommonStandard({
      standardId: standard.id,
      collaborationId: collaboration.id,
      level,
      decisionReference,
      decidedOn,
      actorUserId: auth.user.id,
      request: info,
    });
    if (result.status === "not-found") notFound();
    return redirectWithToast(`/standards/${standard.id}`, {
      kind: "success",
      message: "standards.common.marked",
      params: { collaboration: collaboration.name, reference: decisionReference },
    });
  }
  const submission = parseWithZod(formData, { schema: RemoveCommonSchema });
  if (submission.status !== "success") {
    return reply({ intent, collaborationId: collaboration.id, result: submission.reply() }, 400);
  }
  const result = await removeCommonStandard({
    standardId: standard.id,
    collaborationId: collaboration.id,
    decisionReference: submission.value.decisionReference,
    actorUserId: auth.user.id,
    request: info,
  });
  if (result.status === "not-marked") {
    return reply(
      {
        intent,
        collaborationId: collaboration.id,
        result: submission.reply({ formErrors: ["standards.common.notMarked"] }),
      },
      409,
    );
  }
  return redirectWithToast(`/standards/${standard.id}`, {
    kind: "success",
    message: "standards.common.removed",
    params: { collaboration: collaboration.name },
  });
}

/** The adoption of the region chosen in the header, by one of its admins. */
async function adopt({ auth, standard, formData, request, context }: IntentArgs) {
  const regionId = auth.currentRegionId;
  if (!regionId) forbidden();
  assertAllowed(auth, "standard.adopt", { type: "region", regionId });
  const submission = parseWithZod(formData, { schema: AdoptionSchema });
  if (submission.status !== "success") return reply({ intent: "adopt", result: submission.reply() }, 400);
  const { status, statusDate, note, baseVersion } = submission.value;
  const result = await recordAdoption({
    regionId,
    standardId: standard.id,
    status,
    statusDate,
    note,
    baseVersion,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "saved": {
      const region = auth.memberships.find((membership) => membership.regionId === regionId);
      return redirectWithToast(`/standards/${standard.id}`, {
        kind: "success",
        message: "standards.adoption.saved",
        params: { region: region?.regionName ?? "", code: standard.code },
      });
    }
    case "conflict":
      return reply(
        { intent: "adopt", result: submission.reply(), adoptionConflict: { current: toAdoptionView(result.current) } },
        409,
      );
    case "not-found":
      notFound();
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function StandardRoute() {
  const t = useT();
  const { standard, linked, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/standards">{t("standards.title")}</Link>
      </p>
      <div className="page-header">
        <h1>
          {standard.code} <span className="standard-name">{standard.name}</span>
        </h1>
        {canManage ? (
          <Link to={`/standards/${standard.id}/edit`} className="button">
            {t("standards.edit.link")}
          </Link>
        ) : null}
      </div>
      {linked.outdated > 0 ? (
        <p className="notice notice-warning">
          <strong>{t("standards.outdatedNotice", { count: linked.outdated })}</strong>{" "}
          {t("standards.outdatedNoticeDetail", { version: standard.currentVersion })}{" "}
          <a href="#linked-requirements">{t("standards.outdatedNoticeLink")}</a>
        </p>
      ) : null}
      <StandardDetails />
      <VersionsSection />
      <CommonSection />
      <AdoptionSection />
      <LinkedRequirementsSection />
    </>
  );
}

function StandardDetails() {
  const t = useT();
  const { standard } = useLoaderData<typeof loader>();
  return (
    <dl className="standard-details card">
      <dt>{t("standards.field.ownerBody")}</dt>
      <dd>{standard.ownerBody || <span className="muted">{t("standards.notGiven")}</span>}</dd>
      <dt>{t("standards.field.category")}</dt>
      <dd>{t(standardCategoryLabel[standard.category])}</dd>
      <dt>{t("standards.field.lifecycle")}</dt>
      <dd>
        <LifecycleBadge lifecycle={standard.lifecycle} />
      </dd>
      <dt>{t("standards.col.version")}</dt>
      <dd>{standard.currentVersion || <span className="muted">{t("standards.noVersion")}</span>}</dd>
      <dt>{t("standards.field.link")}</dt>
      <dd>
        {standard.link ? (
          <a href={standard.link} rel="noopener noreferrer external">
            {standard.link}
          </a>
        ) : (
          <span className="muted">{t("standards.notGiven")}</span>
        )}
      </dd>
      <dt>{t("standards.field.description")}</dt>
      <dd className="pre-wrap">{standard.description || <span className="muted">{t("standards.notGiven")}</span>}</dd>
    </dl>
  );
}

function VersionsSection() {
  const t = useT();
  const { standard, versions, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t("standards.version.title")}</h2>
      {versions.length === 0 ? (
        <p>{t("standards.version.none")}</p>
      ) : (
        <table>
          <caption>{t("standards.version.caption", { count: versions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("standards.version.label")}</th>
              <th scope="col">{t("standards.version.releasedOn")}</th>
              <th scope="col">{t("standards.version.note")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.id}>
                <th scope="row">
                  {version.label}{" "}
                  {version.label === standard.currentVersion ? (
                    <span className="badge lifecycle-current">{t("standards.version.current")}</span>
                  ) : null}
                </th>
                <td className="standard-date">{version.releasedOn ? t.date(version.releasedOn) : ""}</td>
                <td className="pre-wrap">{version.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage ? (
        <AddVersionForm
          standardVersion={standard.version}
          currentVersion={standard.currentVersion}
          lastResult={actionData?.intent === "add-version" ? actionData.result : undefined}
        />
      ) : null}
    </section>
  );
}

function CommonSection() {
  const t = useT();
  const { markings, steering } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent, collaborationId: string) =>
    actionData?.intent === intent && actionData.collaborationId === collaborationId ? actionData.result : undefined;
  return (
    <section aria-labelledby="common-title">
      <h2 id="common-title">{t("standards.common.title")}</h2>
      <p>{t("standards.common.intro")}</p>
      {markings.length === 0 ? (
        <p>{t("standards.common.none")}</p>
      ) : (
        <table>
          <caption>{t("standards.common.caption", { count: markings.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("standards.common.collaboration")}</th>
              <th scope="col">{t("standards.common.level")}</th>
              <th scope="col">{t("standards.common.reference")}</th>
              <th scope="col">{t("standards.common.decidedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {markings.map((marking) => (
              <tr key={marking.collaborationId}>
                <th scope="row">
                  <Link to={`/collaborations/${marking.collaborationId}`}>{marking.collaborationName}</Link>
                </th>
                <td>
                  <span className={`badge common-${marking.level}`}>{t(commonLevelLabel[marking.level])}</span>
                </td>
                <td>{marking.decisionReference}</td>
                <td>
                  {marking.decidedOn ? t.date(marking.decidedOn) : ""}
                  {marking.decidedByName ? (
                    <div className="muted">{t("standards.common.recordedBy", { name: marking.decidedByName })}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {steering.map((membership) => {
        const marking = markings.find((row) => row.collaborationId === membership.collaborationId);
        return (
          <CommonMarkingForms
            key={membership.collaborationId}
            collaborationId={membership.collaborationId}
            collaborationName={membership.collaborationName}
            marking={
              marking
                ? { level: marking.level, decisionReference: marking.decisionReference, decidedOn: marking.decidedOn }
                : null
            }
            markResult={resultFor("mark-common", membership.collaborationId)}
            removeResult={resultFor("remove-common", membership.collaborationId)}
          />
        );
      })}
    </section>
  );
}

function AdoptionSection() {
  const t = useT();
  const { adoptions, adoptionRegion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const recorded = adoptions.filter((row) => row.status !== null).length;
  return (
    <section aria-labelledby="adoption-title" id="adoption">
      <h2 id="adoption-title">{t("standards.adoption.title")}</h2>
      <table>
        <caption>{t("standards.adoption.caption", { recorded, total: adoptions.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("standards.adoption.region")}</th>
            <th scope="col">{t("standards.adoption.status")}</th>
            <th scope="col">{t("standards.adoption.date")}</th>
            <th scope="col">{t("standards.adoption.note")}</th>
          </tr>
        </thead>
        <tbody>
          {adoptions.map((row) => (
            <tr key={row.regionId}>
              <th scope="row">{row.regionName}</th>
              <td>
                <AdoptionStatus status={row.status ?? "none"} />
              </td>
              <td className="standard-date">{row.statusDate ? t.date(row.statusDate) : ""}</td>
              <td className="pre-wrap">{row.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {adoptionRegion ? (
        <AdoptionForm
          regionName={adoptionRegion.name}
          adoption={adoptionRegion.adoption}
          conflict={actionData?.intent === "adopt" ? actionData.adoptionConflict : null}
          lastResult={actionData?.intent === "adopt" ? actionData.result : undefined}
        />
      ) : null}
    </section>
  );
}

function LinkedRequirementsSection() {
  const t = useT();
  const { linked, standard } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="linked-requirements-title" id="linked-requirements">
      <h2 id="linked-requirements-title">{t("standards.linked.title")}</h2>
      <p>{t("standards.linked.intro")}</p>
      {linked.total === 0 ? (
        <p>{t("standards.linked.none")}</p>
      ) : (
        <table>
          <caption>
            {t("standards.linked.caption", { count: linked.total, outdated: linked.outdated })}
            {linked.total > linked.requirements.length
              ? ` ${t("standards.linked.shownOf", { shown: linked.limit, total: linked.total })}`
              : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("standards.linked.requirement")}</th>
              <th scope="col">{t("standards.linked.set")}</th>
              <th scope="col">{t("standards.linked.region")}</th>
              <th scope="col">{t("standards.linked.pinned")}</th>
              <th scope="col">{t("standards.linked.state")}</th>
            </tr>
          </thead>
          <tbody>
            {linked.requirements.map((row) => (
              <LinkedRow key={row.requirementId} row={row} currentVersion={standard.currentVersion} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LinkedRow({
  row,
  currentVersion,
}: {
  row: LoaderData["linked"]["requirements"][number];
  currentVersion: string;
}) {
  const t = useT();
  return (
    <tr>
      <th scope="row">
        <Link to={`/sets/${row.setId}/requirements/${row.requirementId}`}>
          <span className="ref">{row.ref}</span> {row.title}
        </Link>
      </th>
      <td>
        <Link to={`/sets/${row.setId}`}>{row.setTitle}</Link>
      </td>
      <td>{row.regionName}</td>
      <td>{row.pinnedVersion || <span className="muted">{t("standards.link.noPin")}</span>}</td>
      <td>
        <span className={`badge link-${row.state}`}>{t(linkStateLabel[row.state])}</span>
        {row.state === "outdated" ? (
          <div className="muted">{t("standards.link.currentIs", { version: currentVersion })}</div>
        ) : null}
      </td>
    </tr>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData
    ? [{ title: `${loaderData.standard.code} ${loaderData.standard.name} – Samkrav` }]
    : pageTitle(matches, "standards.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
