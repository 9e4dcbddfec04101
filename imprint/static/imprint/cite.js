// "Copy" beside each formatted reference: shown only where the clipboard can be written.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll(".cite__copy").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      });
    });
  });
})();
