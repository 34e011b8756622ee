/**
 * The live page's chart of the on-device aggregates, with Chart.js's named parts only (the rest of the
 * library stays out of the bundle). Loaded by the LiveInterview island once it runs in the browser.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { LivePoint } from "../../../api/contract/live.ts";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** The series, in the point's order after its time: presence, eye contact, posture, movement, attention. */
export const SERIES = ["presence", "eyeContact", "posture", "movement", "attention"] as const;
export type Series = typeof SERIES[number];
const COLORS: Record<Series, string> = {
  presence: "#2563eb",
  eyeContact: "#16a34a",
  posture: "#9333ea",
  movement: "#ea580c",
  attention: "#0f766e",
};

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
