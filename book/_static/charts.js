// The edition's charts (edition.chartsvg). A mark names itself in its <title> (a tooltip on
// hover, its accessible name); this shows that name under the chart as well, on hover and on
// keyboard focus, where browsers show no tooltip. A link to a row of a folded data table
// (a stance cell's evidence) unfolds the table.
(function () {
  function readout(event) {
    var mark = event.target.closest && event.target.closest("svg.chart-svg .mark");
    if (!mark) return;
    var chart = mark.closest(".chart");
    var title = mark.querySelector("title");
    if (chart && title) chart.querySelector(".chart-readout").textContent = title.textContent;
  }
  function unfold() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView({ block: "center" });
    }
  }
  document.addEventListener("mouseover", readout);
  document.addEventListener("focusin", readout);
  window.addEventListener("hashchange", unfold);
  document.addEventListener("DOMContentLoaded", unfold);
})();
