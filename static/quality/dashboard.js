// A headline link to a folded section opens it before the browser scrolls there (browsers
// that reveal a closed <details> on fragment navigation do so already; this covers the rest).
(function () {
  function reveal(hash) {
    var id = decodeURIComponent((hash || "").slice(1));
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) reveal(link.getAttribute("href"));
  });
  reveal(window.location.hash);
})();
