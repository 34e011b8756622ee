import { useEffect, useRef } from "preact/hooks";

export type ComparisonChartsProps = {
  /** Criteria keys with their labels, in scorecard order. */
  criteria: { key: string; label: string }[];
  candidates: { name: string; scores: Record<string, number | null> }[];
  /** Overall score bands ("0–2", …) and how many candidates fall in each. */
  distribution: { bands: string[]; counts: number[] };
  text: { scoresLabel: string; distributionLabel: string; distributionTitle: string; count: string };
};

/**
 * Grouped bars (one group per criterion, one bar per candidate) and the distribution of overall scores.
 * Chart.js is loaded after hydration; the table on the page carries the same figures.
 */
export default function ComparisonCharts(props: ComparisonChartsProps) {
  const scores = useRef<HTMLCanvasElement>(null);
  const spread = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const charts: { destroy(): void }[] = [];
    let cancelled = false;
    import("../lib/charts.ts").then(({ Chart, SERIES_COLOURS }) => {
      if (cancelled || !scores.current || !spread.current) return;
      charts.push(
        new Chart(scores.current, {
          type: "bar",
          data: {
            labels: props.criteria.map((c) => c.label),
            datasets: props.candidates.map((cand, i) => ({
              label: cand.name,
              data: props.criteria.map((c) => cand.scores[c.key] ?? null),
              backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
            })),
          },
          options: { animation: false, maintainAspectRatio: false, scales: { y: { min: 0, max: 10 } } },
        }),
        new Chart(spread.current, {
          type: "bar",
          data: {
            labels: props.distribution.bands,
            datasets: [{
              label: props.text.count,
              data: props.distribution.counts,
              backgroundColor: SERIES_COLOURS[0],
            }],
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          },
        }),
      );
    });
    return () => {
      cancelled = true;
      for (const chart of charts) chart.destroy();
    };
  }, []);
  return (
    <div class="grid-2 grid-top">
      <div class="chart-box">
        <canvas ref={scores} role="img" aria-label={props.text.scoresLabel} />
      </div>
      <div>
        <h3 class="chart-title">{props.text.distributionTitle}</h3>
        <div class="chart-box">
          <canvas ref={spread} role="img" aria-label={props.text.distributionLabel} />
        </div>
      </div>
    </div>
  );
}
