// Shared by the dashboard's pages. Text from articles only ever enters the page through textContent.
"use strict";
const TYPE_COLOURS = {
  AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#7fc97f", CONCEDE: "#a6d854", COOPERATE: "#4daf4a",
  AID: "#17becf", RETREAT: "#80b1d3", REQUEST: "#bebada", ACCUSE: "#e6ab02", REJECT: "#fdb462",
  THREATEN: "#ff7f00", PROTEST: "#984ea3", SANCTION: "#a6761d", MOBILIZE: "#e7298a", COERCE: "#d95f02",
  ASSAULT: "#e41a1c",
};

// ACLED's event types (codebook 2023), for the ACLED type filter and the review form.
const ACLED_TYPES = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
  "Strategic developments"];

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function sendJSON(url, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof answer.detail === "string" ? answer.detail : JSON.stringify(answer.detail || response.statusText);
    throw new Error(`${response.status}: ${detail}`);
  }
  return answer;
}

// A link to an article's source, only for http(s) addresses (a stored "javascript:" URL stays text).
function sourceLink(url, label) {
  if (!/^https?:\/\//i.test(url || "")) return el("span", { text: label || "" });
  return el("a", { href: url, text: label || new URL(url).hostname, target: "_blank", rel: "noopener noreferrer", class: "source" });
}

function eventLink(uid, label) {
  return el("a", { href: "/event.html?id=" + encodeURIComponent(uid), text: label });
}

// The same header on every page, the current page marked.
(function header() {
  const nav = el("nav");
  for (const [href, label] of [["/", "Events"], ["/ceasefires.html", "Ceasefires"], ["/docs", "API"]]) {
    const link = el("a", { href, text: label });
    if (location.pathname === href || (href === "/" && location.pathname === "/index.html")) link.setAttribute("aria-current", "page");
    nav.append(link, " ");
  }
  document.querySelector("header").append(el("h1", { text: "truce" }), nav);
})();
