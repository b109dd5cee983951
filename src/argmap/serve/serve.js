// The preview page: on each server-sent event, fetch the map's state and redraw.
// Everything from the map is set as text (textContent), never as markup, except the SVG that
// argmap's renderer escaped; the page's Content Security Policy lets no inline script run.
"use strict";

let shownVersion = -1;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showProblems(state) {
  const list = document.getElementById("problems");
  list.replaceChildren();
  for (const p of state.problems) {
    const item = el("li", p.severity);
    item.append(el("code", "", p.where + " "), el("strong", "", p.code + " " + p.severity + " "),
                el("span", "message", p.message));
    list.append(item);
  }
  const errors = state.problems.filter((p) => p.severity === "error").length;
  document.getElementById("problems-title").textContent =
    state.problems.length ? `Problems (${errors} error${errors === 1 ? "" : "s"})` : "No problems";
  document.getElementById("stale").classList.toggle("shown", state.stale);
}

function markClaims(state) {
  const picture = document.getElementById("picture");
  for (const p of state.problems) {
    if (!p.subject) continue;
    const node = picture.querySelector(`g[id="claim-${CSS.escape(p.subject)}"]`);
    if (node) {
      node.classList.add("has-problem", "has-" + p.severity);
      const title = el("title", "", `${p.code} ${p.message}`);
      node.prepend(title);
    }
  }
}

function fillViews(state) {
  const select = document.getElementById("view");
  const current = select.value || "map";
  select.replaceChildren(...state.views.map((name) => el("option", "", name)));
  select.value = state.views.includes(current) ? current : "map";
}

async function redraw() {
  const state = await (await fetch("/state")).json();
  if (state.version === shownVersion) return;
  shownVersion = state.version;
  fillViews(state);
  showProblems(state);
  // While a file cannot be read, the server answers with the last picture that could be drawn.
  const view = document.getElementById("view").value;
  if (view) {
    const response = await fetch("/svg?view=" + encodeURIComponent(view));
    if (response.ok) document.getElementById("picture").innerHTML = await response.text();
  }
  markClaims(state);
  document.getElementById("status").textContent = `${state.map}, version ${state.version}`;
  document.body.dataset.version = String(state.version);
}

function connect() {
  const events = new EventSource("/events");
  events.onmessage = () => redraw().catch((e) => {
    document.getElementById("status").textContent = "cannot reach argmap serve: " + e;
  });
  events.onerror = () => { document.getElementById("status").textContent = "reconnecting…"; };
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("view").addEventListener("change", () => { shownVersion = -1; redraw(); });
  connect();
});
