// The situation map: Natural Earth outlines (as the transit map), Afghanistan's districts shaded
// by the events the reader may read in the filter's span, and one circle per event, its radius
// from the source's place precision (1 exact .. 7 country). Data: the page's data-url (filtered by
// the access policy), the public district boundaries (data-places-url) and the mission's sites
// the reader may read (data-sites-url).
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

  function shade(count, top) {
    if (!count) return "#f3f1ea";
    var share = Math.sqrt(count / Math.max(top, 1));
    var light = Math.round(88 - share * 45);
    return "hsl(8, 70%, " + light + "%)";
  }

  function eventPopup(element, p) {
    var box = document.createElement("div");
    var title = document.createElement("h3");
    var link = document.createElement("a");
    link.href = "../events/" + encodeURIComponent(p.id) + "/";
    link.textContent = p.source_id;
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(text("p", p.place));
    box.appendChild(text("p", say(element, "Event", { date: p.date, type: p.violence_type, deaths: p.deaths })));
    box.appendChild(text("p", say(element, "Precision", { where: p.where_precision, when: p.date_precision })));
    return box;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }

  function draw(element) {
    var map = L.map(element, { zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · geoBoundaries · Leaflet");
    map.fitBounds(AFGHANISTAN);
    map.createPane("basemap", map.getPane("overlayPane"));
    map.getPane("basemap").style.zIndex = "0";
    var status = document.getElementById("map-status");

    getJSON(element.dataset.basemapUrl).then(function (data) {
      L.geoJSON(data, {
        interactive: false, pane: "basemap",
        style: function () { return { color: "#8795a8", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 }; }
      }).addTo(map);
    });

    Promise.all([getJSON(element.dataset.placesUrl), getJSON(element.dataset.url)]).then(function (both) {
      var places = both[0], events = both[1];
      var totals = events.district_totals || {};
      var top = 0;
      Object.keys(totals).forEach(function (code) { top = Math.max(top, totals[code].events); });
      L.geoJSON(places, {
        style: function (feature) {
          var t = totals[feature.properties.code];
          return { color: "#8795a8", weight: 0.5, fillColor: shade(t ? t.events : 0, top), fillOpacity: 0.8 };
        },
        onEachFeature: function (feature, layer) {
          var t = totals[feature.properties.code];
          layer.bindTooltip(text("span", say(element, "District",
            { name: feature.properties.name, events: t ? t.events : 0 })));
        }
      }).addTo(map);
      L.geoJSON(events, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          return L.circleMarker(latlng, {
            radius: Math.max(3, 10 - p.where_precision), color: "#5b1a10", weight: 1,
            fillColor: "#c0392b", fillOpacity: 0.7
          });
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(eventPopup(element, feature.properties));
        }
      }).addTo(map);
      // The mission's sites the reader may read (the sites map's own endpoint), on top.
      getJSON(element.dataset.sitesUrl).then(function (sites) {
        L.geoJSON(sites, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { icon: L.divIcon({ className: "site-marker", iconSize: [10, 10] }) });
          },
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(text("span", feature.properties.name));
          }
        }).addTo(map);
      });
      if (status) status.textContent = say(element, "Shown", { shown: events.shown || 0, total: events.total || 0 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-situation-map]").forEach(draw);
  });
})();
