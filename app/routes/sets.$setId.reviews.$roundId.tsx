import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";

import { ErrorList, FormErrors } from "~/components/forms";
import {
  decisionLabel,
  DecideSchema,
  EstablishSchema,
  ReviewEstablishForm,
  ReviewEstablishment,
  reviewerRoleLabel,
  roundStatusLabel,
} from "~/components/review-forms";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { setResource, type VisibleSet } from "~/models/requirement-sets.server";
import {
  closeReviewRound,
  decideReview,
  establishBaseline,
  getBaselineEstablishment,
  getEstablishTarget,
  getReviewRound,
  isInvitedReviewer,
  type ReviewRound,
} from "~/models/reviews.server";
import { assertAllowed, forbidden, notFound, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { getLanguage } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { VersionSchema } from "~/utils/requirement-schemas";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

async function loadRound(setId: string, roundId: string | undefined): Promise<ReviewRound> {
  if (!UuidSchema.safeParse(roundId).success) notFound();
  const round = await getReviewRound({ setId, roundId: roundId ?? "" });
  if (!round) notFound();
  return round;
}

/** One review round: who has answered, the reviewer's decision form, the owner's close, fastställelse. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const round = await loadRound(set.id, params.roundId);
  const resource = setResource(set);
  const mine = round.invitations.find((invitation) => invitation.userId === auth.user.id) ?? null;
  const approvedBaseline = round.approvedBaseline;
  const establishment = approvedBaseline ? await getBaselineEstablishment({ baselineId: approvedBaseline.id }) : null;
  // Only the set's latest approved baseline can be established (the model acts on that one).
  const latestApproved = approvedBaseline && !establishment ? await getEstablishTarget({ setId: set.id }) : null;
  return {
    set: toSetHeader(set),
    round: {
      id: round.id,
      status: round.status,
      message: round.message,
      dueDate: round.dueDate,
      version: round.version,
      createdAt: round.createdAt.toISOString(),
      createdByName: round.createdByName,
      baselineId: round.baselineId,
      baselineName: round.baselineName,
      approvedBaseline,
    },
    invitations: round.invitations.map((invitation) => ({
      ...invitation,
      decidedAt: invitation.decidedAt?.toISOString() ?? null,
    })),
    mine: mine ? { decision: mine.decision, comment: mine.comment, version: mine.version } : null,
    canManage: round.status === "open" && can(auth.principal, "set.review_manage", resource),
    establishment,
    canEstablish:
      latestApproved !== null &&
      latestApproved.id === approvedBaseline?.id &&
      set.collaborationName !== null &&
      can(auth.principal, "set.establish", resource),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const round = await loadRound(set.id, params.roundId);
  const formData = await readFormData(request);
  const args = { auth, set, round, formData, request, context };
  switch (formData.get("intent")) {
    case "decide":
      return decide(args);
    case "close-changes":
      return close(args, "changes_requested");
    case "cancel":
      return close(args, "cancelled");
    case "establish":
      return establish(args);
    default:
      return data(
        { intent: "unknown", result: null, error: "validation.unknownIntent", theirs: null },
        { status: 400 },
      );
  }
}

type IntentArgs = {
  auth: AuthContext;
  set: VisibleSet;
  round: ReviewRound;
  formData: FormData;
  request: Request;
  context: AppLoadContext;
};

async function decide({ auth, set, round, formData, request, context }: IntentArgs) {
  // Giving a decision is for the people invited to this round, whatever their role.
  if (!(await isInvitedReviewer({ roundId: round.id, userId: auth.user.id }))) forbidden();
  const submission = parseWithZod(formData, { schema: DecideSchema });
  if (submission.status !== "success") {
    return data({ intent: "decide", result: submission.reply(), error: null, theirs: null }, { status: 400 });
  }
  const result = await decideReview({
    setId: set.id,
    roundId: round.id,
    userId: auth.user.id,
    decision: submission.value.decision,
    comment: submission.value.comment,
    baseVersion: submission.value.baseVersion,
    language: getLanguage(request, auth.user.locale),
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/sets/${set.id}/reviews/${round.id}`, {
        kind: "success",
        message: result.roundApproved ? "reviews.decidedAndApproved" : "reviews.decided",
      });
    case "not-invited":
      forbidden();
    // falls through: forbidden() never returns
    case "closed":
      return data(
        {
          intent: "decide",
          result: submission.reply({ formErrors: ["reviews.roundClosed"] }),
          error: null,
          theirs: null,
        },
        { status: 409 },
      );
    case "conflict":
      // Another tab (or a double submit) changed the answer: keep what was typed, show theirs.
      return data(
        { intent: "decide", result: submission.reply(), error: null, theirs: result.current },
        { status: 409 },
      );
  }
}

async function close(
  { auth, set, round, formData, request, context }: IntentArgs,
  outcome: "changes_requested" | "cancelled",
) {
  assertAllowed(auth, "set.review_manage", setResource(set));
  const intent = outcome === "cancelled" ? "cancel" : "close-changes";
  const baseVersion = VersionSchema.safeParse(formData.get("baseVersion"));
  if (!baseVersion.success) {
    return data({ intent, result: null, error: "validation.invalid", theirs: null }, { status: 400 });
  }
  const result = await closeReviewRound({
    setId: set.id,
    roundId: round.id,
    baseVersion: baseVersion.data,
    outcome,
    actorUserId: auth.user.id,
    language: getLanguage(request, auth.user.locale),
    request: requestInfo(request, context),
  });
  if (result.status === "closed") {
    return redirectWithToast(`/sets/${set.id}/reviews/${round.id}`, { kind: "success", message: "reviews.closed" });
  }
  const reasons: Record<typeof result.status, MessageKey> = {
    conflict: "reviews.roundConflict",
    "not-open": "reviews.roundClosed",
    "no-changes-requested": "reviews.close.noChangesRequested",
  };
  const reason = reasons[result.status];
  return data({ intent, result: null, error: reason, theirs: null }, { status: 409 });
}

async function establish({ auth, set, round, formData, request, context }: IntentArgs) {
  assertAllowed(auth, "set.establish", setResource(set));
  const submission = parseWithZod(formData, { schema: EstablishSchema });
  if (submission.status !== "success") {
    return data({ intent: "establish", result: submission.reply(), error: null, theirs: null }, { status: 400 });
  }
  const result = await establishBaseline({
    setId: set.id,
    decisionReference: submission.value.decisionReference,
    decidedOn: submission.value.decidedOn,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status !== "established") {
    const reason =
      result.status === "already-established" ? "reviews.establish.already" : "reviews.establish.notApproved";
    return data(
      { intent: "establish", result: submission.reply({ formErrors: [reason] }), error: null, theirs: null },
      { status: 409 },
    );
  }
  return redirectWithToast(`/sets/${set.id}/reviews/${round.id}`, {
    kind: "success",
    message: "reviews.established",
    params: { baseline: result.baselineName },
  });
}

export default function ReviewRoundRoute() {
  const t = useT();
  const { set, round, invitations, mine, canManage, establishment, canEstablish } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answered = invitations.filter((invitation) => invitation.decision !== null).length;
  const changesRequested = invitations.filter((invitation) => invitation.decision === "request_changes").length;
  return (
    <>
      <SetHeader set={set} heading={t("reviews.roundTitle", { baseline: round.baselineName })} />
      <p>
        <span className="badge">{t(roundStatusLabel[round.status])}</span>{" "}
        {t("reviews.roundMeta", {
          date: t.dateTime(round.createdAt),
          name: round.createdByName ?? t("audit.unknownPerson"),
          due: round.dueDate,
        })}
      </p>
      <p>
        <Link to={`/sets/${set.id}/baselines/${round.baselineId}`}>{round.baselineName}</Link> ·{" "}
        <Link to={`/sets/${set.id}/diff?from=${round.baselineId}&to=working`}>{t("reviews.compare")}</Link>
      </p>
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t.message(actionData.error)}</p>
        </div>
      ) : null}
      {round.message ? (
        <section aria-labelledby="round-message">
          <h2 id="round-message">{t("reviews.message")}</h2>
          <p className="pre-wrap">{round.message}</p>
        </section>
      ) : null}
      {round.status === "approved" && round.approvedBaseline ? (
        <p className="notice">
          {t("reviews.roundApprovedNotice", { baseline: round.approvedBaseline.name })}{" "}
          <Link to={`/sets/${set.id}/baselines/${round.approvedBaseline.id}`}>{round.approvedBaseline.name}</Link>
        </p>
      ) : null}
      {establishment ? <ReviewEstablishment establishment={establishment} /> : null}
      {changesRequested > 0 && round.status === "open" ? (
        <p className="notice notice-warning">{t("reviews.changesRequestedNotice", { count: changesRequested })}</p>
      ) : null}
      <p>{t("reviews.summary", { answered, invited: invitations.length })}</p>
      <table>
        <caption>{t("reviews.reviewersCaption", { count: invitations.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reviews.col.name")}</th>
            <th scope="col">{t("reviews.col.region")}</th>
            <th scope="col">{t("reviews.col.role")}</th>
            <th scope="col">{t("reviews.col.required")}</th>
            <th scope="col">{t("reviews.col.decision")}</th>
            <th scope="col">{t("reviews.col.comment")}</th>
            <th scope="col">{t("reviews.col.date")}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td>{invitation.name}</td>
              <td>{invitation.regionNames ?? ""}</td>
              <td>{t(reviewerRoleLabel[invitation.role])}</td>
              <td>{invitation.required ? t("reviews.yes") : t("reviews.no")}</td>
              <td>{invitation.decision ? t(decisionLabel[invitation.decision]) : t("reviews.decision.none")}</td>
              <td className="pre-wrap">{invitation.comment}</td>
              <td>{invitation.decidedAt ? t.dateTime(invitation.decidedAt) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mine && round.status === "open" ? <DecideForm mine={mine} /> : null}
      {canManage ? (
        <section className="card" aria-labelledby="close-heading">
          <h2 id="close-heading">{t("reviews.close.title")}</h2>
          <p>{t("reviews.close.intro")}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="baseVersion" value={round.version} />
            {changesRequested > 0 ? (
              <button type="submit" name="intent" value="close-changes">
                {t("reviews.close.changesRequested")}
              </button>
            ) : null}
            <button type="submit" name="intent" value="cancel" className="secondary">
              {t("reviews.close.cancel")}
            </button>
          </Form>
        </section>
      ) : null}
      {canEstablish && round.approvedBaseline && set.collaborationName ? (
        <ReviewEstablishForm
          collaborationName={set.collaborationName}
          baselineName={round.approvedBaseline.name}
          lastResult={actionData?.intent === "establish" ? actionData.result : undefined}
        />
      ) : null}
    </>
  );
}

function DecideForm({
  mine,
}: {
  mine: { decision: "approve" | "request_changes" | null; comment: string; version: number };
}) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const theirs = actionData?.intent === "decide" ? actionData.theirs : null;
  const [form, fields] = useForm({
    id: "review-decision",
    lastResult: actionData?.intent === "decide" ? actionData.result : undefined,
    defaultValue: { decision: mine.decision ?? "", comment: mine.comment },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideSchema }),
    shouldRevalidate: "onBlur",
  });
  // The version this form was opened at; only the conflict view moves it, on purpose.
  const [openedVersion] = useState(mine.version);
  const baseVersion = theirs ? theirs.version : openedVersion;
  const chosen = (fields.decision.value ?? fields.decision.initialValue ?? "") as string;
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <h2>{t("reviews.decide.title")}</h2>
      {mine.decision ? <p>{t("reviews.decide.yours", { decision: t(decisionLabel[mine.decision]) })}</p> : null}
      {theirs ? (
        <div className="notice notice-warning" role="alert">
          <p>
            {t("reviews.decideConflict", {
              decision: theirs.decision ? t(decisionLabel[theirs.decision]) : t("reviews.decision.none"),
            })}
          </p>
        </div>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="baseVersion" value={baseVersion} key={baseVersion} />
      <fieldset aria-describedby={fields.decision.errors ? fields.decision.errorId : undefined}>
        <legend>{t("reviews.decide.decision")}</legend>
        <label className="checkbox">
          <input type="radio" name={fields.decision.name} value="approve" defaultChecked={chosen === "approve"} />{" "}
          {t("reviews.decide.approve")}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={fields.decision.name}
            value="request_changes"
            defaultChecked={chosen === "request_changes"}
          />{" "}
          {t("reviews.decide.requestChanges")}
        </label>
        <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.comment.id}>{t("reviews.decide.comment")}</label>
        <p id={`${fields.comment.id}-hint`} className="field-hint">
          {t("reviews.decide.commentHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.comment, { ariaAttributes: true })}
          aria-describedby={[`${fields.comment.id}-hint`, fields.comment.errors ? fields.comment.errorId : null]
            .filter(Boolean)
            .join(" ")}
          rows={4}
        />
        <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
      </div>
      <div>
        <button type="submit">{t("reviews.decide.submit")}</button>
      </div>
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reviews.roundPageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
