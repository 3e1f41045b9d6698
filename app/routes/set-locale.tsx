import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { rememberLocale } from "~/services/notifications.server";
import { getUser } from "~/utils/auth.server";
import { supportedLngs } from "~/utils/i18n";
import { localeCookie } from "~/utils/i18n.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { readForm } from "~/utils/request-form.server";

const schema = z.object({ locale: z.enum(supportedLngs), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: "Unsupported locale" }, { status: 400 });
  // A signed-in user's mail follows the language they chose (notifications.server.ts, notify).
  const user = await getUser(request);
  if (user) await rememberLocale(user.id, parsed.data.locale);
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}
