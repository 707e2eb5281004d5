// The transit map: Natural Earth outlines (as the sites map), each leg a line coloured by mode,
// utilisation from a flow plan as width and label, a planned route highlighted, shipments as
// squares at their last reported place. Data: the page's data-url, filtered by the access policy.
(function () {
  "use strict";
  var REGION = [[23, 20], [60, 78]];

  // Leaflet inserts string content as HTML: every name and label goes in as a text node, so a
  // node or leg renamed to markup shows as the text it is.
  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value === null || value === undefined ? "" : String(value);
    return el;
  }

  // The page's texts in the reader's language, from the map element's data-text-* attributes
  // (translated by the template): "%(name)s" placeholders filled with the reader's figures.
  var LANG = document.documentElement.lang || "en";
  var figure = new Intl.NumberFormat(LANG);
  var share = new Intl.NumberFormat(LANG, { style: "percent" });

  function say(element, key, values) {
    var template = element.dataset["text" + key] || "";
    return template.replace(/%\((\w+)\)s/g, function (_, name) {
      var value = values[name];
      return typeof value === "number" ? figure.format(value) : String(value);
    });
  }

  function legPopup(element, p) {
    var box = document.createElement("div");
    box.appendChild(text("h3", p.name));
    box.appendChild(text("p", say(element, "Leg", { mode: p.mode_label || p.mode, days: p.days, capacity: p.capacity })));
    if (p.utilisation !== undefined) {
      box.appendChild(text("p", say(element, p.bottleneck ? "Bottleneck" : "Utilisation",
        { share: share.format(p.utilisation) })));
    }
    return box;
  }

  function draw(element) {
    var map = L.map(element, { zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    map.fitBounds(REGION);
    map.createPane("basemap", map.getPane("overlayPane"));
    map.getPane("basemap").style.zIndex = "0";
    var status = document.getElementById("map-status");

    fetch(element.dataset.basemapUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          interactive: false,
          pane: "basemap",
          style: function () { return { color: "#8795a8", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 }; }
        }).addTo(map);
      });

    fetch(element.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var legs = 0, used = 0, shipments = 0, onRoute = [];
        L.geoJSON(data, {
          style: function (feature) {
            var p = feature.properties;
            var width = 3;
            if (p.utilisation !== undefined) width = 2 + Math.round(p.utilisation * 8);
            if (p.on_route) width = Math.max(width, 7);
            return {
              color: p.on_route ? "#111" : p.colour, weight: width, opacity: p.on_route ? 0.9 : 0.8,
              dashArray: p.bottleneck ? "8 6" : null
            };
          },
          pointToLayer: function (feature, latlng) {
            var p = feature.properties;
            if (p.type === "shipment") {
              shipments += 1;
              return L.marker(latlng, {
                icon: L.divIcon({ className: "shipment-marker" + (p.delayed ? " delayed" : ""), iconSize: [12, 12] }),
                title: p.name
              });
            }
            return L.circleMarker(latlng, { radius: 5, color: "#fff", weight: 1.5, fillColor: "#334", fillOpacity: 0.9 });
          },
          onEachFeature: function (feature, layer) {
            var p = feature.properties;
            if (p.type === "leg") {
              legs += 1;
              if (p.on_route) onRoute.push(layer);
              layer.bindPopup(legPopup(element, p));
              var label = p.code + (p.utilisation !== undefined ? " " + share.format(p.utilisation) : "");
              if (p.utilisation !== undefined) used += 1;
              layer.bindTooltip(text("span", label), { permanent: p.utilisation !== undefined && p.utilisation > 0, className: "leg-label" });
            } else {
              var named = p.kinds_label ? p.name + " · " + p.kinds_label : p.name;
              layer.bindTooltip(text("span", named), { direction: "top" });
            }
          }
        }).addTo(map);
        if (onRoute.length) map.fitBounds(L.featureGroup(onRoute).getBounds(), { padding: [40, 40] });
        element.dataset.legs = String(legs);
        element.dataset.utilised = String(used);
        if (status) {
          status.textContent = [
            say(element, "Legs", { legs: legs }),
            used ? say(element, "Used", { used: used }) : "",
            shipments ? say(element, "Shipments", { shipments: shipments }) : ""
          ].filter(Boolean).join(" ");
        }
      });
  }

  function start() {
    if (!window.L) return;
    document.querySelectorAll("[data-transit-map]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
