import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorList, FormErrors } from "~/components/forms";
import { AdoptionLine } from "~/components/library-adoption";
import { Markdown } from "~/components/markdown";
import {
  declineLibraryRequirement,
  getAdoptionRecord,
  getLibraryRequirement,
  withdrawLibraryDecline,
  type AdoptionState,
} from "~/models/library.server";
import { forbidden, notFound, requireUser, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import type { MessageKey } from "~/utils/i18n";
import {
  ambitionLabel,
  areaLabel,
  obligationLabel,
  requirementTypeLabel,
  setStatusLabel,
  verificationLabel,
} from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

const DECLINE_REASON_MAX = 2000;

const DeclineSchema = z.object({
  reason: z
    .string({ error: "library.reasonRequired" })
    .trim()
    .min(1, "library.reasonRequired")
    .max(DECLINE_REASON_MAX, "library.reasonTooLong"),
});

const INTENTS = { decline: "decline", withdraw: "withdraw" } as const;

const stateLabel: Record<AdoptionState, MessageKey> = {
  adopted: "library.state.adopted",
  adapted: "library.state.adapted",
  declined: "library.state.declined",
  undecided: "library.state.undecided",
};

async function loadRequirement(request: Request, requirementId: string | undefined) {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(requirementId).success) notFound();
  const requirement = await getLibraryRequirement({ principal: auth.principal, requirementId: requirementId ?? "" });
  if (!requirement) notFound();
  return { auth, requirement };
}

/** The region a decline is made for: the current one, if the user writes for it and does not own the requirement. */
function decliningRegion(auth: AuthContext, ownerRegionId: string): string | null {
  const regionId = auth.currentRegionId;
  if (!regionId || regionId === ownerRegionId) return null;
  return can(auth.principal, "region.write", { type: "region", regionId }) ? regionId : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, requirement } = await loadRequirement(request, params.requirementId);
  const record = await getAdoptionRecord({ principal: auth.principal, requirement });
  const regionId = decliningRegion(auth, requirement.ownerRegionId);
  const mine = regionId ? record.entries.find((entry) => entry.regionId === regionId) : undefined;
  const regionName = auth.memberships.find((m) => m.regionId === regionId)?.regionName ?? "";
  return {
    requirement,
    record,
    decline: regionId
      ? {
          regionName,
          state: mine?.state ?? "undecided",
          reason: mine?.declineReason ?? null,
        }
      : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, requirement } = await loadRequirement(request, params.requirementId);
  const regionId = decliningRegion(auth, requirement.ownerRegionId);
  if (!regionId) forbidden();
  const formData = await readFormData(request);
  const regionName = auth.memberships.find((m) => m.regionId === regionId)?.regionName ?? "";
  const backTo = `/library/requirements/${requirement.id}`;
  switch (formData.get("intent")) {
    case INTENTS.decline: {
      const submission = parseWithZod(formData, { schema: DeclineSchema });
      if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
      const outcome = await declineLibraryRequirement({
        requirement,
        regionId,
        reason: submission.value.reason,
        actorUserId: auth.user.id,
        request: requestInfo(request, context),
      });
      if (outcome.status !== "declined") {
        return data({ result: submission.reply({ formErrors: ["library.declineHasCopy"] }) }, { status: 409 });
      }
      return redirectWithToast(backTo, {
        kind: "success",
        message: "library.declined",
        params: { region: regionName },
      });
    }
    case INTENTS.withdraw: {
      const withdrawn = await withdrawLibraryDecline({
        requirementId: requirement.id,
        regionId,
        actorUserId: auth.user.id,
        request: requestInfo(request, context),
      });
      return redirectWithToast(backTo, {
        kind: withdrawn ? "success" : "info",
        message: withdrawn ? "library.declineWithdrawn" : "library.declineNotFound",
      });
    }
    default:
      return data({ result: null, error: "validation.unknownIntent" as const }, { status: 400 });
  }
}

export default function LibraryRequirementRoute() {
  const t = useT();
  const { requirement, record, decline } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/library">{t("library.backToLibrary")}</Link>
      </p>
      <h1>
        <span className="ref">{requirement.ref}</span> {requirement.title}
      </h1>
      <p>
        {t("library.inSet", { set: requirement.setTitle, region: requirement.regionName })} (
        {t(setStatusLabel[requirement.setStatus])}) ·{" "}
        <Link to={`/sets/${requirement.setId}`}>{t("library.openSet")}</Link>
      </p>
      <Markdown>{requirement.text}</Markdown>
      <h2>{t("library.details")}</h2>
      <dl className="details">
        <dt>{t("library.obligation")}</dt>
        <dd>{t(obligationLabel[requirement.obligation])}</dd>
        <dt>{t("library.type")}</dt>
        <dd>{t(requirementTypeLabel[requirement.type])}</dd>
        <dt>{t("library.area")}</dt>
        <dd>{t(areaLabel[requirement.area])}</dd>
        <dt>{t("library.verification")}</dt>
        <dd>{t(verificationLabel[requirement.verification])}</dd>
        {requirement.weight !== null ? (
          <>
            <dt>{t("library.weight")}</dt>
            <dd>{requirement.weight}</dd>
          </>
        ) : null}
        {requirement.ambition ? (
          <>
            <dt>{t("library.ambition")}</dt>
            <dd>{t(ambitionLabel[requirement.ambition])}</dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{t("library.version", { version: requirement.version })}</p>
      {requirement.rationale ? (
        <>
          <h3>{t("library.rationale")}</h3>
          <Markdown>{requirement.rationale}</Markdown>
        </>
      ) : null}

      <h2>{t("library.adoptionHeading")}</h2>
      {record.entries.length === 0 ? (
        <p>{t("library.adoptionPrivateNote")}</p>
      ) : (
        <>
          <p>
            {t("library.adoptionSummary", {
              used: record.summary.used,
              regions: record.summary.regions,
              audience:
                requirement.visibility === "portal" ? t("library.audienceAll") : (requirement.collaborationName ?? ""),
              adapted: record.summary.adapted,
              declined: record.summary.declined,
            })}
          </p>
          <AdoptionLine summary={record.summary} />
          <table>
            <caption>{t("library.adoptionCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("library.adoptionRegion")}</th>
                <th scope="col">{t("library.adoptionState")}</th>
                <th scope="col">{t("library.adoptionDetails")}</th>
              </tr>
            </thead>
            <tbody>
              {record.entries.map((entry) => (
                <tr key={entry.regionId}>
                  <th scope="row">{entry.regionName}</th>
                  <td>{t(stateLabel[entry.state])}</td>
                  <td>
                    {entry.copies.map((copy) => (
                      <div key={copy.id}>
                        <Link to={`/sets/${copy.setId}/requirements/${copy.id}`}>
                          {t("library.copyIn", { ref: copy.ref, set: copy.setTitle })}
                        </Link>
                        {copy.adapted ? (
                          <div>
                            {copy.reason
                              ? t("library.adaptationReason", { reason: copy.reason })
                              : t("library.noAdaptationReason")}
                          </div>
                        ) : null}
                      </div>
                    ))}
                    {entry.declineReason !== null ? (
                      <div>
                        {entry.declineReason}
                        {entry.declinedAt ? (
                          <div className="muted">
                            {t("library.declinedBy", {
                              name: entry.declinedByName ?? "",
                              date: t.date(entry.declinedAt),
                            })}
                          </div>
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("library.adoptionHiddenNote")}</p>
        </>
      )}
      {decline ? <DeclinePanel decline={decline} /> : null}
    </>
  );
}

function DeclinePanel({
  decline,
}: {
  decline: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["decline"]>;
}) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "decline",
    lastResult: actionData?.result,
    defaultValue: { reason: decline.reason ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclineSchema }),
    shouldRevalidate: "onBlur",
  });
  if (decline.state === "adopted" || decline.state === "adapted") {
    return <p>{t("library.hasCopyNote", { region: decline.regionName })}</p>;
  }
  return (
    <section className="card stack">
      <h2>{t("library.declineHeading", { region: decline.regionName })}</h2>
      {decline.reason !== null ? (
        <p>{t("library.currentDecline", { region: decline.regionName, reason: decline.reason })}</p>
      ) : (
        <p>{t("library.declineIntro")}</p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("library.declineReason")}</label>
          <p id={`${fields.reason.id}-hint`} className="field-hint">
            {t("library.declineReasonHint")}
          </p>
          <textarea
            {...getTextareaProps(fields.reason, { ariaAttributes: true })}
            aria-describedby={[`${fields.reason.id}-hint`, fields.reason.errors ? fields.reason.errorId : null]
              .filter(Boolean)
              .join(" ")}
            rows={4}
          />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div>
          <button type="submit" name="intent" value={INTENTS.decline}>
            {decline.reason !== null ? t("library.updateDecline") : t("library.decline")}
          </button>
        </div>
      </Form>
      {decline.reason !== null ? (
        <Form method="post">
          <button type="submit" name="intent" value={INTENTS.withdraw}>
            {t("library.withdrawDecline")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "library.requirementTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
