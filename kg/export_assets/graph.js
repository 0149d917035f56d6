/* The HTML export's page: the embedded graph in the shared SgkgGraph view (Cytoscape.js).
   It starts from the schools (or the exported school) and what they link to; a click on a node
   shows its facts and adds its neighbours; kinds and a school filter what is shown. */
(function () {
  "use strict";
  const started = performance.now();
  const data = JSON.parse(document.getElementById("sgkg-data").textContent);
  const colours = Object.fromEntries(data.types.map(([kind, colour]) => [kind, colour]));
  const nodes = data.nodes.map(([id, type, label, labelEn, school, iri], i) =>
    ({ id, type, label, label_en: labelEn, school, iri, colour: colours[type] || "#888", index: i }));
  const edges = data.edges.map(([s, t, label, kinds]) =>
    ({ source: nodes[s].id, target: nodes[t].id, label, relation_kinds: kinds || "" }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const adjacent = new Map(nodes.map((n) => [n.id, []]));
  edges.forEach((e) => { adjacent.get(e.source).push(e); adjacent.get(e.target).push(e); });

  function neighbourhood(id) {
    const found = adjacent.get(id) || [];
    const ids = new Set([id]);
    found.forEach((e) => { ids.add(e.source); ids.add(e.target); });
    const around = [...ids].map((n) => byId.get(n));
    const shown = new Set(view ? view.cy.nodes().map((n) => n.id()) : []);
    ids.forEach((n) => shown.add(n));
    return { nodes: around, edges: edges.filter((e) => shown.has(e.source) && shown.has(e.target)) };
  }

  function start() {
    const ids = new Set();
    data.seeds.forEach((seed) => { ids.add(seed); (adjacent.get(seed) || []).forEach((e) => { ids.add(e.source); ids.add(e.target); }); });
    return { nodes: [...ids].map((n) => byId.get(n)).filter(Boolean), edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }

  function text(tag, value, cls) {
    const el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  function showDetails(node) {
    const box = document.getElementById("details");
    box.replaceChildren(text("h3", node.label), text("p", `${node.type}${node.label_en ? " · " + node.label_en : ""}`));
    const list = document.createElement("dl");
    if (node.school) { list.append(text("dt", "学校 · school"), text("dd", node.school)); }
    (data.facts[node.index] || []).forEach(([p, v]) => list.append(text("dt", p), text("dd", v)));
    box.append(list, text("p", node.iri, "hint"));
  }

  function updateStats() {
    document.getElementById("stats").textContent =
      `${view.shown().length} nodes shown of ${nodes.length} · ${edges.length} edges in the export`;
  }

  const initial = start();
  var view = new window.SgkgGraph(document.getElementById("graph"), {
    nodes: initial.nodes, edges: initial.edges, hiddenKinds: data.hiddenKinds,
    expand: (id) => Promise.resolve(neighbourhood(id)),
    onSelect: (d) => showDetails(byId.get(d.id)),
  });
  view.cy.on("add remove", updateStats);

  const legend = document.getElementById("legend");
  data.types.forEach(([kind, colour, count]) => {
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = !data.hiddenKinds.includes(kind); box.value = kind;
    box.addEventListener("change", () => { view.setKindVisible(kind, box.checked); updateStats(); });
    const swatch = text("span", "", "swatch"); swatch.style.background = colour;
    const label = document.createElement("label");
    label.append(box, swatch, text("span", kind), text("span", String(count), "count"));
    const item = document.createElement("li"); item.append(label); legend.append(item);
  });

  const schoolSelect = document.getElementById("school");
  nodes.filter((n) => n.type === "School").forEach((n) => {
    const option = text("option", n.label); option.value = n.id.split("/")[1]; schoolSelect.append(option);
  });
  schoolSelect.addEventListener("change", () => { view.setSchool(schoolSelect.value); updateStats(); });

  document.getElementById("show-all").addEventListener("click", () => {
    view.add(nodes, edges); view.applyFilters(); view.layout(true); updateStats();
  });

  const hits = document.getElementById("hits");
  document.getElementById("search").addEventListener("input", (event) => {
    const q = event.target.value.trim().toLowerCase();
    hits.replaceChildren();
    if (!q) return;
    nodes.filter((n) => n.label.toLowerCase().includes(q) || (n.label_en || "").toLowerCase().includes(q)).slice(0, 30)
      .forEach((n) => {
        const item = text("li", `${n.label} · ${n.type}`);
        item.addEventListener("click", () => {
          view.add([n], neighbourhood(n.id).edges); view.applyFilters(); view.layout(false);
          const el = view.cy.getElementById(n.id); view.cy.center(el); el.select(); view.select(el);
        });
        hits.append(item);
      });
  });

  updateStats();
  window.sgkg = { view, total: nodes.length, renderMs: performance.now() - started,
                  get nodeCount() { return view.shown().length; }, position: (id) => view.position(id) };
  document.body.dataset.rendered = "1";
})();
