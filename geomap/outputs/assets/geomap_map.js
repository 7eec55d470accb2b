/* geomap's map client: popups built from feature properties (every document string escaped here),
   a date filter over the event layers, a legend, an event list and spreading of events that share a
   point. Written for geomap; loaded into the page by the map writer. */
window.geomap = (function () {
  "use strict";
  var ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"};
  var config = null;
  var entries = [];  // {feature, layer, group, latlng}
  var places = [];

  function esc(value) {
    return String(value === undefined || value === null ? "" : value).replace(/[&<>"'`]/g, function (c) {
      return ESCAPES[c];
    });
  }

  /* The quote with the place names marked: escaped piece by piece, so a name never opens a tag. */
  function highlight(quote, names) {
    var out = "", at = 0;
    names = (names || []).filter(function (n) { return n; });
    while (at < quote.length) {
      var best = -1, bestName = "";
      names.forEach(function (n) {
        var i = quote.indexOf(n, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && n.length > bestName.length))) {
          best = i; bestName = n;
        }
      });
      if (best < 0) break;
      out += esc(quote.slice(at, best)) + "<mark>" + esc(bestName) + "</mark>";
      at = best + bestName.length;
    }
    return out + esc(quote.slice(at));
  }

  function when(p) {
    if (!p.d0) return "date unknown";
    return p.d1 && p.d1 !== p.d0 ? p.d0 + " to " + p.d1 : p.d0;
  }

  function eventPopup(p) {
    var type = config.types[p.t] || {label: p.t};
    var rows = [
      "<b>" + esc(type.label) + "</b>: " + esc(p.st),
      esc(p.pl) + " (" + esc(p.r) + ", precision " + esc(p.p) + ": " + esc(config.precision[p.p] || "") + ")",
      esc(when(p)) + " (" + esc(p.dp) + ") &middot; " + esc(p.c)
    ];
    if (p.n) rows.push("<i>" + esc(p.n) + "</i>");
    if (p.a) rows.push("Actors: " + esc(p.a));
    if (p.q) rows.push("Numbers: " + esc(p.q));
    if (p.s) rows.push("Says so: " + esc(p.s));
    rows.push("<blockquote>" + highlight(p.quote || "", p.hl) + "</blockquote>");
    var docs = (p.docs || []).map(function (id) {
      var d = config.documents[id] || ["", ""];
      var title = esc(d[0] || id) + " (" + esc(id) + ")";
      return /^https?:\/\//i.test(d[1] || "") ? '<a href="' + esc(d[1]) + '" target="_blank" rel="noopener noreferrer">' +
        title + "</a>" : title;
    });
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

  function bindEvent(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () { return eventPopup(p); }, {maxWidth: 380});
    layer.bindTooltip(function () { return esc((config.types[p.t] || {label: p.t}).label + ": " + p.pl); });
    if (layer.setRadius) layer.setRadius(6 + Math.min(p.sc || 1, 5));
    entries.push({feature: feature, layer: layer, group: null, latlng: layer.getLatLng ? layer.getLatLng() : null});
  }

  function bindPlace(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () { return placePopup(p); }, {maxWidth: 320});
    layer.bindTooltip(esc(p.name));
    if (layer.setRadius) layer.setRadius(3 + Math.min(p.events || 0, 10));
    places.push(layer);
  }

  var arrows = [];  // movement arrows: shown and hidden with their event by the date filter
  function bindMovement(feature, layer) {
    var p = feature.properties;
    if (p.quote !== undefined) layer.bindPopup(function () { return eventPopup(p); }, {maxWidth: 380});
    arrows.push({feature: feature, layer: layer});
  }

  function bindRegion(feature, layer) {
    var p = feature.properties;
    layer.bindTooltip(function () {
      return esc(p.name) + " (precision " + esc(p.p) + ": " + esc(config.precision[p.p] || "") + ")";
    }, {sticky: true});
  }

  /* --- date filter --------------------------------------------------------------------------- */
  var DAY = 86400000;
  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

  function visible(p, from, to, full) {
    if (!p.d0) return full;  // undated events show only with the whole span selected
    return dayNumber(p.d0) <= to && dayNumber(p.d1 || p.d0) >= from;
  }

  function applyFilter(from, to) {
    var full = from <= config.first && to >= config.last;
    var shown = 0;
    entries.forEach(function (e) {
      var on = visible(e.feature.properties, from, to, full);
      var has = e.group.hasLayer(e.layer);
      if (on && !has) e.group.addLayer(e.layer);
      if (!on && has) e.group.removeLayer(e.layer);
      if (on) shown += 1;
    });
    var arrowGroup = config.movements ? window[config.movements] : null;
    if (arrowGroup) {
      arrows.forEach(function (a) {
        var on = visible(a.feature.properties, from, to, full), has = arrowGroup.hasLayer(a.layer);
        if (on && !has) arrowGroup.addLayer(a.layer);
        if (!on && has) arrowGroup.removeLayer(a.layer);
      });
    }
    var label = document.getElementById("geomap-dates-label");
    if (label) label.textContent = isoOf(from) + " to " + isoOf(to) + " (" + shown + " of " + entries.length + ")";
    renderList(from, to, full);
    return shown;
  }

  function dateControl(map) {
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-panel geomap-dates");
      div.innerHTML = "<b>Dates</b> <span id='geomap-dates-label'></span><br>" +
        "<label>from <input id='geomap-from' type='range'></label>" +
        "<label>to <input id='geomap-to' type='range'></label>";
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    var from = document.getElementById("geomap-from"), to = document.getElementById("geomap-to");
    [from, to].forEach(function (input) {
      input.min = config.first; input.max = config.last; input.step = 1;
    });
    from.value = config.first; to.value = config.last;
    function update(event) {
      var a = Number(from.value), b = Number(to.value);
      if (a > b) { if (event && event.target === from) { to.value = a; b = a; } else { from.value = b; a = b; } }
      applyFilter(a, b);
    }
    from.addEventListener("input", update);
    to.addEventListener("input", update);
    update();
  }

  /* --- legend and event list ----------------------------------------------------------------- */
  function legend(map) {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-panel geomap-legend");
      var rows = Object.keys(config.types).filter(function (t) { return config.types[t].used; }).map(function (t) {
        return "<div><span class='geomap-dot' style='background:" + esc(config.types[t].colour) + "'></span>" +
          esc(config.types[t].label) + "</div>";
      });
      rows.push("<div><span class='geomap-dot geomap-place'></span>place mentioned</div>");
      rows.push("<div><span class='geomap-area geomap-area-4'></span>region named (province, oblast)</div>");
      rows.push("<div><span class='geomap-area geomap-area-5'></span>vague area (\"eastern Russia\")</div>");
      rows.push("<div><span class='geomap-arrow'>&#10230;</span> movement, origin to destination</div>");
      div.innerHTML = "<b>Legend</b>" + rows.join("");
      return div;
    };
    control.addTo(map);
  }

  var listBody = null;
  var LIST_LIMIT = 300;
  function eventList(map) {
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "geomap-panel geomap-list");
      div.innerHTML = "<b>Events</b> <small>(by date; click to zoom)</small><ol id='geomap-list'></ol>";
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    listBody = document.getElementById("geomap-list");
    listBody.addEventListener("click", function (event) {
      var item = event.target.closest("li[data-i]");
      if (!item) return;
      var e = entries[Number(item.getAttribute("data-i"))];
      if (!map.hasLayer(e.group)) map.addLayer(e.group);
      map.setView(e.layer.getLatLng(), Math.max(map.getZoom(), 8));
      e.layer.openPopup();
    });
  }

  function renderList(from, to, full) {
    if (!listBody) return;
    var order = entries.map(function (e, i) { return i; }).filter(function (i) {
      return visible(entries[i].feature.properties, from, to, full);
    });
    order.sort(function (a, b) {
      var pa = entries[a].feature.properties, pb = entries[b].feature.properties;
      return (pa.d0 || "9999").localeCompare(pb.d0 || "9999") || a - b;
    });
    var html = order.slice(0, LIST_LIMIT).map(function (i) {
      var p = entries[i].feature.properties;
      return "<li data-i='" + i + "'><span class='geomap-dot' style='background:" +
        esc((config.types[p.t] || {}).colour) + "'></span>" + esc(p.d0 || "undated") + " " + esc(p.st) + ", " +
        esc(p.pl) + "</li>";
    });
    if (order.length > LIST_LIMIT) html.push("<li>... " + (order.length - LIST_LIMIT) + " more: narrow the dates</li>");
    listBody.innerHTML = html.join("");
  }

  /* --- events that share a point: spread on a small ring, in screen pixels, at every zoom ---------- */
  function spread(map) {
    var groups = {};
    entries.forEach(function (e) {
      if (!e.latlng) return;
      var key = e.latlng.lat.toFixed(5) + "," + e.latlng.lng.toFixed(5);
      (groups[key] = groups[key] || []).push(e);
    });
    var shared = Object.keys(groups).map(function (k) { return groups[k]; }).filter(function (g) { return g.length > 1; });
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

  /* Everything that came from documents, from the page's JSON block (never from a template: see render.py). */
  var STYLES = {
    region: function (feature) {
      var solid = feature.properties.p <= 4;
      return {color: config.styles.region, weight: 2, fillColor: config.styles.region,
              fillOpacity: solid ? 0.18 : 0.07, dashArray: solid ? null : "6 6"};
    },
    movement: function () { return {color: config.styles.movement, weight: 3, opacity: 0.85}; }
  };

  function addData() {
    var block = document.getElementById("geomap-data");
    var data = block ? JSON.parse(block.textContent) : {layers: [], documents: {}};
    config.documents = data.documents;
    data.layers.forEach(function (entry) {
      var layer = window[entry.layer];
      if (entry.style) layer.options.style = STYLES[entry.style];
      layer.addData(entry.data);
    });
  }

  function init(options) {
    config = options;
    addData();
    var map = window[config.map];
    config.layers.forEach(function (layer) {
      var group = window[layer];
      entries.forEach(function (e) { if (!e.group && group.hasLayer(e.layer)) e.group = group; });
    });
    entries.forEach(function (e) { if (!e.group) e.group = window[config.layers[0]]; });
    legend(map);
    eventList(map);
    if (config.first !== null) dateControl(map); else renderList(null, null, true);
    spread(map);
    return entries.length;
  }

  return {
    esc: esc, highlight: highlight, bindEvent: bindEvent, bindPlace: bindPlace, bindMovement: bindMovement,
    bindRegion: bindRegion, init: init, filter: applyFilter, dayNumber: dayNumber,
    count: function () { return entries.filter(function (e) { return e.group && e.group.hasLayer(e.layer); }).length; },
    /* for tests and scripting: what is drawn, and opening one event's popup */
    events: function () {
      return entries.map(function (e, i) {
        var p = e.feature.properties;
        return {i: i, type: p.t, place: p.pl, start: p.d0, end: p.d1, shown: e.group.hasLayer(e.layer)};
      });
    },
    open: function (i) { entries[i].layer.openPopup(); return entries[i].layer.getPopup().getContent(); },
    arrowsShown: function () {
      var group = config.movements ? window[config.movements] : null;
      return group ? arrows.filter(function (a) { return group.hasLayer(a.layer); }).length : 0;
    }
  };
})();
