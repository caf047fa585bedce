// newsfuse web app: keeps an open page current. The story's own behaviour (a claim lights
// its sources) is the report's script, report.js, loaded beside this one.
//
// A live page (body[data-live]) asks its JSON twin every few seconds whether what it shows
// changed, with If-None-Match: an unchanged story costs a 304 and no body. When it changed,
// the page fetches itself again and swaps its <main>, then runs report.js again over the
// new markup. Polling rather than server-sent events: one request per open page every few
// seconds is nothing to the server, and no tab holds a connection open (browsers allow six
// per host over HTTP/1.1).
(function () {
  "use strict";
  var body = document.body;
  var twin = body.getAttribute("data-live");
  if (!twin) return;
  var seconds = parseInt(body.getAttribute("data-poll-seconds"), 10) || 15;
  var etag = body.getAttribute("data-etag");
  var busy = false;

  function note(text) {
    var el = document.getElementById("live-note");
    el.textContent = text;
    el.hidden = false;
  }

  function rerunReportScript() {
    var old = document.querySelector("script[data-report]");
    if (old) old.remove();
    var s = document.createElement("script");
    s.src = "/static/report.js";
    s.setAttribute("data-report", "");
    document.body.appendChild(s);
  }

  function refresh() {
    return fetch(location.href, { headers: { Accept: "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        if (!fresh) return;
        document.querySelector("main").replaceWith(document.adoptNode(fresh));
        rerunReportScript();
        note("Updated at " + new Date().toLocaleTimeString() + ": new reports arrived.");
      });
  }

  function poll() {
    if (busy || document.hidden) return;
    busy = true;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(twin, { headers: headers, cache: "no-store" })
      .then(function (r) {
        if (r.status === 304 || !r.ok) return null;
        var tag = r.headers.get("ETag");
        var changed = tag !== etag;
        etag = tag;
        return changed ? refresh() : null;
      })
      .catch(function () { /* the server is away: try again next time */ })
      .then(function () { busy = false; });
  }

  poll();
  window.setInterval(poll, seconds * 1000);
})();
