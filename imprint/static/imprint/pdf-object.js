// For browsers that run no ES modules (so not pdf-reader.js): the browser's own PDF viewer, as
// without JavaScript, opened at the page a #page=N link asks for.
(function () {
  "use strict";
  var reader = document.getElementById("pdf-reader");
  if (!reader) return;
  var match = /^#page=(\d{1,6})$/.exec(window.location.hash);
  var object = document.createElement("object");
  object.className = "pdf__object";
  object.setAttribute("data", reader.getAttribute("data-src") + (match ? "#page=" + match[1] : ""));
  object.setAttribute("type", "application/pdf");
  object.setAttribute("aria-label", reader.getAttribute("data-label"));
  while (reader.firstChild) reader.removeChild(reader.firstChild);
  reader.appendChild(object);
})();
