import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form-field";
import { THESAURUS_KINDS, THESAURUS_LIMITS, type ThesaurusKind } from "~/domain/search/thesaurus-entry";
import { deleteSynonymSchema, saveSynonymSchema, SYNONYM_KIND_FILTERS, synonymListQuerySchema } from "~/domain/search/thesaurus-schema";
import {
  deleteSynonym,
  findSynonymForAdmin,
  listSynonymsForAdmin,
  saveSynonym,
  type SynonymAdminRow,
} from "~/services/search-synonyms.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// The search thesaurus, edited by admins. Everything works without JavaScript: the filter is a GET
// form, "edit" and "delete" are links that open the editor or a confirmation on this page, and each
// change is a POST that redirects back to the list.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-search-synonyms") }];

const PATH = "/admin/search-synonyms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const query = synonymListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, editing, deleting] = await Promise.all([
    listSynonymsForAdmin({ q: query.q, kind: query.kind }),
    query.edit ? findSynonymForAdmin(query.edit) : null,
    query.delete ? findSynonymForAdmin(query.delete) : null,
  ]);
  // A link to an entry deleted meanwhile says so instead of quietly showing the add form.
  const missing = Boolean((query.edit && !editing) || (query.delete && !deleting));
  return json({ query, ...list, editing, deleting, missing });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    const submission = parseWithZod(form, { schema: deleteSynonymSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    const outcome = await deleteSynonym(submission.value.id, admin.id);
    if (!outcome.ok) throw new Response("Not Found", { status: 404 });
    return redirect(`${PATH}?done=deleted`);
  }
  const submission = parseWithZod(form, { schema: saveSynonymSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = await saveSynonym(submission.value, admin.id);
  if (!outcome.ok) {
    if ("notFound" in outcome) throw new Response("Not Found", { status: 404 });
    const reply =
      outcome.field === "version"
        ? submission.reply({ formErrors: [outcome.error] })
        : submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } });
    return json(reply, { status: 409 });
  }
  // Back to the list, filtered to the saved term so the admin sees the entry as stored (normalized).
  return redirect(`${PATH}?${new URLSearchParams({ q: submission.value.term, done: "saved" })}`);
}

export default function AdminSearchSynonyms() {
  const { query, entries, total, editing, deleting, missing } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const kinds = THESAURUS_KINDS.filter((kind) => query.kind === "ALL" || query.kind === kind);
  // Links keep the filter, so editing from a filtered list comes back to it.
  const filterParams = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.kind !== "ALL" ? { kind: query.kind } : {}) });
  const filtered = filterParams.toString() !== "";
  const listHref = filtered ? `${PATH}?${filterParams}` : PATH;
  const linkTo = (name: "edit" | "delete", id: string) => `${PATH}?${new URLSearchParams([...filterParams, [name, id]])}`;
  return (
    <div className="page">
      <h1>{t("admin:synonyms.title")}</h1>
      <p className="muted">{t("admin:synonyms.intro")}</p>
      {query.done ? (
        <p role="status" className="notice success">
          {t(query.done === "saved" ? "admin:synonyms.saved" : "admin:synonyms.deleted")}
        </p>
      ) : null}
      {missing ? (
        <p role="alert" className="notice error">
          {t("admin:synonyms.errors.notFound")}
        </p>
      ) : null}
      {deleting ? <DeleteConfirmation entry={deleting} cancelHref={listHref} /> : null}
      {/* After a save the page stays mounted: a new key empties the add form the browser would keep filled. */}
      <EntryEditor key={`${editing?.id ?? "new"}:${query.done ? location.key : ""}`} entry={editing} cancelHref={listHref} />
      <section aria-labelledby="filter-title" className="catalog-filters">
        <h2 id="filter-title" className="visually-hidden">
          {t("admin:synonyms.filterTitle")}
        </h2>
        <Form method="get" className="filters">
          <label htmlFor="synonyms-q">{t("admin:synonyms.filterText")}</label>
          <input id="synonyms-q" name="q" type="search" defaultValue={query.q} maxLength={100} />
          <label htmlFor="synonyms-kind">{t("admin:synonyms.filterKind")}</label>
          <select id="synonyms-kind" name="kind" defaultValue={query.kind}>
            {SYNONYM_KIND_FILTERS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin:synonyms.kinds.${kind}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button small">
            {t("admin:synonyms.filterSubmit")}
          </button>
          {filtered ? <Link to={PATH}>{t("admin:synonyms.filterClear")}</Link> : null}
        </Form>
        <p className="muted" role="status">
          {t("admin:synonyms.shown", { shown: entries.length, total })}
        </p>
      </section>
      {entries.length === 0 ? <p className="empty">{t("admin:synonyms.empty")}</p> : null}
      {kinds.map((kind) => (
        <KindTable key={kind} kind={kind} entries={entries.filter((entry) => entry.kind === kind)} linkTo={linkTo} />
      ))}
    </div>
  );
}

type Row = Omit<SynonymAdminRow, "words"> & { words: readonly string[] };

function KindTable({
  kind,
  entries,
  linkTo,
}: {
  kind: ThesaurusKind;
  entries: Row[];
  linkTo: (name: "edit" | "delete", id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return null;
  const titleId = `synonyms-${kind.toLowerCase()}`;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t(`admin:synonyms.kinds.${kind}`)} ({entries.length})
      </h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t(`admin:synonyms.columns.${kind}.term`)}</th>
              <th scope="col">{t(`admin:synonyms.columns.${kind}.words`)}</th>
              <th scope="col">{t("admin:synonyms.columns.updated")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin:synonyms.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid={`synonym-${entry.id}`}>
                <th scope="row" lang="und">
                  {entry.term}
                </th>
                {/* Words of several languages: the separator is not a sentence's, so one that reads in each. */}
                <td lang="und">{entry.words.join(" · ")}</td>
                <td>{formatDateTime(entry.updatedAt, i18n.language)}</td>
                <td>
                  <div className="button-row">
                    <Link to={linkTo("edit", entry.id)} aria-label={t("admin:synonyms.editLabel", { term: entry.term })}>
                      {t("admin:synonyms.edit")}
                    </Link>
                    <Link to={linkTo("delete", entry.id)} aria-label={t("admin:synonyms.deleteLabel", { term: entry.term })}>
                      {t("admin:synonyms.delete")}
                    </Link>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DeleteConfirmation({ entry, cancelHref }: { entry: Row; cancelHref: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <section aria-labelledby="delete-title" className="editor" role="alertdialog" aria-describedby="delete-text">
      <h2 id="delete-title">{t("admin:synonyms.confirmTitle", { term: entry.term })}</h2>
      <p id="delete-text">
        <span className="badge">{t(`admin:synonyms.kinds.${entry.kind}`)}</span> <span lang="und">{entry.words.join(" · ")}</span>
      </p>
      <p className="muted">{t("admin:synonyms.confirmText")}</p>
      <Form method="post" action={PATH} className="button-row">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="id" value={entry.id} />
        <button type="submit" className="button primary small" disabled={navigation.state === "submitting"}>
          {t("admin:synonyms.confirmDelete")}
        </button>
        <Link to={cancelHref} className="button small">
          {t("admin:synonyms.cancel")}
        </Link>
      </Form>
    </section>
  );
}

function EntryEditor({ entry, cancelHref }: { entry: Row | null; cancelHref: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const result = useActionData<typeof action>();
  // Only a save's answer belongs to this form (a refused delete answers about the id).
  const lastResult = (result?.initialValue as Record<string, unknown> | undefined)?.intent === "save" ? result : undefined;
  const [form, fields] = useForm({
    id: entry ? `synonym-${entry.id}` : "synonym-new",
    lastResult,
    defaultValue: entry ? { kind: entry.kind, term: entry.term, words: entry.words.join("\n") } : { kind: "SYNONYM" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveSynonymSchema }),
    ...FIELD_VALIDATION,
  });
  // Errors are locale keys; the limits fill the messages that name them.
  const errorText = (errors: string[] | undefined) => (errors ?? []).map((error) => t(error, THESAURUS_LIMITS)).join(" ");
  const describedBy = (hintId: string, errorId: string, errors: string[] | undefined) =>
    [hintId, errors ? errorId : null].filter(Boolean).join(" ");
  const kindValue = String(fields.kind.initialValue ?? "SYNONYM");
  return (
    <section aria-labelledby="editor-title" className="editor">
      <h2 id="editor-title">{entry ? t("admin:synonyms.editTitle", { term: entry.term }) : t("admin:synonyms.addTitle")}</h2>
      <Form method="post" action={PATH} className="admin-form" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors?.map((error) => t(error))} />
        <input type="hidden" name="intent" value="save" />
        {entry ? <input type="hidden" name="id" value={entry.id} /> : null}
        {entry ? <input type="hidden" name="version" value={entry.updatedAt} /> : null}
        <fieldset className="field" aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}>
          <legend>{t("admin:synonyms.fields.kind")}</legend>
          {THESAURUS_KINDS.map((kind) => (
            <label key={kind} className="radio">
              <input type="radio" name={fields.kind.name} value={kind} defaultChecked={kindValue === kind} />{" "}
              {t(`admin:synonyms.kindOptions.${kind}`)}
            </label>
          ))}
          {fields.kind.errors ? (
            <p id={fields.kind.errorId} className="field-errors" role="alert">
              {errorText(fields.kind.errors)}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor={fields.term.id}>{t("admin:synonyms.fields.term")}</label>
          <input
            {...getInputProps(fields.term, { type: "text" })}
            maxLength={THESAURUS_LIMITS.termLength * 2}
            aria-describedby={describedBy(`${fields.term.id}-hint`, fields.term.errorId, fields.term.errors)}
          />
          <p id={`${fields.term.id}-hint`} className="field-hint">
            {t("admin:synonyms.termHint", THESAURUS_LIMITS)}
          </p>
          {fields.term.errors ? (
            <p id={fields.term.errorId} className="field-errors" role="alert">
              {errorText(fields.term.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.words.id}>{t("admin:synonyms.fields.words")}</label>
          <textarea
            {...getTextareaProps(fields.words)}
            rows={6}
            aria-describedby={describedBy(`${fields.words.id}-hint`, fields.words.errorId, fields.words.errors)}
          />
          <p id={`${fields.words.id}-hint`} className="field-hint">
            {t("admin:synonyms.wordsHint", THESAURUS_LIMITS)}
          </p>
          {fields.words.errors ? (
            <p id={fields.words.errorId} className="field-errors" role="alert">
              {errorText(fields.words.errors)}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button primary small" disabled={navigation.state === "submitting"}>
            {t("admin:synonyms.save")}
          </button>
          {entry ? (
            <Link to={cancelHref} className="button small">
              {t("admin:synonyms.cancel")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
