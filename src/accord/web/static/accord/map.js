// The sites map: Natural Earth country outlines as the basemap (no tile server), one circle per
// site coloured by kind, popups linking to each site's page. Data comes from the page's
// data-* attributes and the JSON endpoint, which returns only the sites the viewer may read.
(function () {
  "use strict";
  var AFGHANISTAN = [[29.3, 60.4], [38.6, 75.0]];

  // Leaflet inserts string content as HTML: every name goes in as a text node, so a site renamed
  // to markup (a fake "sign in" link) shows as the text it is.
  function plain(value) {
    var span = document.createElement("span");
    span.textContent = value === null || value === undefined ? "" : String(value);
    return span;
  }

  // The words the map shows come translated from the page (data-text-* on the map's element), so
  // that the script needs no catalogue of its own; figures use the page's language.
  function words(element) {
    var d = element.dataset;
    return {
      leadNation: d.textLeadNation || "Lead nation",
      personnel: d.textPersonnel || "Personnel",
      estimated: d.textEstimated || "Position estimated",
      afghanistan: d.textAfghanistan || "Afghanistan",
      region: d.textRegion || "Region",
      language: document.documentElement.lang || "en-GB"
    };
  }

  function popup(p, text) {
    var box = document.createElement("div");
    var title = document.createElement("h3");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    title.appendChild(link);
    box.appendChild(title);
    var lines = [p.kind_label + (p.marking ? " · " + p.marking : "")];
    if (p.location) lines.push(p.location);
    if (p.lead_nation) lines.push(text.leadNation + ": " + p.lead_nation);
    if (p.personnel !== null && p.personnel !== undefined) {
      lines.push(text.personnel + ": " + p.personnel.toLocaleString(text.language));
    }
    if (p.coords_estimated) lines.push(text.estimated);
    lines.forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      box.appendChild(line);
    });
    return box;
  }

  function viewControl(map, regionBounds, text) {
    var Control = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var bar = L.DomUtil.create("div", "map-control");
        var views = [[text.afghanistan, function () { map.fitBounds(AFGHANISTAN); }],
                     [text.region, function () { map.fitBounds(regionBounds(), { padding: [20, 20] }); }]];
        var buttons = views.map(function (view, index) {
          var button = L.DomUtil.create("button", "", bar);
          button.type = "button";
          button.textContent = view[0];
          button.setAttribute("aria-pressed", index === 0 ? "true" : "false");
          L.DomEvent.on(button, "click", function (event) {
            L.DomEvent.stop(event);
            buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
            button.setAttribute("aria-pressed", "true");
            view[1]();
          });
          return button;
        });
        L.DomEvent.disableClickPropagation(bar);
        return bar;
      }
    });
    return new Control();
  }

  function draw(element) {
    var text = words(element);
    var map = L.map(element, { zoomSnap: 0.25, worldCopyJump: false, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    map.fitBounds(AFGHANISTAN);
    // Outlines in a pane of their own inside the overlay pane, created before any marker, so
    // that they lie under the markers whichever loads first.
    map.createPane("basemap", map.getPane("overlayPane"));
    map.getPane("basemap").style.zIndex = "0"; // panes default to 400: keep it under the markers
    var sites = L.featureGroup().addTo(map);
    var focus = element.dataset.focus || "afghanistan";

    fetch(element.dataset.basemapUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var outlines = L.geoJSON(data, {
          interactive: false,
          pane: "basemap",
          style: function (feature) {
            var home = feature.properties && feature.properties.name === "Afghanistan";
            return { color: "#8795a8", weight: 1, fillColor: home ? "#fff8e6" : "#f3f1ea", fillOpacity: 1 };
          }
        });
        outlines.addTo(map);
      });

    fetch(element.dataset.sitesUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            var p = feature.properties;
            var big = p.kind === "hub" || p.kind === "spoke";
            return L.circleMarker(latlng, {
              radius: big ? 9 : 7, color: "#fff", weight: 2, fillColor: p.colour, fillOpacity: 0.95
            });
          },
          onEachFeature: function (feature, layer) {
            layer.bindPopup(popup(feature.properties, text));
            layer.bindTooltip(plain(feature.properties.name), { direction: "top", offset: [0, -8] });
            if (feature.properties.code === focus) {
              map.setView(layer.getLatLng(), 7);
              layer.openPopup();
            }
          }
        }).eachLayer(function (layer) { sites.addLayer(layer); });
        sites.bringToFront();
      });

    viewControl(map, function () {
      return sites.getLayers().length ? sites.getBounds() : AFGHANISTAN;
    }, text).addTo(map);
  }

  function start() {
    if (!window.L) return;
    document.querySelectorAll("[data-map]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
