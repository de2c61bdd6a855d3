// The event page: its fields, its sources, and the article with the event's parts highlighted.
"use strict";

function fieldRows(e, ev) {
  const rows = [
    ["Type (PLOVER)", e.event_type + (e.mode ? ` / ${e.mode}` : "")],
    ["ACLED", e.acled_type ? `${e.acled_type} / ${e.acled_sub_type}` : ""],
    ["Actors", e.actors], ["Recipients", e.recipients], ["Fatalities", String(e.fatalities ?? "")],
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
  Review.show(e);
  document.getElementById("sources").append(...e.sources.map(s => el("li", {},
    eventLink(s.uid, s.title || s.article_id), ` — ${s.source_name || "unknown source"}${s.published ? ", " + s.published : ""} `,
    s.source_url ? sourceLink(s.source_url, s.source_url) : "")));
  document.getElementById("article-title").textContent = record.title || record.id;
  const article = document.getElementById("article");
  renderText(article, record.text, highlights(record, ev));
  const first = article.querySelector(".hl-evidence");
  if (first) first.scrollIntoView({ block: "center" });
  document.body.dataset.loaded = "true";
}

// The review panel: accept, reject or edit the coding; every write needs the server's API token.
const Review = (() => {
  const SELECTS = { event_type: Object.keys(TYPE_COLOURS), acled_event_type: ["", ...ACLED_TYPES],
    location_precision: ["exact", "near", "city", "admin1", "country"],
    factuality: ["asserted", "negated", "future", "possible", "conditional"] };
  const FIELDS = [  // [name, label, the event's current value]
    ["event_type", "Type (PLOVER)", e => e.event_type], ["acled_event_type", "ACLED type", e => e.acled_type],
    ["acled_sub_event_type", "ACLED sub-type", e => e.acled_sub_type], ["actors", "Actors (Actor 1 first; ';' between)", e => e.actors],
    ["recipients", "Recipients (Actor 2 first)", e => e.recipients], ["date", "Date (YYYY, YYYY-MM or YYYY-MM-DD)", e => e.date_value],
    ["location_name", "Place", e => e.location_name], ["country", "Country", e => e.country],
    ["lat", "Latitude", e => e.lat], ["lon", "Longitude", e => e.lon], ["location_precision", "Place precision", e => e.location_precision],
    ["fatalities", "Fatalities", e => e.fatalities], ["factuality", "Factuality", e => e.factuality]];
  let current = null;
  const $ = id => document.getElementById(id);

  function input(name, value) {
    if (SELECTS[name]) {
      const select = el("select", { name, id: "edit-" + name });
      for (const option of SELECTS[name]) select.append(el("option", { value: option, text: option || "—" }));
      select.value = value ?? "";
      return select;
    }
    const type = ["lat", "lon", "fatalities"].includes(name) ? "number" : "text";
    return el("input", { name, id: "edit-" + name, type, value: value ?? "", step: "any", size: 30 });
  }

  function message(text, ok) {
    $("review-message").textContent = text;
    $("review-message").className = "message" + (ok ? " ok" : "");
  }

  async function send(action, fields) {
    const reviewer = $("reviewer").value.trim();
    localStorage.setItem("truce.reviewer", reviewer);
    sessionStorage.setItem("truce.token", $("token").value);
    if (!reviewer) return message("Give your name as the reviewer first.");
    try {
      await sendJSON(`/api/events/${encodeURIComponent(current.uid)}/review`, { action, reviewer, fields }, $("token").value);
    } catch (err) {
      return message(err.message.startsWith("401") ? "The API token was refused: give the server's TRUCE_API_TOKEN." : err.message);
    }
    const e = await getJSON("/api/events/" + encodeURIComponent(current.uid));
    $("fields").replaceChildren(...fieldRows(e, e.event));
    await show(e);  // the audit trail is refreshed before "Saved" says the review is done
    message(`Saved: ${action}.`, true);
  }

  async function show(e) {
    current = e;
    $("review-status").textContent = e.review || "unreviewed";
    $("review-status").className = "badge" + (e.review ? " review-" + e.review : "");
    $("edit").replaceChildren(...FIELDS.flatMap(([name, label, value]) =>
      [el("label", { for: "edit-" + name, text: label }), input(name, value(e))]));
    const entries = await getJSON(`/api/events/${encodeURIComponent(e.uid)}/audit`);
    $("audit").replaceChildren(...entries.map(a => el("li", {},
      el("strong", { text: a.action }), ` by ${a.reviewer}, ${a.reviewed_at}: `,
      ...Object.keys(a.after).filter(k => JSON.stringify(a.before[k]) !== JSON.stringify(a.after[k])).flatMap(k =>
        [el("code", { text: k }), ` ${JSON.stringify(a.before[k])} → ${JSON.stringify(a.after[k])}; `]))));
    if (!entries.length) $("audit").append(el("li", { text: "No review yet." }));
  }

  $("reviewer").value = localStorage.getItem("truce.reviewer") || "";
  $("token").value = sessionStorage.getItem("truce.token") || "";
  $("accept").addEventListener("click", () => send("accept", {}));
  $("reject").addEventListener("click", () => send("reject", {}));
  $("edit").addEventListener("submit", ev => {
    ev.preventDefault();
    const changed = {};
    for (const [name, , value] of FIELDS) {
      const given = $("edit-" + name).value.trim();
      if (given !== String(value(current) ?? "")) changed[name] = given;
    }
    if (!Object.keys(changed).length) return message("Nothing was changed.");
    send("edit", changed);
  });
  return { show };
})();

main().catch(err => { document.getElementById("title").textContent = "Event not found"; console.error(err); });
