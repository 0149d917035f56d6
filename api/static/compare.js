/* The compare page: the chart of one unit's indicators, and the school picker. */
(function () {
  "use strict";
  const comparison = JSON.parse(document.getElementById("compare-data").textContent);
  const units = [...new Set(comparison.rows.map((r) => r.unit || ""))];
  const select = document.getElementById("unit");
  const counts = (u) => comparison.rows.filter((r) => (r.unit || "") === u).length;
  units.sort((a, b) => counts(b) - counts(a)).forEach((u) => {
    const option = document.createElement("option"); option.value = u; option.textContent = `${u || "—"} (${counts(u)})`;
    select.append(option);
  });
  let chart = null;
  function draw() {
    if (chart) chart.dispose();
    chart = window.SgkgCharts.compare(document.getElementById("chart-compare"), comparison, select.value || "");
  }
  select.addEventListener("change", draw);
  draw();
  const form = document.getElementById("pick");
  form.addEventListener("submit", () => {
    form.elements.schools.value = [...form.querySelectorAll("input[name=pick]:checked")].map((b) => b.value).join(",");
    form.querySelectorAll("input[name=pick]").forEach((b) => { b.disabled = true; });
  });
  window.sgkgCompare = { comparison, get chart() { return chart; } };
  document.body.dataset.rendered = "1";
})();
