// Small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// A table that scrolls sideways (a wide table on a phone) must be reachable by keyboard, so
// the scrolling region takes focus when, and only when, it actually scrolls.
function markScrollingRegions() {
  document.querySelectorAll(".table-responsive").forEach((region) => {
    if (region.scrollWidth > region.clientWidth + 1) {
      region.setAttribute("tabindex", "0");
    } else if (region.getAttribute("tabindex") === "0") {
      region.removeAttribute("tabindex");
    }
  });
}
markScrollingRegions();
window.addEventListener("resize", markScrollingRegions);
