/*
 * Konvergensi map functions, referenced from Python as {"variable": "konvergensi.<name>"}.
 * dash-leaflet calls them with the layer's props (hideout, map) as the last argument.
 *
 * Text from data (village names, office names...) is always inserted with textContent,
 * never as HTML.
 */
window.konvergensi = window.konvergensi || {};
(function (K) {
    "use strict";

    // Same rule as geo/classify.py: class = number of breaks <= value (half-open intervals).
    K.classIndex = function (value, breaks) {
        if (value === null || value === undefined || isNaN(value)) { return -1; }
        var c = 0;
        for (var i = 0; i < breaks.length; i++) { if (value >= breaks[i]) { c++; } }
        return c;
    };

    // Same formula as geo/indicators.percent: 100 * num / den.
    K.valueOf = function (feature, h) {
        var v = feature.properties.v && feature.properties.v[h.ind + "|" + h.year];
        if (!v || !(v[1] > 0)) { return null; }
        return {num: v[0], den: v[1], pct: 100 * v[0] / v[1]};
    };

    K.isLokus = function (feature, h) {
        return !!(h.showLokus && h.lokusYear !== null && h.lokusYear !== undefined &&
            (feature.properties.lokus || []).indexOf(h.lokusYear) >= 0);
    };

    var formatters = {};
    K.fmt = function (value, lang, digits) {
        var key = lang + digits;
        if (!formatters[key]) {
            formatters[key] = new Intl.NumberFormat(lang === "en" ? "en-US" : "id-ID",
                {minimumFractionDigits: digits, maximumFractionDigits: digits});
        }
        return formatters[key].format(value);
    };

    K.styleDesa = function (feature, context) {
        var h = context.hideout;
        var val = K.valueOf(feature, h);
        var c = val ? K.classIndex(val.pct, h.breaks) : -1;
        var lokus = K.isLokus(feature, h);
        return {
            fillColor: c < 0 ? h.nodata : h.colors[c],
            fillOpacity: 0.9,
            color: lokus ? "#000000" : "#4d4d4d",
            weight: lokus ? 3 : 0.8,
            opacity: 1,
            className: "desa" + (lokus ? " lokus" : "") + (c < 0 ? " nodata" : " cls-" + c)
        };
    };

    function line(parent, text, cls) {
        var el = document.createElement("div");
        if (cls) { el.className = cls; }
        el.textContent = text;
        parent.appendChild(el);
        return el;
    }

    K.tooltip = function (feature, h) {
        var p = feature.properties;
        var el = document.createElement("div");
        el.className = "desa-tip";
        line(el, p.nama, "tip-name");
        line(el, h.labels.kec + " " + p.kec, "tip-kec");
        var val = K.valueOf(feature, h);
        line(el, h.labels.title + " " + h.year, "tip-ind");
        if (val) {
            line(el, K.fmt(val.pct, h.lang, h.ind === "stunting" ? 2 : 1) + "%", "tip-value");
            line(el, h.labels.num + ": " + K.fmt(val.num, h.lang, 0) + " / " + h.labels.den + ": " +
                K.fmt(val.den, h.lang, 0), "tip-numden");
        } else {
            line(el, h.labels.nodata, "tip-value");
        }
        if (K.isLokus(feature, h)) { line(el, h.labels.lokus + " " + h.lokusYear, "tip-lokus"); }
        if (h.src) { line(el, h.labels.source + ": " + h.src, "tip-src"); }
        return el;
    };

    // Fit the map to the villages once their geometry has arrived and the page layout has
    // settled (fitting at creation time can see a container of the wrong size).
    K.fitOnce = function (map, layer) {
        if (!map || map._kFitDone) { return; }
        map._kFitBounds = map._kFitBounds ? map._kFitBounds.extend(layer.getBounds()) : L.latLngBounds(layer.getBounds());
        if (map._kFitTimer) { return; }
        map._kFitTimer = setTimeout(function () {
            map._kFitDone = true;
            map.invalidateSize(false);
            map.fitBounds(map._kFitBounds, {padding: [16, 16], animate: false});
        }, 0);
    };

    K.onEachDesa = function (feature, layer, context) {
        var h = context.hideout;
        K.fitOnce(context.map, layer);
        layer.bindTooltip(function () { return K.tooltip(feature, h); },
            {sticky: true, direction: "auto", className: "desa-tooltip", opacity: 1});
        if (K.isLokus(feature, h)) {
            layer.on("add", function () { layer.bringToFront(); });
        }
    };

    K.styleKecamatan = function () {
        return {color: "#1b2a38", weight: 2.5, opacity: 0.95, dashArray: "7 5", fill: false, interactive: false,
            className: "kecamatan"};
    };

    // Village names: shown only from hideout.minZoom on (CSS class on the map container).
    K.labelToLayer = function (feature, latlng, context) {
        var map = context.map;
        var minZoom = (context.hideout && context.hideout.minZoom) || 12;
        if (map && !map._kLabelZoom) {
            map._kLabelZoom = true;
            var update = function () {
                map.getContainer().classList.toggle("labels-on", map.getZoom() >= minZoom);
            };
            map.on("zoomend", update);
            update();
        }
        var span = document.createElement("span");
        span.textContent = feature.properties.nama;
        return L.marker(latlng, {
            icon: L.divIcon({className: "desa-label", html: span, iconSize: null}),
            interactive: false, keyboard: false
        });
    };

    // Works symbols: shape and colour per type (same as layouts/components.SARANA_SYMBOLS).
    var SYMBOLS = [
        ["circle", "#0072B2"], ["triangle", "#56B4E9"], ["square", "#009E73"],
        ["diamond", "#E69F00"], ["pentagon", "#CC79A7"], ["circle", "#555555"]
    ];
    var SHAPES = {
        circle: '<circle cx="12" cy="12" r="8"/>',
        triangle: '<polygon points="12,3 21,20 3,20"/>',
        square: '<rect x="4" y="4" width="16" height="16"/>',
        diamond: '<polygon points="12,2 22,12 12,22 2,12"/>',
        pentagon: '<polygon points="12,2 22,10 18,21 6,21 2,10"/>'
    };

    K.saranaPopup = function (p) {
        var el = document.createElement("div");
        el.className = "sarana-popup";
        line(el, p.title, "pop-title");
        var table = document.createElement("table");
        (p.rows || []).forEach(function (r) {
            var tr = document.createElement("tr");
            var th = document.createElement("th");
            th.textContent = r[0];
            var td = document.createElement("td");
            td.textContent = r[1];
            tr.appendChild(th);
            tr.appendChild(td);
            table.appendChild(tr);
        });
        el.appendChild(table);
        if (p.demo) { line(el, p.demo, "demo-tag"); }
        return el;
    };

    K.saranaToLayer = function (feature, latlng) {
        var p = feature.properties;
        var s = SYMBOLS[Math.min(p.sym || 0, SYMBOLS.length - 1)];
        var html = '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><g fill="' + s[1] +
            '" stroke="#ffffff" stroke-width="2">' + SHAPES[s[0]] + "</g></svg>";
        var marker = L.marker(latlng, {
            icon: L.divIcon({className: "sarana-marker sarana-" + s[0], html: html, iconSize: [24, 24],
                iconAnchor: [12, 12]}),
            title: p.title, alt: p.title, riseOnHover: true
        });
        marker.bindPopup(function () { return K.saranaPopup(p); }, {maxWidth: 320});
        return marker;
    };

    K.clusterToLayer = function (feature, latlng) {
        var count = feature.properties.point_count;
        var size = count < 10 ? 28 : (count < 50 ? 34 : 40);
        var span = document.createElement("span");
        span.textContent = feature.properties.point_count_abbreviated;
        return L.marker(latlng, {
            icon: L.divIcon({className: "sarana-cluster", html: span, iconSize: L.point(size, size)})
        });
    };
})(window.konvergensi);
