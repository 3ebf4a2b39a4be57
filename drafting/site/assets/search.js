// drafting site: search over every paragraph and proposal, offline. The index (search-index.js) was
// written when the site was built: window.DRAFTING_SEARCH = [[kind, id, title, href, [[lang, text]...], extra]...].
// Matching ignores case and accents; every word of the query must occur in one text of an entry (or in
// its id or title); a query in quotes must occur as written.
(function () {
  "use strict";
  var MAX = 60;
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2018\u2019\u201a\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
      .replace(/\s+/g, " ");
  }
  var prepared = null;
  function prepare() {
    if (prepared) return prepared;
    var data = window.DRAFTING_SEARCH || [];
    prepared = data.map(function (e) {
      return { kind: e[0], id: e[1], title: e[2], href: e[3], texts: e[4], extra: e[5],
               head: fold(e[1] + " " + e[2]), folded: e[4].map(function (t) { return fold(t[1]); }) };
    });
    return prepared;
  }
  function terms(q) {
    var f = fold(q.trim());
    if (f.length > 1 && f.charAt(0) === '"' && f.charAt(f.length - 1) === '"') return [f.slice(1, -1).trim()];
    return f.split(" ").filter(function (t) { return t.length > 0; });
  }
  function matches(entry, ts) {
    for (var i = 0; i < entry.folded.length; i++) {
      var t = entry.folded[i], ok = true;
      for (var j = 0; j < ts.length && ok; j++) ok = t.indexOf(ts[j]) >= 0 || entry.head.indexOf(ts[j]) >= 0;
      if (ok) return i;
    }
    var all = true;
    for (var k = 0; k < ts.length && all; k++) all = entry.head.indexOf(ts[k]) >= 0;
    return all ? (entry.texts.length ? 0 : -2) : -1;
  }
  // The snippet: the text around the first term, with the terms marked. Built with DOM nodes, never
  // with HTML strings: a text holding markup shows as text.
  function snippet(text, ts) {
    var f = fold(text), at = f.indexOf(ts[0]);
    var from = Math.max(0, at - 80), to = Math.min(text.length, (at < 0 ? 0 : at) + 220);
    if (f.length !== text.length) { from = 0; to = Math.min(text.length, 300); }
    var part = (from > 0 ? "…" : "") + text.slice(from, to) + (to < text.length ? "…" : "");
    var span = document.createElement("span");
    span.className = "snippet";
    var fp = fold(part);
    if (fp.length !== part.length) { span.textContent = part; return span; }
    var pos = 0;
    while (pos < part.length) {
      var next = -1, len = 0;
      for (var i = 0; i < ts.length; i++) {
        if (!ts[i]) continue;
        var k = fp.indexOf(ts[i], pos);
        if (k >= 0 && (next < 0 || k < next)) { next = k; len = ts[i].length; }
      }
      if (next < 0) { span.appendChild(document.createTextNode(part.slice(pos))); break; }
      span.appendChild(document.createTextNode(part.slice(pos, next)));
      var m = document.createElement("mark");
      m.textContent = part.slice(next, next + len);
      span.appendChild(m);
      pos = next + len;
    }
    return span;
  }
  function run(q) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("results");
    while (list.firstChild) list.removeChild(list.firstChild);
    var ts = terms(q);
    if (!ts.length || ts.join("").length < 2) { status.textContent = "Type at least two letters."; return; }
    var found = 0, shown = 0, entries = prepare();
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], which = matches(e, ts);
      if (which === -1) continue;
      found++;
      if (shown >= MAX) continue;
      shown++;
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e.kind === "c" ? "Paragraph " : "Proposal ";
      li.appendChild(kind);
      var a = document.createElement(e.href ? "a" : "span");
      if (e.href) a.setAttribute("href", e.href);
      a.textContent = e.id + " — " + e.title;
      li.appendChild(a);
      if (which >= 0 && e.texts[which]) {
        var s = snippet(e.texts[which][1], ts);
        s.setAttribute("lang", e.texts[which][0]);
        li.appendChild(s);
      }
      list.appendChild(li);
    }
    status.textContent = found === 0 ? "Nothing found." :
      (found + (found === 1 ? " result" : " results") + (found > shown ? ", the first " + shown + " shown." : "."));
  }
  function start() {
    var form = document.getElementById("search-form"), input = document.getElementById("q");
    if (!form || !input) return;
    var timer = null;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// */ }
      run(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 150);
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(q); }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
