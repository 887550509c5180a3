/* The incident map: the offline basemap (OCHA boundaries, served by this app) and the incidents of the
   current filters, fetched as JSON from /map/points.json. No inline script or style: the page passes
   its settings in data-* attributes, and every text from the data is set as text, never as HTML. */
(function () {
  "use strict";

  var element = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!element || !window.L) {
    return;
  }
  var L = window.L;
  var arabic = element.dataset.lang === "ar";

  var STATUS_COLOURS = {
    unreviewed: "#5b6672",
    confirmed: "#1f6f43",
    fair: "#5d8a1f",
    weak: "#c08400",
    contested: "#d55e00",
    discounted: "#a4161a"
  };

  var map = L.map(element, { zoomSnap: 0.5, worldCopyJump: false }).setView([35.0, 38.5], 6.5);
  map.attributionControl.setPrefix(false);
  map.createPane("basemap").style.zIndex = 350;
  var labels = map.createPane("labels");  // above the basemap's filled land, under the incidents
  labels.style.zIndex = 380;
  labels.style.pointerEvents = "none";

  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.tileAttribution || "",
      maxZoom: 18,
      pane: "tilePane"
    }).addTo(map);
  }

  function basemapStyle(feature) {
    var level = feature.properties.level;
    var filled = !element.dataset.tiles && level === 0;
    return {
      pane: "basemap",
      color: level === 0 ? "#39424c" : level === 1 ? "#6b7785" : "#b4bcc5",
      weight: level === 0 ? 2 : level === 1 ? 1.2 : 0.5,
      dashArray: level === 2 ? "2 3" : null,
      fill: filled,
      fillColor: "#f7f5ef",
      fillOpacity: filled ? 1 : 0,
      interactive: false,
      className: "basemap-admin" + level
    };
  }

  function labelGovernorates(feature, layer) {
    if (feature.properties.level === 1) {
      layer.bindTooltip(arabic ? feature.properties.name_ar : feature.properties.name_en, {
        permanent: true,
        direction: "center",
        className: "governorate-label",
        pane: "labels"
      });
    }
  }

  function popup(point) {
    // point: [id, lat, lon, status, killed, date, place, event type]
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = arabic ? "rtl" : "ltr";
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(point[0]);
    link.textContent = point[7] + (point[6] ? " · " + point[6] : "");
    box.appendChild(link);
    var detail = document.createElement("div");
    detail.textContent = (point[5] || "") + (point[4] !== null ? " · " + element.dataset.killed + ": " + point[4] : "");
    box.appendChild(detail);
    return box;
  }

  function drawPoints(data) {
    var renderer = data.points.length > 1000 ? L.canvas({ padding: 0.5 }) : L.svg({ padding: 0.5 });
    var layer = L.featureGroup();
    data.points.forEach(function (point) {
      var killed = point[4] || 0;
      L.circleMarker([point[1], point[2]], {
        renderer: renderer,
        radius: Math.min(4 + Math.sqrt(killed) * 1.5, 18),
        color: "#ffffff",
        weight: 1,
        fillColor: STATUS_COLOURS[point[3]] || "#5b6672",
        fillOpacity: 0.85,
        className: "incident-point"
      }).bindPopup(function () { return popup(point); }).addTo(layer);
    });
    layer.addTo(map);
    element.dataset.shown = String(data.points.length);
  }

  function placePopup(place) {
    // place: [lat, lon, place name, incidents, killed, one incident id]
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = arabic ? "rtl" : "ltr";
    var title = document.createElement("strong");
    title.textContent = place[2] || "";
    box.appendChild(title);
    var counts = document.createElement("div");
    counts.textContent = element.dataset.place
      .replace("{incidents}", place[3].toLocaleString())
      .replace("{killed}", place[4].toLocaleString());
    box.appendChild(counts);
    var one = document.createElement("a");
    one.href = "/incidents/" + encodeURIComponent(place[5]);
    one.textContent = element.dataset.oneLabel;
    box.appendChild(one);
    if (place[2]) {
      var list = new URL(element.dataset.list, window.location.href);
      var words = list.searchParams.get("q");
      list.searchParams.set("q", words ? words + " " + place[2] : place[2]);
      var all = document.createElement("a");
      all.href = list.pathname + list.search;
      all.textContent = element.dataset.listLabel;
      box.appendChild(document.createTextNode(" · "));
      box.appendChild(all);
    }
    return box;
  }

  function drawPlaces(data) {
    var renderer = data.places.length > 1000 ? L.canvas({ padding: 0.5 }) : L.svg({ padding: 0.5 });
    var layer = L.featureGroup();
    data.places.forEach(function (place) {
      L.circleMarker([place[0], place[1]], {
        renderer: renderer,
        radius: Math.min(3 + Math.log(1 + place[3]) * 2.5, 24),
        color: "#ffffff",
        weight: 1,
        fillColor: "#0b5c7a",
        fillOpacity: 0.75,
        className: "incident-place"
      }).bindPopup(function () { return placePopup(place); }).addTo(layer);
    });
    layer.addTo(map);
    element.dataset.shown = String(data.places.length);
    if (status) {
      status.textContent = element.dataset.grouped
        .replace("{total}", data.total.toLocaleString())
        .replace("{places}", data.places.length.toLocaleString());
    }
  }

  function draw(data) {
    if (data.grouped) {
      drawPlaces(data);
    } else {
      drawPoints(data);
    }
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    });
  }

  getJSON(element.dataset.basemap)
    .then(function (basemap) {
      var outline = L.geoJSON(basemap, { style: basemapStyle, onEachFeature: labelGovernorates }).addTo(map);
      map.fitBounds(outline.getBounds(), { padding: [10, 10] });
      element.dataset.basemapLoaded = "1";
      return getJSON(element.dataset.points);
    })
    .then(draw)
    .catch(function (error) {
      if (status) {
        status.textContent = String(error);
        status.className = "error";
      }
    });
})();
