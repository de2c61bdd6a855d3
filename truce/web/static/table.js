// The analyst's table: one row per incident (or per event), paged, sorted and searched by the server.
"use strict";

const Table = (() => {
  const REVIEW_LABELS = { accepted: "accepted", edited: "edited", rejected: "rejected" };

  function links(row) {
    const cell = el("td", { class: "links" });
    row.links.forEach((s, i) => {
      if (i) cell.append(" · ");
      const link = sourceLink(s.source_url, s.source_name || s.title || s.article_id);
      link.title = [s.title, s.published].filter(Boolean).join(", ");
      cell.append(link);
    });
    return cell;
  }

  function actor(main, associated) {
    return el("td", { title: associated ? "with " + associated : "" }, main || "", associated ? el("span", { class: "assoc", text: " +" }) : "");
  }

  function rowOf(r) {
    return el("tr", { "data-type": r.event_type, "data-uid": r.uid, class: r.review ? "review-" + r.review : "" },
      el("td", { class: "date", text: r.date_value || "" }), el("td", {}, eventLink(r.uid, r.event_type)),
      el("td", { text: r.acled_type ? `${r.acled_type}${r.acled_sub_type ? " / " + r.acled_sub_type : ""}` : "" }),
      actor(r.main_actor, r.assoc_actors), actor(r.main_recipient, r.assoc_recipients),
      el("td", { text: [r.location_name, r.iso3].filter(Boolean).join(", ") + (r.location_precision === "country" || r.location_precision === "admin1" ? " (area)" : "") }),
      el("td", { class: "num", text: r.fatalities ?? "" }), el("td", { class: "num", text: r.confidence.toFixed(2) }),
      el("td", { class: "num sources", text: r.sources }), links(r),
      el("td", {}, r.review ? el("span", { class: "badge review-" + r.review, text: REVIEW_LABELS[r.review] || r.review }) : ""));
  }

  function pager(answer, state) {
    const pages = Math.max(1, Math.ceil(answer.total / state.limit));
    const current = Math.floor(state.offset / state.limit) + 1;
    document.getElementById("page-info").textContent = `page ${current} of ${pages}`;
    document.getElementById("prev").disabled = current <= 1;
    document.getElementById("next").disabled = current >= pages;
    for (const button of document.querySelectorAll("#events th button")) {
      const on = button.dataset.sort === state.sort;
      button.parentElement.setAttribute("aria-sort", on ? (state.order === "desc" ? "descending" : "ascending") : "none");
      button.classList.toggle("sorted", on);
    }
  }

  async function load(params, state) {
    const query = new URLSearchParams(params);
    for (const key of ["sort", "order", "limit", "offset"]) query.set(key, state[key]);
    const answer = await getJSON("/api/table?" + query);
    document.querySelector("#events tbody").replaceChildren(...answer.rows.map(rowOf));
    pager(answer, state);
    const noun = answer.view === "incident" ? "incidents" : "events";
    document.getElementById("count").textContent = `${answer.total} ${noun}`;
    return answer;
  }

  return { load };
})();
