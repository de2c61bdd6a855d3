// The events page: the filters, kept in the address bar (a view can be bookmarked and shared), drive the
// map, the trends and the table; "Export this view" downloads the same selection as truce export's CSV.
"use strict";

const form = document.getElementById("filters");
const FILTER_DEFAULTS = { view: "incident" };
const TABLE_DEFAULTS = { sort: "date", order: "desc", limit: 50, offset: 0 };
const state = { ...TABLE_DEFAULTS, period: "month", split: "type" };
let loads = 0;

function fillChoices() {
  const types = form.elements.type, acled = form.elements.acled_type;
  for (const type of Object.keys(TYPE_COLOURS)) types.append(el("option", { text: type }));
  for (const type of ACLED_TYPES) acled.append(el("option", { text: type }));
}

// The country field offers the countries in the store, with their event counts.
async function countryChoices() {
  const list = document.getElementById("countries");
  for (const c of await getJSON("/api/countries")) {
    if (c.iso3) list.append(el("option", { value: c.country || c.iso3, text: `${c.iso3} (${c.events})` }));
  }
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (value && value !== FILTER_DEFAULTS[key]) params.append(key, value);
  return params;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  for (const element of form.elements) if (element.name && params.has(element.name)) element.value = params.get(element.name);
  for (const key of ["sort", "order", "period", "split"]) if (params.has(key)) state[key] = params.get(key);
  if (params.has("limit")) state.limit = [25, 50, 100, 200].includes(+params.get("limit")) ? +params.get("limit") : TABLE_DEFAULTS.limit;
  if (params.has("offset")) state.offset = Math.max(0, parseInt(params.get("offset"), 10) || 0);
  document.getElementById("period").value = state.period;
  document.getElementById("split").value = state.split;
  document.getElementById("page-size").value = String(state.limit);
}

function writeAddress(params) {
  const all = new URLSearchParams(params);
  for (const [key, value] of Object.entries(state)) {
    const fallback = key in TABLE_DEFAULTS ? TABLE_DEFAULTS[key] : { period: "month", split: "type" }[key];
    if (String(value) !== String(fallback)) all.set(key, value);
  }
  const address = location.pathname + (all.toString() ? "?" + all : "");
  if (address !== location.pathname + location.search) history.replaceState(null, "", address);
  document.getElementById("export-view").href = "/api/export?" + params;
}

async function refresh(parts = { map: true, trends: true, table: true }) {
  const params = filterParams();
  writeAddress(params);
  const view = new URLSearchParams(params);
  if (!view.has("view")) view.set("view", FILTER_DEFAULTS.view);
  const jobs = [];
  if (parts.table) jobs.push(Table.load(view, state));
  if (parts.map) jobs.push(MapView.ready.then(() => MapView.load(view)));
  if (parts.trends) jobs.push(Trends.load(view, state.period, state.split));
  try {
    await Promise.all(jobs);
  } catch (err) {
    document.getElementById("count").textContent = String(err.message);
    throw err;
  } finally {
    document.body.dataset.loaded = String(++loads);  // tests wait for this
  }
}

form.addEventListener("submit", ev => { ev.preventDefault(); state.offset = 0; refresh(); });
form.addEventListener("reset", () => setTimeout(() => { state.offset = 0; refresh(); }));
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); refresh({ table: true }); });
document.getElementById("next").addEventListener("click", () => { state.offset += state.limit; refresh({ table: true }); });
document.getElementById("page-size").addEventListener("change", ev => { state.limit = +ev.target.value; state.offset = 0; refresh({ table: true }); });
document.querySelectorAll("#events th button").forEach(button => button.addEventListener("click", () => {
  const key = button.dataset.sort;
  state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
  state.sort = key;
  state.offset = 0;
  refresh({ table: true });
}));
for (const id of ["period", "split"]) {
  document.getElementById(id).addEventListener("change", ev => { state[id] = ev.target.value; refresh({ trends: true }); });
}
Trends.onBrush = (since, until) => {
  form.elements.since.value = since;
  form.elements.until.value = until;
  state.offset = 0;
  refresh();
};

fillChoices();
readAddress();
countryChoices().catch(err => console.error(err));
refresh();
