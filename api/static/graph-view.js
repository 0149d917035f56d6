/* sgkg graph view over Cytoscape.js (vendored in /static/vendor/): used by the school profile's
   neighbourhood and inlined into the HTML export.

   new SgkgGraph(container, {nodes, edges, expand, onSelect, hiddenKinds})
     nodes: [{id, label, type, colour, school}]   school = ";"-joined 10-digit codes
     edges: [{source, target, label, relation_kinds}]
     expand(id) -> Promise<{nodes, edges}>         neighbours of a node, added on click
   Labels never pile up: after every layout, zoom or pan, labels are kept greedily by importance
   (selected, schools, degree) and a label whose box overlaps a kept one is hidden until zooming in
   gives it room. Filters hide kinds and keep one school's nodes. */
(function (global) {
  "use strict";

  const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const CELL = 64; // px grid used to find overlapping labels quickly

  function styles() {
    return [
      { selector: "node", style: {
        "background-color": "data(colour)", "label": "data(label)", "font-family": FONT, "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": "150px",
        "width": "mapData(degree, 0, 30, 12, 36)", "height": "mapData(degree, 0, 30, 12, 36)",
        "min-zoomed-font-size": 6, "text-background-color": "#fff", "text-background-opacity": 0.75,
        "text-background-padding": "1px", "color": "#222" } },
      { selector: "node[type = 'School']", style: { "shape": "round-rectangle", "font-size": 14, "font-weight": "bold",
        "width": 40, "height": 24 } },
      { selector: "node.label-hidden", style: { "text-opacity": 0, "text-background-opacity": 0 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } },
      { selector: ".filtered", style: { "display": "none" } },
      { selector: "edge", style: {
        "width": 1, "line-color": "#c4c4c4", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "target-arrow-color": "#c4c4c4", "arrow-scale": 0.6, "label": "data(label)", "font-family": FONT,
        "font-size": 9, "text-opacity": 0, "text-rotation": "autorotate", "color": "#444",
        "text-background-color": "#fff", "text-background-opacity": 0, "min-zoomed-font-size": 6 } },
      { selector: "edge[relation_kinds != '']", style: { "line-color": "#d9a21b", "target-arrow-color": "#d9a21b",
        "width": 2 } },
      { selector: "edge.near", style: { "text-opacity": 1, "text-background-opacity": 0.8, "line-color": "#555",
        "target-arrow-color": "#555", "z-index": 10 } },
    ];
  }

  function edgeId(e) {
    return e.id || `${e.source}|${e.predicate || e.label}|${e.target}`;
  }

  function overlaps(a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  }

  class SgkgGraph {
    constructor(container, options) {
      this.options = options;
      this.expanded = new Set();
      this.hiddenKinds = new Set(options.hiddenKinds || []);
      this.school = "";
      this.cy = global.cytoscape({ container, elements: [], style: styles(), minZoom: 0.05, maxZoom: 5,
                                   wheelSensitivity: 0.4 });
      this.add(options.nodes || [], options.edges || []);
      this.applyFilters();
      this.layout(true);
      this.cy.on("tap", "node", (event) => { this.select(event.target); });
      let frame = 0;
      this.cy.on("viewport", () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => this.declutter());
      });
    }

    /** Add nodes and edges not shown yet (edges whose two ends are shown); returns the added collection. */
    add(nodes, edges) {
      const cy = this.cy;
      const elements = [];
      const fresh = new Set();
      for (const n of nodes) {
        if (!cy.getElementById(n.id).length && !fresh.has(n.id)) {
          fresh.add(n.id);
          elements.push({ group: "nodes", data: { school: "", colour: "#888", ...n, degree: 0 } });
        }
      }
      const known = (id) => fresh.has(id) || cy.getElementById(id).length > 0;
      for (const e of edges) {
        const id = edgeId(e);
        if (known(e.source) && known(e.target) && !cy.getElementById(id).length) {
          elements.push({ group: "edges", data: { relation_kinds: "", label: "", ...e, id } });
        }
      }
      const added = cy.add(elements);
      cy.batch(() => added.connectedNodes().union(added.nodes()).forEach((n) => n.data("degree", n.degree())));
      return added;
    }

    /** Select a node: show its edges' labels, tell the page, expand its neighbourhood. */
    select(node) {
      this.cy.edges().removeClass("near");
      node.connectedEdges().addClass("near");
      if (this.options.onSelect) this.options.onSelect(node.data());
      return this.expand(node.id());
    }

    /** Add the neighbours of a node (once); resolves to the number of nodes added. */
    async expand(id) {
      if (this.expanded.has(id) || !this.options.expand) return 0;
      this.expanded.add(id);
      const found = await this.options.expand(id);
      const centre = this.cy.getElementById(id).position();
      const added = this.add(found.nodes || [], found.edges || []);
      added.nodes().forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, added.nodes().length);
        n.position({ x: centre.x + 80 * Math.cos(angle), y: centre.y + 80 * Math.sin(angle) });
      });
      this.cy.getElementById(id).connectedEdges().addClass("near");
      if (added.nodes().length) {
        this.applyFilters();
        this.layout(false);
      }
      return added.nodes().length;
    }

    applyFilters() {
      const school = this.school;
      this.cy.batch(() => {
        this.cy.nodes().forEach((n) => {
          const schools = `;${n.data("school") || ""};`;
          const off = this.hiddenKinds.has(n.data("type")) || (school !== "" && !schools.includes(`;${school};`));
          n.toggleClass("filtered", off);
        });
        this.cy.edges().forEach((e) => {
          e.toggleClass("filtered", e.source().hasClass("filtered") || e.target().hasClass("filtered"));
        });
      });
      this.declutter();
    }

    setKindVisible(kind, visible) {
      if (visible) this.hiddenKinds.delete(kind); else this.hiddenKinds.add(kind);
      this.applyFilters();
    }

    setSchool(code) {
      this.school = code || "";
      this.applyFilters();
      this.layout(true);
    }

    shown() {
      return this.cy.nodes().not(".filtered");
    }

    layout(fit) {
      const elements = this.cy.elements().not(".filtered");
      if (!elements.length) return;
      elements.layout({ name: "cose", animate: false, fit, padding: 30, randomize: false, nodeDimensionsIncludeLabels: true,
                        idealEdgeLength: () => 90, nodeRepulsion: () => 12000, numIter: 1200 }).run();
      this.declutter();
    }

    /** Hide every label that would overlap a more important one at the current zoom. */
    declutter() {
      const cy = this.cy;
      const nodes = this.shown().sort((a, b) => this.importance(b) - this.importance(a));
      const grid = new Map();
      let kept = 0;
      cy.batch(() => {
        nodes.forEach((n) => {
          n.removeClass("label-hidden");
          const box = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
          if (!(box.w > 0)) return;
          const cells = [];
          for (let x = Math.floor(box.x1 / CELL); x <= Math.floor(box.x2 / CELL); x++) {
            for (let y = Math.floor(box.y1 / CELL); y <= Math.floor(box.y2 / CELL); y++) cells.push(`${x},${y}`);
          }
          if (cells.some((c) => (grid.get(c) || []).some((other) => overlaps(box, other)))) {
            n.addClass("label-hidden");
            return;
          }
          cells.forEach((c) => { if (!grid.has(c)) grid.set(c, []); grid.get(c).push(box); });
          kept += 1;
        });
      });
      this.visibleLabels = kept;
      return kept;
    }

    importance(node) {
      return (node.selected() ? 1000 : 0) + (node.data("type") === "School" ? 500 : 0) + node.degree();
    }

    /** Rendered position of a node, relative to the container (for tests and tools). */
    position(id) {
      const p = this.cy.getElementById(id).renderedPosition();
      return [p.x, p.y];
    }
  }

  global.SgkgGraph = SgkgGraph;
})(window);
