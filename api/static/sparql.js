// The SPARQL query page: runs the editor's query against the endpoint and shows a table.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("sgkg-config").textContent);
  const canned = JSON.parse(document.getElementById("sgkg-canned").textContent);
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const csvLink = document.getElementById("download-csv");
  const jsonLink = document.getElementById("download-json");
  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);

  function compact(iri) {
    for (const [prefix, ns] of prefixes) {
      if (iri.startsWith(ns)) return prefix + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  function localHref(iri) {
    // Entities of this graph are dereferenced by this server under /id/...
    return iri.startsWith(config.idBase) ? "/id/" + iri.slice(config.idBase.length) : iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = compact(term.value);
      a.title = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.appendChild(document.createTextNode(term.value));
      const note = document.createElement("span");
      if (term["xml:lang"]) { note.className = "lang"; note.textContent = "@" + term["xml:lang"]; }
      else if (term.datatype) { note.className = "dt"; note.textContent = compact(term.datatype); }
      if (note.textContent) td.appendChild(note);
    }
    return td;
  }

  function render(doc, truncated) {
    results.textContent = "";
    if (truncated) {
      const warn = document.createElement("div");
      warn.className = "warning";
      warn.textContent = "结果已截断 Result truncated: only the first " + config.maxRows + " rows are shown.";
      results.appendChild(warn);
    }
    if (typeof doc.boolean === "boolean") {
      const p = document.createElement("p");
      p.id = "boolean-result";
      p.textContent = doc.boolean ? "true 是" : "false 否";
      results.appendChild(p);
      return 0;
    }
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    for (const v of doc.head.vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of doc.results.bindings) {
      const row = body.insertRow();
      for (const v of doc.head.vars) row.appendChild(cell(binding[v]));
    }
    results.appendChild(table);
    return doc.results.bindings.length;
  }

  function setDownloads(query) {
    const q = encodeURIComponent(query);
    csvLink.href = config.endpoint + "?format=csv&query=" + q;
    jsonLink.href = config.endpoint + "?format=json&query=" + q;
  }

  async function run() {
    const query = editor.value;
    status.className = "";
    status.textContent = "运行中 Running…";
    setDownloads(query);
    const started = performance.now();
    try {
      const response = await fetch(config.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, application/ld+json;q=0.9" },
        body: new URLSearchParams({ query: query }),
      });
      const type = response.headers.get("content-type") || "";
      if (!response.ok) {
        const problem = type.includes("json") ? await response.json() : { detail: await response.text() };
        status.className = "error";
        status.textContent = (problem.title || "Error") + ": " + (problem.detail || response.status);
        results.textContent = "";
        return;
      }
      if (type.includes("sparql-results+json")) {
        const n = render(await response.json(), response.headers.get("X-SPARQL-Truncated") === "true");
        status.textContent = n + " 行 rows · " + Math.round(performance.now() - started) + " ms";
      } else {
        const pre = document.createElement("pre");
        pre.id = "graph-result";
        pre.textContent = JSON.stringify(await response.json(), null, 2);
        results.textContent = "";
        results.appendChild(pre);
        status.textContent = Math.round(performance.now() - started) + " ms";
      }
    } catch (err) {
      status.className = "error";
      status.textContent = "请求失败 Request failed: " + err;
    }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  for (const link of document.querySelectorAll("a.canned")) {
    link.addEventListener("click", function (event) {
      const q = canned.find(function (c) { return c.name === link.dataset.name; });
      if (!q) return;
      event.preventDefault();
      editor.value = q.text;
      run();
    });
  }
  setDownloads(editor.value);
  if (config.autorun) run();
})();
