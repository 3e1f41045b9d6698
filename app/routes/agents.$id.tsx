import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ShareFigure } from "~/components/credit-score";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReviewSummary } from "~/components/review-summary";
import { getAgentCredit } from "~/services/credit.server";
import { reviewSummaryForAgent } from "~/services/reviews.server";
import { formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, "named", { name: data.agent.name }) : "404" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const credit = await getAgentCredit(params.id ?? "");
  if (!credit) throw new Response("Agent not found", { status: 404 });
  return json({ ...credit, reviewSummary: await reviewSummaryForAgent(credit.agent.id) });
}

export default function AgentProfile() {
  const { agent, onTime, targets, complaints, minimumSample, reviewSummary } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page agent-profile">
      <h1>{t("trust:agent.title", { name: agent.name })}</h1>
      <p className="muted">{t("trust:agent.since", { date: formatDate(agent.createdAt, i18n.language) })}</p>
      <section aria-labelledby="agent-credit-title" className="credit-section">
        <h2 id="agent-credit-title">{t("trust:credit.title")}</h2>
        <ReviewSummary summary={reviewSummary} />
        <dl className="credit-list">
          <dt>{t("trust:agent.onTime")}</dt>
          <dd>
            <ShareFigure share={onTime} minimumSample={minimumSample} unit="stages" />
            {onTime.enough ? <span className="muted"> {t("trust:agent.fromOrders", { count: onTime.orders })}</span> : null}
          </dd>
          <dt>{t("trust:agent.procurement", { hours: targets.procurementTargetHours })}</dt>
          <dd>
            <ShareFigure share={onTime.procurement} minimumSample={minimumSample} unit="stages" />
          </dd>
          <dt>{t("trust:agent.dispatch", { hours: targets.dispatchTargetHours })}</dt>
          <dd>
            <ShareFigure share={onTime.dispatch} minimumSample={minimumSample} unit="stages" />
          </dd>
          <dt>{t("trust:credit.complaintsUpheld")}</dt>
          <dd>
            {t("trust:agent.complaintsValue", { count: complaints.upheld, decided: complaints.decided, warnings: complaints.warnings })}
          </dd>
        </dl>
        <details className="how-computed">
          <summary>{t("trust:credit.howComputed")}</summary>
          <ul>
            <li>
              {t("trust:agent.explainOnTime", { procurement: targets.procurementTargetHours, dispatch: targets.dispatchTargetHours })}
            </li>
            <li>{t("trust:agent.explainComplaints")}</li>
            <li>{t("trust:credit.explainMinimum", { count: minimumSample })}</li>
          </ul>
        </details>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
