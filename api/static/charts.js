/* sgkg charts over Apache ECharts (vendored in /static/vendor/): achievements by level and year,
   funding by source or item, keyed figures, and indicators compared across schools. */
(function (global) {
  "use strict";
  const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const LEVEL_COLOURS = { international: "#b07aa1", national: "#e15759", provincial: "#f28e2b",
                          municipal: "#76b7b2", school: "#59a14f", unknown: "#bab0ac" };

  function mount(el, option) {
    if (!el) return null;
    const chart = global.echarts.init(el, null, { renderer: "canvas" });
    chart.on("finished", () => { el.dataset.rendered = "1"; });
    chart.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
    global.addEventListener("resize", () => chart.resize());
    return chart;
  }

  function empty(el, message) {
    if (el) { el.textContent = message; el.classList.add("muted"); el.style.height = "auto"; }
    return null;
  }

  /** Stacked bars: one bar per year, one colour per level (achievement records). */
  function achievements(el, byLevelYear) {
    if (!byLevelYear.length) return empty(el, "— 无成果 · no achievements");
    const years = [...new Set(byLevelYear.map((r) => (r.year == null ? "未注明" : String(r.year))))].sort();
    const levels = [...new Map(byLevelYear.map((r) => [r.level_key, r.level])).entries()];
    const series = levels.map(([key, label]) => ({
      name: label, type: "bar", stack: "level", itemStyle: { color: LEVEL_COLOURS[key] || "#999" },
      data: years.map((y) => byLevelYear.filter((r) => r.level_key === key && (r.year == null ? "未注明" : String(r.year)) === y)
        .reduce((sum, r) => sum + r.achievements, 0)),
    }));
    return mount(el, { tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { top: 40, left: 50, right: 20, bottom: 30 },
                       xAxis: { type: "category", data: years, name: "年 · year" },
                       yAxis: { type: "value", name: "成果数 · records", minInterval: 1 }, series });
  }

  /** Grouped bars per funding row: budget / received / spent / amount, whichever are stated. */
  function funding(el, records) {
    if (!records.length) return empty(el, "— 无经费记录 · no funding records");
    const names = records.map((r) => `${r.source || r.item || r.record.label_zh}${r.period ? " " + r.period : ""}`);
    const measures = [["budget", "预算 budget"], ["received", "到位 received"], ["spent", "支出 spent"], ["amount", "金额 amount"]]
      .filter(([key]) => records.some((r) => r[key] != null));
    const unit = records.find((r) => r.unit)?.unit || "";
    return mount(el, {
      tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { top: 40, left: 70, right: 20, bottom: 110 },
      xAxis: { type: "category", data: names, axisLabel: { rotate: 35, interval: 0, width: 140, overflow: "truncate" } },
      yAxis: { type: "value", name: unit },
      dataZoom: records.length > 20 ? [{ type: "slider", bottom: 0 }] : [],
      series: measures.map(([key, label]) => ({ name: label, type: "bar", data: records.map((r) => r[key]) })),
    });
  }

  function mostCommonUnit(figures) {
    const counts = new Map();
    figures.forEach((f) => counts.set(f.unit || "", (counts.get(f.unit || "") || 0) + 1));
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  }

  /** Every stated value of each indicator as a point (no averaging), one series per period. */
  function figures(el, items) {
    if (!items.length) return empty(el, "— 无关键指标 · no keyed figures");
    const unit = mostCommonUnit(items);
    const shown = items.filter((f) => (f.unit || "") === unit);
    const keys = [...new Set(shown.map((f) => f.name || f.key))];
    const periods = [...new Set(shown.map((f) => f.period || "—"))].sort();
    const series = periods.map((p) => ({
      name: p, type: "scatter", symbolSize: 11,
      data: shown.filter((f) => (f.period || "—") === p).map((f) => ({ value: [f.name || f.key, f.value], name: f.scope.label_zh })),
    }));
    return mount(el, {
      tooltip: { formatter: (p) => `${p.value[0]}<br>${p.seriesName}: ${p.value[1]}${unit} · ${p.name}` },
      legend: { top: 0 }, grid: { top: 40, left: 60, right: 20, bottom: 100 },
      xAxis: { type: "category", data: keys, axisLabel: { rotate: 30, interval: 0, width: 130, overflow: "truncate" } },
      yAxis: { type: "value", name: unit, scale: true }, series,
    });
  }

  /** Compare: indicators of one unit on the x axis, one series per school, every stated value a point. */
  function compare(el, comparison, unit) {
    const rows = comparison.rows.filter((r) => (r.unit || "") === unit);
    if (!rows.length) return empty(el, "— 无可对比指标 · nothing to compare in this unit");
    const names = rows.map((r) => r.name);
    const series = comparison.schools.map((s) => ({
      name: s.label_zh, type: "scatter", symbolSize: 12,
      data: rows.flatMap((r) => (r.cells.find((c) => c.school_code === s.key)?.figures || [])
        .map((f) => ({ value: [r.name, f.value], name: f.period || "" }))),
    }));
    return mount(el, {
      tooltip: { formatter: (p) => `${p.seriesName}<br>${p.value[0]}: ${p.value[1]}${unit} ${p.name}` },
      legend: { top: 0 }, grid: { top: 40, left: 60, right: 20, bottom: 100 },
      xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 130, overflow: "truncate" } },
      yAxis: { type: "value", name: unit, scale: true }, series,
    });
  }

  global.SgkgCharts = { achievements, funding, figures, compare, mostCommonUnit };
})(window);
