"use strict";
const data = JSON.parse(document.getElementById("argmap-data").textContent);
const claims = data.claims, outside = data.outside;
const map = document.getElementById("map");
const svg = map.querySelector("svg");
const details = document.getElementById("details");
const search = document.getElementById("search");
const nodes = new Map();
for (const g of map.querySelectorAll("g.claim")) {
  const id = g.id.slice("claim-".length);
  nodes.set(id, g);
  g.setAttribute("tabindex", "0");
  g.setAttribute("role", "button");
  g.setAttribute("aria-label", claims[id] ? claims[id].text : id);
}

// -- the view: a scale and an offset applied to the drawing --------------------------------
const view = {x: 0, y: 0, s: 1};
const size = {w: svg.width.baseVal.value, h: svg.height.baseVal.value};
const MIN = 0.05, MAX = 8;
function apply() {
  svg.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.s})`;
}
function zoomAt(factor, px, py) {
  const s = Math.min(MAX, Math.max(MIN, view.s * factor));
  view.x = px - (px - view.x) * (s / view.s);
  view.y = py - (py - view.y) * (s / view.s);
  view.s = s;
  apply();
}
function fit() {
  const s = Math.min(map.clientWidth / size.w, map.clientHeight / size.h);
  view.s = s;
  view.x = (map.clientWidth - size.w * s) / 2;
  view.y = (map.clientHeight - size.h * s) / 2;
  apply();
}
function centre(g) {
  const r = g.getBoundingClientRect(), m = map.getBoundingClientRect();
  view.x += m.left + m.width / 2 - (r.left + r.width / 2);
  view.y += m.top + m.height / 2 - (r.top + r.height / 2);
  apply();
}
// Below this scale a claim's text is too small to read: a larger drawing opens at this scale.
const READABLE = 0.6;
function start() {
  const s = Math.min(map.clientWidth / size.w, map.clientHeight / size.h);
  if (s >= READABLE) { fit(); return; }
  // Theses are on top: open on the top row, centred.
  view.s = Math.min(1, READABLE); view.x = (map.clientWidth - size.w * view.s) / 2; view.y = 0;
  apply();
}
map.addEventListener("wheel", (event) => {
  event.preventDefault();
  const m = map.getBoundingClientRect();
  // A trackpad pinch arrives as a wheel event with ctrlKey and small deltas.
  const step = event.ctrlKey ? 0.01 : 0.0015;
  zoomAt(Math.exp(-event.deltaY * step), event.clientX - m.left, event.clientY - m.top);
}, {passive: false});
const pointers = new Map();
let drag = null, dragged = false;
map.addEventListener("pointerdown", (event) => {
  if (event.button !== 0) return;
  pointers.set(event.pointerId, {x: event.clientX, y: event.clientY});
  drag = {x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false};
});
window.addEventListener("pointermove", (event) => {
  if (!drag || !pointers.has(event.pointerId)) return;
  if (pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    const before = Math.hypot(a.x - b.x, a.y - b.y);
    pointers.set(event.pointerId, {x: event.clientX, y: event.clientY});
    const [c, d] = [...pointers.values()];
    const m = map.getBoundingClientRect();
    if (before > 0) zoomAt(Math.hypot(c.x - d.x, c.y - d.y) / before, (c.x + d.x) / 2 - m.left, (c.y + d.y) / 2 - m.top);
    drag.moved = true;
    return;
  }
  const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  drag.moved = true;
  map.classList.add("dragging");
  view.x = drag.vx + dx; view.y = drag.vy + dy;
  apply();
});
window.addEventListener("pointerup", (event) => {
  pointers.delete(event.pointerId);
  if (drag && drag.moved) dragged = true;
  if (!pointers.size) { drag = null; map.classList.remove("dragging"); }
});
// A drag ends with a click on whatever is under the pointer: it must not select or clear.
map.addEventListener("click", (event) => { if (dragged) { dragged = false; event.stopPropagation(); } }, true);
// Focus moves by Tab scroll the map's box; the view moves by its offset instead.
map.addEventListener("scroll", () => { map.scrollTop = 0; map.scrollLeft = 0; });
document.getElementById("fit").addEventListener("click", fit);
document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.25, map.clientWidth / 2, map.clientHeight / 2));
document.getElementById("zoom-out").addEventListener("click", () => zoomAt(0.8, map.clientWidth / 2, map.clientHeight / 2));

// -- the panel ---------------------------------------------------------------------------
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function clearMarks(...names) {
  for (const g of nodes.values()) g.classList.remove(...names);
}
function link(id) {
  if (!nodes.has(id)) {
    // Not drawn in this view: the whole map has it, when it was rendered alongside.
    if (!data.whole) return el("span", outside[id] || claims[id]?.text || id);
    const a = el("a", outside[id] || id, "outside");
    a.href = data.whole + "#" + encodeURIComponent(id);
    a.title = id + " (in the whole map)";
    return a;
  }
  const a = el("a", claims[id].text);
  a.dataset.claim = id;
  a.title = id;
  a.href = "#" + encodeURIComponent(id);
  a.addEventListener("click", (event) => { event.preventDefault(); show(id); });
  return a;
}
function relationList(title, relations, cls) {
  if (!relations.length) return [];
  const ul = el("ul");
  for (const r of relations) {
    const li = el("li");
    r.ids.forEach((id, n) => { if (n) li.append(" + "); li.append(link(id)); });
    const how = [r.verb];
    if (r.linked) how.push("together");
    if (r.mapper) how.push("mapper's reading");
    li.append(el("span", " (" + how.join(", ") + ")", r.mapper ? "mapper" : ""));
    ul.append(li);
  }
  return [el("h2", title, cls), ul];
}
function select(id) {
  const c = claims[id];
  if (!c) return;
  clearMarks("sel", "hl-support", "hl-attack");
  map.classList.add("dim");
  nodes.get(id).classList.add("sel");
  for (const r of c.supporters) for (const p of r.ids) nodes.get(p)?.classList.add("hl-support");
  for (const r of [...c.attackers, ...c.undercutters]) for (const p of r.ids) nodes.get(p)?.classList.add("hl-attack");
  details.replaceChildren();
  const head = el("h2", c.kind.toUpperCase() + " \u00b7 " + c.speaker);
  if (c.status) { head.append(" "); head.append(el("span", c.status, "badge " + c.status)); }
  details.append(head, el("p", c.text, "text"));
  if (c.quote) details.append(el("blockquote", c.quote, "quote"));
  const dl = el("dl");
  // A map's source id is any text ("constructor" too): only the data's own entries count.
  const source = Object.hasOwn(data.sources, c.source) ? data.sources[c.source] : null;
  const meaning = Object.hasOwn(data.statuses, c.status) ? data.statuses[c.status] : null;
  const rows = [["words", c.quoteMark], ["source", source ? source.line : c.source], ["locator", c.locator],
                ["status", meaning], ...c.marks.map((m) => ["", m]), ["", meaning && data.caveat],
                ["note", c.note], ["id", id]];
  for (const [k, v] of rows) if (v) dl.append(el("dt", k), el("dd", v));
  const url = source && source.url;
  if (url && /^(https?:|mailto:)/i.test(url)) { const a = el("a", url); a.href = url; a.rel = "noopener"; dl.append(el("dt", "link"), el("dd")); dl.lastChild.append(a); }
  if (c.renders) { dl.append(el("dt", "renders"), el("dd")); dl.lastChild.append(link(c.renders)); }
  details.append(dl);
  if (data.whole) {
    const more = el("a", "See it in the whole map", "outside");
    more.href = data.whole + "#" + encodeURIComponent(id);
    details.append(el("p", null, "expand"));
    details.lastChild.append(more);
  }
  details.append(...relationList("Supported by", c.supporters),
                 ...relationList("Attacked by", c.attackers),
                 ...relationList("Its links undercut by", c.undercutters),
                 ...relationList("It supports", c.supports),
                 ...relationList("It attacks", c.attacks));
  history.replaceState(null, "", "#" + encodeURIComponent(id));
}
function unselect() {
  clearMarks("sel", "hl-support", "hl-attack");
  map.classList.toggle("dim", search.value.trim() !== "");
  history.replaceState(null, "", location.pathname + location.search);
}
function show(id) {
  select(id);
  centre(nodes.get(id));
}
for (const [id, g] of nodes) {
  g.addEventListener("click", (event) => { event.stopPropagation(); select(id); });
  g.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(id); }
  });
  // Only focus moved by the keyboard brings the claim into view: a click focuses it too, and
  // moving it then would take it from under the pointer before the click lands.
  g.addEventListener("focus", () => { if (g.matches(":focus-visible")) centre(g); });
}
map.addEventListener("click", unselect);

// -- search ------------------------------------------------------------------------------
let matches = [], current = -1;
search.addEventListener("input", () => {
  const q = search.value.trim().toLowerCase();
  clearMarks("match", "current");
  matches = [];
  current = -1;
  if (q) for (const [id, g] of nodes) {
    const c = claims[id];
    if ((id + " " + c.text + " " + (c.quote || "") + " " + c.speaker).toLowerCase().includes(q)) { g.classList.add("match"); matches.push(g); }
  }
  map.classList.toggle("dim", q !== "");
  document.getElementById("count").textContent = q ? matches.length + (matches.length === 1 ? " match" : " matches") : "";
  if (matches.length) goTo(0);
});
function goTo(n) {
  matches[current]?.classList.remove("current");
  current = n;
  matches[current].classList.add("current");
  centre(matches[current]);
}
function step(by) {
  if (!matches.length) return;
  goTo((current + by + matches.length) % matches.length);
  document.getElementById("count").textContent = `${current + 1} of ${matches.length} matches`;
}
search.addEventListener("keydown", (event) => {
  if (event.key === "Enter") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
});
document.addEventListener("keydown", (event) => {
  const typing = event.target instanceof HTMLInputElement;
  if (event.key === "/" && !typing) { event.preventDefault(); search.focus(); search.select(); }
  else if (event.key === "Escape") {
    if (typing) { search.value = ""; search.dispatchEvent(new Event("input")); search.blur(); }
    unselect();
    document.getElementById("views").open = false;
  }
});

// -- deep links: #claim-id opens with the claim centred and its panel shown ----------------
function fromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  const known = nodes.has(id) ? id : nodes.has(id.replace(/^claim-/, "")) ? id.replace(/^claim-/, "") : null;
  if (known) show(known);
}
window.addEventListener("hashchange", fromHash);
start();
fromHash();
