// Trends: counts per week or month on a real time axis, split by type, ACLED type or country; a brush
// (drag across the chart) sets the date filter.
"use strict";

const TREND_GROUPS = 8;        // the largest groups get a colour each; the rest are summed as "other"
const OUTLIER_SHARE = 0.01;    // dated events this rare at either end (1839 in a 2020s story) do not stretch the axis
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

const Trends = (() => {
  let chart = null;
  let onBrush = () => {};

  function colour(split, key, i) {
    return split === "type" && TYPE_COLOURS[key] ? TYPE_COLOURS[key] : PALETTE[i % PALETTE.length];
  }

  // The axis's first and last periods, and how many events fall outside them. Events dated far from the
  // rest (1839 in a story of the 2020s) would squeeze the rest into a sliver: the axis covers the central
  // 98% of events and whatever lies within half that span of it; everything when the dates are set.
  function range(rows, total, datesSet) {
    const periods = [...new Set(rows.map(r => r.period))].sort();
    const all = [periods[0], periods[periods.length - 1], 0];
    if (datesSet || periods.length < 3) return all;
    const per = periods.map(p => rows.filter(r => r.period === p).reduce((n, r) => n + r.count, 0));
    const at = share => { let sum = 0; return periods.findIndex((p, i) => (sum += per[i]) > total * share); };
    const [low, high] = [at(OUTLIER_SHARE), at(1 - OUTLIER_SHARE)];
    const time = i => new Date(periods[i]).getTime(), margin = (time(high) - time(low)) / 2;
    const first = periods.findIndex(p => new Date(p).getTime() >= time(low) - margin);
    const last = periods.length - 1 - [...periods].reverse().findIndex(p => new Date(p).getTime() <= time(high) + margin);
    const cut = per.reduce((n, count, i) => n + (i < first || i > last ? count : 0), 0);
    return [periods[first], periods[last], cut];
  }

  function draw(rows, period, split, datesSet) {
    const totals = {};
    for (const r of rows) totals[r.key] = (totals[r.key] || 0) + r.count;
    const keys = Object.keys(totals).sort((a, b) => totals[b] - totals[a]);
    const named = keys.slice(0, TREND_GROUPS);
    const group = key => named.includes(key) ? key : "other";
    const series = {};
    for (const r of rows) {
      const k = group(r.key);
      series[k] = series[k] || {};
      series[k][r.period] = (series[k][r.period] || 0) + r.count;
    }
    const total = rows.reduce((n, r) => n + r.count, 0);
    const [first, last, cut] = range(rows, total, datesSet);
    const datasets = [...named, ...(keys.length > TREND_GROUPS ? ["other"] : [])].map((k, i) => ({
      label: k, backgroundColor: k === "other" ? "#bbb" : colour(split, k, i),
      data: Object.entries(series[k] || {}).map(([x, y]) => ({ x, y })),
    }));
    if (chart) chart.destroy();
    chart = new Chart(document.getElementById("trends"), {
      type: "bar", data: { datasets },
      options: {
        animation: false, maintainAspectRatio: false, parsing: true,
        plugins: { legend: { position: "right", labels: { boxWidth: 10, font: { size: 11 } } } },
        scales: {
          x: { type: "time", stacked: true, offset: true, time: { unit: period, tooltipFormat: period === "week" ? "'week of' d MMM yyyy" : "MMM yyyy" },
               min: first, max: last, ticks: { maxRotation: 0, autoSkip: true } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "count" } },
        },
      },
    });
    const note = document.getElementById("trend-note");
    note.textContent = (total ? "" : "No dated events match. ") +
      (cut ? `${cut} events dated far from the rest are off the axis; set the dates to see them. ` : "") +
      "Drag across the chart to set the dates; double-click it to clear them.";
  }

  async function load(params, period, split) {
    const rows = await getJSON(`/api/trends?${params}&period=${period}&split=${split}`);
    draw(rows, period, split, params.has("since") || params.has("until"));
    return rows.length;
  }

  // The brush: a drag inside the plot area selects a span of time; its ends become the date filter.
  function brush() {
    const box = document.getElementById("chart-box"), canvas = document.getElementById("trends");
    const band = document.getElementById("brush");
    let from = null;
    const x = ev => ev.clientX - canvas.getBoundingClientRect().left;
    const inPlot = px => chart && px >= chart.chartArea.left && px <= chart.chartArea.right;
    canvas.addEventListener("mousedown", ev => {
      if (!inPlot(x(ev))) return;
      from = x(ev);
      Object.assign(band.style, { left: from + "px", width: "0px", top: chart.chartArea.top + "px",
        height: chart.chartArea.bottom - chart.chartArea.top + "px" });
      band.hidden = false;
      ev.preventDefault();
    });
    box.addEventListener("mousemove", ev => {
      if (from === null) return;
      const to = Math.max(chart.chartArea.left, Math.min(chart.chartArea.right, x(ev)));
      Object.assign(band.style, { left: Math.min(from, to) + "px", width: Math.abs(to - from) + "px" });
    });
    window.addEventListener("mouseup", ev => {
      if (from === null) return;
      const to = Math.max(chart.chartArea.left, Math.min(chart.chartArea.right, x(ev)));
      const [a, b] = [Math.min(from, to), Math.max(from, to)];
      from = null;
      band.hidden = true;
      if (b - a < 4) return;  // a click, not a drag
      const day = px => new Date(chart.scales.x.getValueForPixel(px)).toISOString().slice(0, 10);
      onBrush(day(a), day(b));
    });
    canvas.addEventListener("dblclick", () => onBrush("", ""));
  }

  brush();
  return { load, set onBrush(fn) { onBrush = fn; } };
})();
