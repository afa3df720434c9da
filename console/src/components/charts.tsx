// Two small SVG charts, drawn by hand (no chart library, so the bundle stays small): a processor's risk
// score over time, and the portfolio's tier counts per month. Each has a table for screen readers.
import { formatDate, formatDateTime, formatNumber, label, t } from "../i18n";
import type { Assessment, Tier } from "../api/types";

export interface Thresholds {
  medium: number;
  high: number;
  critical: number;
}

/** The tier boundaries of the model in force (riskModels' definition), else dt-v1's 25/50/75. */
export function thresholdsOf(models: { active: boolean; definition: string }[] | undefined): Thresholds {
  const fallback = { medium: 25, high: 50, critical: 75 };
  const active = models?.find((m) => m.active);
  if (!active) return fallback;
  try {
    const tiers = JSON.parse(active.definition)?.tiers;
    return typeof tiers?.medium === "number" && typeof tiers?.high === "number" && typeof tiers?.critical === "number"
      ? tiers
      : fallback;
  } catch {
    return fallback;
  }
}

const W = 640;
const H = 220;
const PAD = { left: 36, right: 12, top: 10, bottom: 28 };

/** Score (0–100) as a step line: a stored assessment holds until the next one; tier bands behind it. */
export function RiskHistoryChart(props: { history: Assessment[]; thresholds: Thresholds; now?: Date }) {
  const points = [...props.history]
    .map((h) => ({ ...h, at: new Date(h.computedAt).getTime() }))
    .sort((a, b) => a.at - b.at);
  if (!points.length) return <p class="muted">{t("risk.noHistory")}</p>;
  const now = Math.max((props.now ?? new Date()).getTime(), points[points.length - 1].at);
  const start = Math.min(points[0].at, now - 7 * 86_400_000);
  const span = Math.max(now - start, 1);
  const x = (at: number) => PAD.left + ((at - start) / span) * (W - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - score / 100) * (H - PAD.top - PAD.bottom);
  const { medium, high, critical } = props.thresholds;
  const bands: [Tier, number, number][] = [
    ["LOW", 0, medium],
    ["MEDIUM", medium, high],
    ["HIGH", high, critical],
    ["CRITICAL", critical, 100],
  ];
  let d = `M ${x(points[0].at)} ${y(points[0].score)}`;
  for (const p of points.slice(1)) d += ` H ${x(p.at)} V ${y(p.score)}`;
  d += ` H ${x(now)}`;
  const latest = points[points.length - 1];
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t("risk.historyLabel", { n: points.length, score: formatNumber(latest.score) })}
        data-points={points.length}
      >
        {bands.map(([tier, lo, hi]) => (
          <rect
            key={tier}
            class={`band band-${tier.toLowerCase()}`}
            x={PAD.left}
            width={W - PAD.left - PAD.right}
            y={y(hi)}
            height={y(lo) - y(hi)}
          />
        ))}
        {[0, medium, high, critical, 100].map((v) => (
          <g key={v} class="tick">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        <path class="line" d={d} />
        {points.map((p) => (
          <circle key={p.computedAt} class={`dot tier-${p.tier.toLowerCase()}`} cx={x(p.at)} cy={y(p.score)} r={4}>
            <title>
              {formatDateTime(p.computedAt)}: {formatNumber(p.score)} ({label("tier", p.tier)})
            </title>
          </circle>
        ))}
        <text class="axis" x={PAD.left} y={H - 8}>
          {formatDate(new Date(start).toISOString())}
        </text>
        <text class="axis" x={W - PAD.right} y={H - 8} text-anchor="end">
          {t("chart.now")}
        </text>
      </svg>
      <table class="visually-hidden">
        <caption>{t("risk.history")}</caption>
        <thead>
          <tr>
            <th>{t("col.computedAt")}</th>
            <th>{t("col.score")}</th>
            <th>{t("col.tier")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.computedAt}>
              <td>{formatDateTime(p.computedAt)}</td>
              <td>{formatNumber(p.score)}</td>
              <td>{label("tier", p.tier)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

type Month = { month: string; critical: number; high: number; medium: number; low: number };

/** Tier counts at each month end, stacked. */
export function TrendBars(props: { trend: Month[] }) {
  const months = props.trend.slice(-12);
  if (!months.length) return null;
  const w = 320;
  const h = 90;
  const max = Math.max(1, ...months.map((m) => m.low + m.medium + m.high + m.critical));
  const bw = w / 12;
  const order: (keyof Omit<Month, "month">)[] = ["low", "medium", "high", "critical"];
  return (
    <figure class="chart trend">
      <svg viewBox={`0 0 ${w} ${h + 14}`} role="img" aria-label={t("portfolio.trendLabel", { n: months.length })}>
        {months.map((m, i) => {
          let top = h;
          return (
            <g key={m.month}>
              {order.map((k) => {
                const height = (m[k] / max) * (h - 4);
                top -= height;
                return height > 0 ? (
                  <rect key={k} class={`bar tier-${k}`} x={i * bw + 3} width={bw - 6} y={top} height={height}>
                    <title>
                      {m.month}: {label("tier", k.toUpperCase())} {m[k]}
                    </title>
                  </rect>
                ) : null;
              })}
              <text class="axis" x={i * bw + bw / 2} y={h + 12} text-anchor="middle">
                {m.month.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="muted">{t("portfolio.trend")}</figcaption>
    </figure>
  );
}
