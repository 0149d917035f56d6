// sgkg graph page: a small self-contained force layout (Fruchterman–Reingold with a spatial grid
// for repulsion, so one iteration is ~linear in the node count) drawn on a canvas.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("sgkg-data").textContent);
  const started = performance.now();
  const canvas = document.getElementById("graph");
  const ctx = canvas.getContext("2d");
  const nodes = data.nodes; // [id, type, label, label_en, school, iri]
  const edges = data.edges; // [sourceIndex, targetIndex, label]
  const N = nodes.length;
  const colour = {};
  data.types.forEach(function (t) { colour[t[0]] = t[1]; });
  const hidden = {};
  const out = [], inc = [];
  const degree = new Int32Array(N);
  for (let i = 0; i < N; i++) { out.push([]); inc.push([]); }
  edges.forEach(function (e, k) { out[e[0]].push(k); inc[e[1]].push(k); degree[e[0]]++; degree[e[1]]++; });

  // ---------------------------------------------------------------- layout
  const K = 40; // ideal edge length
  const x = new Float64Array(N), y = new Float64Array(N), dx = new Float64Array(N), dy = new Float64Array(N);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < N; i++) { // deterministic sunflower start
    const r = K * Math.sqrt(i + 0.5), a = i * golden;
    x[i] = r * Math.cos(a); y[i] = r * Math.sin(a);
  }
  function step(temperature) {
    dx.fill(0); dy.fill(0);
    const cell = 2 * K, grid = new Map();
    for (let i = 0; i < N; i++) {
      const key = Math.floor(x[i] / cell) * 1000003 + Math.floor(y[i] / cell);
      let bucket = grid.get(key);
      if (!bucket) { bucket = []; grid.set(key, bucket); }
      bucket.push(i);
    }
    for (let i = 0; i < N; i++) {
      const cx = Math.floor(x[i] / cell), cy = Math.floor(y[i] / cell);
      for (let gx = cx - 1; gx <= cx + 1; gx++) {
        for (let gy = cy - 1; gy <= cy + 1; gy++) {
          const bucket = grid.get(gx * 1000003 + gy);
          if (!bucket) continue;
          for (let b = 0; b < bucket.length; b++) {
            const j = bucket[b];
            if (j === i) continue;
            let ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey;
            if (d2 < 0.01) { ex = (i - j) * 0.1; ey = 0.1; d2 = ex * ex + ey * ey; }
            const f = K * K / d2;
            dx[i] += ex * f; dy[i] += ey * f;
          }
        }
      }
    }
    for (let k = 0; k < edges.length; k++) {
      const s = edges[k][0], t = edges[k][1];
      const ex = x[s] - x[t], ey = y[s] - y[t], d = Math.sqrt(ex * ex + ey * ey) + 0.01, f = d / K;
      dx[s] -= ex * f; dy[s] -= ey * f; dx[t] += ex * f; dy[t] += ey * f;
    }
    for (let i = 0; i < N; i++) {
      dx[i] -= x[i] * 0.02; dy[i] -= y[i] * 0.02; // gravity keeps components together
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 1e-9, m = Math.min(d, temperature) / d;
      x[i] += dx[i] * m; y[i] += dy[i] * m;
    }
  }
  const iterations = 250, budgetMs = 1500;
  for (let it = 0; it < iterations && performance.now() - started < budgetMs; it++) {
    step(K * 2 * (1 - it / iterations) + 1);
  }

  // ---------------------------------------------------------------- view
  let scale = 1, ox = 0, oy = 0, selected = -1, matches = new Set();
  function resize() {
    const dpr = window.devicePixelRatio || 1, box = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * dpr));
    canvas.height = Math.max(1, Math.round(box.height * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }
  function fit() {
    const box = canvas.getBoundingClientRect();
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < N; i++) { x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]); y0 = Math.min(y0, y[i]); y1 = Math.max(y1, y[i]); }
    if (!N) { x0 = x1 = y0 = y1 = 0; }
    scale = Math.min(box.width / (x1 - x0 + 2 * K), box.height / (y1 - y0 + 2 * K), 4);
    ox = box.width / 2 - scale * (x0 + x1) / 2; oy = box.height / 2 - scale * (y0 + y1) / 2;
  }
  function radius(i) { return 3 + Math.min(9, Math.sqrt(degree[i])); }
  function visible(i) { return !hidden[nodes[i][1]]; }
  function draw() {
    const box = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, box.width, box.height);
    ctx.save(); ctx.translate(ox, oy); ctx.scale(scale, scale);
    ctx.lineWidth = 0.7 / scale; ctx.strokeStyle = "rgba(120,120,120,0.35)";
    ctx.beginPath();
    for (let k = 0; k < edges.length; k++) {
      const s = edges[k][0], t = edges[k][1];
      if (!visible(s) || !visible(t)) continue;
      ctx.moveTo(x[s], y[s]); ctx.lineTo(x[t], y[t]);
    }
    ctx.stroke();
    if (selected >= 0) {
      ctx.strokeStyle = "#d62728"; ctx.lineWidth = 2 / scale; ctx.beginPath();
      out[selected].concat(inc[selected]).forEach(function (k) {
        const e = edges[k]; ctx.moveTo(x[e[0]], y[e[0]]); ctx.lineTo(x[e[1]], y[e[1]]);
      });
      ctx.stroke();
    }
    for (let i = 0; i < N; i++) {
      if (!visible(i)) continue;
      ctx.beginPath(); ctx.arc(x[i], y[i], radius(i), 0, 2 * Math.PI);
      ctx.fillStyle = colour[nodes[i][1]] || "#999"; ctx.fill();
      if (i === selected || matches.has(i)) { ctx.lineWidth = 3 / scale; ctx.strokeStyle = "#111"; ctx.stroke(); }
    }
    ctx.fillStyle = "#222"; ctx.font = (12 / scale) + "px sans-serif";
    for (let i = 0; i < N; i++) {
      if (!visible(i)) continue;
      if (scale > 1.2 || i === selected || matches.has(i) || (scale > 0.5 && degree[i] > 6)) {
        ctx.fillText(nodes[i][2], x[i] + radius(i) + 2, y[i] + 4 / scale);
      }
    }
    ctx.restore();
  }

  // ---------------------------------------------------------------- side panel
  const details = document.getElementById("details");
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function link(i) {
    const a = el("a", nodes[i][2]);
    a.addEventListener("click", function () { select(i, true); });
    return a;
  }
  function select(i, centre) {
    selected = i;
    details.replaceChildren();
    if (i < 0) { draw(); return; }
    const n = nodes[i];
    details.append(el("h3", n[2]));
    const kind = el("span", n[1], "kind"); kind.style.background = colour[n[1]];
    details.append(kind);
    const dl = el("dl");
    function row(term, value) { dl.append(el("dt", term)); const dd = el("dd"); dd.append(value); dl.append(dd); }
    if (n[3]) row("English", n[3]);
    if (n[4]) row("学校 school", n[4]);
    const iri = el("a", n[5]); iri.href = n[5]; iri.target = "_blank"; row("IRI", iri);
    data.facts[i].forEach(function (f) { row(f[0], f[1]); });
    out[i].forEach(function (k) { row(edges[k][2] + " →", link(edges[k][1])); });
    inc[i].forEach(function (k) { row("← " + edges[k][2], link(edges[k][0])); });
    details.append(dl);
    if (centre) {
      const box = canvas.getBoundingClientRect();
      scale = Math.max(scale, 1.5); ox = box.width / 2 - scale * x[i]; oy = box.height / 2 - scale * y[i];
    }
    draw();
  }
  const hits = document.getElementById("hits");
  document.getElementById("search").addEventListener("input", function (ev) {
    const q = ev.target.value.trim().toLowerCase();
    matches = new Set(); hits.replaceChildren();
    if (q) {
      for (let i = 0; i < N; i++) {
        const n = nodes[i];
        if ((n[2] + "\u0000" + n[3] + "\u0000" + n[0]).toLowerCase().indexOf(q) >= 0) matches.add(i);
      }
      Array.from(matches).slice(0, 50).forEach(function (i) {
        const li = el("li"); li.append(link(i)); li.append(" · " + nodes[i][1]); hits.append(li);
      });
      if (matches.size > 50) hits.append(el("li", "… " + matches.size + " matches"));
      if (!matches.size) hits.append(el("li", "没有匹配 · no match", "hint"));
    }
    draw();
  });
  const legend = document.getElementById("legend");
  data.types.forEach(function (t) {
    const li = el("li"), sw = el("span", "", "swatch");
    sw.style.background = t[1];
    li.append(sw, t[0] + " (" + t[2] + ")");
    li.dataset.type = t[0];
    li.addEventListener("click", function () { hidden[t[0]] = !hidden[t[0]]; li.classList.toggle("off"); draw(); });
    legend.append(li);
  });
  document.getElementById("stats").textContent = N + " nodes · " + edges.length + " edges";

  // ---------------------------------------------------------------- interaction
  function nodeAt(px, py) {
    const gx = (px - ox) / scale, gy = (py - oy) / scale;
    let best = -1, bestD = Infinity;
    for (let i = 0; i < N; i++) {
      if (!visible(i)) continue;
      const d = (x[i] - gx) * (x[i] - gx) + (y[i] - gy) * (y[i] - gy), r = radius(i) + 4 / scale;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }
  let drag = null;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, moved: false }; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    const mx = ev.clientX - drag.x, my = ev.clientY - drag.y;
    if (Math.abs(mx) + Math.abs(my) > 2) drag.moved = true;
    ox += mx; oy += my; drag.x = ev.clientX; drag.y = ev.clientY;
    if (drag.moved) draw();
  });
  window.addEventListener("mouseup", function (ev) {
    if (drag && !drag.moved) {
      const box = canvas.getBoundingClientRect();
      select(nodeAt(ev.clientX - box.left, ev.clientY - box.top), false);
    }
    drag = null;
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    const box = canvas.getBoundingClientRect(), px = ev.clientX - box.left, py = ev.clientY - box.top;
    const f = Math.exp(-ev.deltaY * 0.0015);
    ox = px - (px - ox) * f; oy = py - (py - oy) * f; scale *= f;
    draw();
  }, { passive: false });
  window.addEventListener("resize", function () { resize(); draw(); });

  resize(); fit(); draw();
  const renderMs = performance.now() - started;
  window.sgkg = { nodeCount: N, edgeCount: edges.length, renderMs: renderMs, select: select,
                  position: function (i) { return [ox + scale * x[i], oy + scale * y[i]]; } };
  document.body.dataset.nodes = String(N);
  document.body.dataset.rendered = "1";
})();
