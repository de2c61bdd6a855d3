// The ceasefire tracker: each ceasefire, its parties and conditions, and a timeline of its history.
"use strict";

function entry(h) {
  const what = [h.status.replace("_", " ")];
  if (h.violated_by || h.violated_on) what.push(`by ${h.violated_by || "unknown"}${h.violated_on ? " on " + h.violated_on : ""}`);
  return el("li", { class: "entry status-" + h.status },
    el("time", { text: h.entry_date || "undated" }), " ", el("strong", { text: what.join(" ") }),
    el("div", { class: "note", text: [h.declared_by && `declared by ${h.declared_by}`, h.toward && `toward ${h.toward}`,
      h.declared && `declared ${h.declared}`].filter(Boolean).join("; ") }),
    el("div", {}, ...h.event_uids.slice(0, 1).map(uid => eventLink(uid, h.title || h.article_id)),
      h.source_name ? ` — ${h.source_name}` : ""));
}

async function main() {
  const ceasefires = await getJSON("/api/ceasefires");
  const box = document.getElementById("ceasefires");
  if (!ceasefires.length) box.textContent = "No ceasefire in the store.";
  for (const c of ceasefires) {
    box.append(el("article", { class: "ceasefire", "data-id": c.id },
      el("h3", { text: c.parties || "parties unknown" }),
      el("p", {}, el("span", { class: "badge status-" + c.status, text: c.status.replace("_", " ") }),
        ` declared ${c.declared || "(date unknown)"}` + (c.effective ? `, in effect ${c.effective}` : "") + (c.ends ? `, ends ${c.ends}` : "")),
      c.conditions.length ? el("ul", { class: "conditions" }, ...c.conditions.map(t => el("li", { text: t }))) : "",
      el("ol", { class: "history" }, ...c.history.map(entry))));
  }
  document.body.dataset.loaded = "true";
}

main().catch(err => console.error(err));
