import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorList, FormErrors, InputField } from "~/components/forms";
import {
  EstablishSchema,
  OpenRoundSchema,
  ReviewEstablishForm,
  ReviewEstablishment,
  reviewerRoleLabel,
  roundStatusLabel,
} from "~/components/review-forms";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { setResource, type VisibleSet } from "~/models/requirement-sets.server";
import {
  establishBaseline,
  getEstablishTarget,
  listReviewerCandidates,
  listReviewRounds,
  openReviewRound,
} from "~/models/reviews.server";
import { assertAllowed, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { REVIEWER_ROLES, type ReviewerRole } from "~/utils/review-fields";
import { getLanguage } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { requestInfo } from "~/utils/request.server";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Reviewers of these kinds must approve unless the sender says otherwise. */
const REQUIRED_BY_DEFAULT: readonly ReviewerRole[] = ["steering", "legal"];

/** The set's review rounds, the form to send it for review, and the steering group's fastställelse. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const resource = setResource(set);
  const rounds = await listReviewRounds({ setId: set.id });
  const canOpen =
    can(auth.principal, "set.review_manage", resource) &&
    (set.status === "draft" || set.status === "in_review") &&
    !rounds.some((round) => round.status === "open");
  const candidates = canOpen ? await listReviewerCandidates({ setId: set.id, actorUserId: auth.user.id }) : [];
  const establishTarget = await getEstablishTarget({ setId: set.id });
  return {
    set: toSetHeader(set),
    version: set.version,
    canOpen,
    candidates,
    rounds: rounds.map((round) => ({
      ...round,
      createdAt: round.createdAt.toISOString(),
      closedAt: round.closedAt?.toISOString() ?? null,
    })),
    establish:
      establishTarget && set.collaborationName
        ? {
            baselineName: establishTarget.name,
            collaborationName: set.collaborationName,
            establishment: establishTarget.establishment,
            canEstablish: establishTarget.establishment === null && can(auth.principal, "set.establish", resource),
          }
        : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "open":
      return openRound({ auth, set, formData, request, context });
    case "establish":
      return establish({ auth, set, formData, request, context });
    default:
      return data({ intent: "unknown", result: null, error: "validation.unknownIntent" }, { status: 400 });
  }
}

type IntentArgs = {
  auth: AuthContext;
  set: VisibleSet;
  formData: FormData;
  request: Request;
  context: AppLoadContext;
};

async function openRound({ auth, set, formData, request, context }: IntentArgs) {
  assertAllowed(auth, "set.review_manage", setResource(set));
  const submission = parseWithZod(formData, { schema: OpenRoundSchema });
  if (submission.status !== "success") {
    return data({ intent: "open", result: submission.reply(), error: null }, { status: 400 });
  }
  const { dueDate, message, reviewers, required, baseVersion } = submission.value;
  const result = await openReviewRound({
    setId: set.id,
    baseVersion,
    dueDate,
    message,
    reviewers: [...new Set(reviewers)].map((userId) => ({ userId, required: required.includes(userId) })),
    actorUserId: auth.user.id,
    language: getLanguage(request, auth.user.locale),
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "opened":
      return redirectWithToast(`/sets/${set.id}/reviews/${result.roundId}`, {
        kind: "success",
        message: "reviews.opened",
        params: { count: new Set(reviewers).size },
      });
    case "invalid-reviewers":
      return data(
        {
          intent: "open",
          result: submission.reply({ fieldErrors: { reviewers: ["reviews.reviewerInvalid"] } }),
          error: null,
        },
        { status: 400 },
      );
    case "conflict":
    case "round-open":
    case "not-reviewable": {
      const reason = {
        conflict: "reviews.conflict",
        "round-open": "reviews.open.roundOpen",
        "not-reviewable": "reviews.open.notReviewable",
      }[result.status];
      return data({ intent: "open", result: submission.reply({ formErrors: [reason] }), error: null }, { status: 409 });
    }
  }
}

async function establish({ auth, set, formData, request, context }: IntentArgs) {
  assertAllowed(auth, "set.establish", setResource(set));
  const submission = parseWithZod(formData, { schema: EstablishSchema });
  if (submission.status !== "success") {
    return data({ intent: "establish", result: submission.reply(), error: null }, { status: 400 });
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
      { intent: "establish", result: submission.reply({ formErrors: [reason] }), error: null },
      { status: 409 },
    );
  }
  return redirectWithToast(`/sets/${set.id}/reviews`, {
    kind: "success",
    message: "reviews.established",
    params: { baseline: result.baselineName },
  });
}

export default function ReviewsRoute() {
  const t = useT();
  const { set, rounds, canOpen, establish } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <SetHeader set={set} heading={t("reviews.title")} />
      <p>{t("reviews.intro")}</p>
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t.message(actionData.error)}</p>
        </div>
      ) : null}
      {establish?.establishment ? <ReviewEstablishment establishment={establish.establishment} /> : null}
      {rounds.length === 0 ? (
        <p>{t("reviews.none")}</p>
      ) : (
        <table>
          <caption>{t("reviews.caption", { count: rounds.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reviews.started")}</th>
              <th scope="col">{t("reviews.status")}</th>
              <th scope="col">{t("reviews.baseline")}</th>
              <th scope="col">{t("reviews.dueDate")}</th>
              <th scope="col">{t("reviews.answers")}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((round) => (
              <tr key={round.id}>
                <td>
                  <Link to={`/sets/${set.id}/reviews/${round.id}`}>{t.dateTime(round.createdAt)}</Link>
                  {round.createdByName ? <div className="muted">{round.createdByName}</div> : null}
                </td>
                <td>
                  <span className="badge">{t(roundStatusLabel[round.status])}</span>
                  {round.changesRequested > 0 ? (
                    <div className="muted">{t("reviews.changesRequestedCount", { count: round.changesRequested })}</div>
                  ) : null}
                </td>
                <td>
                  <Link to={`/sets/${set.id}/baselines/${round.baselineId}`}>{round.baselineName}</Link>
                </td>
                <td>
                  {round.dueDate}{" "}
                  {round.overdue ? <span className="badge badge-denied">{t("reviews.overdue")}</span> : null}
                </td>
                <td>
                  {t("reviews.answerCounts", {
                    answered: round.answered,
                    invited: round.invited,
                    approved: round.requiredApproved,
                    required: round.required,
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canOpen ? <OpenRoundForm /> : null}
      {establish?.canEstablish ? (
        <ReviewEstablishForm
          collaborationName={establish.collaborationName}
          baselineName={establish.baselineName}
          lastResult={actionData?.intent === "establish" ? actionData.result : undefined}
        />
      ) : null}
    </>
  );
}

function stringsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" ? [value] : [];
}

function OpenRoundForm() {
  const t = useT();
  const { version, candidates, set } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.intent === "open" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "open-review-round",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenRoundSchema }),
    shouldRevalidate: "onBlur",
  });
  // After a refused submission without JavaScript, tick again what the person had ticked.
  const submitted = lastResult?.initialValue ?? null;
  const chosen = new Set(stringsOf(submitted?.reviewers));
  const required = new Set(stringsOf(submitted?.required));
  const isRequired = (userId: string, role: ReviewerRole) =>
    submitted ? required.has(userId) : REQUIRED_BY_DEFAULT.includes(role);
  if (candidates.length === 0) {
    return (
      <section className="card">
        <h2>{t("reviews.open.title")}</h2>
        <p>{t("reviews.open.noCandidates")}</p>
      </section>
    );
  }
  return (
    <Form method="post" className="stack wide card" {...getFormProps(form)}>
      <h2>{t("reviews.open.title")}</h2>
      <p>{set.status === "in_review" ? t("reviews.open.introInReview") : t("reviews.open.intro")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="open" />
      <input type="hidden" name="baseVersion" value={version} />
      <InputField field={fields.dueDate} label={t("reviews.open.dueDate")} type="date" />
      <div className="field">
        <label htmlFor={fields.message.id}>{t("reviews.open.message")}</label>
        <p id={`${fields.message.id}-hint`} className="field-hint">
          {t("reviews.open.messageHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.message, { ariaAttributes: true })}
          aria-describedby={[`${fields.message.id}-hint`, fields.message.errors ? fields.message.errorId : null]
            .filter(Boolean)
            .join(" ")}
          rows={4}
        />
        <ErrorList id={fields.message.errorId} errors={fields.message.errors} />
      </div>
      <fieldset aria-describedby={fields.reviewers.errors ? fields.reviewers.errorId : undefined}>
        <legend>{t("reviews.open.reviewers")}</legend>
        <ErrorList id={fields.reviewers.errorId} errors={fields.reviewers.errors} />
        {REVIEWER_ROLES.map((role) => {
          const group = candidates.filter((candidate) => candidate.role === role);
          if (group.length === 0) return null;
          return (
            <fieldset key={role}>
              <legend>{t(reviewerRoleLabel[role])}</legend>
              <ul className="reviewer-choices">
                {group.map((candidate) => (
                  <li key={candidate.userId}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        name="reviewers"
                        value={candidate.userId}
                        defaultChecked={chosen.has(candidate.userId)}
                      />{" "}
                      {candidate.name}
                      {candidate.regionNames ? <span className="muted"> ({candidate.regionNames})</span> : null}
                    </label>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        name="required"
                        value={candidate.userId}
                        defaultChecked={isRequired(candidate.userId, role)}
                      />{" "}
                      {t("reviews.open.required")}
                      <span className="visually-hidden"> – {candidate.name}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </fieldset>
      <div>
        <button type="submit">{t("reviews.open.submit")}</button>
      </div>
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reviews.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
