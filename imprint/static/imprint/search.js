// Suggestions as the reader types in a search box: titles, people and topics from
// /api/search/suggest/, offered through the box's <datalist> (the browser's own accessible
// list). Without JavaScript the search works the same, without suggestions.
(function () {
  "use strict";
  if (!window.fetch) return;
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) return;
        last = text;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { suggestions: [] };
          })
          .then(function (data) {
            if (input.value.trim() !== text) return;
            list.replaceChildren();
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              option.label = s.type_label;
              list.appendChild(option);
            });
          })
          .catch(function () {
            /* suggestions are a help, never an error */
          });
      }, 150);
    });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
