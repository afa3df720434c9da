// The worklist for the next quarter: supervision deadlines (overdue ones first) and art. 28(2) change-notice
// deadlines, in date order, grouped into overdue / within 30 days / later. Change notices are decided here
// (approve, or object with a reason); supervision opens the vendor's supervision section.
import { useState } from "preact/hooks";
import { mutate, useQuery, UserErrors } from "../api/client";
import { APPROVE_CHANGE, OBJECT_TO_CHANGE, SCHEDULE } from "../api/queries";
import type { ScheduleData } from "../api/types";
import { daysText, formatDate, label, t } from "../i18n";
import { navigate, url, useRoute } from "../router";
import { canWrite, session } from "../session";
import { Empty, ErrorNote, Loading, PageTitle, StatusBadge } from "../components/ui";
import { bucketOf, addMonths, todayIso, type Bucket } from "../schedule";

type Plan = ScheduleData["supervisionSchedule"][number];
type Notice = ScheduleData["pendingChangeNotices"][number];

type Row =
  | { kind: "supervision"; date: string | null; days: number | null; bucket: Bucket; plan: Plan }
  | { kind: "notice"; date: string | null; days: number | null; bucket: Bucket; notice: Notice };

function NoticeActions(props: { notice: Notice; onDone: (message: string) => void }) {
  const [objecting, setObjecting] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = props.notice;
  const who = `${n.processor.name} → ${n.engagement.subprocessor.name}`;

  async function run(query: string, input: Record<string, unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await mutate(query, { input: { id: n.id, version: n.version, ...input } });
      props.onDone(message);
    } catch (e) {
      setError(e instanceof UserErrors ? e.errors.map((x) => x.message).join(" ") : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="row-actions">
      {!objecting ? (
        <>
          <button
            type="button"
            disabled={busy}
            onClick={() => run(APPROVE_CHANGE, {}, t("schedule.approved", { who }))}
          >
            {t("schedule.approve")}
          </button>
          <button type="button" disabled={busy} onClick={() => setObjecting(true)}>
            {t("schedule.object")}
          </button>
        </>
      ) : (
        <form
          class="form inline"
          onSubmit={(e) => {
            e.preventDefault();
            run(OBJECT_TO_CHANGE, { reason }, t("schedule.objected", { who }));
          }}
        >
          <label>
            <span>{t("schedule.reason")}</span>
            <input
              type="text"
              value={reason}
              required
              onInput={(e) => setReason((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="danger" disabled={busy}>
            {t("schedule.sendObjection")}
          </button>
          <button type="button" onClick={() => setObjecting(false)}>
            {t("action.cancel")}
          </button>
        </form>
      )}
      {error && (
        <p class="note note-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const BUCKETS: Bucket[] = ["overdue", "soon", "later", "undated"];

export function SchedulePage() {
  const { query } = useRoute();
  const today = todayIso();
  const to = addMonths(today, 3);
  const { data, error, loading, reload } = useQuery<ScheduleData>(SCHEDULE, { to });
  const [done, setDone] = useState<string | null>(null);
  const writer = canWrite(session().viewer);
  const status = query.get("status");
  const kind = query.get("kind");

  const rows: Row[] = [];
  if (data) {
    for (const plan of data.supervisionSchedule)
      rows.push({
        kind: "supervision",
        date: plan.nextDueOn,
        days: plan.daysUntilDue,
        bucket: bucketOf(plan.daysUntilDue),
        plan,
      });
    for (const notice of data.pendingChangeNotices)
      if (!notice.deadline || notice.deadline <= to)
        rows.push({
          kind: "notice",
          date: notice.deadline,
          days: notice.daysLeft,
          bucket: bucketOf(notice.daysLeft),
          notice,
        });
  }
  const shown = rows
    .filter((r) => !kind || (kind === "notices" ? r.kind === "notice" : r.kind === "supervision"))
    .filter(
      (r) =>
        !status || (status === "OVERDUE" ? r.bucket === "overdue" : status === "DUE_SOON" ? r.bucket === "soon" : true),
    )
    .sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999"));

  const filterLink = (params: Record<string, string | null>, text: string, current: boolean) => (
    <a href={url("/schedule", params)} aria-current={current ? "true" : undefined} class="pill">
      {text}
    </a>
  );

  return (
    <>
      <PageTitle
        title={t("schedule.title")}
        sub={t("schedule.window", { from: formatDate(today), to: formatDate(to) })}
      />
      <nav class="pills" aria-label={t("schedule.filters")}>
        {filterLink({}, t("schedule.everything"), !status && !kind)}
        {filterLink({ status: "OVERDUE" }, t("schedule.overdueOnly"), status === "OVERDUE" && !kind)}
        {filterLink({ status: "DUE_SOON" }, t("schedule.soonOnly"), status === "DUE_SOON" && !kind)}
        {filterLink({ kind: "supervision" }, t("schedule.supervisionOnly"), kind === "supervision")}
        {filterLink({ kind: "notices" }, t("schedule.noticesOnly"), kind === "notices")}
      </nav>
      {done && (
        <p class="note note-good" role="status">
          {done}
        </p>
      )}
      {loading && !data && <Loading />}
      <ErrorNote error={error} onRetry={reload} />
      {data && shown.length === 0 && <Empty>{t("schedule.nothing")}</Empty>}
      {BUCKETS.map((bucket) => {
        const group = shown.filter((r) => r.bucket === bucket);
        if (!group.length) return null;
        return (
          <section key={bucket} class="card" aria-labelledby={`bucket-${bucket}`} data-bucket={bucket}>
            <h2 id={`bucket-${bucket}`}>
              {t(`schedule.bucket.${bucket}` as const)} <span class="muted">({group.length})</span>
            </h2>
            <ol class="worklist">
              {group.map((r) =>
                r.kind === "supervision" ? (
                  <li key={`s-${r.plan.processor.id}`} data-kind="supervision" data-processor={r.plan.processor.name}>
                    <span class="when">
                      <strong>{formatDate(r.date)}</strong>
                      <span class={(r.days ?? 0) < 0 ? "bad-text" : "muted"}>{daysText(r.days)}</span>
                    </span>
                    <span class="what">
                      <span class="badge badge-neutral">{t("schedule.kindSupervision")}</span>{" "}
                      <a href={`${url(`/processors/${r.plan.processor.id}`)}#supervision`}>{r.plan.processor.name}</a>
                      <span class="muted small">
                        {" "}
                        {(r.plan.chosenMethod ? [r.plan.chosenMethod] : r.plan.requiredMethods)
                          .map((m) => label("method", m))
                          .join(", ")}
                        {r.plan.lastSupervisedOn
                          ? ` · ${t("schedule.last", { date: formatDate(r.plan.lastSupervisedOn) })}`
                          : ` · ${t("schedule.never")}`}
                        {r.plan.owner && ` · ${r.plan.owner}`}
                      </span>
                    </span>
                    <StatusBadge group="supervision" value={r.plan.status} />
                  </li>
                ) : (
                  <li key={`n-${r.notice.id}`} data-kind="notice" data-processor={r.notice.processor.name}>
                    <span class="when">
                      <strong>{r.date ? formatDate(r.date) : t("notice.noDeadline")}</strong>
                      <span class={(r.days ?? 0) < 0 ? "bad-text" : "muted"}>{daysText(r.days)}</span>
                    </span>
                    <span class="what">
                      <span class="badge badge-neutral">{t("schedule.kindNotice")}</span>{" "}
                      <a href={`${url(`/processors/${r.notice.processor.id}`)}#notices`}>{r.notice.processor.name}</a> →{" "}
                      <a href={url(`/processors/${r.notice.engagement.subprocessor.id}`)}>
                        {r.notice.engagement.subprocessor.name}
                      </a>
                      <span class="muted small">
                        {" "}
                        {label("changeKind", r.notice.kind)}
                        {r.notice.replaces &&
                          ` (${t("schedule.replaces", { name: r.notice.replaces.subprocessor.name })})`}{" "}
                        · {label("authorization", r.notice.authorization)} ·{" "}
                        {r.notice.authorization === "GENERAL" ? t("schedule.generalHint") : t("schedule.specificHint")}
                      </span>
                    </span>
                    <StatusBadge group="notice" value={r.notice.state} />
                    {writer && (
                      <NoticeActions
                        notice={r.notice}
                        onDone={(message) => {
                          setDone(message);
                          reload();
                        }}
                      />
                    )}
                  </li>
                ),
              )}
            </ol>
          </section>
        );
      })}
      {status || kind ? (
        <p>
          <button type="button" class="link-button" onClick={() => navigate(url("/schedule"))}>
            {t("schedule.showAll")}
          </button>
        </p>
      ) : null}
    </>
  );
}
