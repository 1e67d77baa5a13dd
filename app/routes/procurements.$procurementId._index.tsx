import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorList, FormErrors, InputField } from "~/components/forms";
import {
  PhaseText,
  ProcurementHeader,
  RagBadge,
  toProcurementHeader,
  UnverifiedMarker,
} from "~/components/procurement-badges";
import { MilestoneFormFields } from "~/components/procurement-form";
import {
  addDecision,
  addMilestone,
  getProcurementRecords,
  linkLesson,
  linkSet,
  listLinkCandidates,
  procurementResource,
  removeDecision,
  removeMilestone,
  unlinkLesson,
  unlinkSet,
  type LinkResult,
  type VisibleProcurement,
} from "~/models/procurements.server";
import { assertAllowed, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { setStatusLabel, visibilityLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { procurementPermissions, requireProcurementAccess } from "~/utils/procurement-access.server";
import { AddMilestoneSchema, DecisionSchema, LinkSchema, RemoveSchema, swedishDate } from "~/utils/procurement-fields";
import { louPhaseLabel } from "~/utils/lou-phases";
import { requestInfo } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const LinkSetSchema = LinkSchema("link-set");
const UnlinkSetSchema = LinkSchema("unlink-set");
const LinkLessonSchema = LinkSchema("link-lesson");
const UnlinkLessonSchema = LinkSchema("unlink-lesson");
const RemoveMilestoneSchema = RemoveSchema("remove-milestone");
const RemoveDecisionSchema = RemoveSchema("remove-decision");

/**
 * Everything about one procurement: details, status reports (#status-reports, newest first),
 * milestones, the decision log (#decisions), and the requirement sets and lessons linked to it.
 * The lead region's editors add and remove milestones, decisions and links here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.read");
  const permissions = procurementPermissions(auth, procurement);
  const [records, candidates] = await Promise.all([
    getProcurementRecords({ procurementId: procurement.id, principal: auth.principal }),
    permissions.edit
      ? listLinkCandidates({ procurementId: procurement.id, principal: auth.principal })
      : Promise.resolve({ sets: [], lessons: [] }),
  ]);
  return {
    procurement: {
      ...toProcurementHeader(procurement),
      description: procurement.description,
      caseNumber: procurement.caseNumber,
      ragReason: procurement.ragReason,
      participants: procurement.participants,
      updatedAt: procurement.updatedAt.toISOString(),
      updatedByName: procurement.updatedByName,
    },
    ...records,
    reports: records.reports.map((report) => ({ ...report, createdAt: report.createdAt.toISOString() })),
    candidates,
    permissions,
    today: swedishDate(),
  };
}

type IntentArgs = {
  auth: AuthContext;
  procurement: VisibleProcurement;
  formData: FormData;
  request: Request;
  context: AppLoadContext;
};

type ActionData = { intent: string; result: SubmissionResult<string[]> | null; error: MessageKey | null };

const reply = (
  intent: string,
  result: SubmissionResult<string[]> | null,
  status: number,
  error: MessageKey | null = null,
) => data<ActionData>({ intent, result, error }, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.read");
  const formData = await readFormData(request);
  const args = { auth, procurement, formData, request, context };
  const intent = formData.get("intent");
  switch (intent) {
    case "add-milestone":
      return addMilestoneIntent(args);
    case "remove-milestone":
      return removeMilestoneIntent(args);
    case "add-decision":
      return addDecisionIntent(args);
    case "remove-decision":
      return removeDecisionIntent(args);
    case "link-set":
    case "unlink-set":
    case "link-lesson":
    case "unlink-lesson":
      return linkIntent(args, intent);
    default:
      return reply("unknown", null, 400, "validation.unknownIntent");
  }
}

function allowEdit({ auth, procurement }: IntentArgs) {
  assertAllowed(auth, "procurement.edit", procurementResource(procurement));
}

const back = (procurement: VisibleProcurement, section: string, message: MessageKey) =>
  redirectWithToast(`/procurements/${procurement.id}#${section}`, { kind: "success", message });

async function addMilestoneIntent(args: IntentArgs) {
  allowEdit(args);
  const submission = parseWithZod(args.formData, { schema: AddMilestoneSchema });
  if (submission.status !== "success") return reply("add-milestone", submission.reply(), 400);
  const { intent: _intent, ...input } = submission.value;
  await addMilestone({
    procurementId: args.procurement.id,
    input,
    actorUserId: args.auth.user.id,
    request: requestInfo(args.request, args.context),
  });
  return back(args.procurement, "milestones", "procurements.milestone.added");
}

async function removeMilestoneIntent(args: IntentArgs) {
  allowEdit(args);
  const submission = parseWithZod(args.formData, { schema: RemoveMilestoneSchema });
  if (submission.status !== "success") return reply("remove-milestone", submission.reply(), 400);
  const result = await removeMilestone({
    procurementId: args.procurement.id,
    milestoneId: submission.value.id,
    actorUserId: args.auth.user.id,
    request: requestInfo(args.request, args.context),
  });
  if (result.status === "not-found") return reply("remove-milestone", null, 409, "procurements.alreadyRemoved");
  return back(args.procurement, "milestones", "procurements.milestone.removed");
}

async function addDecisionIntent(args: IntentArgs) {
  allowEdit(args);
  const submission = parseWithZod(args.formData, { schema: DecisionSchema });
  if (submission.status !== "success") return reply("add-decision", submission.reply(), 400);
  const { intent: _intent, ...input } = submission.value;
  await addDecision({
    procurementId: args.procurement.id,
    input,
    actorUserId: args.auth.user.id,
    request: requestInfo(args.request, args.context),
  });
  return back(args.procurement, "decisions", "procurements.decision.added");
}

async function removeDecisionIntent(args: IntentArgs) {
  allowEdit(args);
  const submission = parseWithZod(args.formData, { schema: RemoveDecisionSchema });
  if (submission.status !== "success") return reply("remove-decision", submission.reply(), 400);
  const result = await removeDecision({
    procurementId: args.procurement.id,
    decisionId: submission.value.id,
    actorUserId: args.auth.user.id,
    request: requestInfo(args.request, args.context),
  });
  if (result.status === "not-found") return reply("remove-decision", null, 409, "procurements.alreadyRemoved");
  return back(args.procurement, "decisions", "procurements.decision.removed");
}

const LINK_INTENTS = {
  "link-set": { schema: LinkSetSchema, section: "sets", done: "procurements.link.setLinked" },
  "unlink-set": { schema: UnlinkSetSchema, section: "sets", done: "procurements.link.setUnlinked" },
  "link-lesson": { schema: LinkLessonSchema, section: "lessons", done: "procurements.link.lessonLinked" },
  "unlink-lesson": { schema: UnlinkLessonSchema, section: "lessons", done: "procurements.link.lessonUnlinked" },
} as const satisfies Record<string, { schema: unknown; section: string; done: MessageKey }>;

/** Link or unlink a set or lesson: only those the user may read can be linked, or unlinked. */
async function linkIntent(args: IntentArgs, intent: keyof typeof LINK_INTENTS) {
  allowEdit(args);
  const { schema, section, done } = LINK_INTENTS[intent];
  const submission = parseWithZod(args.formData, { schema });
  if (submission.status !== "success") return reply(intent, submission.reply(), 400);
  const common = {
    procurementId: args.procurement.id,
    principal: args.auth.principal,
    actorUserId: args.auth.user.id,
    request: requestInfo(args.request, args.context),
  };
  const id = submission.value.id;
  let result: LinkResult;
  switch (intent) {
    case "link-set":
      result = await linkSet({ ...common, setId: id });
      break;
    case "unlink-set":
      result = await unlinkSet({ ...common, setId: id });
      break;
    case "link-lesson":
      result = await linkLesson({ ...common, lessonId: id });
      break;
    case "unlink-lesson":
      result = await unlinkLesson({ ...common, lessonId: id });
      break;
  }
  switch (result.status) {
    case "linked":
    case "unlinked":
      return back(args.procurement, section, done);
    case "already-linked":
      return reply(intent, submission.reply({ fieldErrors: { id: ["procurements.link.already"] } }), 409);
    case "not-found":
      return reply(intent, submission.reply({ fieldErrors: { id: ["procurements.link.notFound"] } }), 400);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ProcurementRoute() {
  const t = useT();
  const { procurement, permissions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ProcurementHeader procurement={procurement} />
      {permissions.edit || permissions.share || permissions.archive ? (
        <p className="button-row">
          {permissions.edit ? (
            <Link to={`/procurements/${procurement.id}/reports/new`} className="button">
              {t("procurements.report.new")}
            </Link>
          ) : null}
          {permissions.edit || permissions.archive ? (
            <Link to={`/procurements/${procurement.id}/edit`}>{t("procurements.edit")}</Link>
          ) : null}
          {permissions.share ? (
            <Link to={`/procurements/${procurement.id}/share`}>{t("procurements.share.change")}</Link>
          ) : null}
        </p>
      ) : null}
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t.message(actionData.error)}</p>
        </div>
      ) : null}
      <Details />
      <StatusReports />
      <Milestones />
      <Decisions />
      <LinkedSets />
      <LinkedLessons />
    </>
  );
}

function Details() {
  const t = useT();
  const { procurement } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="details-heading" className="card" id="details">
      <h2 id="details-heading">{t("procurements.details")}</h2>
      <dl className="facts procurement-facts">
        <dt>{t("procurements.field.caseNumber")}</dt>
        <dd>{procurement.caseNumber || <span className="muted">{t("procurements.noCaseNumber")}</span>}</dd>
        <dt>{t("procurements.column.lead")}</dt>
        <dd>{procurement.leadRegionName}</dd>
        <dt>{t("procurements.column.participants")}</dt>
        <dd>
          {procurement.participants.length === 0 ? (
            <span className="muted">{t("procurements.noParticipants")}</span>
          ) : (
            procurement.participants.map((region) => region.name).join(", ")
          )}
        </dd>
        <dt>{t("procurements.field.phase")}</dt>
        <dd>
          <PhaseText phase={procurement.phase} />
        </dd>
        <dt>{t("procurements.field.rag")}</dt>
        <dd>
          <RagBadge rag={procurement.rag} />
          {procurement.ragReason ? <p className="pre-wrap rag-reason">{procurement.ragReason}</p> : null}
        </dd>
        <dt>{t("procurements.sharing")}</dt>
        <dd>
          {t(visibilityLabel[procurement.visibility])}
          {procurement.collaborationName ? `: ${procurement.collaborationName}` : ""}
          {procurement.participants.length > 0 ? (
            <div className="muted">{t("procurements.participantsRead")}</div>
          ) : null}
        </dd>
        <dt>{t("procurements.lastChanged")}</dt>
        <dd>
          {t.dateTime(procurement.updatedAt)}
          {procurement.updatedByName ? ` – ${procurement.updatedByName}` : ""}
        </dd>
      </dl>
      {procurement.description ? (
        <>
          <h3>{t("procurements.field.description")}</h3>
          <p className="pre-wrap">{procurement.description}</p>
        </>
      ) : null}
    </section>
  );
}

function StatusReports() {
  const t = useT();
  const { procurement, reports, permissions } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="status-reports-heading" id="status-reports">
      <h2 id="status-reports-heading">{t("procurements.report.heading")}</h2>
      <p className="muted">{t("procurements.report.intro")}</p>
      {reports.length === 0 ? <p>{t("procurements.noReports")}</p> : null}
      <ol className="plain status-reports">
        {reports.map((report, index) => (
          <li key={report.id}>
            <article className="card status-report" aria-labelledby={`report-${report.id}`}>
              <h3 id={`report-${report.id}`}>
                {t("procurements.period", { start: t.date(report.periodStart), end: t.date(report.periodEnd) })}
                {index === 0 ? (
                  <>
                    {" "}
                    <span className="badge">{t("procurements.report.latest")}</span>
                  </>
                ) : null}
              </h3>
              <p>
                <RagBadge rag={report.rag} />{" "}
                <span className="muted">
                  {t("procurements.report.written", {
                    date: t.date(report.createdAt),
                    name: report.authorName ?? t("audit.unknownPerson"),
                  })}
                </span>
              </p>
              <dl className="facts">
                <dt>{t("procurements.report.summary")}</dt>
                <dd className="pre-wrap">{report.summary}</dd>
                {report.risks ? (
                  <>
                    <dt>{t("procurements.report.risks")}</dt>
                    <dd className="pre-wrap">{report.risks}</dd>
                  </>
                ) : null}
                {report.nextSteps ? (
                  <>
                    <dt>{t("procurements.report.nextSteps")}</dt>
                    <dd className="pre-wrap">{report.nextSteps}</dd>
                  </>
                ) : null}
              </dl>
            </article>
          </li>
        ))}
      </ol>
      {permissions.edit ? (
        <p>
          <Link to={`/procurements/${procurement.id}/reports/new`}>{t("procurements.report.new")}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Milestones() {
  const t = useT();
  const { procurement, milestones, permissions, today } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="milestones-heading" id="milestones">
      <h2 id="milestones-heading">{t("procurements.milestone.heading")}</h2>
      {milestones.length === 0 ? (
        <p>{t("procurements.milestone.none")}</p>
      ) : (
        <table>
          <caption>{t("procurements.milestone.caption", { count: milestones.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("procurements.milestone.phase")}</th>
              <th scope="col">{t("procurements.milestone.label")}</th>
              <th scope="col">{t("procurements.milestone.plannedOn")}</th>
              <th scope="col">{t("procurements.milestone.actualOn")}</th>
              {permissions.edit ? <th scope="col">{t("procurements.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {milestones.map((milestone) => {
              const name = milestone.label || t(louPhaseLabel[milestone.phase]);
              return (
                <tr key={milestone.id}>
                  <td>{t(louPhaseLabel[milestone.phase])}</td>
                  <td>
                    {milestone.label}
                    {milestone.unverified ? (
                      <>
                        {" "}
                        <UnverifiedMarker />
                      </>
                    ) : null}
                  </td>
                  <td>{milestone.plannedOn ? t.date(milestone.plannedOn) : "–"}</td>
                  <td>
                    {milestone.actualOn ? t.date(milestone.actualOn) : "–"}
                    {!milestone.actualOn && milestone.plannedOn && milestone.plannedOn < today ? (
                      <div className="muted">{t("procurements.milestone.overdue")}</div>
                    ) : null}
                  </td>
                  {permissions.edit ? (
                    <td>
                      <div className="row-actions">
                        <Link to={`/procurements/${procurement.id}/milestones/${milestone.id}`}>
                          {t("procurements.change")}
                          <span className="visually-hidden"> {name}</span>
                        </Link>
                        <RemoveButton intent="remove-milestone" id={milestone.id} name={name} />
                      </div>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {milestones.some((milestone) => milestone.unverified) ? (
        <p className="muted">{t("procurements.unverifiedHint")}</p>
      ) : null}
      {permissions.edit ? <AddMilestoneForm /> : null}
    </section>
  );
}

/** "Ta bort" opens a confirmation (a disclosure, so it works without JavaScript). */
function RemoveButton({ intent, id, name }: { intent: string; id: string; name: string }) {
  const t = useT();
  return (
    <details className="confirm-remove">
      <summary>
        {t("procurements.remove")}
        <span className="visually-hidden"> {name}</span>
      </summary>
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="danger">
          {t("procurements.confirmRemove", { name })}
        </button>
      </Form>
    </details>
  );
}

function lastResultFor(actionData: ActionData | undefined, intent: string) {
  return actionData?.intent === intent ? actionData.result : undefined;
}

function AddMilestoneForm() {
  const t = useT();
  const { procurement } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "add-milestone",
    lastResult: lastResultFor(actionData, "add-milestone"),
    defaultValue: { phase: procurement.phase },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddMilestoneSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack wide card" {...getFormProps(form)}>
      <h3>{t("procurements.milestone.add")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-milestone" />
      <MilestoneFormFields fields={fields} />
      <div>
        <button type="submit">{t("procurements.milestone.add")}</button>
      </div>
    </Form>
  );
}

function Decisions() {
  const t = useT();
  const { decisions, permissions } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="decisions-heading" id="decisions">
      <h2 id="decisions-heading">{t("procurements.decision.heading")}</h2>
      {decisions.length === 0 ? (
        <p>{t("procurements.decision.none")}</p>
      ) : (
        <table>
          <caption>{t("procurements.decision.caption", { count: decisions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("procurements.decision.decidedOn")}</th>
              <th scope="col">{t("procurements.decision.body")}</th>
              <th scope="col">{t("procurements.decision.reference")}</th>
              <th scope="col">{t("procurements.decision.summary")}</th>
              {permissions.edit ? <th scope="col">{t("procurements.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {decisions.map((decision) => (
              <tr key={decision.id}>
                <td>
                  {t.date(decision.decidedOn)}
                  {decision.unverified ? (
                    <>
                      {" "}
                      <UnverifiedMarker />
                    </>
                  ) : null}
                </td>
                <td>{decision.body}</td>
                <td>
                  {decision.link ? (
                    <a href={decision.link} rel="noopener noreferrer">
                      {decision.reference}
                    </a>
                  ) : (
                    decision.reference
                  )}
                </td>
                <td className="pre-wrap">{decision.summary}</td>
                {permissions.edit ? (
                  <td>
                    <RemoveButton intent="remove-decision" id={decision.id} name={decision.reference} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {decisions.some((decision) => decision.unverified) ? (
        <p className="muted">{t("procurements.unverifiedHint")}</p>
      ) : null}
      {permissions.edit ? <AddDecisionForm /> : null}
    </section>
  );
}

function AddDecisionForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "add-decision",
    lastResult: lastResultFor(actionData, "add-decision"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack wide card" {...getFormProps(form)}>
      <h3>{t("procurements.decision.add")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-decision" />
      <div className="form-row">
        <InputField
          field={fields.body}
          label={t("procurements.decision.body")}
          hint={t("procurements.decision.bodyHint")}
        />
        <InputField
          field={fields.reference}
          label={t("procurements.decision.reference")}
          hint={t("procurements.decision.referenceHint")}
        />
        <InputField field={fields.decidedOn} label={t("procurements.decision.decidedOn")} type="date" />
      </div>
      <div className="field">
        <label htmlFor={fields.summary.id}>{t("procurements.decision.summary")}</label>
        <textarea {...getTextareaProps(fields.summary, { ariaAttributes: true })} rows={3} />
        <ErrorList id={fields.summary.errorId} errors={fields.summary.errors} />
      </div>
      <InputField
        field={fields.link}
        label={t("procurements.decision.link")}
        hint={t("procurements.decision.linkHint")}
        type="url"
      />
      <div className="field">
        <label className="checkbox" htmlFor={fields.unverified.id}>
          <input {...getInputProps(fields.unverified, { type: "checkbox", ariaAttributes: true })} />{" "}
          {t("procurements.markUnverified")}
        </label>
      </div>
      <div>
        <button type="submit">{t("procurements.decision.add")}</button>
      </div>
    </Form>
  );
}

function LinkedSets() {
  const t = useT();
  const { sets, candidates, permissions } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="sets-heading" id="sets">
      <h2 id="sets-heading">{t("procurements.link.setsHeading")}</h2>
      {sets.length === 0 ? (
        <p>{t("procurements.link.noSets")}</p>
      ) : (
        <ul className="plain linked-items">
          {sets.map((set) => (
            <li key={set.id}>
              <Link to={`/sets/${set.id}`}>{set.title}</Link>{" "}
              <span className="muted">
                {set.regionName} · {t(setStatusLabel[set.status])}
              </span>
              {permissions.edit ? <UnlinkButton intent="unlink-set" id={set.id} name={set.title} /> : null}
            </li>
          ))}
        </ul>
      )}
      {permissions.edit ? (
        <LinkForm
          intent="link-set"
          label={t("procurements.link.chooseSet")}
          submit={t("procurements.link.linkSet")}
          empty={t("procurements.link.noSetCandidates")}
          options={candidates.sets}
        />
      ) : null}
    </section>
  );
}

function LinkedLessons() {
  const t = useT();
  const { lessons, candidates, permissions } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="lessons-heading" id="lessons">
      <h2 id="lessons-heading">{t("procurements.link.lessonsHeading")}</h2>
      {lessons.length === 0 ? (
        <p>{t("procurements.link.noLessons")}</p>
      ) : (
        <ul className="plain linked-items">
          {lessons.map((lesson) => (
            <li key={lesson.id}>
              <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>{" "}
              <span className="muted">{lesson.regionName}</span>
              {permissions.edit ? <UnlinkButton intent="unlink-lesson" id={lesson.id} name={lesson.title} /> : null}
            </li>
          ))}
        </ul>
      )}
      {permissions.edit ? (
        <LinkForm
          intent="link-lesson"
          label={t("procurements.link.chooseLesson")}
          submit={t("procurements.link.linkLesson")}
          empty={t("procurements.link.noLessonCandidates")}
          options={candidates.lessons}
        />
      ) : null}
    </section>
  );
}

function UnlinkButton({ intent, id, name }: { intent: string; id: string; name: string }) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="link">
        {t("procurements.link.unlink")}
        <span className="visually-hidden"> {name}</span>
      </button>
    </Form>
  );
}

function LinkForm({
  intent,
  label,
  submit,
  empty,
  options,
}: {
  intent: "link-set" | "link-lesson";
  label: string;
  submit: string;
  empty: string;
  options: LoaderData["candidates"]["sets"];
}) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: intent,
    lastResult: lastResultFor(actionData, intent),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LinkSchema(intent) }),
  });
  if (options.length === 0) return <p className="muted">{empty}</p>;
  return (
    <Form method="post" className="filters" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={fields.id.id}>{label}</label>
        <select {...getSelectProps(fields.id, { ariaAttributes: true })}>
          <option value="">{t("procurements.link.choose")}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.title} ({option.regionName})
            </option>
          ))}
        </select>
        <ErrorList id={fields.id.errorId} errors={fields.id.errors} />
      </div>
      <div>
        <button type="submit">{submit}</button>
      </div>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData ? [{ title: `${loaderData.procurement.title} – Samkrav` }] : pageTitle(matches, "procurements.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
