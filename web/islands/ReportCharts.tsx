import { useEffect, useRef } from "preact/hooks";
import type { SampleBucket } from "../../api/contract/reports.ts";

export type ReportChartsProps = {
  buckets: SampleBucket[];
  /** Accessible name of the chart (the table beside it gives the same figures). */
  label: string;
  minutesLabel: string;
  series: { facePresent: string; eyeContact: string; attention: string };
};

const METRICS = ["facePresent", "eyeContact", "attention"] as const;

/**
 * The on-device aggregates over the interview as a line chart (percent per time slice). Chart.js is loaded
 * after hydration; the server-rendered table next to the canvas carries the same figures.
 */
export default function ReportCharts(props: ReportChartsProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    import("../lib/charts.ts").then(({ Chart, SERIES_COLOURS }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: "line",
        data: {
          labels: props.buckets.map((b) => (b.t / 60).toFixed(1)),
          datasets: METRICS.map((m, i) => ({
            label: props.series[m],
            data: props.buckets.map((b) => (b[m] === null ? null : Math.round(b[m]! * 100))),
            borderColor: SERIES_COLOURS[i],
            backgroundColor: SERIES_COLOURS[i],
            borderDash: i === 1 ? [6, 3] : i === 2 ? [2, 2] : [],
            pointRadius: 0,
            spanGaps: true,
          })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: {
            y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } },
            x: { title: { display: true, text: props.minutesLabel } },
          },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, []);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
