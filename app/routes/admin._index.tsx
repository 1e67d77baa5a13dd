import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { FormErrors, InputField } from "~/components/forms";
import { createCollaboration, listCollaborations } from "~/models/collaborations.server";
import { createInvite } from "~/models/invites.server";
import { createRegion, getRegion, listRegions } from "~/models/regions.server";
import { requireAllowed, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { CreateCollaborationSchema, CreateRegionSchema, EmailSchema, UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

const InviteFirstAdminSchema = z.object({ regionId: UuidSchema, email: EmailSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "platform.admin", { type: "platform" });
  const [regions, collaborations] = await Promise.all([listRegions(), listCollaborations()]);
  return { regions, collaborations };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAllowed(request, "platform.admin", { type: "platform" });
  const formData = await readFormData(request);
  const args: Args = [auth, formData, request, context];
  switch (formData.get("intent")) {
    case "create-region":
      return handleCreateRegion(...args);
    case "invite-admin":
      return handleInviteAdmin(...args);
    case "create-collaboration":
      return handleCreateCollaboration(...args);
    default:
      return data({ intent: "unknown" as const, result: null, inviteLink: null }, { status: 400 });
  }
}

type Args = [AuthContext, FormData, Request, ActionFunctionArgs["context"]];

async function handleCreateRegion(...[auth, formData, request, context]: Args) {
  const submission = parseWithZod(formData, { schema: CreateRegionSchema });
  if (submission.status !== "success") {
    return data({ intent: "create-region" as const, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const result = await createRegion({
    ...submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "duplicate") {
    return data(
      {
        intent: "create-region" as const,
        result: submission.reply({ fieldErrors: { [result.field]: ["validation.duplicate"] } }),
        inviteLink: null,
      },
      { status: 409 },
    );
  }
  return redirectWithToast("/admin", {
    kind: "success",
    message: "admin.regionCreated",
    params: { name: submission.value.name },
  });
}

async function handleInviteAdmin(...[auth, formData, request, context]: Args) {
  const submission = parseWithZod(formData, { schema: InviteFirstAdminSchema });
  if (submission.status !== "success") {
    return data({ intent: "invite-admin" as const, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const region = await getRegion({ regionId: submission.value.regionId });
  if (!region) {
    return data(
      {
        intent: "invite-admin" as const,
        result: submission.reply({ fieldErrors: { regionId: ["validation.invalid"] } }),
        inviteLink: null,
      },
      { status: 400 },
    );
  }
  const invite = await createInvite({
    regionId: region.id,
    email: submission.value.email,
    role: "admin",
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  return data({
    intent: "invite-admin" as const,
    result: submission.reply({ resetForm: true }),
    inviteLink: {
      url: `${new URL(request.url).origin}/invite/${invite.token}`,
      email: submission.value.email,
      regionName: region.name,
      expiresAt: invite.expiresAt.toISOString(),
    },
  });
}

async function handleCreateCollaboration(...[auth, formData, request, context]: Args) {
  const submission = parseWithZod(formData, { schema: CreateCollaborationSchema });
  if (submission.status !== "success") {
    return data(
      { intent: "create-collaboration" as const, result: submission.reply(), inviteLink: null },
      { status: 400 },
    );
  }
  const result = await createCollaboration({
    ...submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "duplicate") {
    return data(
      {
        intent: "create-collaboration" as const,
        result: submission.reply({ fieldErrors: { [result.field]: ["validation.duplicate"] } }),
        inviteLink: null,
      },
      { status: 409 },
    );
  }
  return redirectWithToast(`/collaborations/${result.collaborationId}`, {
    kind: "success",
    message: "admin.collaborationCreated",
    params: { name: submission.value.name },
  });
}

export default function AdminRoute() {
  const t = useT();
  const { regions, collaborations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [regionForm, regionFields] = useForm({
    id: "create-region",
    lastResult: actionData?.intent === "create-region" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateRegionSchema }),
    shouldRevalidate: "onBlur",
  });
  const [inviteForm, inviteFields] = useForm({
    id: "invite-admin",
    lastResult: actionData?.intent === "invite-admin" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteFirstAdminSchema }),
    shouldRevalidate: "onBlur",
  });
  const [collaborationForm, collaborationFields] = useForm({
    id: "create-collaboration",
    lastResult: actionData?.intent === "create-collaboration" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateCollaborationSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <div className="page-header">
        <h1>{t("admin.title")}</h1>
        <Link to="/admin/audit">{t("admin.auditLink")}</Link>
      </div>
      <section aria-labelledby="regions-heading">
        <h2 id="regions-heading">{t("admin.regions")}</h2>
        <table>
          <caption className="visually-hidden">{t("admin.regions")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.regionName")}</th>
              <th scope="col">{t("admin.shortName")}</th>
              <th scope="col">{t("admin.memberCount")}</th>
            </tr>
          </thead>
          <tbody>
            {regions.map((region) => (
              <tr key={region.id}>
                <td>
                  <Link to={`/regions/${region.id}/members`}>{region.name}</Link>
                </td>
                <td>{region.shortName}</td>
                <td>{region.memberCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="grid">
          <Form method="post" className="stack card" {...getFormProps(regionForm)}>
            <h3>{t("admin.createRegion")}</h3>
            <FormErrors id={regionForm.errorId} errors={regionForm.errors} />
            <InputField field={regionFields.name} label={t("admin.regionName")} />
            <InputField field={regionFields.shortName} label={t("admin.shortName")} />
            <InputField field={regionFields.slug} label={t("admin.slug")} hint={t("admin.slugHint")} />
            <div>
              <button type="submit" name="intent" value="create-region">
                {t("admin.createRegion")}
              </button>
            </div>
          </Form>
          <Form method="post" className="stack card" {...getFormProps(inviteForm)}>
            <h3>{t("admin.inviteFirstAdmin")}</h3>
            {actionData?.intent === "invite-admin" && actionData.inviteLink ? (
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
            <FormErrors id={inviteForm.errorId} errors={inviteForm.errors} />
            <div className="field">
              <label htmlFor={inviteFields.regionId.id}>{t("admin.region")}</label>
              <select id={inviteFields.regionId.id} name={inviteFields.regionId.name}>
                {regions.map((region) => (
                  <option key={region.id} value={region.id}>
                    {region.name}
                  </option>
                ))}
              </select>
            </div>
            <InputField field={inviteFields.email} label={t("members.inviteEmail")} type="email" />
            <div>
              <button type="submit" name="intent" value="invite-admin">
                {t("members.inviteSubmit")}
              </button>
            </div>
          </Form>
        </div>
      </section>
      <section aria-labelledby="collaborations-heading">
        <h2 id="collaborations-heading">{t("collaborations.title")}</h2>
        <ul className="plain">
          {collaborations.map((collaboration) => (
            <li key={collaboration.id}>
              <Link to={`/collaborations/${collaboration.id}`}>{collaboration.name}</Link>{" "}
              <span className="muted">({t("home.regionCount", { count: collaboration.regionNames.length })})</span>
            </li>
          ))}
        </ul>
        <Form method="post" className="stack card" {...getFormProps(collaborationForm)}>
          <h3>{t("admin.createCollaboration")}</h3>
          <FormErrors id={collaborationForm.errorId} errors={collaborationForm.errors} />
          <InputField field={collaborationFields.name} label={t("admin.collaborationName")} />
          <InputField field={collaborationFields.slug} label={t("admin.slug")} hint={t("admin.slugHint")} />
          <InputField field={collaborationFields.description} label={t("admin.description")} />
          <fieldset>
            <legend>{t("admin.memberRegions")}</legend>
            {regions.map((region) => (
              <div key={region.id}>
                <input type="checkbox" id={`collab-region-${region.id}`} name="regionIds" value={region.id} />{" "}
                <label htmlFor={`collab-region-${region.id}`}>{region.name}</label>
              </div>
            ))}
          </fieldset>
          <div>
            <button type="submit" name="intent" value="create-collaboration">
              {t("admin.createCollaboration")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
