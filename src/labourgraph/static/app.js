// The query page: fill the editor from the library, send the query, show the results as a table.
"use strict";

const PREFIXES = {};   // namespace -> prefix (labourgraph's and the query's PREFIX lines), for compact cells

const $ = (id) => document.getElementById(id);

function learnPrefixes(text) {
  for (const m of text.matchAll(/PREFIX\s+([A-Za-z0-9_-]*):\s*<([^>]*)>/gi)) {
    PREFIXES[m[2]] = m[1];
  }
}

function compact(iri) {
  let best = "";
  for (const ns of Object.keys(PREFIXES)) {
    if (iri.startsWith(ns) && ns.length > best.length && /^[A-Za-z0-9_.-]*$/.test(iri.slice(ns.length))) best = ns;
  }
  return best ? PREFIXES[best] + ":" + iri.slice(best.length) : "<" + iri + ">";
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.textContent = compact(term.value);
    td.title = term.value;
  } else {
    td.textContent = term.value;
    const tag = term["xml:lang"] ? "@" + term["xml:lang"] : "";
    if (tag) {
      const span = document.createElement("span");
      span.className = "lang";
      span.textContent = " " + tag;
      td.appendChild(span);
    }
  }
  return td;
}

function showTable(data) {
  const results = $("results");
  results.replaceChildren();
  if (typeof data.boolean === "boolean") {
    const p = document.createElement("p");
    p.id = "boolean-result";
    p.textContent = data.boolean ? "yes" : "no";
    results.appendChild(p);
    return 1;
  }
  const vars = data.head.vars;
  const table = document.createElement("table");
  table.id = "results-table";
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) row.appendChild(cell(binding[v]));
  }
  results.appendChild(table);
  return data.results.bindings.length;
}

function showText(text) {
  const pre = document.createElement("pre");
  pre.id = "results-rdf";
  pre.textContent = text;
  $("results").replaceChildren(pre);
}

async function run(event) {
  event.preventDefault();
  const query = $("query").value;
  learnPrefixes(query);
  $("error").hidden = true;
  $("status").textContent = "Running…";
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query }),
    });
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) throw new Error(await response.text());
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const cut = response.headers.get("X-Labourgraph-Truncated") ? " (cut at the result limit)" : "";
    if (type.includes("json")) {
      const n = showTable(await response.json());
      $("status").textContent = `${n} result${n === 1 ? "" : "s"} in ${seconds} s${cut}`;
    } else {
      showText(await response.text());
      $("status").textContent = `done in ${seconds} s${cut}`;
    }
  } catch (err) {
    $("results").replaceChildren();
    $("status").textContent = "";
    $("error").textContent = String(err.message || err);
    $("error").hidden = false;
  }
}

async function loadExamples() {
  const response = await fetch("/queries.json");
  const library = await response.json();
  for (const [prefix, ns] of Object.entries(library.prefixes)) PREFIXES[ns] = prefix;
  const examples = library.queries;
  const select = $("example");
  for (const q of examples) {
    learnPrefixes(q.query);
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.title ? `${q.title} (${q.name})` : q.name;
    select.appendChild(option);
  }
  select.addEventListener("change", () => {
    const q = examples.find((e) => e.name === select.value);
    if (!q) return;
    $("query").value = q.query;
    $("example-description").textContent = q.description;
  });
  select.dataset.loaded = String(examples.length);
}

$("endpoint-url").textContent = new URL("/sparql", window.location.href).href;
$("query-form").addEventListener("submit", run);
loadExamples().catch((err) => {
  $("error").textContent = "Could not load the example queries: " + err;
  $("error").hidden = false;
});
