"use strict";
const claims = JSON.parse(document.getElementById("argmap-data").textContent);
const map = document.getElementById("map");
const details = document.getElementById("details");
const nodes = new Map();
for (const g of map.querySelectorAll("g.claim")) nodes.set(g.id.slice("claim-".length), g);

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
  const a = el("a", claims[id] ? claims[id].text : id);
  a.dataset.claim = id;
  a.title = id;
  a.addEventListener("click", () => select(id));
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
  const rows = [["words", c.quoteMark], ["source", c.source], ["locator", c.locator], ["status", c.statusText],
                ...c.marks.map((m) => ["", m]), ["", c.caveat],
                ["note", c.note], ["id", id]];
  for (const [k, v] of rows) if (v) dl.append(el("dt", k), el("dd", v));
  if (c.url && /^(https?:|mailto:)/i.test(c.url)) { const a = el("a", c.url); a.href = c.url; a.rel = "noopener"; dl.append(el("dt", "link"), el("dd")); dl.lastChild.append(a); }
  details.append(dl);
  details.append(...relationList("Supported by", c.supporters),
                 ...relationList("Attacked by", c.attackers),
                 ...relationList("Its links undercut by", c.undercutters),
                 ...relationList("It supports", c.supports),
                 ...relationList("It attacks", c.attacks));
}
for (const [id, g] of nodes) g.addEventListener("click", (event) => { event.stopPropagation(); select(id); });
map.addEventListener("click", () => { clearMarks("sel", "hl-support", "hl-attack"); map.classList.remove("dim"); });
document.getElementById("fit").addEventListener("click", (event) => {
  event.target.setAttribute("aria-pressed", String(map.classList.toggle("fit")));
});
document.getElementById("search").addEventListener("input", (event) => {
  const q = event.target.value.trim().toLowerCase();
  clearMarks("match");
  let n = 0;
  if (q) for (const [id, g] of nodes) {
    const c = claims[id];
    if ((id + " " + c.text + " " + (c.quote || "") + " " + c.speaker).toLowerCase().includes(q)) { g.classList.add("match"); n++; }
  }
  map.classList.toggle("dim", q !== "");
  document.getElementById("count").textContent = q ? n + (n === 1 ? " match" : " matches") : "";
  const first = map.querySelector("g.claim.match");
  if (first) first.scrollIntoView({block: "center", inline: "center"});
});
