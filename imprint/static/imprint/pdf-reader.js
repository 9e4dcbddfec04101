// A link to a publication with #page=7 (search results use it) opens the inline PDF reader at
// that page and brings it into view. Without JavaScript the page opens as usual.
(function () {
  "use strict";
  var reader = document.getElementById("pdf-reader");
  if (!reader) return;
  var base = reader.getAttribute("data").split("#")[0];
  function open() {
    var match = /^#page=(\d{1,6})$/.exec(window.location.hash);
    if (!match) return;
    // A new <object> rather than a changed one: browsers reliably load its new address.
    var fresh = reader.cloneNode(true);
    fresh.setAttribute("data", base + "#page=" + match[1]);
    reader.replaceWith(fresh);
    reader = fresh;
    reader.scrollIntoView({ block: "start" });
  }
  open();
  window.addEventListener("hashchange", open);
})();
