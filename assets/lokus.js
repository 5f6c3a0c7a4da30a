/*
 * Lokus workbench map functions (layer id lokus-desa-layer), referenced from Python as
 * {"variable": "konvergensi.<name>"}. hideout = geo.views.lokusview.map_hideout:
 *   state: {kode: "s" selected | "a" added by hand | "r" proposed but removed}, tips: {kode: text},
 *   lokusYear: last lokus year (heavy black outline), labels: texts in the user's language.
 * Text from data is inserted with textContent only.
 */
window.konvergensi = window.konvergensi || {};
(function (K) {
    "use strict";
    var FILL = {s: "#0072B2", a: "#56B4E9", r: "#f7f7f7", o: "#e4e4e4"};

    K.lokusState = function (feature, h) {
        return (h.state && h.state[feature.properties.kode]) || "o";
    };

    K.wasLokus = function (feature, h) {
        return h.lokusYear !== null && h.lokusYear !== undefined &&
            (feature.properties.lokus || []).indexOf(h.lokusYear) >= 0;
    };

    K.styleLokus = function (feature, context) {
        var h = context.hideout;
        K._lokusHideout = h;  // the latest hideout, for tooltips bound before it changed
        var st = K.lokusState(feature, h);
        var last = K.wasLokus(feature, h);
        return {
            fillColor: FILL[st], fillOpacity: 0.9,
            color: last ? "#000000" : (st === "r" ? "#0072B2" : "#5a5a5a"),
            weight: last ? 3 : (st === "r" ? 2 : 0.8),
            dashArray: st === "r" ? "5 4" : null,
            opacity: 1,
            className: (h.cls || "desa") + " lokus-" + st + (last ? " lokus" : "") + (st === "s" || st === "a" ? " terpilih" : "")
        };
    };

    function line(parent, text, cls) { return K.textLine(parent, text, cls); }  // assets/map.js

    K.lokusTooltip = function (feature, h) {
        var p = feature.properties;
        var el = document.createElement("div");
        el.className = "desa-tip";
        line(el, p.nama, "tip-name");
        line(el, h.labels.kec + " " + p.kec, "tip-kec");
        line(el, (h.tips && h.tips[p.kode]) || "", "tip-ind");
        line(el, h.labels[K.lokusState(feature, h)], "tip-value");
        if (K.wasLokus(feature, h)) { line(el, h.labels.lokus + " " + h.lokusYear, "tip-lokus"); }
        if (h.labels.demo) { line(el, h.labels.demo, "tip-src"); }
        return el;
    };

    // Inset maps of far-off villages: tooltips as on the main map, fitted to their villages once.
    K.onEachLokusInset = function (feature, layer, context) {
        layer.bindTooltip(function () { return K.lokusTooltip(feature, K._lokusHideout || context.hideout); },
            {sticky: true, direction: "auto", className: "desa-tooltip", opacity: 1});
        K.fitToHideout(feature, layer, context);
    };

    K.onEachLokus = function (feature, layer, context) {
        K.fitToHideout(feature, layer, context);
        // The tooltip reads the current hideout at hover time, so it follows every change.
        layer.bindTooltip(function () { return K.lokusTooltip(feature, K._lokusHideout || context.hideout); },
            {sticky: true, direction: "auto", className: "desa-tooltip", opacity: 1});
        if (K.wasLokus(feature, context.hideout)) {
            layer.on("add", function () { layer.bringToFront(); });
        }
    };
})(window.konvergensi);

// Works on the lokus map: small dots coloured by type (same colours as the map page symbols),
// not clustered, so the villages stay visible underneath.
(function (K) {
    "use strict";
    var COLORS = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#555555"];
    K.workDot = function (feature, latlng) {
        var p = feature.properties;
        var m = L.circleMarker(latlng, {radius: 4.5, color: "#ffffff", weight: 1.5, fillOpacity: 1,
            fillColor: COLORS[Math.min(p.sym || 0, COLORS.length - 1)], className: "work-dot-marker"});
        m.bindPopup(function () { return K.saranaPopup(p); }, {maxWidth: 320});
        return m;
    };
})(window.konvergensi);
