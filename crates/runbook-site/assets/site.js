// runbook site behaviour: search, filters, copy buttons, checklists and the
// `/` shortcut. Vanilla JavaScript, no network: the search index is a script
// that sets window.RUNBOOK_SEARCH, loaded the first time search is used, so
// everything also works when opened from file://.
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var root = document.body.getAttribute("data-root") || "";

  function $(selector) { return document.querySelector(selector); }
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  // ---- Clipboard --------------------------------------------------------

  // Copies text, then shows `doneLabel` on the button for a moment.
  function copyText(text, button, doneLabel) {
    var label = button.textContent;
    function done() {
      button.textContent = doneLabel || "Copied";
      button.classList.add("copied");
      setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 1500);
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { button.textContent = "Press Ctrl+C"; }
      document.body.removeChild(area);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function codeText(block) {
    var code = block.querySelector("code");
    return code ? code.textContent.replace(/\n$/, "") : "";
  }

  // A Copy button on every code block.
  each(document.querySelectorAll(".code-block"), function (block) {
    if (!block.querySelector("code")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to clipboard");
    button.addEventListener("click", function () { copyText(codeText(block), button); });
    block.appendChild(button);
  });

  // "Copy all commands" on every step with code.
  each(document.querySelectorAll("li.step"), function (step) {
    var blocks = step.querySelectorAll(".code-block");
    if (blocks.length === 0) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small copy-all";
    button.textContent = blocks.length === 1 ? "Copy command" : "Copy all " + blocks.length + " commands";
    button.addEventListener("click", function () {
      var texts = [];
      each(step.querySelectorAll(".code-block"), function (block) { texts.push(codeText(block)); });
      copyText(texts.join("\n"), button);
    });
    step.appendChild(button);
  });

  // ---- Checklist mode ---------------------------------------------------

  // Checkbox state lives in localStorage under the page's path and a hash of
  // the runbook's text: an edited runbook starts with a fresh checklist.
  // Each checked box remembers when it was checked, for the timeline.
  var article = $("article.runbook[data-checklist]");
  var boxes = article ? article.querySelectorAll("input.check") : [];
  if (article && boxes.length > 0) {
    var prefix = "runbook-checklist:" + article.getAttribute("data-checklist") + ":";
    var key = prefix + article.getAttribute("data-checklist-version");
    var state = {};
    try { state = JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }
    var bar = article.querySelector(".checklist-bar");
    var progress = bar && bar.querySelector(".checklist-progress");
    var count = bar && bar.querySelector(".checklist-count");

    var save = function () {
      try {
        // Older versions of this runbook's checklist are of no use any more.
        for (var i = window.localStorage.length - 1; i >= 0; i--) {
          var k = window.localStorage.key(i);
          if (k && k !== key && k.indexOf(prefix) === 0) { window.localStorage.removeItem(k); }
        }
        window.localStorage.setItem(key, JSON.stringify(state));
      } catch (e) { /* Storage disabled or full: the checklist still works until reload. */ }
    };
    var update = function () {
      var done = 0;
      each(boxes, function (box) { if (box.checked) { done += 1; } });
      if (progress) { progress.value = done; }
      if (count) { count.textContent = done + " of " + boxes.length + " done"; }
      article.classList.toggle("checklist-complete", done === boxes.length);
    };
    each(boxes, function (box) {
      var id = box.getAttribute("data-check");
      if (Object.prototype.hasOwnProperty.call(state, id)) { box.checked = state[id] > 0; }
      box.addEventListener("change", function () {
        state[id] = box.checked ? Date.now() : 0;
        save();
        update();
      });
    });

    // What a checkbox stands for, in a line of text.
    var itemText = function (box) {
      var item = box.closest("li");
      if (!item) { return ""; }
      var copy = item.cloneNode(true);
      each(copy.querySelectorAll("ul, ol, .code-block, button, input"), function (n) { n.parentNode.removeChild(n); });
      var text = copy.textContent.replace(/\s+/g, " ").trim();
      if (text.length > 120) { text = text.slice(0, 119) + "\u2026"; }
      var step = item.classList.contains("step") ? item.getAttribute("data-step") : null;
      return step ? "Step " + step + ": " + text : text;
    };
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var stamp = function (ms) {
      var d = new Date(ms);
      return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
        pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds()) + " UTC";
    };
    // The checked items in the order they were checked, as Markdown.
    var timeline = function () {
      var rows = [];
      each(boxes, function (box) {
        var at = state[box.getAttribute("data-check")];
        if (box.checked && at > 0) { rows.push([at, itemText(box)]); }
      });
      rows.sort(function (a, b) { return a[0] - b[0]; });
      var title = ($(".rb-header h1") || {}).textContent || document.title;
      var url = window.location.href.split("#")[0].split("?")[0];
      var lines = ["Timeline from runbook [" + title.replace(/[\[\]]/g, "") + "](" + url + "):", ""];
      rows.forEach(function (row) { lines.push("- " + stamp(row[0]) + " \u2014 " + row[1]); });
      return { count: rows.length, text: lines.join("\n") + "\n" };
    };

    if (bar) {
      bar.hidden = false;
      var copyButton = bar.querySelector("[data-action=copy-timeline]");
      var resetButton = bar.querySelector("[data-action=reset-checklist]");
      copyButton.addEventListener("click", function () {
        var t = timeline();
        if (t.count === 0) {
          copyButton.textContent = "Nothing checked yet";
          setTimeout(function () { copyButton.textContent = "Copy timeline"; }, 1500);
          return;
        }
        copyText(t.text, copyButton, "Copied " + t.count + (t.count === 1 ? " entry" : " entries"));
      });
      // Reset takes two clicks, so a stray tap mid-incident loses nothing.
      var armed = null;
      resetButton.addEventListener("click", function () {
        if (!armed) {
          resetButton.textContent = "Click again to clear";
          resetButton.classList.add("armed");
          armed = setTimeout(function () {
            armed = null;
            resetButton.textContent = "Reset";
            resetButton.classList.remove("armed");
          }, 4000);
          return;
        }
        clearTimeout(armed);
        armed = null;
        resetButton.textContent = "Reset";
        resetButton.classList.remove("armed");
        state = {};
        try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
        each(boxes, function (box) { box.checked = box.defaultChecked; });
        update();
      });
    }
    update();
  }

  // ---- Search -----------------------------------------------------------

  // The index is loaded the first time the search box is used: a phone on a
  // bad connection opens a runbook without downloading it.
  var index = null;
  var loading = false;
  var waiting = [];
  function loadIndex(callback) {
    if (index) { callback(index); return; }
    waiting.push(callback);
    if (loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () {
      index = prepare(window.RUNBOOK_SEARCH || {});
      var callbacks = waiting;
      waiting = [];
      callbacks.forEach(function (f) { f(index); });
    };
    script.onerror = function () {
      loading = false;
      waiting = [];
      showError("The search index could not be loaded.");
    };
    document.head.appendChild(script);
  }

  // Fields of a document: [index into docs[i], weight].
  var FIELDS = [[0, 10], [3, 8], [2, 6], [4, 5], [5, 2]];
  var HEADING_WEIGHT = 4;
  var BODY_WEIGHT = 2;
  var TERMINAL = "0123456789abcdefghijklmnopqrstuv";
  var CONTINUATION = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

  function prepare(raw) {
    var docs = raw.docs || [];
    return {
      docs: docs,
      lower: docs.map(function (doc) { return doc.map(function (f) { return String(f).toLowerCase(); }); }),
      words: raw.words || [],
      heads: raw.heads || [],
      body: raw.body || [],
      decoded: {}
    };
  }

  // Postings are gaps between ascending runbook numbers, in base 32.
  function decode(text) {
    var out = [];
    var n = 0;
    var next = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var digit = TERMINAL.indexOf(c);
      if (digit < 0) {
        n = n * 32 + CONTINUATION.indexOf(c);
      } else {
        next += n * 32 + digit;
        out.push(next);
        next += 1;
        n = 0;
      }
    }
    return out;
  }

  function postings(idx, list, w) {
    var key = list + w;
    if (!idx.decoded[key]) { idx.decoded[key] = decode(idx[list][w] || ""); }
    return idx.decoded[key];
  }

  function atWordStart(text, at) { return at === 0 || /[^a-z0-9]/.test(text.charAt(at - 1)); }

  // Every term must match a field, a heading word or a body word (substrings
  // count); a match at the start of a word counts double.
  function query(idx, text) {
    var terms = text.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) { return []; }
    var n = idx.docs.length;
    var total = new Float64Array(n);
    var alive = new Uint8Array(n);
    for (var i = 0; i < n; i++) { alive[i] = 1; }
    terms.forEach(function (term) {
      var best = new Float64Array(n);
      for (var d = 0; d < n; d++) {
        if (!alive[d]) { continue; }
        var fields = idx.lower[d];
        for (var f = 0; f < FIELDS.length; f++) {
          var value = fields[FIELDS[f][0]];
          var at = value.indexOf(term);
          if (at >= 0) {
            var weight = FIELDS[f][1] * (atWordStart(value, at) ? 2 : 1);
            if (weight > best[d]) { best[d] = weight; }
          }
        }
      }
      for (var w = 0; w < idx.words.length; w++) {
        var word = idx.words[w];
        var pos = word.indexOf(term);
        if (pos < 0) { continue; }
        var boost = atWordStart(word, pos) ? 2 : 1;
        [["heads", HEADING_WEIGHT], ["body", BODY_WEIGHT]].forEach(function (list) {
          var weight = list[1] * boost;
          postings(idx, list[0], w).forEach(function (doc) {
            if (doc < n && weight > best[doc]) { best[doc] = weight; }
          });
        });
      }
      for (var k = 0; k < n; k++) {
        if (best[k] === 0) { alive[k] = 0; } else { total[k] += best[k]; }
      }
    });
    var hits = [];
    for (var h = 0; h < n; h++) {
      if (alive[h]) { hits.push({ score: total[h], doc: idx.docs[h] }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || (a.doc[0] < b.doc[0] ? -1 : a.doc[0] > b.doc[0] ? 1 : 0); });
    return hits;
  }

  function pageUrl(doc) { return "runbooks/" + doc[1] + ".html"; }

  // For tests and benchmarks: load the index, then run queries against it.
  window.runbookSearch = {
    load: function (callback) { loadIndex(function () { callback(); }); },
    query: function (text) {
      return index ? query(index, text).map(function (hit) { return pageUrl(hit.doc); }) : null;
    }
  };

  function highlighted(text, terms) {
    var span = document.createElement("span");
    var lower = text.toLowerCase();
    var i = 0;
    while (i < text.length) {
      var next = -1;
      var len = 0;
      terms.forEach(function (term) {
        var at = lower.indexOf(term, i);
        if (at >= 0 && (next < 0 || at < next)) { next = at; len = term.length; }
      });
      if (next < 0) { break; }
      span.appendChild(document.createTextNode(text.slice(i, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + len);
      span.appendChild(mark);
      i = next + len;
    }
    span.appendChild(document.createTextNode(text.slice(i)));
    return span;
  }

  var results = $("#search-results");
  function showError(message) {
    if (!results) { return; }
    results.textContent = "";
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    results.appendChild(p);
    results.hidden = false;
  }

  function render(idx, text) {
    var terms = text.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    results.textContent = "";
    if (terms.length === 0) {
      results.hidden = true;
      return;
    }
    var hits = query(idx, text);
    var heading = document.createElement("h2");
    heading.textContent = hits.length === 0
      ? "No runbook matches \u201c" + text + "\u201d"
      : hits.length + (hits.length === 1 ? " runbook matches \u201c" : " runbooks match \u201c") + text + "\u201d";
    results.appendChild(heading);
    var ol = document.createElement("ol");
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var doc = hit.doc;
      var li = document.createElement("li");
      li.className = "search-result";
      var a = document.createElement("a");
      a.href = root + pageUrl(doc);
      a.appendChild(highlighted(doc[0], terms));
      li.appendChild(a);
      var meta = document.createElement("div");
      meta.className = "result-meta";
      meta.textContent = [doc[2], doc[3]].filter(function (x) { return x; }).join(" \u00b7 ");
      li.appendChild(meta);
      var p = document.createElement("p");
      p.appendChild(highlighted(doc[5], terms));
      li.appendChild(p);
      ol.appendChild(li);
    });
    results.appendChild(ol);
    results.hidden = false;
  }

  function search(text) {
    if (!results) { return; }
    if (!text.trim()) { results.hidden = true; results.textContent = ""; return; }
    loadIndex(function (idx) { render(idx, input.value || text); });
  }

  var input = $("#search-input");
  if (input) {
    input.addEventListener("focus", function () { loadIndex(function () {}); });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        search(input.value);
        try {
          var url = new URL(window.location.href);
          if (input.value) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
          history.replaceState(null, "", url.toString());
        } catch (e) { /* Some browsers refuse replaceState on file://. */ }
      }, 120);
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      search(input.value);
    });
  }

  // "/" focuses search (which loads the index), Escape leaves it.
  document.addEventListener("keydown", function (event) {
    if (!input) { return; }
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    } else if (event.key === "Escape" && target === input) {
      input.value = "";
      input.blur();
      search("");
    }
  });

  // A shared link with ?q=TERM opens with its results.
  var initial = "";
  try { initial = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { initial = ""; }
  if (input && initial) {
    input.value = initial;
    search(initial);
  }

  // ---- Index filters ----------------------------------------------------

  var list = $("#runbook-list");
  if (!list) { return; }
  var selects = Array.prototype.slice.call(document.querySelectorAll(".filters select"));
  function applyFilters() {
    var wanted = selects.map(function (s) { return [s.getAttribute("data-filter"), s.value]; });
    var shown = 0;
    var total = 0;
    each(list.querySelectorAll(".service-group"), function (group) {
      var visible = 0;
      each(group.querySelectorAll(".rb-row"), function (row) {
        total += 1;
        var ok = wanted.every(function (w) {
          if (!w[1]) { return true; }
          var value = row.getAttribute("data-" + w[0]) || "";
          return w[0] === "tags" ? value.split("|").indexOf(w[1]) >= 0 : value === w[1];
        });
        row.hidden = !ok;
        if (ok) { visible += 1; }
      });
      group.hidden = visible === 0;
      shown += visible;
    });
    var active = wanted.some(function (w) { return w[1]; });
    $("#filter-count").textContent = active ? shown + " of " + total + " runbooks" : "";
    $("#no-match").hidden = shown !== 0 || total === 0;
  }
  selects.forEach(function (s) { s.addEventListener("change", applyFilters); });
  applyFilters();
})();
