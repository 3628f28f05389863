// runbook site behaviour: search, filters, copy buttons and the `/` shortcut.
// Vanilla JavaScript, no network: the search index is a script that sets
// window.RUNBOOK_SEARCH, so everything also works when opened from file://.
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var root = document.body.getAttribute("data-root") || "";

  function $(selector) { return document.querySelector(selector); }

  // "/" focuses search, Escape leaves it.
  document.addEventListener("keydown", function (event) {
    var input = $("#search-input");
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

  // Copy buttons on every code block.
  function copyText(text, button) {
    function done() {
      button.textContent = "Copied";
      button.classList.add("copied");
      setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 1500);
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
  Array.prototype.forEach.call(document.querySelectorAll(".code-block"), function (block) {
    var code = block.querySelector("code");
    if (!code) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to clipboard");
    button.addEventListener("click", function () { copyText(code.textContent.replace(/\n$/, ""), button); });
    block.appendChild(button);
  });

  // Everything below is for the index page only. Elsewhere the search box
  // opens the index with the query (navigating rather than submitting keeps
  // it working under a strict form-action policy on file://).
  var list = $("#runbook-list");
  if (!list) {
    var box = $("#search-input");
    if (box && box.form) {
      box.form.addEventListener("submit", function (event) {
        event.preventDefault();
        window.location.href = root + "index.html?q=" + encodeURIComponent(box.value);
      });
    }
    return;
  }

  // Filters by service, tag, severity and status.
  var selects = Array.prototype.slice.call(document.querySelectorAll(".filters select"));
  function applyFilters() {
    var wanted = selects.map(function (s) { return [s.getAttribute("data-filter"), s.value]; });
    var shown = 0;
    var total = 0;
    Array.prototype.forEach.call(list.querySelectorAll(".service-group"), function (group) {
      var visible = 0;
      Array.prototype.forEach.call(group.querySelectorAll(".rb-row"), function (row) {
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

  // Full-text search over the prebuilt index.
  var FIELDS = [[0, 10], [3, 8], [2, 6], [4, 5], [5, 2], [6, 2]];
  function score(doc, terms) {
    var total = 0;
    for (var t = 0; t < terms.length; t++) {
      var best = 0;
      for (var f = 0; f < FIELDS.length; f++) {
        var text = doc[FIELDS[f][0]].toLowerCase();
        var at = text.indexOf(terms[t]);
        if (at >= 0) {
          var weight = FIELDS[f][1] * (at === 0 || /[^a-z0-9]/.test(text.charAt(at - 1)) ? 2 : 1);
          if (weight > best) { best = weight; }
        }
      }
      if (best === 0) { return 0; }
      total += best;
    }
    return total;
  }

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
  function search(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    results.textContent = "";
    if (terms.length === 0) {
      results.hidden = true;
      return;
    }
    var docs = window.RUNBOOK_SEARCH || [];
    var hits = [];
    docs.forEach(function (doc) {
      var s = score(doc, terms);
      if (s > 0) { hits.push([s, doc]); }
    });
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1][0] < b[1][0] ? -1 : 1); });
    var heading = document.createElement("h2");
    heading.textContent = hits.length === 0
      ? "No runbook matches \u201c" + query + "\u201d"
      : hits.length + (hits.length === 1 ? " runbook matches \u201c" : " runbooks match \u201c") + query + "\u201d";
    results.appendChild(heading);
    var ol = document.createElement("ol");
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var doc = hit[1];
      var li = document.createElement("li");
      li.className = "search-result";
      var a = document.createElement("a");
      a.href = root + doc[1];
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

  var input = $("#search-input");
  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  if (input) {
    input.value = initial;
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
  applyFilters();
  search(initial);
})();
