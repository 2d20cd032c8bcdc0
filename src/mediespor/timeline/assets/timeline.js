/* mediespor timeline page: headlines on the timeline, event labels, details card, event panel,
 * search, filters and the weekly counts.
 *
 * Untrusted text (titles, leads, outlet names) only ever reaches the DOM through textContent,
 * and only http(s) URLs become links, so nothing an item carries can run as code here.
 */
(function () {
  "use strict";
  var SHORT_MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
  var KIND_MARKS = { video: "TV", article: "Artikel", blog: "Blog", press_release: "Presse", agenda: "Dagsorden" };
  var KIND_NOUNS = { article: ["artikel", "artikler"], video: ["tv-indslag", "tv-indslag"], blog: ["blogindlæg", "blogindlæg"], press_release: ["pressemeddelelse", "pressemeddelelser"], agenda: ["dagsorden", "dagsordener"] };
  var WEEK = 7 * 86400000;
  /* Above this many items in view the headlines give way to dots and counts. */
  var DENSE = 400;
  var GAP = 6;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function plural(n, one, many) { return thousands(n) + " " + (n === 1 ? one : many); }
  /* Mirrors danish.count_items: named by kind when all share one, else "omtale". */
  function countItems(n, kindCodes) {
    var distinct = {}, keys;
    (kindCodes || []).forEach(function (k) { distinct[k] = 1; });
    keys = Object.keys(distinct);
    var noun = keys.length === 1 && KIND_NOUNS[keys[0]] ? KIND_NOUNS[keys[0]] : ["omtale", "omtaler"];
    return plural(n, noun[0], noun[1]);
  }

  /* x values are Copenhagen wall-clock milliseconds, so the UTC getters give local time. */
  function formatDate(ms, precision) {
    var d = new Date(ms);
    if (precision === 3) return String(d.getUTCFullYear());
    if (precision === 2) return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    var day = d.getUTCDate() + ". " + SHORT_MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    if (precision === 0) day += " kl. " + pad(d.getUTCHours()) + "." + pad(d.getUTCMinutes());
    return day;
  }
  function shortDate(ms, precision) {
    var d = new Date(ms);
    if (precision === 3) return String(d.getUTCFullYear());
    if (precision === 2) return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    return d.getUTCDate() + ". " + SHORT_MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
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

  /* The item table comes after the plot in the document, so the browser draws the plot
     before it has even read the table; wait until the document is parsed. */
  function documentParsed() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve); });
  }

  function loadItems() {
    return documentParsed().then(readItems);
  }

  function readItems() {
    var node = document.getElementById("ms-items");
    var text = node.textContent;
    if (node.getAttribute("data-encoding") === "json") return JSON.parse(text);
    var bin = atob(text.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  window.mediesporInit = function (gd) {
    var cfg = JSON.parse(document.getElementById("ms-config").textContent);
    var table = null, waiting = [];
    var laneTraces = [], binTraces = [], binPart = {}, volumeTraces = [], origX = {}, traceOffset = {}, traceLane = {}, spanOf = {};
    /* _fullData holds the decoded arrays (the figure ships x as base64 typed arrays). */
    gd._fullData.forEach(function (trace) {
      var meta = trace.meta || {};
      if (meta.role === "lane" && meta.binned) {
        binTraces.push(trace.index);
        traceLane[trace.index] = meta.lane;
        binPart[trace.index] = meta.part;
      } else if (meta.role === "lane") {
        laneTraces.push(trace.index);
        traceOffset[trace.index] = meta.offset;
        traceLane[trace.index] = meta.lane;
        origX[trace.index] = Array.prototype.slice.call(trace.x);
      } else if (meta.role === "span") {
        /* The bars of month/year items follow the lane trace just before them. */
        spanOf[trace.index - 1] = trace.index;
        origX[trace.index] = Array.prototype.slice.call(trace.x);
      } else if (meta.role === "volume") {
        volumeTraces.push(trace.index);
        traceLane[trace.index] = meta.lane;
      }
    });
    var nLanes = cfg.lanes.length;
    var tooltip = document.getElementById("ms-tooltip");
    /* The panel and card come after the plot in the document, so they do not exist yet while
       this runs: look them up when first needed. */
    var panel = null, card = null;
    function asides() {
      panel = panel || document.getElementById("ms-event-panel");
      card = card || document.getElementById("ms-card");
    }
    var eventBand = document.getElementById("ms-eventband");
    var headBand = document.getElementById("ms-headlines");
    var note = document.getElementById("ms-note");
    var touch = (window.matchMedia && window.matchMedia("(hover: none), (pointer: coarse)").matches) || navigator.maxTouchPoints > 0;
    if (touch) document.body.classList.add("ms-touch");
    var state = { search: "", words: [], event: "", eventNo: -1, relevance: "" };
    var bandHeights = { ev: 0, hl: 0 };
    var measureCtx = document.createElement("canvas").getContext("2d");

    function whenReady(fn) { if (table) fn(); else waiting.push(fn); }

    var laneOfIdx = null, xOfIdx = null;
    /* A binned page ships every item's x itself (the lane traces hold bins), so positions are
       known before the item table is read; lanes follow from the lane offsets. */
    function binnedIndex() {
      var bin = atob(cfg.itemX), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      xOfIdx = new Float64Array(bytes.buffer);
      laneOfIdx = new Int16Array(xOfIdx.length);
      cfg.laneOffsets.forEach(function (start, lane) {
        var end = lane + 1 < cfg.laneOffsets.length ? cfg.laneOffsets[lane + 1] : xOfIdx.length;
        for (var j = start; j < end; j++) laneOfIdx[j] = lane;
      });
    }
    if (cfg.binned) binnedIndex();
    function index() {
      if (xOfIdx || !table) return;
      var n = table ? table.t.length : 0;
      xOfIdx = new Float64Array(n);
      laneOfIdx = new Int16Array(n);
      laneTraces.forEach(function (t) {
        origX[t].forEach(function (x, p) { xOfIdx[traceOffset[t] + p] = x; laneOfIdx[traceOffset[t] + p] = traceLane[t]; });
      });
    }
    function itemX(idx) { index(); return xOfIdx[idx]; }
    function laneOf(idx) { index(); return laneOfIdx[idx]; }
    function kindCode(idx) { return table.kindCodes[table.k[idx]]; }
    function itemAt(point) {
      var trace = gd.data[point.curveNumber];
      if (!trace || !trace.meta || trace.meta.role !== "lane") return -1;
      if (trace.meta.binned) {
        /* Single items carry their item number as customdata; a bin carries none. */
        var drawn = trace.customdata;
        return drawn && drawn.length > point.pointNumber ? drawn[point.pointNumber] : -1;
      }
      return trace.meta.offset + point.pointNumber;
    }
    /* Lanes the reader has not hidden through the legend. */
    function visibleLanes() {
      var on = {};
      gd._fullData.forEach(function (t) { if (t.meta && t.meta.role === "lane" && t.visible === true) on[t.meta.lane] = true; });
      return on;
    }

    /* ---- details: tooltip (mouse), card (click or tap), event panel ---------------------- */

    function whyList(link) {
      var ul = el("ul", "ms-why");
      link[2].forEach(function (s) { ul.appendChild(el("li", null, table.sentences[s])); });
      return ul;
    }

    function metaLine(idx) {
      var parts = [cfg.lanes[laneOf(idx)], formatDate(itemX(idx), table.p[idx]), table.kinds[table.k[idx]]];
      if (table.r[idx] === 0) parts.push("vurderet ikke relevant");
      return parts.join(" · ");
    }

    function showTooltip(idx, mouse) {
      if (!table || touch) return;
      tooltip.textContent = "";
      tooltip.appendChild(el("div", "ms-tt-title", table.t[idx]));
      tooltip.appendChild(el("div", "ms-tt-meta", metaLine(idx)));
      if (table.l[idx]) tooltip.appendChild(el("div", "ms-tt-lead", table.l[idx]));
      tooltip.appendChild(el("div", "ms-tt-meta", "Klik for detaljer og link til kilden."));
      tooltip.hidden = false;
      var x = mouse && mouse.clientX !== undefined ? mouse.clientX : window.innerWidth / 2;
      var y = mouse && mouse.clientY !== undefined ? mouse.clientY : window.innerHeight / 2;
      var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
      tooltip.style.left = Math.min(Math.max(4, x + 14), window.innerWidth - w - 4) + "px";
      tooltip.style.top = (y + 16 + h > window.innerHeight ? Math.max(4, y - h - 12) : y + 16) + "px";
    }

    function closeButton(target) {
      var close = el("button", "ms-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", "Luk");
      close.addEventListener("click", function () { target.hidden = true; });
      return close;
    }

    function sourceLink(url, text, cls) {
      var a = el("a", cls, text);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      return a;
    }

    function showItem(idx) {
      if (!table || idx < 0) return;
      asides();
      tooltip.hidden = true;
      card.textContent = "";
      card.appendChild(closeButton(card));
      var head = el("p", "ms-card-meta");
      head.appendChild(el("span", "ms-swatch")).style.background = cfg.colors[laneOf(idx)];
      head.appendChild(document.createTextNode(metaLine(idx)));
      card.appendChild(head);
      card.appendChild(el("h3", "ms-card-title", table.t[idx]));
      if (table.l[idx]) card.appendChild(el("p", "ms-card-lead", table.l[idx]));
      table.e[idx].forEach(function (link) {
        var ev = cfg.events[link[0]];
        if (!ev) return;
        var p = el("p", "ms-card-event");
        p.appendChild(document.createTextNode("Begivenhed: "));
        var b = el("button", "ms-linkish", ev.title);
        b.type = "button";
        b.addEventListener("click", function () { showEvent(link[0]); });
        p.appendChild(b);
        if (link[1]) p.appendChild(el("span", "ms-suggested", "forslag"));
        card.appendChild(p);
        if (link[2].length) card.appendChild(whyList(link));
      });
      if (!table.e[idx].length) card.appendChild(el("p", "ms-card-event", "Ikke koblet til en begivenhed."));
      if (isSafeUrl(table.u[idx])) card.appendChild(sourceLink(table.u[idx], "Åbn kilden", "ms-open"));
      else card.appendChild(el("p", "ms-card-meta", "Der er intet link til kilden."));
      card.hidden = false;
      card.setAttribute("data-item", String(idx));
    }

    function showEvent(n) {
      var ev = cfg.events[n];
      if (!ev) return;
      whenReady(function () { fillEvent(n, ev); });
    }

    function fillEvent(n, ev) {
      asides();
      panel.textContent = "";
      panel.appendChild(closeButton(panel));
      panel.appendChild(el("h2", null, ev.title));
      panel.appendChild(el("p", "ms-when", ev.when));
      if (ev.description) panel.appendChild(el("p", null, ev.description));
      if (isSafeUrl(ev.url)) panel.appendChild(sourceLink(ev.url, "Kilde til begivenheden"));
      var linked = [], suggested = [];
      ev.items.forEach(function (idx) {
        var link = table.e[idx].filter(function (l) { return l[0] === n; })[0];
        (link && link[1] ? suggested : linked).push([idx, link]);
      });
      function section(title, rows, mark) {
        if (!rows.length) return;
        panel.appendChild(el("h3", null, title + " (" + countItems(rows.length, rows.map(function (r) { return kindCode(r[0]); })) + ")"));
        var list = el("ol", "ms-coverage");
        rows.forEach(function (row) {
          var idx = row[0], li = el("li");
          var meta = li.appendChild(el("span", "ms-cov-meta"));
          meta.appendChild(el("span", "ms-swatch")).style.background = cfg.colors[laneOf(idx)];
          meta.appendChild(document.createTextNode(shortDate(itemX(idx), table.p[idx]) + " · " + cfg.lanes[laneOf(idx)] + " · " + table.kinds[table.k[idx]]));
          var b = el("button", "ms-linkish ms-cov-title", table.t[idx]);
          b.type = "button";
          b.addEventListener("click", function () { showItem(idx); });
          li.appendChild(b);
          if (mark) li.appendChild(el("span", "ms-suggested", "forslag"));
          if (isSafeUrl(table.u[idx])) li.appendChild(sourceLink(table.u[idx], "Åbn kilden", "ms-open-small"));
          if (row[1] && row[1][2].length) {
            var why = el("div", "ms-why-line");
            why.appendChild(el("span", "ms-why-label", "Hvorfor: "));
            why.appendChild(document.createTextNode(row[1][2].map(function (s) { return table.sentences[s]; }).join("; ")));
            li.appendChild(why);
          }
          list.appendChild(li);
        });
        panel.appendChild(list);
      }
      section("Omtale", linked, false);
      section("Foreslået omtale", suggested, true);
      if (!linked.length && !suggested.length) panel.appendChild(el("p", "ms-empty", "Ingen omtale fundet endnu for denne begivenhed."));
      panel.hidden = false;
      panel.setAttribute("data-event", String(n));
      panel.scrollIntoView({ block: "nearest" });
    }

    /* ---- filters ------------------------------------------------------------------------ */

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
    function matches(idx) {
      var words = state.words;
      if (!words.length) return true;
      if (!haystack) {
        haystack = table.t.map(function (t, i) { return (t + " " + table.l[i] + " " + cfg.lanes[laneOf(i)]).toLocaleLowerCase("da"); });
      }
      for (var w = 0; w < words.length; w++) if (haystack[idx].indexOf(words[w]) < 0) return false;
      return true;
    }
    /* What the reader asked to see: filters and search (search hits only, when searching). */
    function shown(idx) { return passes(idx) && matches(idx); }

    /* The counts, like the figure's, leave out coverage judged off-topic unless asked for. */
    function counted(idx) { return shown(idx) && (state.relevance === "off" || table.r[idx] !== 0); }

    function updateCounts() {
      var weeks = cfg.weeks, ys = [], peak = 0, totals = new Array(weeks.length).fill(0);
      if (!weeks.length) return Promise.resolve();
      index();
      var perLane = cfg.lanes.map(function () { return new Array(weeks.length).fill(0); });
      for (var i = 0; i < xOfIdx.length; i++) {
        if (!counted(i)) continue;
        var k = Math.floor((xOfIdx[i] - weeks[0]) / WEEK);
        if (k >= 0 && k < weeks.length) perLane[laneOfIdx[i]][k]++;
      }
      volumeTraces.forEach(function (t) {
        var y = perLane[traceLane[t]];
        y.forEach(function (v, k) { totals[k] += v; });
        ys.push(y);
      });
      totals.forEach(function (v) { if (v > peak) peak = v; });
      var steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000], raw = Math.max(1, peak / 4), dtick = steps[steps.length - 1];
      for (var s = 0; s < steps.length; s++) if (steps[s] >= raw) { dtick = steps[s]; break; }
      /* As in apply(): axis types and the reader's range are restated in the same call. */
      var range = gd.layout.xaxis.range.slice();
      return Plotly.update(gd, { y: ys }, {
        "xaxis.type": "date", "xaxis2.type": "date", "xaxis.range": range, "xaxis2.range": range.slice(),
        "yaxis2.dtick": dtick, "yaxis2.tick0": 0, "yaxis2.autorange": true
      }, volumeTraces);
    }

    /* ---- binned lanes: never more marks than pixels --------------------------------------- */

    /* Mirrors figure.bin_ms / bin_marker_px: whole-day bins at least 6 px wide. */
    function binWidth(ax) {
      return Math.max(1, Math.ceil((ax.r1 - ax.r0) * 6 / (Math.max(100, ax.len) * 86400000))) * 86400000;
    }
    function binSize(n) { return Math.min(22, 5 + 2.5 * Math.sqrt(n)); }
    function jitter(idx) { return (((idx * 2654435761) >>> 0) % 1000 / 999 * 2 - 1) * 0.28; }
    function binLabel(n, start, width) {
      var text = countItems(n, []) + ", " + shortDate(start, 1);
      return width > 86400000 ? text + " – " + shortDate(start + width - 1, 1) : text;
    }

    /* Redraws the binned lanes for the visible range and the filters: single items when the
       range holds at most cfg.detailMax of them, else one mark per lane, part and bin. Items
       just outside the view are drawn too, so a short pan does not show an empty edge. */
    function drawBins() {
      var ax = axis();
      if (!ax || !table) return Promise.resolve();
      var span = ax.r1 - ax.r0, lo = ax.r0 - span / 2, hi = ax.r1 + span / 2;
      var inView = 0, want = {};
      binTraces.forEach(function (t) { want[traceLane[t] + ":" + binPart[t]] = []; });
      for (var i = 0; i < xOfIdx.length; i++) {
        var x = xOfIdx[i];
        if (x < lo || x > hi || !shown(i)) continue;
        if (x >= ax.r0 && x <= ax.r1) inView++;
        var list = want[laneOfIdx[i] + ":" + (table.r[i] === 0 ? "off_topic" : "relevant")];
        if (list) list.push(i);
      }
      var single = inView <= cfg.detailMax, width = binWidth(ax);
      var upd = { x: [], y: [], text: [], customdata: [], "marker.size": [], hoverinfo: [], hovertemplate: [] };
      binTraces.forEach(function (t) {
        var members = want[traceLane[t] + ":" + binPart[t]], lane = traceLane[t];
        if (single) {
          upd.customdata.push(members);
          upd.x.push(members.map(function (idx) { return xOfIdx[idx]; }));
          upd.y.push(members.map(function (idx) { return lane + jitter(idx); }));
          upd.text.push([]);
          upd["marker.size"].push(binPart[t] === "off_topic" ? 8 : 9);
          upd.hoverinfo.push("none");
          upd.hovertemplate.push(null);
          return;
        }
        upd.customdata.push([]);
        var counts = {};
        members.forEach(function (idx) { var k = Math.floor(xOfIdx[idx] / width); counts[k] = (counts[k] || 0) + 1; });
        var keys = Object.keys(counts).map(Number).sort(function (a, b) { return a - b; });
        upd.x.push(keys.map(function (k) { return (k + 0.5) * width; }));
        upd.y.push(keys.map(function () { return lane; }));
        upd.text.push(keys.map(function (k) { return binLabel(counts[k], k * width, width); }));
        upd["marker.size"].push(keys.map(function (k) { return binSize(counts[k]); }));
        upd.hoverinfo.push("text");
        upd.hovertemplate.push("%{fullData.name}<br>%{text}<extra></extra>");
      });
      gd.setAttribute("data-marks", single ? "items" : "bins");
      var range = gd.layout.xaxis.range.slice();
      return Plotly.update(gd, upd, {
        "xaxis.type": "date", "xaxis2.type": "date", "xaxis.range": range, "xaxis2.range": range.slice()
      }, binTraces);
    }

    function redrawBins() {
      busy = true;
      return drawBins().then(function () { busy = false; placeBands(); }, function () { busy = false; });
    }

    function apply() {
      if (!table) return;
      if (cfg.binned) {
        state.words = state.search.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
        var hitCount = 0;
        if (state.words.length) for (var h = 0; h < xOfIdx.length; h++) if (shown(h)) hitCount++;
        document.getElementById("ms-search-count").textContent = state.words.length ? (hitCount === 1 ? "1 træffer" : thousands(hitCount) + " træffere") : "";
        busy = true;
        return drawBins().then(updateCounts).then(function () { busy = false; placeBands(); }, function () { busy = false; });
      }
      state.words = state.search.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
      var xs = [], selected = [], hits = 0, traces = laneTraces.slice();
      laneTraces.forEach(function (t) {
        var base = traceOffset[t], src = origX[t];
        var x = new Array(src.length), sel = [];
        for (var p = 0; p < src.length; p++) {
          var ok = passes(base + p);
          x[p] = ok ? src[p] : NaN;
          if (ok && state.words.length && matches(base + p)) { sel.push(p); hits++; }
        }
        xs.push(x);
        selected.push(state.words.length ? sel : null);
      });
      laneTraces.forEach(function (t, n) {
        var span = spanOf[t];
        if (span === undefined) return;
        /* Three values per item (start, end, gap): hide the bar of a filtered item. */
        var src = origX[span], x = src.slice();
        for (var p = 0; p < xs[n].length; p++) if (Number.isNaN(xs[n][p])) { x[3 * p] = NaN; x[3 * p + 1] = NaN; }
        traces.push(span);
        xs.push(x);
        selected.push(null);
      });
      var count = document.getElementById("ms-search-count");
      count.textContent = state.words.length ? (hits === 1 ? "1 træffer" : thousands(hits) + " træffere") : "";
      /* Restyling x makes plotly forget axis types unless they are restated in the same call;
         filtering must not move the view, so the reader's range is restated too. */
      var range = gd.layout.xaxis.range.slice();
      busy = true;
      return Plotly.update(gd, { x: xs, selectedpoints: selected }, {
        "xaxis.type": "date", "xaxis2.type": "date", "xaxis.range": range, "xaxis2.range": range.slice()
      }, traces).then(updateCounts).then(function () { busy = false; placeBands(); }, function () { busy = false; });
    }

    /* ---- bands above the plot: event labels and headlines --------------------------------- */

    function axis() {
      var xa = gd._fullLayout && gd._fullLayout.xaxis;
      if (!xa) return null;
      return { xa: xa, r0: xa.r2l(xa.range[0]), r1: xa.r2l(xa.range[1]), off: xa._offset, len: xa._length };
    }
    function px(ax, ms) { return ax.xa.l2p(ms); }

    /* Greedy rows: the first row whose placed boxes leave [a, b] free. */
    function firstFreeRow(rows, a, b, maxRows) {
      for (var r = 0; r < maxRows; r++) {
        if (!rows[r]) rows[r] = [];
        var free = rows[r].every(function (box) { return b + GAP <= box[0] || a >= box[1] + GAP; });
        if (free) return r;
      }
      return -1;
    }

    var eventNodes = cfg.events.map(function (ev, n) {
      var node = el("button", "ms-ev");
      node.type = "button";
      node.setAttribute("data-event", String(n));
      node.appendChild(el("span", "ms-ev-date", ev.when));
      node.appendChild(document.createTextNode(" "));
      node.appendChild(el("span", "ms-ev-text", ev.title));
      node.title = ev.when + ": " + ev.title;
      node.addEventListener("click", function () { showEvent(n); });
      eventBand.appendChild(node);
      return node;
    });

    function stackRows(nodes, rowOf, rowHeights, top0) {
      var tops = [], acc = top0;
      for (var r = 0; r < rowHeights.length; r++) { tops.push(acc); acc += rowHeights[r] + 4; }
      nodes.forEach(function (node, i) { if (rowOf[i] >= 0) node.style.top = tops[rowOf[i]] + "px"; });
      return rowHeights.length ? acc : 0;
    }

    function placeEvents(ax) {
      var narrow = gd.clientWidth < 640, maxRows = narrow ? 3 : 5, maxW = narrow ? 180 : 320;
      var rows = [], rowOf = [], heights = [];
      eventNodes.forEach(function (node, n) {
        var ev = cfg.events[n];
        node.classList.remove("ms-ev-compact");
        node.style.maxWidth = maxW + "px";
        rowOf[n] = -1;
        if (ev.end < ax.r0 || ev.start > ax.r1) { node.hidden = true; return; }
        node.hidden = false;
        var x = Math.max(0, px(ax, ev.start));
        var w = node.offsetWidth;
        var left = Math.max(0, Math.min(x, ax.len - w));
        var r = firstFreeRow(rows, left, left + w, maxRows);
        if (r < 0) {
          /* No room for the whole title: a compact marker with the date (title on hover and
             in the panel). */
          node.classList.add("ms-ev-compact");
          w = node.offsetWidth;
          left = Math.max(0, Math.min(x, ax.len - w));
          r = firstFreeRow(rows, left, left + w, maxRows + 2);
          if (r < 0) { node.hidden = true; return; }
        }
        rows[r].push([left, left + w]);
        rowOf[n] = r;
        node.style.left = ax.off + left + "px";
        heights[r] = Math.max(heights[r] || 0, node.offsetHeight);
      });
      var used = [];
      for (var r = 0; r < rows.length; r++) if (rows[r] && rows[r].length) used.push(heights[r] || 0);
      var h = stackRows(eventNodes, rowOf, heights.slice(0, used.length), 2);
      return h;
    }

    var titleFont = "500 13px " + window.getComputedStyle(document.body).fontFamily;
    /* A headline is as wide as its title on one line, up to maxW (then it wraps to two). */
    function headlineWidth(title, meta, maxW) {
      measureCtx.font = titleFont;
      var w = measureCtx.measureText(title).width;
      measureCtx.font = "11px " + titleFont.slice(9);
      w = Math.max(w, measureCtx.measureText(meta).width + 40);
      return Math.min(maxW, Math.max(80, Math.ceil(w) + 18));
    }

    function headMeta(idx) {
      var when = table.p[idx] >= 2 ? shortDate(itemX(idx), table.p[idx]) : shortDate(itemX(idx), 1).replace(/ \d{4}$/, "");
      return when + " · " + cfg.lanes[laneOf(idx)];
    }

    function placeHeadlines(ax) {
      headBand.textContent = "";
      note.textContent = "";
      if (!table) return 0;
      var narrow = gd.clientWidth < 640, maxRows = narrow ? 5 : 7, maxW = narrow ? 150 : 185;
      var vis = [], lanesOn = visibleLanes();
      for (var i = 0; i < table.t.length; i++) {
        var x = itemX(i);
        if (x < ax.r0 || x > ax.r1) continue;
        if (!lanesOn[laneOf(i)] || !shown(i)) continue;
        vis.push(i);
      }
      if (!vis.length) {
        note.textContent = state.event && state.event !== "__none"
          ? "Ingen omtale fundet endnu for denne begivenhed i den viste periode."
          : state.words.length ? "Ingen træffere i den viste periode." : "Ingen omtale i den viste periode.";
        return 0;
      }
      if (vis.length > DENSE) {
        note.textContent = countItems(vis.length, []) + " i den viste periode – zoom ind for at læse overskrifterne.";
        return 0;
      }
      /* Linked and relevant coverage gets a place first; then earlier before later. */
      var order = vis.slice().sort(function (a, b) {
        var pa = (table.e[a].length ? 0 : 2) + (table.r[a] === 0 ? 1 : 0), pb = (table.e[b].length ? 0 : 2) + (table.r[b] === 0 ? 1 : 0);
        return pa - pb || itemX(a) - itemX(b);
      });
      var rows = [], placed = [];
      order.forEach(function (idx) {
        var w = headlineWidth(table.t[idx], headMeta(idx), maxW);
        var x = px(ax, itemX(idx));
        /* The card starts at its date if it can; else it may slide left as long as it still
           covers its date (a pin on its lower edge marks the spot). */
        var candidates = [x, x - w + 14, x - w / 2], r = -1, left = 0;
        for (var c = 0; c < candidates.length && r < 0; c++) {
          left = Math.max(0, Math.min(candidates[c], ax.len - w));
          r = firstFreeRow(rows, left, left + w, maxRows);
        }
        if (r < 0) return;
        rows[r].push([left, left + w]);
        placed.push([idx, r, left, w, x - left]);
      });
      var rowH = 54;
      placed.forEach(function (p) {
        var idx = p[0];
        var node = el("button", "ms-hl" + (table.r[idx] === 0 ? " ms-hl-off" : ""));
        node.type = "button";
        node.setAttribute("data-item", String(idx));
        node.style.left = ax.off + p[2] + "px";
        node.style.top = p[1] * rowH + "px";
        node.style.width = p[3] + "px";
        node.style.borderLeftColor = cfg.colors[laneOf(idx)];
        var meta = el("span", "ms-hl-meta");
        var mark = KIND_MARKS[kindCode(idx)];
        if (mark) meta.appendChild(el("span", "ms-kind", mark));
        meta.appendChild(document.createTextNode(headMeta(idx)));
        node.appendChild(meta);
        node.appendChild(el("span", "ms-hl-title", table.t[idx]));
        var pin = el("span", "ms-pin");
        pin.style.left = Math.max(0, Math.min(p[3] - 4, p[4] - 4)) + "px";
        pin.style.background = cfg.colors[laneOf(idx)];
        node.appendChild(pin);
        node.title = table.t[idx];
        node.addEventListener("click", function () { showItem(idx); });
        headBand.appendChild(node);
      });
      if (placed.length < vis.length) {
        note.textContent = "Viser " + placed.length + " af " + countItems(vis.length, []).replace(/ omtaler?$/, "") + " overskrifter – zoom ind for at se flere.";
      }
      var used = 0;
      placed.forEach(function (p) { used = Math.max(used, p[1] + 1); });
      return used * rowH;
    }

    var busy = false, queued = false, keepHeights = false;
    function placeBands() {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(function () {
        queued = false;
        var ax = axis();
        if (!ax) return;
        var evH = placeEvents(ax), hlH = placeHeadlines(ax);
        /* While the reader pans or zooms, bands only grow, so the plot does not jump. */
        if (keepHeights) { evH = Math.max(evH, bandHeights.ev); hlH = Math.max(hlH, bandHeights.hl); }
        bandHeights = { ev: evH, hl: hlH };
        eventBand.style.height = evH + "px";
        headBand.style.height = hlH + "px";
      });
    }

    function fitWidth() {
      var narrow = gd.clientWidth < 640;
      /* A legend relayout redraws every mark: skip it
         when the layout already suits the width. */
      if ((gd._fullLayout.legend.orientation === "h") === narrow) { placeBands(); return Promise.resolve(); }
      var update = narrow
        ? { "legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left", "legend.y": -0.12, "legend.yanchor": "top", "legend.title.side": "top", "margin.b": 40 + 26 * Math.ceil(nLanes / 2), "yaxis.showticklabels": false }
        : { "legend.orientation": "v", "legend.x": 1.02, "legend.xanchor": "left", "legend.y": 1, "legend.yanchor": "top", "legend.title.side": "top", "margin.b": 10, "yaxis.showticklabels": true };
      busy = true;
      return Plotly.relayout(gd, update).then(function () { busy = false; placeBands(); }, function () { busy = false; });
    }

    /* ---- wiring --------------------------------------------------------------------------- */

    gd.on("plotly_hover", function (ev) {
      var idx = itemAt(ev.points[0]);
      if (idx >= 0) showTooltip(idx, ev.event);
    });
    gd.on("plotly_unhover", function () { tooltip.hidden = true; });
    /* A click or tap shows the details card; the source opens only from its button. */
    gd.on("plotly_click", function (ev) { showItem(itemAt(ev.points[0])); });
    gd.on("plotly_relayouting", function () { keepHeights = true; placeBands(); });
    gd.on("plotly_relayout", function (ev) {
      if (busy) return;
      var keys = Object.keys(ev || {});
      if (!keys.some(function (k) { return k.indexOf("xaxis") === 0 || k === "autosize" || k === "width"; })) return;
      if (cfg.binned && table) redrawBins(); else placeBands();
    });
    gd.on("plotly_restyle", function () { if (!busy) placeBands(); });
    window.addEventListener("resize", function () { window.clearTimeout(fitWidth._t); fitWidth._t = window.setTimeout(function () { keepHeights = false; fitWidth(); }, 150); });

    document.getElementById("ms-search").addEventListener("input", function (e) { state.search = e.target.value; keepHeights = false; apply(); });
    document.getElementById("ms-event").addEventListener("change", function (e) {
      state.event = e.target.value;
      state.eventNo = cfg.events.findIndex(function (ev) { return ev.id === e.target.value; });
      keepHeights = false;
      apply();
    });
    document.getElementById("ms-relevance").addEventListener("change", function (e) { state.relevance = e.target.value; keepHeights = false; apply(); });
    Array.prototype.forEach.call(document.querySelectorAll(".ms-preset"), function (btn) {
      btn.addEventListener("click", function () {
        var range = cfg.presets[btn.getAttribute("data-preset")] || cfg.fullRange;
        Array.prototype.forEach.call(document.querySelectorAll(".ms-preset"), function (b) { b.classList.toggle("ms-active", b === btn); });
        keepHeights = false;
        if (range && range.length === 2) Plotly.relayout(gd, { "xaxis.range": range.slice() });
      });
    });
    /* The event list comes after the plot in the document and does not exist yet while this
       runs (that is why it once did nothing): one listener on the document serves it. */
    document.addEventListener("click", function (e) {
      var btn = e.target.closest && e.target.closest(".ms-event-btn");
      if (btn) showEvent(Number(btn.getAttribute("data-event")));
    });
    if (touch) Plotly.relayout(gd, { dragmode: false });

    /* The second frame after newPlot starts only once the first one (with the plot) has been
       drawn, so this marks when the plot is really on screen. The bands and the item table
       (atob, decompression, a large JSON.parse) wait until then: done earlier they hold back
       that first frame by a second at 100k items. */
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () {
        window.__mediesporPainted = performance.now();
        fitWidth();
        loadItems().then(function (t) {
          table = t;
          index();
          window.__mediesporItemsReady = performance.now();
          waiting.splice(0).forEach(function (fn) { fn(); });
          if (state.search || state.event || state.relevance) apply();
          else if (cfg.binned) redrawBins();
          else placeBands();
        }, function (err) {
          document.getElementById("ms-search-count").textContent = "Kunne ikke læse omtalen: " + err;
        });
      });
    });
  };
})();
