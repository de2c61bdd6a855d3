// The ceasefire tracker: each ceasefire, its sides, mediators and conditions, and its history as a timeline:
// one dot per change of status, with the sentence that says so, who did it, who says so, and the other reports.
"use strict";

const STATUS_WORDS = { declared: "declared", in_effect: "in effect", extended: "extended", violated: "violated",
  ended: "ended", rejected: "rejected" };

function step(h) {
  const who = h.status === "violated"
    ? `by ${h.violated_by || "(not named)"}`
    : [h.declared_by && `by ${h.declared_by}`, h.toward && `toward ${h.toward}`].filter(Boolean).join(" ");
  const reports = h.reports || [];
  return el("li", { class: "entry status-" + h.status, "data-status": h.status },
    el("time", { text: h.entry_date || "undated" }), " ",
    el("span", { class: "badge status-" + h.status, text: STATUS_WORDS[h.status] || h.status }), " ",
    el("strong", { text: who }),
    h.claimed_by ? el("span", { class: "note", text: ` (says ${h.claimed_by})` }) : "",
    h.evidence ? el("blockquote", { class: "evidence", text: h.evidence }) : "",
    el("div", { class: "note", text: `${h.title || h.article_id}${h.source_name ? " — " + h.source_name : ""}` }),
    reports.length ? el("details", {}, el("summary", { text: `${reports.length} more report${reports.length > 1 ? "s" : ""}` }),
      el("ul", {}, ...reports.map(r => el("li", { text: `${r.entry_date || "undated"}, ${r.article_id}: ${r.evidence}` })))) : "");
}

function card(c) {
  const dates = [c.declared && `declared ${c.declared}`, c.effective && `in effect ${c.effective}`, c.ends && `ended ${c.ends}`];
  return el("article", { class: "ceasefire", "data-id": c.id },
    el("h3", { text: c.parties.length ? c.parties.join(" – ") : "sides not named" }),
    el("p", {}, el("span", { class: "badge status-" + c.status, text: STATUS_WORDS[c.status] || c.status }), " ",
      dates.filter(Boolean).join(", ") || "date unknown",
      ` · ${c.articles.length} article${c.articles.length > 1 ? "s" : ""}`),
    c.mediators.length ? el("p", { class: "note", text: "Mediators: " + c.mediators.join(", ") }) : "",
    c.conditions.length ? el("ul", { class: "conditions" }, ...c.conditions.map(t => el("li", { text: t }))) : "",
    el("ol", { class: "history" }, ...c.history.map(step)));
}

async function main() {
  const ceasefires = await getJSON("/api/ceasefires");
  const box = document.getElementById("ceasefires");
  if (!ceasefires.length) box.textContent = "No ceasefire in the store.";
  box.append(...ceasefires.map(card));
  document.body.dataset.loaded = "true";
}

main().catch(err => console.error(err));
