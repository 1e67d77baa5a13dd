import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import {
  addCollaborationRegion,
  getCollaboration,
  removeCollaborationRegion,
  removeSteeringMember,
  setSteeringMember,
} from "~/models/collaborations.server";
import { listRegions } from "~/models/regions.server";
import { assertAllowed, notFound, requireUser, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { steeringRoleLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { requestInfo } from "~/utils/request.server";
import { EmailSchema, SteeringRoleSchema, UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

const RegionSchema = z.object({ regionId: UuidSchema });
const AddSteeringSchema = z.object({ email: EmailSchema, role: SteeringRoleSchema });
const RemoveSteeringSchema = z.object({ userId: UuidSchema });

async function requireCollaboration(collaborationId: string | undefined) {
  const collaboration = UuidSchema.safeParse(collaborationId).success
    ? await getCollaboration({ collaborationId: collaborationId ?? "" })
    : null;
  if (!collaboration) notFound();
  return collaboration;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const collaboration = await requireCollaboration(params.collaborationId);
  assertAllowed(auth, "collaboration.read", { type: "collaboration", collaborationId: collaboration.id });
  const canManage = can(auth.principal, "collaboration.manage", {
    type: "collaboration",
    collaborationId: collaboration.id,
  });
  const canSeeOverview = can(auth.principal, "collaboration.overview", {
    type: "collaboration_internal",
    collaborationId: collaboration.id,
  });
  const memberIds = new Set(collaboration.memberRegions.map((region) => region.id));
  const otherRegions = canManage ? (await listRegions()).filter((region) => !memberIds.has(region.id)) : [];
  return {
    collaboration: {
      ...collaboration,
      memberRegions: collaboration.memberRegions.map((region) => ({ ...region, since: region.since.toISOString() })),
    },
    canManage,
    canSeeOverview,
    otherRegions: otherRegions.map((region) => ({ id: region.id, name: region.name })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const collaboration = await requireCollaboration(params.collaborationId);
  assertAllowed(auth, "collaboration.manage", { type: "collaboration", collaborationId: collaboration.id });
  const formData = await readFormData(request);
  const args: Args = [auth, collaboration.id, formData, request, context];
  switch (formData.get("intent")) {
    case "add-region":
      return changeRegion("add", ...args);
    case "remove-region":
      return changeRegion("remove", ...args);
    case "add-steering":
      return addSteering(...args);
    case "remove-steering":
      return removeSteering(...args);
    default:
      return data({ error: "validation.unknownIntent" as const }, { status: 400 });
  }
}

type Args = [AuthContext, string, FormData, Request, ActionFunctionArgs["context"]];

async function changeRegion(kind: "add" | "remove", ...[auth, collaborationId, formData, request, context]: Args) {
  const submission = parseWithZod(formData, { schema: RegionSchema });
  if (submission.status !== "success") return data({ error: "validation.invalid" as const }, { status: 400 });
  const input = {
    collaborationId,
    regionId: submission.value.regionId,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  };
  if (kind === "add") await addCollaborationRegion(input);
  else await removeCollaborationRegion(input);
  return redirectWithToast(`/collaborations/${collaborationId}`, { kind: "success", message: "collaborations.saved" });
}

async function addSteering(...[auth, collaborationId, formData, request, context]: Args) {
  const submission = parseWithZod(formData, { schema: AddSteeringSchema });
  if (submission.status !== "success") return data({ error: "validation.emailInvalid" as const }, { status: 400 });
  const result = await setSteeringMember({
    collaborationId,
    ...submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "unknown-user") return data({ error: "collaborations.unknownUser" as const }, { status: 400 });
  return redirectWithToast(`/collaborations/${collaborationId}`, { kind: "success", message: "collaborations.saved" });
}

async function removeSteering(...[auth, collaborationId, formData, request, context]: Args) {
  const submission = parseWithZod(formData, { schema: RemoveSteeringSchema });
  if (submission.status !== "success") return data({ error: "validation.invalid" as const }, { status: 400 });
  await removeSteeringMember({
    collaborationId,
    userId: submission.value.userId,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  return redirectWithToast(`/collaborations/${collaborationId}`, { kind: "success", message: "collaborations.saved" });
}

export default function CollaborationRoute() {
  const t = useT();
  const { collaboration, canManage, canSeeOverview, otherRegions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>{collaboration.name}</h1>
      <p>{collaboration.description}</p>
      {canSeeOverview ? (
        <p>
          <Link to={`/collaborations/${collaboration.id}/overview`}>{t("overview.link")}</Link>
          <span className="muted"> – {t("overview.linkHint")}</span>
        </p>
      ) : null}
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      <section aria-labelledby="member-regions">
        <h2 id="member-regions">{t("collaborations.memberRegions", { count: collaboration.memberRegions.length })}</h2>
        <ul className="plain">
          {collaboration.memberRegions.map((region) => (
            <li key={region.id}>
              {region.name}
              {canManage ? (
                <Form method="post">
                  <input type="hidden" name="regionId" value={region.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove-region"
                    className="link"
                    aria-label={t("collaborations.removeRegionNamed", { region: region.name })}
                  >
                    {t("collaborations.removeRegion")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {canManage && otherRegions.length > 0 ? (
          <Form method="post" className="filters">
            <div className="field">
              <label htmlFor="add-region">{t("collaborations.addRegion")}</label>
              <select id="add-region" name="regionId">
                {otherRegions.map((region) => (
                  <option key={region.id} value={region.id}>
                    {region.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="intent" value="add-region">
              {t("collaborations.add")}
            </button>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="steering-group">
        <h2 id="steering-group">{t("collaborations.steeringGroup")}</h2>
        {collaboration.steeringGroup.length === 0 ? (
          <p>{t("collaborations.noSteering")}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t("collaborations.steeringGroup")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.role")}</th>
                {canManage ? <th scope="col">{t("members.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {collaboration.steeringGroup.map((member) => (
                <tr key={member.userId}>
                  <td>
                    {member.name}
                    {member.title ? <span className="muted"> · {member.title}</span> : null}
                  </td>
                  <td>{t(steeringRoleLabel[member.role])}</td>
                  {canManage ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="userId" value={member.userId} />
                        <button
                          type="submit"
                          name="intent"
                          value="remove-steering"
                          className="link"
                          aria-label={t("collaborations.removeSteeringNamed", { name: member.name })}
                        >
                          {t("collaborations.removeSteering")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canManage ? (
          <Form method="post" className="filters">
            <div className="field">
              <label htmlFor="steering-email">{t("collaborations.steeringEmail")}</label>
              <input id="steering-email" name="email" type="email" required />
            </div>
            <div className="field">
              <label htmlFor="steering-role">{t("members.role")}</label>
              <select id="steering-role" name="role" defaultValue="member">
                <option value="member">{t("steering.member")}</option>
                <option value="chair">{t("steering.chair")}</option>
              </select>
            </div>
            <button type="submit" name="intent" value="add-steering">
              {t("collaborations.addSteering")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "collaborations.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
