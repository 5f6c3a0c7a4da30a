/*
 * Plans page (/rencana): the planned budget per village (hideout.values, classed by hideout.breaks),
 * lokus villages outlined; the tooltip is plain text made by the server (never markup).
 */
window.konvergensi = window.konvergensi || {};
(function (K) {
    "use strict";

    K.styleBudget = function (feature, context) {
        var h = context.hideout;
        var code = feature.properties.kode;
        var v = h.values[code];
        var c = -1;
        if (v !== undefined && v !== null && v > 0) {
            c = 0;
            while (c < h.breaks.length && v >= h.breaks[c]) { c += 1; }
        }
        var lokus = (h.lokus || []).indexOf(code) >= 0;
        return {fillColor: c < 0 ? h.nodata : h.colors[Math.min(c, h.colors.length - 1)], fillOpacity: 0.95,
            color: lokus ? "#000000" : "#7a7a7a", weight: lokus ? 2.5 : 0.8, opacity: 1,
            className: "desa" + (c < 0 ? " nodata" : " budget-" + c) + (lokus ? " lokus" : "")};
    };

    K.tipBudget = function (feature, layer, context) {
        var h = context.hideout;
        if (K.fitToHideout) { K.fitToHideout(feature, layer, context); }  // fit once drawn (assets/map.js)
        var text = (h.tips || {})[feature.properties.kode];
        if (text) {
            var el = document.createElement("div");
            el.textContent = text;
            layer.bindTooltip(el, {sticky: true, className: "desa-tooltip"});
        }
    };
})(window.konvergensi);
