/* geomap's map client: popups built from feature properties (every document string escaped here),
   a date filter over the event layers, a legend, an event list and spreading of events that share a
   point. Written for geomap; loaded into the page by the map writer (geomap/outputs/map.py).

   The page calls init once, with its configuration; Leaflet calls the bind functions for each feature
   the script adds from the page's data block. `internal` is for geomap's own tests and benchmarks. */
window.geomap = (function () {
  "use strict";
  var ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"};
  var DAY_MS = 86400000;
  var LIST_LIMIT = 300;

  /* Everything the script keeps. An event entry is one drawn marker: {feature, layer, group (the event
     layer it belongs to), latlng (where the data put it), first and last (its days since 1970, read once
     when it is bound; first is null when undated)}; an arrow entry has no group or latlng. */
  var state = {config: null, documents: {}, map: null, events: [], order: [], arrows: [], list: null};

  function esc(value) {
    return String(value === undefined || value === null ? "" : value).replace(/[&<>"'`]/g, function (c) {
      return ESCAPES[c];
    });
  }

  /* The first of `names` found in `quote` from `at`: {at, name}, the longest name where two start together. */
  function nextName(quote, names, at) {
    var best = {at: -1, name: ""};
    names.forEach(function (n) {
      var i = quote.indexOf(n, at);
      if (i >= 0 && (best.at < 0 || i < best.at || (i === best.at && n.length > best.name.length))) {
        best = {at: i, name: n};
      }
    });
    return best;
  }

  /* The quote with the place names marked: escaped piece by piece, so a name never opens a tag. */
  function highlight(quote, names) {
    var out = "", at = 0;
    names = (names || []).filter(function (n) { return n; });
    while (at < quote.length) {
      var found = nextName(quote, names, at);
      if (found.at < 0) break;
      out += esc(quote.slice(at, found.at)) + "<mark>" + esc(found.name) + "</mark>";
      at = found.at + found.name.length;
    }
    return out + esc(quote.slice(at));
  }

  function when(p) {
    if (!p.d0) return "date unknown";
    return p.d1 && p.d1 !== p.d0 ? p.d0 + " to " + p.d1 : p.d0;
  }

  function typeOf(p) { return state.config.types[p.t] || {label: p.t}; }

  function precisionText(p) { return "precision " + esc(p.p) + ": " + esc(state.config.precision[p.p] || ""); }

  function documentLink(id) {
    var d = state.documents[id] || ["", ""];
    var title = esc(d[0] || id) + " (" + esc(id) + ")";
    if (!/^https?:\/\//i.test(d[1] || "")) return title;
    return '<a href="' + esc(d[1]) + '" target="_blank" rel="noopener noreferrer">' + title + "</a>";
  }

  function eventPopup(p) {
    var rows = [
      "<b>" + esc(typeOf(p).label) + "</b>: " + esc(p.st),
      esc(p.pl) + " (" + esc(p.r) + ", " + precisionText(p) + ")",
      esc(when(p)) + " (" + esc(p.dp) + ") &middot; " + esc(p.c)
    ];
    if (p.n) rows.push("<i>" + esc(p.n) + "</i>");
    if (p.a) rows.push("Actors: " + esc(p.a));
    if (p.q) rows.push("Numbers: " + esc(p.q));
    if (p.s) rows.push("Says so: " + esc(p.s));
    rows.push("<blockquote>" + highlight(p.quote || "", p.hl) + "</blockquote>");
    var docs = (p.docs || []).map(documentLink);
    rows.push((docs.length > 1 ? "Reported by " + docs.length + " documents" : "Source") + ": " + docs.join("; "));
    return "<div class='geomap-popup'>" + rows.join("<br>") + "</div>";
  }

  function placePopup(p) {
    var items = (p.ev || []).map(function (e) {
      return "<li>" + esc(e[0] || "undated") + " &middot; " + esc(e[1]) + "</li>";
    });
    return "<div class='geomap-popup'><b>" + esc(p.name) + "</b> (" + esc(p.kind) + ", " + esc(p.cc) + ")<br>" +
      esc(p.mentions) + " mention(s) in " + esc(p.docs) + " document(s), " + esc(items.length) + " event(s)" +
      (items.length ? "<ul>" + items.join("") + "</ul>" : "") + "</div>";
  }

  /* --- what Leaflet calls for each feature ------------------------------------------------------ */
  function dayNumber(iso) { return iso ? Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS) : null; }
  function isoOf(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  function datedEntry(feature, layer) {
    var p = feature.properties, first = dayNumber(p.d0);
    return {feature: feature, layer: layer, group: null, latlng: layer.getLatLng ? layer.getLatLng() : null,
            first: first, last: p.d1 ? dayNumber(p.d1) : first};
  }

  function bindEvent(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () { return eventPopup(p); }, {maxWidth: 380});
    layer.bindTooltip(function () { return esc(typeOf(p).label + ": " + p.pl); });
    if (layer.setRadius) layer.setRadius(6 + Math.min(p.sc || 1, 5));
    state.events.push(datedEntry(feature, layer));
  }

  function bindPlace(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () { return placePopup(p); }, {maxWidth: 320});
    layer.bindTooltip(esc(p.name));
    if (layer.setRadius) layer.setRadius(3 + Math.min(p.events || 0, 10));
  }

  /* A movement arrow is shown and hidden with its event by the date filter. */
  function bindMovement(feature, layer) {
    var p = feature.properties;
    if (p.quote !== undefined) layer.bindPopup(function () { return eventPopup(p); }, {maxWidth: 380});
    state.arrows.push(datedEntry(feature, layer));
  }

  function bindRegion(feature, layer) {
    var p = feature.properties;
    layer.bindTooltip(function () { return esc(p.name) + " (" + precisionText(p) + ")"; }, {sticky: true});
  }

  /* --- date filter ------------------------------------------------------------------------------ */
  function visible(entry, from, to, full) {
    if (entry.first === null) return full;  // undated events show only with the whole span selected
    return entry.first <= to && entry.last >= from;
  }

  /* Show or hide each entry's layer in `group`; how many are shown. */
  function showIn(group, entries, from, to, full) {
    var shown = 0;
    entries.forEach(function (e) {
      var on = visible(e, from, to, full), target = group || e.group, has = target.hasLayer(e.layer);
      if (on && !has) target.addLayer(e.layer);
      if (!on && has) target.removeLayer(e.layer);
      if (on) shown += 1;
    });
    return shown;
  }

  function applyFilter(from, to) {
    var full = from <= state.config.first && to >= state.config.last;
    var shown = showIn(null, state.events, from, to, full);
    var arrowGroup = state.config.movements ? window[state.config.movements] : null;
    if (arrowGroup) showIn(arrowGroup, state.arrows, from, to, full);
    var label = document.getElementById("geomap-dates-label");
    if (label) label.textContent = isoOf(from) + " to " + isoOf(to) + " (" + shown + " of " + state.events.length + ")";
    renderList(from, to, full);
    return shown;
  }

  /* --- panels --------------------------------------------------------------------------------- */
  /* A panel on the map; `stopEvents`: clicks and scrolling on it stay in it (for panels one uses). */
  function addPanel(position, className, html, stopEvents) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-panel " + className);
      div.innerHTML = html;
      if (stopEvents) {
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
      }
      return div;
    };
    control.addTo(state.map);
  }

  function addLegend() {
    var types = state.config.types;
    var rows = Object.keys(types).filter(function (t) { return types[t].used; }).map(function (t) {
      return "<div><span class='geomap-dot' style='background:" + esc(types[t].colour) + "'></span>" +
        esc(types[t].label) + "</div>";
    });
    rows.push("<div><span class='geomap-dot geomap-place'></span>place mentioned</div>");
    rows.push("<div><span class='geomap-area geomap-area-4'></span>region named (province, oblast)</div>");
    rows.push("<div><span class='geomap-area geomap-area-5'></span>vague area (\"eastern Russia\")</div>");
    rows.push("<div><span class='geomap-arrow'>&#10230;</span> movement, origin to destination</div>");
    addPanel("bottomright", "geomap-legend", "<b>Legend</b>" + rows.join(""), false);
  }

  function addEventList() {
    addPanel("topleft", "geomap-list", "<b>Events</b> <small>(by date; click to zoom)</small><ol id='geomap-list'></ol>",
             true);
    state.list = document.getElementById("geomap-list");
    state.list.addEventListener("click", function (event) {
      var item = event.target.closest("li[data-i]");
      if (!item) return;
      var e = state.events[Number(item.getAttribute("data-i"))];
      if (!state.map.hasLayer(e.group)) state.map.addLayer(e.group);
      state.map.setView(e.layer.getLatLng(), Math.max(state.map.getZoom(), 8));
      e.layer.openPopup();
    });
  }

  function addDateFilter() {
    addPanel("bottomleft", "geomap-dates", "<b>Dates</b> <span id='geomap-dates-label'></span><br>" +
      "<label>from <input id='geomap-from' type='range'></label>" +
      "<label>to <input id='geomap-to' type='range'></label>", true);
    var from = document.getElementById("geomap-from"), to = document.getElementById("geomap-to");
    [from, to].forEach(function (input) {
      input.min = state.config.first; input.max = state.config.last; input.step = 1;
    });
    from.value = state.config.first; to.value = state.config.last;
    function update(event) {
      var a = Number(from.value), b = Number(to.value);
      if (a > b) { if (event && event.target === from) { to.value = a; b = a; } else { from.value = b; a = b; } }
      applyFilter(a, b);
    }
    from.addEventListener("input", update);
    to.addEventListener("input", update);
    update();
  }

  /* The events in list order (by first day, undated last, then as drawn), worked out once. */
  function listOrder() {
    var order = state.events.map(function (e, i) { return i; });
    function key(i) { return state.events[i].first === null ? Infinity : state.events[i].first; }
    return order.sort(function (a, b) { return key(a) - key(b) || a - b; });
  }

  function renderList(from, to, full) {
    if (!state.list) return;
    var order = state.order.filter(function (i) { return visible(state.events[i], from, to, full); });
    var html = order.slice(0, LIST_LIMIT).map(function (i) {
      var p = state.events[i].feature.properties;
      return "<li data-i='" + i + "'><span class='geomap-dot' style='background:" +
        esc((state.config.types[p.t] || {}).colour) + "'></span>" + esc(p.d0 || "undated") + " " + esc(p.st) + ", " +
        esc(p.pl) + "</li>";
    });
    if (order.length > LIST_LIMIT) html.push("<li>... " + (order.length - LIST_LIMIT) + " more: narrow the dates</li>");
    state.list.innerHTML = html.join("");
  }

  /* --- events that share a point: spread on a small ring, in screen pixels, at every zoom ---------- */
  function sharedPoints() {
    var groups = {};
    state.events.forEach(function (e) {
      if (!e.latlng) return;
      var key = e.latlng.lat.toFixed(5) + "," + e.latlng.lng.toFixed(5);
      (groups[key] = groups[key] || []).push(e);
    });
    return Object.keys(groups).map(function (k) { return groups[k]; }).filter(function (g) { return g.length > 1; });
  }

  function spread() {
    var map = state.map, shared = sharedPoints();
    function place() {
      shared.forEach(function (group) {
        var centre = map.latLngToLayerPoint(group[0].latlng);
        var radius = 8 + 2 * Math.min(group.length, 12);
        group.forEach(function (e, i) {
          var angle = 2 * Math.PI * i / group.length;
          e.layer.setLatLng(map.layerPointToLatLng(centre.add([radius * Math.cos(angle), radius * Math.sin(angle)])));
        });
      });
    }
    map.on("zoomend viewreset", place);
    place();
  }

  /* --- start ---------------------------------------------------------------------------------- */
  var STYLES = {
    region: function (feature) {
      var solid = feature.properties.p <= 4;
      return {color: state.config.styles.region, weight: 2, fillColor: state.config.styles.region,
              fillOpacity: solid ? 0.18 : 0.07, dashArray: solid ? null : "6 6"};
    },
    movement: function () { return {color: state.config.styles.movement, weight: 3, opacity: 0.85}; }
  };

  /* Everything that came from documents, from the page's JSON block (never from a template: see map.py).
     Each event marker belongs to the layer that was being filled when Leaflet bound it. */
  function addData() {
    var block = document.getElementById("geomap-data");
    var data = block ? JSON.parse(block.textContent) : {layers: [], documents: {}};
    state.documents = data.documents;
    data.layers.forEach(function (entry) {
      var layer = window[entry.layer], before = state.events.length;
      if (entry.style) layer.options.style = STYLES[entry.style];
      layer.addData(entry.data);
      state.events.slice(before).forEach(function (e) { e.group = layer; });
    });
  }

  function init(config) {
    state.config = config;
    state.map = window[config.map];
    addData();
    state.order = listOrder();
    addLegend();
    addEventList();
    if (config.first !== null) addDateFilter(); else renderList(null, null, true);
    spread();
  }

  return {
    init: init, bindEvent: bindEvent, bindPlace: bindPlace, bindMovement: bindMovement, bindRegion: bindRegion,
    /* not an API: what geomap's own browser tests and benchmarks read of the drawn map */
    internal: {
      drawnEvents: function () {
        return state.events.filter(function (e) { return e.group.hasLayer(e.layer); }).map(function (e) {
          var p = e.feature.properties;
          return {type: p.t, place: p.pl, start: p.d0, end: p.d1};
        });
      },
      drawnArrows: function () {
        var group = state.config.movements ? window[state.config.movements] : null;
        return group ? state.arrows.filter(function (a) { return group.hasLayer(a.layer); }).length : 0;
      }
    }
  };
})();
