// Live reload for `runbook serve`: the server marks each page with the
// version it served; this polls for the page's current version and reloads
// when it differs. Served only by `runbook serve`, never written by build.
(function () {
  "use strict";
  var meta = document.querySelector("meta[name=runbook-live]");
  if (!meta || !window.fetch) { return; }
  var served = meta.getAttribute("content");
  var url = "/_runbook/version?path=" + encodeURIComponent(window.location.pathname);
  function poll() {
    window.fetch(url, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (current) {
        if (current !== null && current.trim() !== served) {
          window.location.reload();
          return;
        }
        setTimeout(poll, 250);
      }, function () {
        // The server is restarting or stopped: try again, more slowly.
        setTimeout(poll, 1000);
      });
  }
  setTimeout(poll, 250);
})();
