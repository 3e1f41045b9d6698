import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { roleSchema } from "~/domain/auth/schemas";
import { listUsers, setUserRole } from "~/services/user.server";
import { ROLES } from "~/domain/auth/roles";
import { requireRole } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ users: await listUsers() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: roleSchema });
  if (submission.status !== "success") return json({ error: "admin:errors.roleInvalid", userId: null }, { status: 400 });
  const outcome = await setUserRole(admin, submission.value.userId, submission.value.role);
  if (!outcome.ok) {
    const status = outcome.reason === "notFound" ? 404 : 400;
    return json({ error: `admin:errors.${outcome.reason}`, userId: submission.value.userId }, { status });
  }
  return json({ error: null, userId: submission.value.userId });
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section className="page" aria-labelledby="users-title">
      <h1 id="users-title">{t("admin:users.title")}</h1>
      {actionData?.error ? (
        <p role="alert" className="notice error">
          {t(actionData.error)}
        </p>
      ) : actionData?.userId ? (
        <p role="status" className="notice success">
          {t("admin:users.saved")}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("auth:fields.name")}</th>
              <th scope="col">{t("auth:fields.email")}</th>
              <th scope="col">{t("admin:users.joined")}</th>
              <th scope="col">{t("auth:fields.role")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>{formatDate(user.createdAt, i18n.language)}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={user.id} />
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      {t("admin:users.roleFor", { name: user.name })}
                    </label>
                    <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button small">
                      {t("admin:users.save")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
