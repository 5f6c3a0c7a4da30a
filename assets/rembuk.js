/*
 * Rembuk deck: keyboard stepping (→/PageDown next, ←/PageUp previous, Home/End), F toggles
 * full screen, Esc leaves it; slide counter and the PNG link follow the current slide.
 * Also the deck's map style functions (change and lokus), next to assets/map.js.
 */
window.konvergensi = window.konvergensi || {};
(function (K) {
    "use strict";

    // Change in percentage points between hideout.ya and hideout.yb, classed like geo/classify.CHANGE.
    K.styleChange = function (feature, context) {
        var h = context.hideout;
        var c;
        if (h.clear) {  // class of the clear-change test, computed by the server (geo.analysis.uncertainty)
            var v = h.clear[feature.properties.kode];
            c = (v === undefined || v === null) ? -1 : K.classIndex(v, h.breaks);
        } else {
            var a = K.valueOf(feature, {ind: h.ind, year: h.ya, keys: h.keys});
            var b = K.valueOf(feature, {ind: h.ind, year: h.yb, keys: h.keys});
            c = (a && b) ? K.classIndex(b.pct - a.pct, h.breaks) : -1;
        }
        return {fillColor: c < 0 ? h.nodata : h.colors[c], fillOpacity: 0.95, color: "#4d4d4d", weight: 0.8,
            opacity: 1, className: (h.cls || "desa") + (c < 0 ? " nodata" : " chg-" + c)};
    };

    K.styleDeckLokus = function (feature, context) {
        var h = context.hideout;
        var lokus = (h.codes || []).indexOf(feature.properties.kode) >= 0;  // proposed lokus village
        return {fillColor: lokus ? h.fill : h.other, fillOpacity: 1, color: lokus ? "#000000" : "#7a7a7a",
            weight: lokus ? 3 : 0.8, opacity: 1, className: (h.cls || "desa") + (lokus ? " lokus" : "")};
    };

    function deck() { return document.getElementById("rembuk-deck"); }

    K.deckShow = function (i) {
        var d = deck();
        if (!d) { return; }
        var slides = d.querySelectorAll(".slide");
        var n = slides.length;
        i = Math.max(1, Math.min(n, i));
        slides.forEach(function (s, k) {
            var on = (k + 1) === i;
            s.classList.toggle("active", on);
            s.setAttribute("aria-hidden", on ? "false" : "true");
        });
        d.dataset.current = String(i);
        var counter = document.getElementById("rembuk-counter");
        if (counter) { counter.textContent = i + " / " + n; }
        var png = document.getElementById("rembuk-png");
        // the PNG of the slide shown (the six slides have one; issue 16's opening and plans slides not)
        var num = slides[i - 1] && slides[i - 1].dataset.png;
        if (png && png.dataset.href) {
            png.hidden = !num;
            if (num) { png.href = png.dataset.href.replace("{i}", num); }
        }
        // Leaflet measures its box when it becomes visible.
        window.dispatchEvent(new Event("resize"));
    };

    K.deckStep = function (delta) {
        var d = deck();
        if (d) { K.deckShow(parseInt(d.dataset.current || "1", 10) + delta); }
    };

    K.deckFullscreen = function () {
        var d = deck();
        if (!d) { return; }
        if (document.fullscreenElement) {
            document.exitFullscreen();
        } else if (d.requestFullscreen) {
            d.requestFullscreen().catch(function () { d.classList.toggle("pseudo-fullscreen"); });
        }
    };

    // The berita acara form (issue 16): an overlay over the deck, opened and closed from the deck bar.
    function minutesPanel() { return document.getElementById("ba-panel"); }

    K.toggleMinutes = function (open) {
        var p = minutesPanel();
        if (!p) { return; }
        var on = open === undefined ? !p.classList.contains("open") : open;
        p.classList.toggle("open", on);
        if (on) {
            var first = document.getElementById("ba-date");
            if (first) { first.focus(); }
        } else {
            var btn = document.getElementById("ba-open");
            if (btn) { btn.focus(); }
        }
    };

    document.addEventListener("keydown", function (e) {
        var panel = minutesPanel();
        if (panel && panel.classList.contains("open")) {
            if (e.key === "Escape") { K.toggleMinutes(false); e.preventDefault(); }
            return;  // keys belong to the form while it is open
        }
        if (!deck() || e.altKey || e.ctrlKey || e.metaKey) { return; }
        var tag = (e.target && e.target.tagName) || "";
        if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
        var k = e.key;
        if (k === "ArrowRight" || k === "PageDown") { K.deckStep(1); e.preventDefault(); }
        else if (k === "ArrowLeft" || k === "PageUp") { K.deckStep(-1); e.preventDefault(); }
        else if (k === "Home") { K.deckShow(1); e.preventDefault(); }
        else if (k === "End") { K.deckShow(999); e.preventDefault(); }
        else if (k === "f" || k === "F") { K.deckFullscreen(); e.preventDefault(); }
        else if (k === "Escape") {
            if (document.fullscreenElement) { document.exitFullscreen(); }
            deck().classList.remove("pseudo-fullscreen");
        }
    });

    document.addEventListener("click", function (e) {
        var btn = e.target.closest && e.target.closest("[data-deck]");
        if (!btn || !deck()) { return; }
        var a = btn.getAttribute("data-deck");
        if (a === "next") { K.deckStep(1); }
        else if (a === "prev") { K.deckStep(-1); }
        else if (a === "fullscreen") { K.deckFullscreen(); }
        else if (a === "minutes") { K.toggleMinutes(); }
    });

    document.addEventListener("fullscreenchange", function () {
        var d = deck();
        if (d) { d.classList.toggle("is-fullscreen", document.fullscreenElement === d); }
        window.dispatchEvent(new Event("resize"));
    });
})(window.konvergensi);
