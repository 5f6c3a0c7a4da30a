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

    // Same rule as geo/analysis/classify.py: class = number of breaks <= value (half-open intervals).
    K.classIndex = function (value, breaks) {
        if (value === null || value === undefined || isNaN(value)) { return -1; }
        var c = 0;
        for (var i = 0; i < breaks.length; i++) { if (value >= breaks[i]) { c++; } }
        return c;
    };

    // Same formula as geo/indicators.percent: 100 * num / den. The values travel once in the
    // GeoJSON as an array aligned with the dataset's value keys; h.vi is the current position.
    // (Without h.vi, the position is looked up in h.keys, the dataset's value keys.)
    K.valueOf = function (feature, h) {
        var vs = feature.properties.v;
        var i = h.vi !== undefined ? h.vi : (h.keys ? h.keys.indexOf(h.ind + "|" + h.year) : -1);
        var v = (vs && i >= 0) ? vs[i] : null;
        if (!v || !(v[1] > 0)) { return null; }
        return {num: v[0], den: v[1], pct: 100 * v[0] / v[1]};
    };

    // Same as geo/indicators.wilson_interval: Wilson score 95% interval, in percent.
    K.wilson = function (k, n) {
        var z = 1.959963984540054, z2 = z * z, p = k / n, d = 1 + z2 / n;
        var c = (p + z2 / (2 * n)) / d, half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / d;
        return [100 * Math.max(0, c - half), 100 * Math.min(1, c + half)];
    };

    // Older years' values: the first village layer carries each indicator's latest year only
    // (geo.analysis.dataset.Dataset.desa_geojson); the other years come from hideout.lazy.url when
    // one is picked (Dataset.year_values: {idx: positions in hideout.keys, v: {kode: [...]}}), are
    // merged into each village's `v` array, and the maps waiting for them are restyled.
    K._values = K._values || {};  // url -> {state: "loading" | "done" | "failed", data}

    K.valuesUrl = function (base, year) {
        var lz = base && base.lazy;
        if (!lz || year === null || year === undefined || lz.years.indexOf(year) < 0) { return null; }
        return lz.url.replace("{year}", String(year));
    };

    K.needsValues = function (base, choice) {
        var url = choice ? K.valuesUrl(base, choice.year) : null;
        return !!url && !(K._values[url] && K._values[url].state === "done");
    };

    K.mergeValues = function (feature, data) {
        var p = feature.properties, row = data.v[p.kode];
        p._kMerged = p._kMerged || {};
        if (!row || p._kMerged[data.year]) { return; }
        p.v = p.v || [];
        for (var j = 0; j < data.idx.length; j++) { p.v[data.idx[j]] = row[j]; }
        p._kMerged[data.year] = true;
    };

    // Features drawn after a year came in (an inset map, another page visit) get it at once.
    K.mergeLoaded = function (feature, base) {
        var lz = base && base.lazy;
        if (!lz) { return; }
        for (var i = 0; i < lz.years.length; i++) {
            var got = K._values[lz.url.replace("{year}", String(lz.years[i]))];
            if (got && got.state === "done") { K.mergeValues(feature, got.data); }
        }
    };

    K.loadValues = function (base, year) {
        var url = K.valuesUrl(base, year);
        if (!url || K._values[url]) { return; }
        K._values[url] = {state: "loading"};
        fetch(url, {credentials: "same-origin"}).then(function (r) {
            if (!r.ok) { throw new Error(String(r.status)); }
            return r.json();
        }).then(function (data) {
            K._values[url] = {state: "done", data: data};
            document.querySelectorAll(".leaflet-container").forEach(function (c) {
                var reg = c._kDesa;
                if (!reg || !reg.context.hideout || reg.context.hideout.version !== data.version) { return; }
                for (var i = 0; i < reg.layers.length; i++) { K.mergeValues(reg.layers[i].feature, data); }
                var pending = c._kDesaPending || c._kDesaChoice;
                if (pending) { K.restyleDesa(c, pending); }
            });
        }).catch(function () {
            K._values[url] = {state: "failed"};  // another data version meanwhile: the page says to reload
        });
    };

    K.isLokus = function (feature, h) {
        return !!(h.showLokus && h.lokusYear !== null && h.lokusYear !== undefined &&
            (feature.properties.lokus || []).indexOf(h.lokusYear) >= 0);
    };

    // The village layer keeps its `hideout` constant (dash-leaflet would clear and re-add every
    // feature when it changes). A restyle sends only the choice (geo.views.mapview.desa_choice), kept
    // on the map's container element by applyDesaStyle; the style and tooltip functions merge
    // it over the layer's constant hideout. A new page has a new container, so nothing stale
    // survives navigation.
    K.merge = function (base, choice) {
        var h = Object.assign({}, base, choice);
        h.labels = Object.assign({}, base.labels, choice.labels);
        var sc = base.scales && base.scales[h.scale];
        if (sc) { h.breaks = sc.breaks; h.colors = sc.colors; h.nodata = sc.nodata; }
        return h;
    };

    // The same dict as geo.views.mapview.desa_choice, from the constant hideout: lets the map
    // restyle the moment a control changes, without waiting for the server.
    K.localChoice = function (base, ind, year, showLokus, lokusYear) {
        var c = base.choices && base.choices[ind];
        if (!c) { return null; }
        var y = c.years.indexOf(year) >= 0 ? year : (c.years.length ? c.years[c.years.length - 1] : null);
        var key = ind + "|" + y;
        return {version: base.version, ind: ind, year: y, vi: y === null ? -1 : base.keys.indexOf(key), scale: c.scale,
            lokusYear: lokusYear === undefined ? null : lokusYear, showLokus: !!showLokus,
            labels: c.labels, src: c.src};
    };

    K.sameChoice = function (a, b) {
        if (!a || !b) { return false; }
        var keys = ["ind", "year", "vi", "scale", "lokusYear", "showLokus", "src"];
        for (var i = 0; i < keys.length; i++) { if (a[keys[i]] !== b[keys[i]]) { return false; } }
        var la = a.labels || {}, lb = b.labels || {};
        return la.title === lb.title && la.num === lb.num && la.den === lb.den && la.demo === lb.demo;
    };

    K.choiceOf = function (context) {
        var c = context && context.map && context.map.getContainer();
        if (!c || !c._kDesaChoice) { return context.hideout; }
        if (c._kDesaMerged === undefined || c._kDesaMergedFrom !== c._kDesaChoice ||
                c._kDesaMergedBase !== context.hideout) {
            c._kDesaMerged = K.merge(context.hideout, c._kDesaChoice);
            c._kDesaMergedFrom = c._kDesaChoice;
            c._kDesaMergedBase = context.hideout;
        }
        return c._kDesaMerged;
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

    K.desaStyle = function (feature, h) {
        var val = K.valueOf(feature, h);
        var c = val ? K.classIndex(val.pct, h.breaks) : -1;
        var lokus = K.isLokus(feature, h);
        return {
            fillColor: c < 0 ? h.nodata : h.colors[c],
            fillOpacity: 0.9,
            color: lokus ? "#000000" : "#4d4d4d",
            weight: lokus ? 3 : 0.8,
            opacity: 1,
            className: (h.cls || "desa") + (lokus ? " lokus" : "") + (c < 0 ? " nodata" : " cls-" + c),
            lokus: lokus
        };
    };

    K.styleDesa = function (feature, context) {
        var h = K.choiceOf(context);
        K.mergeLoaded(feature, context.hideout);
        if (K.needsValues(context.hideout, h)) { K.loadValues(context.hideout, h.year); }
        return K.desaStyle(feature, h);
    };

    // A <div> of plain text (data is never inserted as HTML); shared with assets/lokus.js.
    K.textLine = function (parent, text, cls) {
        var el = document.createElement("div");
        if (cls) { el.className = cls; }
        el.textContent = text;
        parent.appendChild(el);
        return el;
    };
    var line = K.textLine;

    K.tooltip = function (feature, h) {
        var p = feature.properties;
        var el = document.createElement("div");
        el.className = "desa-tip";
        line(el, p.nama, "tip-name");
        line(el, h.labels.kec + " " + p.kec, "tip-kec");
        var val = K.valueOf(feature, h);
        line(el, h.labels.title + " " + h.year, "tip-ind");
        var prev = (h.ind === "stunting" || h.ind === "stunting_halus" || h.scale === "cluster") && h.keys;
        if (val && h.scale === "cluster") {  // LISA class (geo.analysis.spatial), then the prevalence it rests on
            line(el, (h.labels.clusters || [])[K.classIndex(val.pct, h.breaks)] || "", "tip-value");
        }
        if (val && prev) {
            // Measured %, n, 95% Wilson interval and the smoothed % (geo.analysis.uncertainty), one decimal.
            var raw = K.valueOf(feature, Object.assign({}, h, {vi: h.keys.indexOf("stunting|" + h.year)}));
            var sm = K.valueOf(feature, Object.assign({}, h, {vi: h.keys.indexOf("stunting_halus|" + h.year)}));
            var main = h.ind === "stunting" ? raw : sm;
            if (main && h.scale !== "cluster") { line(el, K.fmt(main.pct, h.lang, 1) + "%", "tip-value"); }
            if (raw) {
                var ci = K.wilson(raw.num, raw.den);
                line(el, h.labels.raw + ": " + K.fmt(raw.pct, h.lang, 1) + "% · " + h.labels.ci + " " +
                    K.fmt(ci[0], h.lang, 1) + "–" + K.fmt(ci[1], h.lang, 1) + "%", "tip-ci");
                line(el, h.labels.num + ": " + K.fmt(raw.num, h.lang, 0) + " / " + h.labels.measured + ": " +
                    K.fmt(raw.den, h.lang, 0), "tip-numden");
            }
            if (sm) { line(el, h.labels.smoothed + ": " + K.fmt(sm.pct, h.lang, 1) + "%", "tip-smooth"); }
        } else if (val) {
            line(el, K.fmt(val.pct, h.lang, 1) + "%", "tip-value");
            if (h.scale === "prevalence") {  // another prevalence (severe stunting): its 95% Wilson interval too
                var ci2 = K.wilson(val.num, val.den);
                line(el, h.labels.ci + " " + K.fmt(ci2[0], h.lang, 1) + "–" + K.fmt(ci2[1], h.lang, 1) + "%",
                    "tip-ci");
            }
            line(el, h.labels.num + ": " + K.fmt(val.num, h.lang, 0) + " / " + h.labels.den + ": " +
                K.fmt(val.den, h.lang, 0), "tip-numden");
        } else {
            line(el, h.labels.nodata, "tip-value");
        }
        if (K.isLokus(feature, h)) { line(el, h.labels.lokus + " " + h.lokusYear, "tip-lokus"); }
        if (h.src) { line(el, h.labels.source + ": " + h.src, "tip-src"); }
        return el;
    };

    K.onEachDesa = function (feature, layer, context) {
        var c = context.map.getContainer();
        // Fit to all villages (bounds known in advance) before the first path is drawn, so
        // every path is projected once.
        if (!context.map._kFitDone && context.hideout.bounds) {
            context.map._kFitDone = true;
            context.map.invalidateSize(false);
            // fitPad: room kept free on the right for inset maps (layouts/map_page.inset_maps).
            var pad = context.hideout.fitPad || [0, 0];
            context.map.fitBounds(context.hideout.bounds, {paddingTopLeft: [16, 16],
                paddingBottomRight: [16 + pad[0], 16 + pad[1]], animate: false});
        }
        // One registry per loaded GeoJSON (a new context means the features were re-added).
        if (!c._kDesa || c._kDesa.context !== context) { c._kDesa = {context: context, layers: []}; }
        c._kDesa.layers.push(layer);
        layer._kClass = layer.options.className || "desa";
        layer.bindTooltip(function () { return K.tooltip(feature, K.choiceOf(context)); },
            {sticky: true, direction: "auto", className: "desa-tooltip", opacity: 1});
        layer.on("add", function () {
            if (K.isLokus(feature, K.choiceOf(context))) { layer.bringToFront(); }
        });
    };

    // Restyle the existing village paths in place: no path is rebuilt, and only what changes
    // is written (usually one `fill` attribute; stroke and class only where they change),
    // so the browser has as little as possible to recompute. Returns how many paths changed.
    // Fit the map to hideout.fit ({bounds, options}) once its villages are drawn (slide maps).
    K.fitToHideout = function (feature, layer, context) {
        var map = context.map, fit = context.hideout && context.hideout.fit;
        if (!map || !fit || map._kFitTimer) { return; }
        map._kFitTimer = setTimeout(function () {
            map.invalidateSize(false);
            map.fitBounds(fit.bounds, fit.options);
        }, 0);
    };

    // The main map's container and those of its inset maps: all restyle together.
    K.desaContainers = function (mainId) {
        var main = document.getElementById(mainId);
        var out = main ? [main] : [];
        document.querySelectorAll(".desa-inset .leaflet-container").forEach(function (c) { out.push(c); });
        return out;
    };

    K.restyleDesa = function (container, choice) {
        var reg = container._kDesa;
        if (reg && K.needsValues(reg.context.hideout, choice)) {
            // an older year not here yet: keep showing the current choice until its values are in
            // (loadValues restyles with the pending choice then), rather than greying every village
            container._kDesaPending = choice;
            K.loadValues(reg.context.hideout, choice.year);
            return 0;
        }
        container._kDesaPending = null;
        container._kDesaChoice = choice;
        if (!reg) { return 0; }  // not drawn yet: the style function will read the choice
        var h = K.choiceOf(reg.context), changed = 0, front = [];
        for (var i = 0; i < reg.layers.length; i++) {
            var layer = reg.layers[i], path = layer._path;
            if (!layer._map || !path) { continue; }
            var s = K.desaStyle(layer.feature, h), o = layer.options;
            if (o.color !== s.color || o.weight !== s.weight) {
                layer.setStyle({fillColor: s.fillColor, color: s.color, weight: s.weight});
                changed++;
            } else if (o.fillColor !== s.fillColor) {
                o.fillColor = s.fillColor;  // what Leaflet's _updateStyle would write, alone
                path.setAttribute("fill", s.fillColor);
                changed++;
            }
            if (layer._kClass !== s.className) {
                if (layer._kBase === undefined) {  // Leaflet's own classes (leaflet-interactive)
                    var mine = layer._kClass.split(" ");
                    layer._kBase = path.getAttribute("class").split(" ").filter(function (c) {
                        return c && mine.indexOf(c) < 0;
                    }).join(" ");
                }
                path.setAttribute("class", (layer._kBase ? layer._kBase + " " : "") + s.className);
                if (s.lokus && layer._kClass.indexOf(" lokus") < 0) { front.push(layer); }
                layer._kClass = o.className = s.className;
            }
        }
        for (var j = 0; j < front.length; j++) { front[j].bringToFront(); }
        return changed;
    };

    K.styleKecamatan = function () {
        return {color: "#1b2a38", weight: 2.5, opacity: 0.95, dashArray: "7 5", fill: false, interactive: false,
            className: "kecamatan"};
    };

    // Village names: made only while hideout.on (the map is zoomed in to minZoom or more).
    K.labelFilter = function (feature, context) {
        return !!(context && context.hideout && context.hideout.on);
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

    // Works symbols: each feature carries its [shape, colour] (geo.core.schema.SARANA_SYMBOLS).
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
        var s = p.sym || ["circle", "#555555"];
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

// Restyle the moment a map control changes, from what the browser already has (a native
// `change` listener: no wait for Dash's callback dispatch nor for the server). The server's
// answer follows with the legend and the same style, and finds nothing left to change.
// The control and map ids come from the page (data-desa-controls, layouts/map_page.py).
(function (K) {
    "use strict";
    function checkedValue(id) {
        var el = document.querySelector("#" + id + " input:checked");
        return el ? el.value : null;
    }
    K.onControlChange = function (ev) {
        var t = ev.target;
        if (!t || t.tagName !== "INPUT") { return; }
        var holder = document.querySelector("[data-desa-controls]");
        if (!holder) { return; }
        var ids = JSON.parse(holder.getAttribute("data-desa-controls"));
        if (!t.closest("#" + ids.indicator + ", #" + ids.year + ", #" + ids.lokusShow + ", #" + ids.lokusYear)) {
            return;
        }
        var container = document.getElementById(ids.map);
        var reg = container && container._kDesa;
        if (!reg) { return; }
        var year = checkedValue(ids.year), lokusYear = checkedValue(ids.lokusYear);
        var choice = K.localChoice(reg.context.hideout, checkedValue(ids.indicator),
            year === null ? null : Number(year), !!document.querySelector("#" + ids.lokusShow + " input:checked"),
            lokusYear === null ? null : Number(lokusYear));
        if (choice) {
            K.desaContainers(ids.map).forEach(function (c) { K.restyleDesa(c, choice); });
        }
    };
    document.addEventListener("change", K.onControlChange, true);

    // A year about to be picked (pointer over or focus on its label): ask for its values already,
    // so the click usually finds them here (assets/map.js loadValues; nothing is asked for otherwise).
    K.onYearIntent = function (ev) {
        var t = ev.target, holder = document.querySelector("[data-desa-controls]");
        if (!t || !t.closest || !holder) { return; }
        var ids = JSON.parse(holder.getAttribute("data-desa-controls"));
        var label = t.closest("#" + ids.year + " label");
        var input = label && label.querySelector("input");
        var container = document.getElementById(ids.map);
        var reg = container && container._kDesa;
        if (input && reg) { K.loadValues(reg.context.hideout, Number(input.value)); }
    };
    document.addEventListener("pointerover", K.onYearIntent, true);
    document.addEventListener("focusin", K.onYearIntent, true);
})(window.konvergensi);

// Clientside callbacks (dash ClientsideFunction namespace "konvergensi").
window.dash_clientside = window.dash_clientside || {};
(function (K) {
    "use strict";

    function el(type, className, children, style) {
        var props = {className: className, children: children};
        if (style) { props.style = style; }
        return {type: type, namespace: "dash_html_components", props: props};
    }

    // The same tree as layouts/components.legend, from geo.views.mapview.legend_static + legend_update.
    K.legendTree = function (st, up) {
        var sc = st.scales[up.scale];
        var rows = sc.items.map(function (item, i) {
            return el("Li", "legend-row" + (item.nodata ? " legend-nodata" : ""), [
                el("Span", "swatch", null, {backgroundColor: item.color}),
                el("Span", "legend-label", item.label),
                el("Span", "legend-count", up.counts[i])
            ]);
        });
        var foot = up.source ? [el("Span", "legend-source", st.source + ": " + up.source)] : [];
        if (up.boundaries) { foot.push(el("Span", "legend-source", up.boundaries)); }
        if (up.demo) { foot.unshift(el("Span", "demo-tag", st.demo)); }
        return el("Div", "legend", [
            el("Div", "legend-title", up.title),
            el("Div", "legend-scale", sc.name),
            el("Ul", "legend-rows", rows),
            up.summary ? el("Div", "legend-summary", up.summary) : null,
            el("Div", "legend-foot", foot)
        ]);
    };

    window.dash_clientside.konvergensi = Object.assign(window.dash_clientside.konvergensi || {}, {
        // The map's choice (indicator, year, lokus) changed: restyle the drawn villages in
        // place and rebuild the legend. Returns [paths changed, legend].
        // The map's zoom changed: switch the village names on or off when it crosses minZoom.
        labelsForZoom: function (zoom, h) {
            var on = typeof zoom === "number" && h && zoom >= h.minZoom;
            if (!h || on === !!h.on) { return window.dash_clientside.no_update; }
            return Object.assign({}, h, {on: on});
        },

        applyDesaStyle: function (style, mapId, legendStatic) {
            var nu = window.dash_clientside.no_update;
            var container = document.getElementById(mapId);
            if (!style || !container) { return [nu, nu]; }
            // Usually the map already shows this choice (restyled when the control changed).
            var n = K.sameChoice(container._kDesaChoice, style.h) ? 0 : K.restyleDesa(container, style.h);
            K.desaContainers(mapId).slice(1).forEach(function (c) {
                if (!K.sameChoice(c._kDesaChoice, style.h)) { K.restyleDesa(c, style.h); }
            });
            return [n, legendStatic && style.legend ? K.legendTree(legendStatic, style.legend) : nu];
        }
    });
})(window.konvergensi);
