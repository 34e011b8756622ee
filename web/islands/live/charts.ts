/**
 * The live page's chart of the on-device aggregates, drawn with the one Chart.js set-up the report and
 * comparison use (web/lib/charts.ts: named parts only, same palette). Loaded by the LiveInterview island
 * once it runs in the browser.
 */
import { Chart, SERIES_COLOURS } from "../../lib/charts.ts";
import type { LivePoint } from "../../../api/contract/live.ts";

/** The series, in the point's order after its time: presence, eye contact, posture, movement, attention. */
export const SERIES = ["presence", "eyeContact", "posture", "movement", "attention"] as const;
export type Series = typeof SERIES[number];
const COLORS = Object.fromEntries(SERIES.map((s, i) => [s, SERIES_COLOURS[i]])) as Record<Series, string>;

export type LiveChart = { update(points: LivePoint[], startedAt: number): void; destroy(): void };

/** Time since the start as m:ss, for the x axis. */
function sinceStart(ms: number, startedAt: number): string {
  const s = Math.max(0, Math.round((ms - startedAt) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function createLiveChart(canvas: HTMLCanvasElement, labels: Record<Series, string>): LiveChart {
  const chart = new Chart<"line", (number | null)[], string>(canvas, {
    type: "line",
    data: {
      labels: [] as string[],
      datasets: SERIES.map((s) => ({
        label: labels[s],
        data: [] as (number | null)[],
        borderColor: COLORS[s],
        backgroundColor: COLORS[s],
        pointRadius: 0,
        borderWidth: 2,
        spanGaps: false,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: "category", ticks: { maxTicksLimit: 8 } },
        y: { type: "linear", min: 0, max: 100 },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
  return {
    update(points, startedAt) {
      chart.data.labels = points.map((p) => sinceStart(p[0], startedAt));
      SERIES.forEach((_, i) => {
        chart.data.datasets[i].data = points.map((
          p,
        ) => (p[i + 1] === null ? null : Math.round(p[i + 1]! * 100)));
      });
      chart.update();
    },
    destroy: () => chart.destroy(),
  };
}
