// The events page: a map (offline Natural Earth basemap), a timeline per day, and a table, all filtered.
"use strict";
const map = L.map("map", { worldCopyJump: true, preferCanvas: false }).setView([20, 20], 2);
const markers = L.layerGroup().addTo(map);
let chart = null;

async function drawBasemap() {
  const topo = await getJSON("/vendor/world-atlas/countries-50m.json");
  const land = L.geoJSON(topojson.feature(topo, topo.objects.countries),
    { style: { color: "#8a8a8a", weight: 0.6, fillColor: "#eceae4", fillOpacity: 1 }, interactive: false });
  land.addTo(map);
  // Online tiles only on request: the page works with no network at all.
  const online = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    { maxZoom: 18, attribution: "&copy; OpenStreetMap contributors" });
  L.control.layers({ "Natural Earth (offline)": land, "OpenStreetMap (online)": online }).addTo(map);
}

function legend() {
  const box = document.getElementById("legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    box.append(el("span", { class: "swatch", style: `background:${colour}` }), el("span", { text: type + " " }));
  }
  const select = document.querySelector("select[name=type]");
  for (const type of Object.keys(TYPE_COLOURS)) select.append(el("option", { text: type }));
}

// The country field offers the countries in the store, with their event counts.
async function countryChoices() {
  const list = document.getElementById("countries");
  for (const c of await getJSON("/api/countries")) {
    if (c.iso3) list.append(el("option", { value: c.iso3, text: `${c.country || c.iso3} (${c.events})` }));
  }
}

function query() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(document.getElementById("filters"))) if (value) params.append(key, value);
  return params;
}

function popup(e) {
  return el("div", {}, el("strong", { text: e.event_type }), " ", e.date_value || "undated", el("br"),
    (e.actors || "—") + " → " + (e.recipients || "—"), el("br"), el("em", { text: e.evidence.slice(0, 200) }), el("br"),
    eventLink(e.uid, "Open event"));
}

async function refresh() {
  const params = query();
  params.set("limit", "1000");
  const [page, days] = await Promise.all([getJSON("/api/events?" + params), getJSON("/api/timeline?" + params)]);
  markers.clearLayers();
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const e of page.events) {
    if (e.lat !== null && e.lon !== null) {
      // Size by salience: the article's most salient events (low rank) are largest.
      const radius = 4 + 10 / (1 + e.rank) + 4 * e.confidence;
      L.circleMarker([e.lat, e.lon], {
        radius, color: TYPE_COLOURS[e.event_type], weight: 1, fillOpacity: 0.6,
        className: "event-marker type-" + e.event_type,
      }).bindPopup(() => popup(e)).addTo(markers);
    }
    body.append(el("tr", { "data-type": e.event_type },
      el("td", { text: e.date_value || "" }), el("td", {}, eventLink(e.uid, e.event_type)),
      el("td", { text: [e.actors, e.recipients].filter(Boolean).join(" → ") }),
      el("td", { text: [e.location_name, e.iso3].filter(Boolean).join(", ") }), el("td", { text: e.factuality })));
  }
  document.getElementById("count").textContent =
    `${page.total} events` + (page.total > page.events.length ? ` (first ${page.events.length} shown)` : "");
  drawTimeline(days, page.total);
  document.body.dataset.loaded = String(page.events.length);  // tests wait for this
}

function drawTimeline(rows, total) {
  const labels = [...new Set(rows.map(r => r.day))];
  const types = [...new Set(rows.map(r => r.event_type))];
  const datasets = types.map(type => ({
    label: type, backgroundColor: TYPE_COLOURS[type],
    data: labels.map(day => rows.filter(r => r.day === day && r.event_type === type).reduce((n, r) => n + r.events, 0)),
  }));
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById("timeline"), {
    type: "bar", data: { labels, datasets },
    options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  const dated = rows.reduce((n, r) => n + r.events, 0);
  document.getElementById("undated").textContent = total > dated ? `${total - dated} events have no day-precise date.` : "";
}

document.getElementById("filters").addEventListener("submit", ev => { ev.preventDefault(); refresh(); });
document.getElementById("filters").addEventListener("reset", () => setTimeout(refresh));
legend();
countryChoices().catch(err => console.error(err));
drawBasemap().catch(err => console.error(err)).finally(refresh);
