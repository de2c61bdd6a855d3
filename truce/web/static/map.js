// The events page's map: an offline Natural Earth basemap; events placed to a town or closer as markers
// that cluster with counts; events known only to their country or province as shaded areas, drawn apart;
// a legend whose entries hide and show their events. Every matching event is drawn (no cap).
"use strict";

const AREA_RADIUS_KM = { country: 300, admin1: 100 };  // the shaded circle of an event known only to a country or province

const MapView = (() => {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([20, 20], 2);
  const clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50,
    spiderfyOnMaxZoom: true });
  const areas = L.layerGroup();
  clusters.addTo(map);
  areas.addTo(map);
  const hidden = new Set();  // legend entries switched off: event types, and "exact" / "area"
  let points = [];

  // Natural Earth's shapes, as world-atlas ships them, are stitched for round-globe projections: Russia and
  // Fiji cross the antimeridian (a ring jumps from +180 to -180, which a flat map draws as a band across the
  // whole world) and Antarctica circles the South Pole. Each ring is unwrapped into continuous longitudes; a
  // ring around a pole is closed through the pole; a ring of pole points only is dropped; a shape that
  // reaches past ±180 is drawn once more a world-width over, so that it shows on both edges.
  function flatPolygons(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    const out = [];
    for (const polygon of polygons) {
      const rings = polygon.filter(ring => ring.some(([, lat]) => Math.abs(lat) < 89)).map(unwrapped);
      if (!rings.length) continue;
      out.push(rings);
      const lons = rings[0].map(([lon]) => lon);
      if (Math.max(...lons) > 180) out.push(rings.map(r => r.map(([lon, lat]) => [lon - 360, lat])));
      if (Math.min(...lons) < -180) out.push(rings.map(r => r.map(([lon, lat]) => [lon + 360, lat])));
    }
    return { type: "MultiPolygon", coordinates: out };
  }

  function unwrapped(ring) {
    let shift = 0;
    const out = ring.map(([lon, lat], i) => {
      if (i) {
        const step = lon - ring[i - 1][0];
        if (step > 180) shift -= 360; else if (step < -180) shift += 360;
      }
      return [lon + shift, lat];
    });
    if (shift !== 0) {  // it went round the globe: close it through the pole on the side it lies
      const pole = out.reduce((sum, [, lat]) => sum + lat, 0) < 0 ? -90 : 90;
      out.push([out[out.length - 1][0], pole], [out[0][0], pole], out[0]);
    }
    return out;
  }

  async function drawBasemap() {
    const topo = await getJSON("/vendor/world-atlas/countries-50m.json");
    const countries = topojson.feature(topo, topo.objects.countries);
    for (const f of countries.features) f.geometry = flatPolygons(f.geometry);
    const land = L.geoJSON(countries,
      { style: { color: "#8a8a8a", weight: 0.6, fillColor: "#eceae4", fillOpacity: 1 }, interactive: false });
    land.addTo(map);
    // Online tiles only on request: the page works with no network at all.
    const online = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      { maxZoom: 18, attribution: "&copy; OpenStreetMap contributors" });
    L.control.layers({ "Natural Earth (offline)": land, "OpenStreetMap (online)": online }).addTo(map);
  }

  function popup(uid) {
    const box = el("div", { class: "popup" }, "…");
    getJSON("/api/events/" + encodeURIComponent(uid)).then(e => box.replaceChildren(
      el("strong", { text: e.event_type }), " ", e.date_value || "undated", el("br"),
      (e.main_actor || "—") + " → " + (e.main_recipient || "—"), el("br"),
      el("em", { text: e.evidence.slice(0, 200) }), el("br"), eventLink(uid, "Open event")))
      .catch(() => box.replaceChildren("Event not found"));
    return box;
  }

  function areaPopup(group) {
    const byType = {};
    for (const p of group.points) byType[p.event_type] = (byType[p.event_type] || 0) + 1;
    const list = el("ul");
    for (const p of group.points.slice(0, 12)) list.append(el("li", {}, eventLink(p.uid, p.event_type)));
    return el("div", { class: "popup" },
      el("strong", { text: `${group.points.length} events known only to ${group.name || "this area"}` }),
      ` (${group.precision === "country" ? "country" : "province"} level)`, el("br"),
      Object.entries(byType).map(([t, n]) => `${t} ${n}`).join(", "), list,
      group.points.length > 12 ? `and ${group.points.length - 12} more in the table` : "");
  }

  function visible(p) {
    const kind = p.location_precision in AREA_RADIUS_KM ? "area" : "exact";
    return !hidden.has(p.event_type) && !hidden.has(kind);
  }

  function draw(fit) {
    clusters.clearLayers();
    areas.clearLayers();
    const shown = points.filter(visible);
    const markers = [], groups = new Map();
    for (const p of shown) {
      if (p.location_precision in AREA_RADIUS_KM) {
        const key = [p.location_precision, p.location_name, p.lat, p.lon].join("|");
        if (!groups.has(key)) groups.set(key, { name: p.location_name, precision: p.location_precision, lat: p.lat, lon: p.lon, points: [] });
        groups.get(key).points.push(p);
        continue;
      }
      markers.push(L.circleMarker([p.lat, p.lon], {
        radius: 6 + Math.min(6, 2 * (p.sources - 1)), color: TYPE_COLOURS[p.event_type], weight: 1, fillOpacity: 0.75,
        className: "event-marker type-" + p.event_type,
      }).bindPopup(() => popup(p.uid)));
    }
    clusters.addLayers(markers);
    for (const group of groups.values()) {
      const radius = AREA_RADIUS_KM[group.precision] * 1000 * Math.min(2.5, Math.sqrt(group.points.length) / 3 + 0.7);
      L.circle([group.lat, group.lon], {
        radius, color: "#5b6b7a", weight: 1.5, dashArray: "5 4", fillColor: "#7d8fa1", fillOpacity: 0.18,
        className: "area-marker precision-" + group.precision,
      }).bindTooltip(String(group.points.length), { permanent: true, direction: "center", className: "area-count" })
        .bindPopup(() => areaPopup(group)).addTo(areas);
    }
    if (fit) zoomToResults(shown);
    document.getElementById("map").dataset.markers = String(markers.length);
    document.getElementById("map").dataset.areas = String(groups.size);
  }

  function zoomToResults(shown) {
    if (!shown.length) return map.setView([20, 20], 2);
    const bounds = L.latLngBounds(shown.map(p => [p.lat, p.lon]));
    map.fitBounds(bounds.pad(0.1), { maxZoom: 8, animate: false });
  }

  function legend() {
    const box = document.getElementById("legend");
    const counts = {};
    for (const p of points) counts[p.event_type] = (counts[p.event_type] || 0) + 1;
    const entry = (key, label, swatch) => {
      const button = el("button", { type: "button", class: "legend-entry" + (hidden.has(key) ? " off" : ""), "data-key": key,
        "aria-pressed": String(!hidden.has(key)), title: "Hide or show these events" }, swatch, label);
      button.addEventListener("click", () => {
        hidden.has(key) ? hidden.delete(key) : hidden.add(key);
        legend();
        draw(false);
      });
      return button;
    };
    box.replaceChildren(
      entry("exact", "placed to a town or closer", el("span", { class: "swatch", style: "background:#888" })),
      entry("area", "known only to the country or province", el("span", { class: "swatch area" })),
      el("br"),
      ...Object.keys(TYPE_COLOURS).filter(t => counts[t]).map(t =>
        entry(t, `${t} ${counts[t]}`, el("span", { class: "swatch", style: `background:${TYPE_COLOURS[t]}` }))));
  }

  async function load(params) {
    const answer = await getJSON("/api/points?" + params);
    points = answer.rows.map(row => Object.fromEntries(answer.fields.map((f, i) => [f, row[i]])));
    legend();
    draw(true);
    return points.length;
  }

  return { load, ready: drawBasemap().catch(err => console.error(err)), map };
})();
