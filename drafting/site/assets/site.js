// drafting site: keep the reader on the same paragraph when switching language or version.
// The paragraphs of every text carry their clause id as element id, in every language; a link marked
// data-keep-place gets, when followed, the id of the paragraph at the top of the window.
(function () {
  "use strict";
  // The paragraph being read: the first one that starts in the window (below the sticky tools); or,
  // when one paragraph fills the window, that one.
  function paragraphAtTop() {
    var items = document.querySelectorAll("article.draft > [id], article.draft tr[id]");
    var tools = document.querySelector(".text-tools");
    var top = tools ? Math.max(0, tools.getBoundingClientRect().bottom) : 0;
    var above = null;
    for (var i = 0; i < items.length; i++) {
      var r = items[i].getBoundingClientRect();
      if (r.top >= top - 8) return r.top < window.innerHeight ? items[i].id : (above ? above.id : items[i].id);
      if (r.bottom > top) above = items[i];
    }
    return above ? above.id : "";
  }
  function keepPlace(event) {
    var link = event.currentTarget;
    var id = paragraphAtTop() || decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var href = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", href + "#" + encodeURIComponent(id));
  }
  function start() {
    var links = document.querySelectorAll("a[data-keep-place]");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", keepPlace);
      links[i].addEventListener("auxclick", keepPlace);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
