import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { FormErrors, InputField, SelectField } from "~/components/forms";
import { createInvite, listPendingInvites, revokeInvite } from "~/models/invites.server";
import { changeMemberRole, getRegion, listRegionMembers, removeMember } from "~/models/regions.server";
import { assertAllowed, notFound, requireUser, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { regionRoleLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { requestInfo } from "~/utils/request.server";
import { InviteSchema, RegionRoleSchema, UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

const ChangeRoleSchema = z.object({ userId: UuidSchema, role: RegionRoleSchema });
const MemberSchema = z.object({ userId: UuidSchema });
const RevokeInviteSchema = z.object({ inviteId: UuidSchema });

async function requireRegion(regionId: string | undefined) {
  const region = UuidSchema.safeParse(regionId).success ? await getRegion({ regionId: regionId ?? "" }) : null;
  if (!region) notFound();
  return region;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const region = await requireRegion(params.regionId);
  assertAllowed(auth, "region.members.read", { type: "region", regionId: region.id });
  const canManage = can(auth.principal, "region.members.manage", { type: "region", regionId: region.id });
  const [members, invites] = await Promise.all([
    listRegionMembers({ regionId: region.id }),
    canManage ? listPendingInvites({ regionId: region.id }) : Promise.resolve([]),
  ]);
  return {
    region,
    canManage,
    currentUserId: auth.user.id,
    members: members.map((member) => ({ ...member, since: member.since.toISOString() })),
    invites: invites.map((invite) => ({
      ...invite,
      createdAt: invite.createdAt.toISOString(),
      expiresAt: invite.expiresAt.toISOString(),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const region = await requireRegion(params.regionId);
  assertAllowed(auth, "region.members.manage", { type: "region", regionId: region.id });
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  switch (intent) {
    case "invite":
      return inviteMember(auth, region.id, formData, request, context);
    case "change-role":
      return changeRole(auth, region.id, formData, request, context);
    case "remove":
      return remove(auth, region.id, formData, request, context);
    case "revoke-invite":
      return revoke(auth, region.id, formData, request, context);
    default:
      return data({ intent: "unknown" as const, result: null, inviteLink: null }, { status: 400 });
  }
}

type ActionArgs = [AuthContext, string, FormData, Request, ActionFunctionArgs["context"]];

async function inviteMember(...[auth, regionId, formData, request, context]: ActionArgs) {
  const submission = parseWithZod(formData, { schema: InviteSchema });
  if (submission.status !== "success") {
    return data({ intent: "invite" as const, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const invite = await createInvite({
    regionId,
    email: submission.value.email,
    role: submission.value.role,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  // The link is shown once, here, to the admin who passes it on; only its hash is stored.
  const origin = new URL(request.url).origin;
  return data({
    intent: "invite" as const,
    result: submission.reply({ resetForm: true }),
    inviteLink: {
      url: `${origin}/invite/${invite.token}`,
      email: submission.value.email,
      expiresAt: invite.expiresAt.toISOString(),
    },
  });
}

async function changeRole(...[auth, regionId, formData, request, context]: ActionArgs) {
  const submission = parseWithZod(formData, { schema: ChangeRoleSchema });
  if (submission.status !== "success") {
    return data({ intent: "change-role" as const, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const result = await changeMemberRole({
    regionId,
    ...submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "not-found") notFound();
  if (result.status === "last-admin") {
    return data(
      {
        intent: "change-role" as const,
        result: submission.reply({ formErrors: ["members.lastAdmin"] }),
        inviteLink: null,
      },
      { status: 409 },
    );
  }
  return redirectWithToast(`/regions/${regionId}/members`, { kind: "success", message: "members.roleChanged" });
}

async function remove(...[auth, regionId, formData, request, context]: ActionArgs) {
  const submission = parseWithZod(formData, { schema: MemberSchema });
  if (submission.status !== "success") {
    return data({ intent: "remove" as const, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const result = await removeMember({
    regionId,
    userId: submission.value.userId,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "not-found") notFound();
  if (result.status === "last-admin") {
    return data(
      { intent: "remove" as const, result: submission.reply({ formErrors: ["members.lastAdmin"] }), inviteLink: null },
      { status: 409 },
    );
  }
  return redirectWithToast(`/regions/${regionId}/members`, { kind: "success", message: "members.removed" });
}

async function revoke(...[auth, regionId, formData, request, context]: ActionArgs) {
  const submission = parseWithZod(formData, { schema: RevokeInviteSchema });
  if (submission.status !== "success") {
    return data({ intent: "revoke-invite" as const, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const revoked = await revokeInvite({
    regionId,
    inviteId: submission.value.inviteId,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (!revoked) notFound();
  return redirectWithToast(`/regions/${regionId}/members`, { kind: "success", message: "members.inviteRevoked" });
}

export default function RegionMembersRoute() {
  const t = useT();
  const { region, canManage, members, invites, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const roleOptions = (["viewer", "editor", "admin"] as const).map((role) => ({
    value: role,
    label: t(regionRoleLabel[role]),
  }));
  const memberError = actionData && actionData.intent !== "invite" && actionData.result?.error?.[""];
  return (
    <>
      <h1>{t("members.title", { region: region.name })}</h1>
      {memberError ? (
        <div className="form-errors" role="alert">
          {memberError.map((error) => (
            <p key={error}>{t.message(error)}</p>
          ))}
        </div>
      ) : null}
      <table>
        <caption>{t("members.caption", { count: members.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.name")}</th>
            <th scope="col">{t("members.email")}</th>
            <th scope="col">{t("members.role")}</th>
            {canManage ? <th scope="col">{t("members.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <td>
                {member.name}
                {member.title ? <span className="muted"> · {member.title}</span> : null}
              </td>
              <td>{member.email}</td>
              <td>
                {t(regionRoleLabel[member.role])}
                {member.isLegalCounsel ? ` · ${t("role.legalCounsel")}` : null}
              </td>
              {canManage ? (
                <td>
                  <Form method="post">
                    <input type="hidden" name="userId" value={member.userId} />
                    <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                      {t("members.roleFor", { name: member.name })}
                    </label>
                    <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                      {roleOptions.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="intent" value="change-role" className="secondary">
                      {t("members.changeRole")}
                    </button>
                  </Form>{" "}
                  {member.userId === currentUserId ? null : (
                    <Form method="post">
                      <input type="hidden" name="userId" value={member.userId} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove"
                        className="danger"
                        aria-label={t("members.removeNamed", { name: member.name })}
                      >
                        {t("members.remove")}
                      </button>
                    </Form>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? <InviteSection invites={invites} roleOptions={roleOptions} /> : null}
    </>
  );
}

function InviteSection({
  invites,
  roleOptions,
}: {
  invites: Array<{
    id: string;
    email: string;
    role: "viewer" | "editor" | "admin";
    expiresAt: string;
    invitedBy: string | null;
  }>;
  roleOptions: Array<{ value: string; label: string }>;
}) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { role: "editor" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("members.inviteHeading")}</h2>
      {actionData?.inviteLink ? (
        <div className="notice" role="status">
          <p>
            {t("members.inviteCreated", {
              email: actionData.inviteLink.email,
              date: t.dateTime(actionData.inviteLink.expiresAt),
            })}
          </p>
          <code className="invite-link" data-testid="invite-link">
            {actionData.inviteLink.url}
          </code>
        </div>
      ) : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.email} label={t("members.inviteEmail")} type="email" autoComplete="off" />
        <SelectField field={fields.role} label={t("members.role")} options={roleOptions} />
        <div>
          <button type="submit" name="intent" value="invite">
            {t("members.inviteSubmit")}
          </button>
        </div>
      </Form>
      <h3>{t("members.pendingInvites")}</h3>
      {invites.length === 0 ? (
        <p>{t("members.noPendingInvites")}</p>
      ) : (
        <ul className="plain">
          {invites.map((invite) => (
            <li key={invite.id}>
              {invite.email} · {t(regionRoleLabel[invite.role])} ·{" "}
              {t("members.expires", { date: t.dateTime(invite.expiresAt) })}{" "}
              <Form method="post">
                <input type="hidden" name="inviteId" value={invite.id} />
                <button type="submit" name="intent" value="revoke-invite" className="link">
                  {t("members.revokeInvite")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
