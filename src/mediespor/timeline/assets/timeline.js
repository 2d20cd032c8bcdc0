/* mediespor timeline page: tooltip, click-to-open, event panel, search and filters.
 *
 * Untrusted text (titles, leads, outlet names) only ever reaches the DOM through textContent,
 * and only http(s) URLs are opened, so nothing an item carries can run as code here.
 */
(function () {
  "use strict";
  var SHORT_MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
  var LEVELS = 5, LEVEL_PX = 17, LABEL_FONT = 11, LABEL_CHARS = 26;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* x values are Copenhagen wall-clock milliseconds, so the UTC getters give local time. */
  function formatDate(ms, precision) {
    var d = new Date(ms);
    if (precision === 3) return String(d.getUTCFullYear());
    if (precision === 2) return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    var day = d.getUTCDate() + ". " + SHORT_MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    if (precision === 0) day += " kl. " + pad(d.getUTCHours()) + "." + pad(d.getUTCMinutes());
    return day;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isSafeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s\u0000-\u001f]+$/i.test(url);
  }

  function openUrl(url) {
    if (isSafeUrl(url)) window.open(url, "_blank", "noopener");
  }

  function loadItems() {
    var node = document.getElementById("ms-items");
    var text = node.textContent;
    if (node.getAttribute("data-encoding") === "json") return Promise.resolve(JSON.parse(text));
    var bin = atob(text.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function scoreText(score) {
    return score === null || score === undefined ? "" : " (" + String(score.toFixed(2)).replace(".", ",") + ")";
  }

  window.mediesporInit = function (gd) {
    var cfg = JSON.parse(document.getElementById("ms-config").textContent);
    var table = null;
    var laneTraces = [], origX = {}, traceOffset = {};
    /* _fullData holds the decoded arrays (the figure ships x as base64 typed arrays). */
    gd._fullData.forEach(function (trace) {
      if (trace.meta && trace.meta.role === "lane") {
        laneTraces.push(trace.index);
        traceOffset[trace.index] = trace.meta.offset;
        origX[trace.index] = Array.prototype.slice.call(trace.x);
      }
    });
    var nLanes = cfg.lanes.length;
    var tooltip = document.getElementById("ms-tooltip");
    var panel = document.getElementById("ms-event-panel");
    var state = { search: "", event: "", relevance: "" };
    var restaggering = false;

    function laneOf(idx) {
      var lane = 0;
      for (var l = 0; l < nLanes; l++) if (cfg.laneOffsets[l] <= idx) lane = l;
      return lane;
    }
    var xOf = null;
    function itemX(idx) {
      if (!xOf) {
        xOf = {};
        laneTraces.forEach(function (t) { origX[t].forEach(function (x, p) { xOf[traceOffset[t] + p] = x; }); });
      }
      return xOf[idx];
    }
    function itemAt(point) {
      var trace = gd.data[point.curveNumber];
      if (!trace || !trace.meta || trace.meta.role !== "lane") return -1;
      return trace.meta.offset + point.pointNumber;
    }

    function eventLine(link) {
      var ev = cfg.events[link[0]];
      return ev ? ev.n + ". " + ev.title + scoreText(link[1]) : "";
    }

    function showTooltip(idx, mouse) {
      if (!table) return;
      tooltip.textContent = "";
      tooltip.appendChild(el("div", "ms-tt-title", table.t[idx]));
      var meta = [cfg.lanes[laneOf(idx)], formatDate(itemX(idx), table.p[idx]), table.kinds[table.k[idx]]];
      if (table.r[idx] === 0) meta.push("ikke relevant");
      tooltip.appendChild(el("div", "ms-tt-meta", meta.join(" · ")));
      var links = table.e[idx];
      tooltip.appendChild(el("div", "ms-tt-events", links.length ? "Begivenhed: " + links.map(eventLine).join("; ") : "Ingen begivenhed"));
      if (table.l[idx]) tooltip.appendChild(el("div", "ms-tt-lead", table.l[idx]));
      if (!table.u[idx]) tooltip.appendChild(el("div", "ms-tt-meta", "(intet link)"));
      tooltip.hidden = false;
      var x = mouse && mouse.clientX !== undefined ? mouse.clientX : window.innerWidth / 2;
      var y = mouse && mouse.clientY !== undefined ? mouse.clientY : window.innerHeight / 2;
      var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
      var left = Math.min(Math.max(4, x + 14), window.innerWidth - w - 4);
      var top = y + 16 + h > window.innerHeight ? Math.max(4, y - h - 12) : y + 16;
      tooltip.style.left = left + "px";
      tooltip.style.top = top + "px";
    }

    function showEvent(n) {
      var ev = cfg.events[n];
      if (!ev) return;
      panel.textContent = "";
      var close = el("button", "ms-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", "Luk");
      close.addEventListener("click", function () { panel.hidden = true; });
      panel.appendChild(close);
      panel.appendChild(el("h2", null, ev.n + ". " + ev.title));
      panel.appendChild(el("p", "ms-when", ev.when));
      if (ev.description) panel.appendChild(el("p", null, ev.description));
      if (isSafeUrl(ev.url)) {
        var src = el("a", null, "Kilde");
        src.href = ev.url; src.target = "_blank"; src.rel = "noopener noreferrer";
        panel.appendChild(src);
      }
      panel.appendChild(el("h3", null, "Omtale (" + ev.items.length + (ev.items.length === 1 ? " emne)" : " emner)")));
      var list = el("ol");
      ev.items.forEach(function (idx) {
        var li = el("li");
        li.appendChild(document.createTextNode(formatDate(itemX(idx), table ? table.p[idx] : 1) + " · " + cfg.lanes[laneOf(idx)] + ": "));
        var title = table ? table.t[idx] : "";
        if (table && isSafeUrl(table.u[idx])) {
          var a = el("a", null, title);
          a.href = table.u[idx]; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
        } else {
          li.appendChild(document.createTextNode(title));
        }
        list.appendChild(li);
      });
      if (!ev.items.length) list.appendChild(el("li", null, "Ingen omtale fundet endnu."));
      panel.appendChild(list);
      panel.hidden = false;
      panel.scrollIntoView({ block: "nearest" });
    }

    function passes(idx) {
      if (state.relevance === "relevant" && table.r[idx] !== 1) return false;
      if (state.relevance === "off" && table.r[idx] !== 0) return false;
      if (state.event === "__none") return table.e[idx].length === 0;
      if (state.event !== "") {
        var want = state.eventNo;
        return table.e[idx].some(function (link) { return link[0] === want; });
      }
      return true;
    }

    var haystack = null;
    function matches(idx, words) {
      if (!haystack) {
        haystack = table.t.map(function (t, i) { return (t + " " + table.l[i] + " " + cfg.lanes[laneOf(i)]).toLocaleLowerCase("da"); });
      }
      for (var w = 0; w < words.length; w++) if (haystack[idx].indexOf(words[w]) < 0) return false;
      return true;
    }

    function apply() {
      if (!table) return;
      var words = state.search.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
      var xs = [], selected = [], traces = [], hits = 0;
      laneTraces.forEach(function (t) {
        var base = traceOffset[t], src = origX[t];
        var x = new Array(src.length), sel = [];
        for (var p = 0; p < src.length; p++) {
          var ok = passes(base + p);
          x[p] = ok ? src[p] : NaN;
          if (ok && words.length && matches(base + p, words)) { sel.push(p); hits++; }
        }
        xs.push(x);
        selected.push(words.length ? sel : null);
        traces.push(t);
      });
      var count = document.getElementById("ms-search-count");
      count.textContent = words.length ? (hits === 1 ? "1 træffer" : hits + " træffere") : "";
      /* Restyling x makes plotly forget axis types unless they are restated in the same call. */
      /* Filtering must not move the view: keep the range the reader chose. */
      var range = gd.layout.xaxis.range.slice();
      Plotly.update(gd, { x: xs, selectedpoints: selected }, {
        "xaxis.type": "date", "xaxis2.type": "date", "xaxis.range": range, "xaxis2.range": range.slice()
      }, traces);
    }

    function stagger() {
      var xa = gd._fullLayout && gd._fullLayout.xaxis;
      if (!xa || !cfg.labels.length) return;
      var r0 = xa.r2l(xa.range[0]), r1 = xa.r2l(xa.range[1]);
      var pxPerMs = xa._length / Math.max(1, r1 - r0);
      var ends = [], update = {};
      for (var l = 0; l < LEVELS; l++) ends.push(-Infinity);
      var starts = cfg.labels.map(function (label) { return xa.r2l(label.x) * pxPerMs; });
      function width(text) { return text.length * LABEL_FONT * 0.6 + 12; }
      cfg.labels.forEach(function (label, i) {
        var start = starts[i];
        var title = cfg.events[i] ? cfg.events[i].title.replace(/\s+/g, " ").trim() : "";
        if (title.length > LABEL_CHARS) title = title.slice(0, LABEL_CHARS - 1).trim() + "…";
        var full = title ? label.n + ". " + title : String(label.n);
        var free = [];
        for (var lv = 0; lv < LEVELS; lv++) if (ends[lv] <= start) free.push(lv);
        var under = 0;
        for (var j = i + 1; j < starts.length; j++) if (starts[j] < start + width(full)) under++;
        var level, text;
        var fitsRight = start - r0 * pxPerMs + width(full) <= xa._length;
        if (free.length && free.length > under && fitsRight) { level = free[0]; text = full; }
        else if (free.length) { level = free[0]; text = String(label.n); }
        else {
          level = 0;
          for (var k = 1; k < LEVELS; k++) if (ends[k] < ends[level]) level = k;
          text = String(label.n);
        }
        ends[level] = start + width(text);
        update["annotations[" + i + "].text"] = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        update["annotations[" + i + "].yshift"] = 4 + level * LEVEL_PX;
      });
      restaggering = true;
      Plotly.relayout(gd, update).then(function () { restaggering = false; }, function () { restaggering = false; });
    }

    function fitWidth() {
      var narrow = gd.clientWidth < 640;
      /* A legend relayout redraws every point (seconds at 100k in software WebGL): skip it
         when the layout already suits the width. */
      if ((gd._fullLayout.legend.orientation === "h") === narrow) { stagger(); return Promise.resolve(); }
      var update = narrow
        ? { "legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left", "legend.y": -0.32, "legend.yanchor": "top", "legend.title.side": "top", "margin.b": 60 + 26 * Math.ceil(nLanes / 2), "yaxis.showticklabels": false }
        : { "legend.orientation": "v", "legend.x": 1.02, "legend.xanchor": "left", "legend.y": 1, "legend.yanchor": "top", "legend.title.side": "top", "margin.b": 10, "yaxis.showticklabels": true };
      restaggering = true;
      return Plotly.relayout(gd, update).then(function () { restaggering = false; stagger(); });
    }

    gd.on("plotly_hover", function (ev) {
      var idx = itemAt(ev.points[0]);
      if (idx >= 0) showTooltip(idx, ev.event);
    });
    gd.on("plotly_unhover", function () { tooltip.hidden = true; });
    gd.on("plotly_click", function (ev) {
      var idx = itemAt(ev.points[0]);
      if (idx >= 0 && table) openUrl(table.u[idx]);
    });
    gd.on("plotly_clickannotation", function (ev) { showEvent(ev.index); });
    gd.on("plotly_relayout", function (ev) {
      if (restaggering) return;
      var keys = Object.keys(ev || {});
      if (keys.some(function (k) { return k.indexOf("xaxis") === 0 || k === "autosize" || k === "width"; })) stagger();
    });
    window.addEventListener("resize", function () { window.clearTimeout(fitWidth._t); fitWidth._t = window.setTimeout(fitWidth, 150); });

    document.getElementById("ms-search").addEventListener("input", function (e) { state.search = e.target.value; apply(); });
    document.getElementById("ms-event").addEventListener("change", function (e) {
      state.event = e.target.value;
      state.eventNo = cfg.events.findIndex(function (ev) { return ev.id === e.target.value; });
      apply();
    });
    document.getElementById("ms-relevance").addEventListener("change", function (e) { state.relevance = e.target.value; apply(); });
    Array.prototype.forEach.call(document.querySelectorAll(".ms-preset"), function (btn) {
      btn.addEventListener("click", function () {
        var range = cfg.presets[btn.getAttribute("data-preset")] || cfg.fullRange;
        Array.prototype.forEach.call(document.querySelectorAll(".ms-preset"), function (b) { b.classList.toggle("ms-active", b === btn); });
        if (range && range.length === 2) Plotly.relayout(gd, { "xaxis.range": range.slice() });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".ms-event-btn"), function (btn) {
      btn.addEventListener("click", function () { showEvent(Number(btn.getAttribute("data-event"))); });
    });

    /* The second frame after newPlot starts only once the first one (with the plot) has been
       drawn, so this marks when the plot is really on screen. Label placement (a relayout
       that can replot for the margins) and the item table (atob, decompression, a large
       JSON.parse) wait until then: done earlier they hold back that first frame by a second
       at 100k items, and the plot already carries labels placed by the server. */
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () {
        window.__mediesporPainted = performance.now();
        fitWidth();
        loadItems().then(function (t) {
          table = t;
          window.__mediesporItemsReady = performance.now();
          if (state.search || state.event || state.relevance) apply();
        }, function (err) {
          document.getElementById("ms-search-count").textContent = "Kunne ikke læse emnerne: " + err;
        });
      });
    });
  };
})();
