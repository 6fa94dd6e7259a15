// tidings explorer: plain JavaScript and SVG, no libraries, no network beyond this server.
// The page state (view, filters, sort, page, selected event) lives in the URL, so a view can be shared.
"use strict";

const FILTERS = ["date_from", "date_to", "actor", "recipient", "actor_sector", "recipient_sector", "event_type",
                 "quad_class", "factuality", "location_country", "outlet", "attributed", "text"];
const CODES = ["actor", "recipient", "actor_sector", "recipient_sector", "location_country"];  // upper-cased
const SVG = "http://www.w3.org/2000/svg";
const PAGE = 50;
const QUAD = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
const QUAD_COLOURS = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"];

const $ = (selector) => document.querySelector(selector);
let state = readState();

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of FILTERS) if (params.get(name)) filters[name] = params.get(name);
  return {
    view: params.get("view") || "events", filters,
    order: params.get("order") || "date", desc: params.get("desc") !== "0",
    offset: Number(params.get("offset") || 0), by: params.get("by") || "month", event: params.get("event") || "",
  };
}

function writeState(push = true) {
  const params = new URLSearchParams();
  if (state.view !== "events") params.set("view", state.view);
  for (const [name, value] of Object.entries(state.filters)) if (value) params.set(name, value);
  if (state.order !== "date") params.set("order", state.order);
  if (!state.desc) params.set("desc", "0");
  if (state.offset) params.set("offset", state.offset);
  if (state.by !== "month") params.set("by", state.by);
  if (state.event) params.set("event", state.event);
  const url = `${location.pathname}?${params}`;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

function query(extra = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({...state.filters, ...extra})) if (value !== "" && value != null) params.set(name, value);
  return params.toString();
}

async function getJSON(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function element(tag, attributes = {}, text = "") {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== "") node.textContent = text;
  return node;
}

function goldsteinColour(value) {
  // -10 red, 0 grey, +10 green
  const t = Math.max(-1, Math.min(1, (value || 0) / 10));
  const grey = [150, 150, 150], red = [178, 24, 43], green = [27, 120, 55];
  const far = t < 0 ? red : green, k = Math.abs(t);
  const mix = grey.map((g, i) => Math.round(g + (far[i] - g) * k));
  return `rgb(${mix.join(",")})`;
}

function showError(where, error) {
  where.replaceChildren(element("p", {class: "error"}, `Could not load: ${error.message}`));
}

// ---- filters ---------------------------------------------------------------------------------

async function loadFacets() {
  const facets = await getJSON("/api/facets");
  $("#store-summary").textContent = `${facets.events} events, ${facets.date_from || "?"} to ${facets.date_to || "?"}`;
  const fill = (id, values) => $(id).replaceChildren(...values.map((v) => element("option", {value: v})));
  fill("#countries", facets.countries);
  fill("#sectors", facets.sectors);
  fill("#outlets", facets.outlets);
  fill("#attributed", facets.attributed || []);
  fill("#location-countries", facets.location_countries || []);
  const select = (name, values) => {
    const node = $(`#filters [name=${name}]`);
    for (const value of values) node.append(element("option", {value}, value));
  };
  select("event_type", facets.event_types);
  select("factuality", facets.factualities);
  $("#versions").textContent = `${facets.events} merged events in the store`;
}

function formToState() {
  const form = new FormData($("#filters"));
  state.filters = {};
  for (const name of FILTERS) {
    let value = (form.get(name) || "").trim();
    if (CODES.includes(name)) value = value.toUpperCase();
    if (value) state.filters[name] = value;
  }
  state.offset = 0;
  state.event = "";
}

function stateToForm() {
  for (const name of FILTERS) $(`#filters [name=${name}]`).value = state.filters[name] || "";
  $("#timeline-by").value = state.by;
  for (const format of ["csv", "gdelt", "plover"]) $(`#dl-${format}`).href = `/api/export?${query({format})}`;
}

// ---- views -----------------------------------------------------------------------------------

async function render() {
  stateToForm();
  for (const button of document.querySelectorAll("#views button")) {
    button.classList.toggle("active", button.dataset.view === state.view);
  }
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${state.view}`;
  const draw = {events: drawEvents, timeline: drawTimeline, map: drawMap, network: drawNetwork}[state.view];
  await draw();
}

async function drawEvents() {
  const body = $("#events-table tbody");
  let page;
  try {
    page = await getJSON(`/api/events?${query({order: state.order, desc: state.desc, limit: PAGE, offset: state.offset})}`);
  } catch (error) { showError(body, error); return; }
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.classList.toggle("sorted", th.dataset.sort === state.order);
    th.classList.toggle("asc", th.dataset.sort === state.order && !state.desc);
  }
  body.replaceChildren(...page.rows.map((e) => {
    const row = element("tr", {"data-id": e.id});
    const who = (country, sector, name) => `${country || "?"}${sector ? " " + sector : ""}${name ? " · " + name : ""}`;
    const when = e.date ? e.date + (e.date_precision && e.date_precision !== "day" ? ` (${e.date_precision})` : "") : "undated";
    row.append(
      element("td", {class: `q${e.quad_class}`, title: dateLabel(e.date_precision, e.date_source)}, when),
      element("td", {}, who(e.actor_country, e.actor_sector, e.actor_name)),
      element("td", {}, `${e.event_type}${e.mode ? "/" + e.mode : ""} (${e.cameo})`),
      element("td", {}, e.recipient_country || e.recipient_name ? who(e.recipient_country, e.recipient_sector, e.recipient_name) : "—"),
      element("td", {}, String(e.goldstein)),
      element("td", {}, e.factuality),
      element("td", {}, String(e.num_sources)),
      element("td", {}, String(e.num_mentions)),
      element("td", {title: e.location_name ? `placed by its ${e.location_source}` : "no place in the text"},
              e.location_name ? `${e.location_name}${e.location_country ? " (" + e.location_country + ")" : ""}` : "—"),
    );
    if (e.id === state.event) row.classList.add("selected");
    row.addEventListener("click", () => { state.event = e.id; writeState(); drawDetail(); markSelected(); });
    return row;
  }));
  const last = Math.min(state.offset + PAGE, page.total);
  $("#events-count").textContent = `${page.total} events match`;
  $("#page-info").textContent = page.total ? `${state.offset + 1}–${last} of ${page.total}` : "nothing matches";
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = last >= page.total;
  await drawDetail();
}

function markSelected() {
  for (const row of document.querySelectorAll("#events-table tbody tr")) {
    row.classList.toggle("selected", row.dataset.id === state.event);
  }
}

const SOURCES = {expression: "from a time expression in the text", publication: "the publication date",
                 unknown: "no date known", clause: "the text says the event happened there",
                 sentence: "the place its sentence names", article: "the place the article is about"};

function dateLabel(precision, source) {
  return `date precision: ${precision || "unknown"}; ${SOURCES[source] || source || "no date known"}`;
}

function highlightLabel(h) {
  if (h.role === "trigger") return "trigger";
  if (h.role === "time") return `time: ${h.value || "?"} (${h.precision})`;
  if (h.role === "place") return `place: ${h.name}${h.country ? " (" + h.country + ")" : ""}; ${SOURCES[h.source] || h.source}`;
  if (h.role === "cue") return `factuality cue: ${h.factuality}`;
  if (h.role === "speaker" || h.role === "outlet") return `${h.role}: ${h.name || h.text}${h.country ? " (" + h.country + ")" : ""}`;
  return `${h.role}: ${h.country || "?"} ${h.sector || ""}`.trim();
}

function highlighted(text, highlights) {
  // the sentence as text nodes and <mark> elements; overlapping spans keep the first
  const parts = [];
  let cursor = 0;
  for (const h of highlights) {
    if (h.start < cursor || h.end > text.length || h.start < 0) continue;
    if (h.start > cursor) parts.push(document.createTextNode(text.slice(cursor, h.start)));
    parts.push(element("mark", {class: h.role, title: highlightLabel(h)}, text.slice(h.start, h.end)));
    cursor = h.end;
  }
  parts.push(document.createTextNode(text.slice(cursor)));
  return parts;
}

function whenAndWhere(date, place) {
  // "When: 2019-02-27 (day, from “on Wednesday”) · Where: Hanoi, VNM (clause: “Hanoi”)"
  const box = element("p", {class: "where"});
  const when = element("span", {class: "when"});
  if (date && date.value) {
    when.append(`When: ${date.value} (${date.precision}, ${SOURCES[date.source] || date.source}`);
    if (date.text) when.append(": ", element("mark", {class: "time"}, date.text));
    when.append(")");
  } else when.append("When: no date known");
  const where = element("span", {class: "place"});
  if (place) {
    where.append(`Where: ${place.name}${place.country ? ", " + place.country : ""} (${SOURCES[place.source] || place.source}`);
    if (place.text) where.append(": ", element("mark", {class: "place"}, place.text));
    where.append(")");
  } else where.append("Where: no place in the text");
  box.append(when, " · ", where);
  return box;
}

function attributionChain(chain) {
  // nearest first: the speaker, then the outlets that relayed the claim ("Kim → KCNA")
  const box = element("span", {class: "attribution"});
  if (!chain.length) { box.textContent = "no attribution recorded"; return box; }
  chain.forEach((link, i) => {
    if (i) box.append(document.createTextNode(" → "));
    const named = link.name && link.name !== link.text ? `${link.name} (“${link.text}”)` : (link.name || link.text);
    box.append(element("span", {class: `link ${link.role}`, title: link.role + (link.country ? ` · ${link.country}` : "")},
                       `${link.role} ${named}`));
  });
  return box;
}

async function drawDetail() {
  const aside = $("#detail");
  if (!state.event) { aside.hidden = true; return; }
  aside.hidden = false;
  let event;
  try { event = await getJSON(`/api/events/${encodeURIComponent(state.event)}`); } catch (error) { showError(aside, error); return; }
  const place = event.location;
  const head = element("h2", {}, `${event.event_type}${event.mode ? "/" + event.mode : ""} · CAMEO ${event.cameo} · ` +
    `${event.actor_country || "?"} → ${event.recipient_country || "—"} · ${event.date || "undated"}` +
    (place ? ` · ${place.name}${place.country ? ", " + place.country : ""}` : ""));
  const where = element("p", {class: "event-where"},
    `Date ${event.date || "unknown"} (${dateLabel(event.date_precision, event.date_source)}). ` +
    (place ? `Place ${place.name}${place.country ? " (" + place.country + ")" : ""}, ${place.feature || "place"} at ` +
             `${place.lat}, ${place.lon}: ${SOURCES[place.source] || place.source}.`
           : "No place in the text: the map puts it at its actor country's capital."));
  const facts = element("p", {class: "muted"},
    `Goldstein ${event.goldstein}, QuadClass ${event.quad_class}, ${event.factuality}; reported in ` +
    `${event.num_mentions} sentences of ${event.num_articles} articles from ${event.num_sources} sources ` +
    `(${event.num_stories} stories). Coder ${event.coder_version}, KB ${event.kb_version}.`);
  const mentions = event.mentions.map((m) => {
    const box = element("div", {class: "mention"});
    const title = m.url && /^https?:/.test(m.url) ? element("a", {href: m.url, rel: "noreferrer"}, m.title || m.url)
                                                  : element("span", {}, m.title || m.source || m.article_id);
    const meta = element("p", {class: "muted"});
    meta.append(title, document.createTextNode(` · ${m.outlet || "unknown outlet"} · ${m.article_date || "undated"} · sentence ${m.sentence + 1}`));
    const sentence = element("p", {class: "sentence"});
    sentence.append(...highlighted(m.sentence_text || "", m.highlights));
    const why = element("p", {class: "why"}, `Factuality: ${m.factuality} (`);
    if (m.factuality_cue) why.append("cue ", element("mark", {class: "cue"}, m.factuality_cue.text));
    else why.append("no cue recorded");
    why.append(") · Attribution: ", attributionChain(m.attribution || []), ` · confidence ${m.confidence}`);
    box.append(meta, sentence, whenAndWhere(m.date, m.location), why);
    return box;
  });
  const others = element("p", {class: "muted"},
    event.num_articles > 1 ? `${event.num_articles} articles report this event:` : "One article reports this event.");
  aside.replaceChildren(head, facts, where, others, ...mentions);
}

function svgSize(svg) {
  const box = svg.getBoundingClientRect();
  return [Math.max(300, box.width), Math.max(200, box.height)];
}

async function drawTimeline() {
  const svg = $("#timeline");
  let data;
  try { data = await getJSON(`/api/timeline?${query({by: state.by})}`); } catch (error) { svg.replaceChildren(); return; }
  const [width, height] = svgSize(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const rows = data.rows, pad = {left: 50, right: 50, top: 20, bottom: 40};
  const plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
  const most = Math.max(1, ...rows.map((r) => r.events));
  const band = plotW / Math.max(1, rows.length);
  const nodes = [element("svg:line", {x1: pad.left, y1: pad.top + plotH, x2: pad.left + plotW, y2: pad.top + plotH, stroke: "#999"})];
  nodes.push(element("svg:text", {x: 4, y: pad.top + 10, "font-size": 11}, `${most} events`));
  rows.forEach((row, i) => {
    let y = pad.top + plotH;
    QUAD.forEach((name, q) => {
      const h = (row[name] / most) * plotH;
      if (h > 0) {
        const bar = element("svg:rect", {x: pad.left + i * band + 1, y: y - h, width: Math.max(1, band - 2), height: h,
                                          fill: QUAD_COLOURS[q], class: "bar"});
        bar.append(element("svg:title", {}, `${row.period}: ${row[name]} ${name.replace("_", " ")}`));
        nodes.push(bar);
        y -= h;
      }
    });
    if (rows.length <= 24 || i % Math.ceil(rows.length / 12) === 0) {
      nodes.push(element("svg:text", {x: pad.left + i * band + band / 2, y: height - 22, "font-size": 10,
                                       "text-anchor": "middle"}, String(row.period).slice(0, state.by === "year" ? 4 : 10)));
    }
  });
  // mean Goldstein on the right axis, -10..10
  const gy = (g) => pad.top + plotH / 2 - (g / 10) * (plotH / 2);
  const points = rows.map((r, i) => `${pad.left + i * band + band / 2},${gy(r.mean_goldstein)}`).join(" ");
  if (rows.length) nodes.push(element("svg:polyline", {points, fill: "none", stroke: "#333", "stroke-width": 1.5, class: "goldstein"}));
  nodes.push(element("svg:text", {x: width - pad.right + 4, y: gy(10) + 4, "font-size": 10}, "+10"),
             element("svg:text", {x: width - pad.right + 4, y: gy(0) + 4, "font-size": 10}, "0"),
             element("svg:text", {x: width - pad.right + 4, y: gy(-10) + 4, "font-size": 10}, "−10"));
  if (!rows.length) nodes.push(element("svg:text", {x: width / 2, y: height / 2, "text-anchor": "middle"}, "no dated events match"));
  svg.replaceChildren(...nodes);
}

async function drawMap() {
  const svg = $("#map");
  let data;
  try { data = await getJSON(`/api/places?${query()}`); } catch (error) { svg.replaceChildren(); return; }
  const [width, height] = svgSize(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const x = (lon) => ((lon + 180) / 360) * width, y = (lat) => ((90 - lat) / 180) * height;
  const nodes = [];
  for (let lon = -180; lon <= 180; lon += 30) nodes.push(element("svg:line", {x1: x(lon), y1: 0, x2: x(lon), y2: height, stroke: "#eee"}));
  for (let lat = -60; lat <= 60; lat += 30) nodes.push(element("svg:line", {x1: 0, y1: y(lat), x2: width, y2: y(lat), stroke: lat ? "#eee" : "#ccc"}));
  const most = Math.max(1, ...data.rows.map((r) => r.events));
  let located = 0, capitals = 0;
  const atCapitalsFirst = [...data.rows].sort((a, b) => (a.source === "event location") - (b.source === "event location"));
  for (const place of atCapitalsFirst) {  // located events are drawn last, on top
    const atCapital = place.source !== "event location";
    if (atCapital) capitals += place.events; else located += place.events;
    const r = 4 + 22 * Math.sqrt(place.events / most);
    const dot = element("svg:circle", {cx: x(place.lon), cy: y(place.lat), r, fill: goldsteinColour(place.mean_goldstein),
                                       "fill-opacity": atCapital ? 0.25 : 0.75, stroke: atCapital ? "#555" : "#fff",
                                       "stroke-dasharray": atCapital ? "3 2" : "none",
                                       class: `place ${atCapital ? "capital" : "located"}`});
    const how = atCapital ? "no place in the text: shown at the actor country's capital"
                          : `placed from the text (${SOURCES[place.location_source] || place.location_source})`;
    dot.append(element("svg:title", {}, `${place.place} (${place.country}): ${place.events} events, ` +
                                        `mean Goldstein ${place.mean_goldstein}; ${how}`));
    dot.addEventListener("click", () => {
      if (atCapital) state.filters.actor = place.country; else state.filters.location_country = place.country;
      state.view = "events"; state.offset = 0; writeState(); render();
    });
    nodes.push(dot, element("svg:text", {x: x(place.lon) + r + 2, y: y(place.lat) + 4, "font-size": 10,
                                          "font-style": atCapital ? "italic" : "normal"},
                            atCapital ? place.country : place.place));
  }
  svg.replaceChildren(...nodes);
  $("#map-note").textContent = data.rows.length
    ? `Solid circles: ${located} events placed where the text says they happened (or the place their sentence or ` +
      `article names). Dashed circles: ${capitals} events with no place in the text, shown at their actor ` +
      `country's capital. Area by count, colour by mean Goldstein. Click a circle to list its events.`
    : "No events match.";
}

async function drawNetwork() {
  const svg = $("#network");
  let data;
  try { data = await getJSON(`/api/network?${query()}`); } catch (error) { svg.replaceChildren(); return; }
  const [width, height] = svgSize(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const cx = width / 2, cy = height / 2, radius = Math.min(width, height) / 2 - 50;
  const position = {};
  data.nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, data.nodes.length) - Math.PI / 2;
    position[node.id] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
  const heaviest = Math.max(1, ...data.edges.map((e) => e.weight));
  const nodes = [element("svg:defs")];
  nodes[0].innerHTML = '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker>';
  for (const edge of data.edges) {
    const [x1, y1] = position[edge.source], [x2, y2] = position[edge.target];
    const line = element("svg:line", {x1, y1, x2, y2, stroke: goldsteinColour(edge.mean_goldstein), class: "edge",
                                       "stroke-width": 1 + 7 * (edge.weight / heaviest), "stroke-opacity": 0.7, "marker-end": "url(#arrow)"});
    line.append(element("svg:title", {}, `${edge.source} → ${edge.target}: ${edge.weight} events, mean Goldstein ${edge.mean_goldstein}`));
    nodes.push(line);
  }
  const most = Math.max(1, ...data.nodes.map((n) => n.events));
  for (const node of data.nodes) {
    const [x, y] = position[node.id];
    const dot = element("svg:circle", {cx: x, cy: y, r: 5 + 12 * Math.sqrt(node.events / most), fill: "#4a6fa5", class: "node"});
    dot.append(element("svg:title", {}, `${node.id}: ${node.events} events`));
    dot.addEventListener("click", () => { state.filters.actor = node.id; state.view = "events"; state.offset = 0; writeState(); render(); });
    nodes.push(dot, element("svg:text", {x: x + (x < cx ? -10 : 10), y: y + 4, "font-size": 11,
                                          "text-anchor": x < cx ? "end" : "start"}, node.id));
  }
  if (!data.edges.length) nodes.push(element("svg:text", {x: cx, y: cy, "text-anchor": "middle"}, "no country-to-country events match"));
  svg.replaceChildren(...nodes);
}

// ---- wiring ----------------------------------------------------------------------------------

function wire() {
  $("#filters").addEventListener("submit", (event) => { event.preventDefault(); formToState(); writeState(); render(); });
  $("#clear").addEventListener("click", () => { state.filters = {}; state.offset = 0; state.event = ""; writeState(); render(); });
  for (const button of document.querySelectorAll("#views button")) {
    button.addEventListener("click", () => { state.view = button.dataset.view; writeState(); render(); });
  }
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.addEventListener("click", () => {
      state.desc = th.dataset.sort === state.order ? !state.desc : true;
      state.order = th.dataset.sort; state.offset = 0; writeState(); render();
    });
  }
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); writeState(); render(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; writeState(); render(); });
  $("#timeline-by").addEventListener("change", (event) => { state.by = event.target.value; writeState(); render(); });
  window.addEventListener("popstate", () => { state = readState(); render(); });
}

wire();
loadFacets().then(render, (error) => showError($("main"), error));
