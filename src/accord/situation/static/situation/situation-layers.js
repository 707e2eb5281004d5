// The situation's layered maps: the narcotics map (provinces shaded by a UNODC figure, the
// trafficking routes beside the transit network's legs) and the exposure map (incidents and
// conflict events ringed by the distance asked, the exposed sites and legs). One drawer: each
// feature of the page's data-url says what it is in properties.type; the data is read through
// the access policy on the server.
(function () {
  "use strict";
  var AFGHANISTAN = [[29.3, 60.4], [38.6, 75.0]];
  var LANG = document.documentElement.lang || "en";
  var figure = new Intl.NumberFormat(LANG);

  // Leaflet inserts string content as HTML: every text goes in as a text node.
  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value === null || value === undefined ? "" : String(value);
    return el;
  }

  function say(element, key, values) {
    var template = element.dataset["text" + key] || "";
    return template.replace(/%\((\w+)\)s/g, function (_, name) {
      var value = values[name];
      return typeof value === "number" ? figure.format(value) : String(value);
    });
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }

  function shade(value, top) {
    if (!value) return "#f3f1ea";
    var share = Math.sqrt(value / Math.max(top, 1));
    return "hsl(280, 45%, " + Math.round(88 - share * 45) + "%)";
  }

  var LINE = {
    trafficking: function () { return { color: "#6b2a8c", weight: 3, dashArray: "8 6" }; },
    leg: function (p) {
      if (p.km !== undefined) return { color: "#1f5fa8", weight: 5, opacity: 0.9 };
      return { color: p.colour || "#8795a8", weight: 1.5, opacity: 0.7 };
    }
  };

  function drawPlaces(element, map, values) {
    if (!element.dataset.placesUrl) return Promise.resolve();
    return getJSON(element.dataset.placesUrl).then(function (places) {
      var top = 0;
      Object.keys(values).forEach(function (code) { top = Math.max(top, values[code]); });
      L.geoJSON(places, {
        style: function (f) {
          return { color: "#8795a8", weight: 0.5, fillColor: shade(values[f.properties.code], top), fillOpacity: 0.8 };
        },
        onEachFeature: function (f, layer) {
          var v = values[f.properties.code];
          layer.bindTooltip(text("span", say(element, "Place", { name: f.properties.name, value: v === undefined ? "—" : v })));
        }
      }).addTo(map);
    });
  }

  function pointLayer(element, feature, latlng) {
    var p = feature.properties;
    if (p.type === "site") {
      return L.marker(latlng, { icon: L.divIcon({ className: "site-marker", iconSize: [10, 10] }) });
    }
    var colour = p.type === "incident" ? "#b3261e" : "#d9822b";
    var group = L.featureGroup([
      L.circle(latlng, { radius: (p.radius_km || 0) * 1000, color: colour, weight: 1, fillOpacity: 0.05, interactive: false }),
      L.circleMarker(latlng, { radius: p.type === "incident" ? 7 : 4, color: colour, fillColor: colour, fillOpacity: 0.8 })
    ]);
    return group;
  }

  function describe(element, feature, layer) {
    var p = feature.properties;
    var label = p.km !== undefined ? say(element, "Km", { name: p.name, km: p.km }) : (p.date ? p.date + " · " + p.name : p.places || p.name);
    layer.bindTooltip(text("span", label));
  }

  function draw(element) {
    var map = L.map(element, { zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · geoBoundaries · Leaflet");
    map.fitBounds(AFGHANISTAN);
    map.createPane("basemap", map.getPane("overlayPane"));
    map.getPane("basemap").style.zIndex = "0";
    getJSON(element.dataset.basemapUrl).then(function (data) {
      L.geoJSON(data, {
        interactive: false, pane: "basemap",
        style: function () { return { color: "#8795a8", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 }; }
      }).addTo(map);
    });
    getJSON(element.dataset.url).then(function (data) {
      var values = (element.dataset.values && data[element.dataset.values]) || {};
      drawPlaces(element, map, values).then(function () {
        L.geoJSON(data, {
          style: function (f) { return (LINE[f.properties.type] || LINE.leg)(f.properties); },
          pointToLayer: function (f, latlng) { return pointLayer(element, f, latlng); },
          onEachFeature: function (f, layer) { describe(element, f, layer); }
        }).addTo(map);
        element.dataset.drawn = String((data.features || []).length);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-situation-layers]").forEach(draw);
  });
})();
