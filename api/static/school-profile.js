/* The school profile page: its charts and its neighbourhood graph (expand on click, filter by kind). */
(function () {
  "use strict";
  const profile = JSON.parse(document.getElementById("profile-data").textContent);
  const charts = window.SgkgCharts;
  charts.achievements(document.getElementById("chart-achievements"), profile.achievements.by_level_year);
  charts.funding(document.getElementById("chart-funding"), profile.funding);
  charts.figures(document.getElementById("chart-figures"), profile.key_figures);

  async function expand(id) {
    const [kind, ...key] = id.split("/");
    const response = await fetch(`/api/neighbourhood/${kind}/${key.map(encodeURIComponent).join("/")}`,
                                 { headers: { Accept: "application/json" } });
    return response.ok ? response.json() : { nodes: [], edges: [] };
  }

  const graph = profile.neighbourhood;
  const view = new window.SgkgGraph(document.getElementById("graph"), {
    nodes: graph.nodes, edges: graph.edges, expand,
    hiddenKinds: ["Program"],
  });
  view.expanded.add(`school/${profile.code}`);
  view.cy.on("dbltap", "node", (event) => { window.location.href = event.target.data("href"); });

  const filters = document.getElementById("graph-filters");
  const kinds = new Map();
  function addKindFilter(kind, colour) {
    if (kinds.has(kind)) return;
    const box = document.createElement("input");
    box.type = "checkbox"; box.value = kind; box.checked = !view.hiddenKinds.has(kind);
    box.addEventListener("change", () => view.setKindVisible(kind, box.checked));
    const swatch = document.createElement("span"); swatch.className = "swatch"; swatch.style.background = colour;
    const label = document.createElement("label"); label.append(box, swatch, document.createTextNode(kind));
    filters.append(label); kinds.set(kind, box);
  }
  ["School", "ProfessionalGroup", "Major", "IndustryCollege", "Enterprise", "PartnerOrganization", "SecondaryCollege",
   "Certification", "Program"].forEach((kind) => {
    const node = view.cy.nodes().filter((n) => n.data("type") === kind)[0];
    addKindFilter(kind, node ? node.data("colour") : "#888");
  });
  view.cy.on("add", "node", (event) => addKindFilter(event.target.data("type"), event.target.data("colour")));
  window.sgkgProfile = { view, profile };
  document.body.dataset.rendered = "1";
})();
