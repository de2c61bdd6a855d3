// The event page: its fields, its sources, and the article with the event's parts highlighted.
"use strict";

function fieldRows(e, ev) {
  const rows = [
    ["Type (PLOVER)", e.event_type + (e.mode ? ` / ${e.mode}` : "")],
    ["ACLED", e.acled_event_type ? `${e.acled_event_type} / ${e.acled_sub_event_type}` : ""],
    ["Actors", e.actors], ["Recipients", e.recipients],
    ["Date", e.date_value ? `${e.date_value} (${e.date_precision})` : "unknown"],
    ["Place", [e.location_name, e.country].filter(Boolean).join(", ") + (e.location_precision ? ` (${e.location_precision})` : "")],
    ["Factuality", e.factuality], ["Condition", ev.condition ? ev.condition.text : ""],
    ["Claimed by", ev.claimed_by.map(c => `${c.name} (${c.cue})`).join("; ")],
    ["Quantities", ev.quantities.map(q => q.text).join("; ")],
    ["Confidence", e.confidence.toFixed(2)], ["Incident", e.incident_id],
  ];
  return rows.map(([name, value]) => el("tr", {}, el("th", { text: name }), el("td", { text: value || "—" })));
}

// Spans to mark in the text, as [start, end, class]. Actors have no offsets in the record, so their
// names and aliases are looked for inside the evidence sentence.
function highlights(record, ev) {
  const spans = [[ev.evidence.start, ev.evidence.end, "hl-evidence"], [ev.trigger.start, ev.trigger.end, "hl-trigger"]];
  const inEvidence = s => s.start >= ev.evidence.start && s.end <= ev.evidence.end;
  const ids = new Set([...ev.actors, ...ev.recipients]);
  const sentence = record.text.slice(ev.evidence.start, ev.evidence.end);
  for (const actor of record.actors.filter(a => ids.has(a.id))) {
    for (const name of new Set([actor.name, ...actor.aliases])) {
      for (let at = sentence.indexOf(name); name && at >= 0; at = sentence.indexOf(name, at + name.length)) {
        spans.push([ev.evidence.start + at, ev.evidence.start + at + name.length, "hl-actor"]);
      }
    }
  }
  record.places.forEach((p, i) => { if (inEvidence(p) || (ev.location && ev.location.place === i)) spans.push([p.start, p.end, "hl-place"]); });
  record.times.filter(inEvidence).forEach(t => spans.push([t.start, t.end, "hl-time"]));
  return spans;
}

// Cut the text at every span edge; each piece carries the classes of the spans that cover it.
function renderText(container, text, spans) {
  const cuts = [...new Set([0, text.length, ...spans.flatMap(([s, e]) => [s, e])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const classes = spans.filter(([s, e]) => s <= from && to <= e).map(([, , c]) => c);
    const piece = text.slice(from, to);
    container.append(classes.length ? el("mark", { class: [...new Set(classes)].join(" "), text: piece }) : piece);
  }
}

async function main() {
  const uid = new URLSearchParams(location.search).get("id");
  const e = await getJSON("/api/events/" + encodeURIComponent(uid));
  const record = await getJSON("/api/articles/" + encodeURIComponent(e.article_id));
  const ev = e.event;
  document.getElementById("title").textContent = `${e.event_type}: ${ev.trigger.text}`;
  document.getElementById("fields").append(...fieldRows(e, ev));
  document.getElementById("sources").append(...e.sources.map(s => el("li", {},
    eventLink(s.uid, s.title || s.article_id), ` — ${s.source_name || "unknown source"}${s.published ? ", " + s.published : ""}`)));
  document.getElementById("article-title").textContent = record.title || record.id;
  const article = document.getElementById("article");
  renderText(article, record.text, highlights(record, ev));
  const first = article.querySelector(".hl-evidence");
  if (first) first.scrollIntoView({ block: "center" });
  document.body.dataset.loaded = "true";
}

main().catch(err => { document.getElementById("title").textContent = "Event not found"; console.error(err); });
