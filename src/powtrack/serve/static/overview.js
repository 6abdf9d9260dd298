// The overview's timeline: people returned to each side per swap, and cumulatively.
// Data comes from /api/timeline; vega-embed's "..." menu saves PNG and SVG.
(function () {
  "use strict";
  const el = document.getElementById("timeline");
  if (!el) return;

  function message(text) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    el.replaceChildren(p);
  }

  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then((r) => {
      if (!r.ok) throw new Error("the server answered " + r.status);
      return r.json();
    })
    .then((data) => {
      const points = data.points || [];
      if (!points.length) {
        message("No completed swap with figures yet.");
        return;
      }
      const width = Math.max(320, el.clientWidth - 170);
      const x = { field: "date", type: "temporal", title: null };
      const color = { field: "side", type: "nominal", title: "returned to" };
      const tooltip = [
        { field: "date", type: "temporal", title: "date" },
        { field: "side", title: "returned to" },
        { field: "returned", title: "this swap", format: "," },
        { field: "cumulative", title: "in all", format: "," },
        { field: "pair", title: "swap" },
      ];
      const spec = {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        data: { values: points },
        config: { view: { stroke: null }, font: "system-ui, sans-serif" },
        vconcat: [
          {
            title: "People returned per swap",
            width: width, height: 180,
            mark: { type: "bar", width: 3 },
            encoding: { x: x, y: { field: "returned", type: "quantitative", title: "people" },
                        color: color, tooltip: tooltip },
          },
          {
            title: "People returned in all",
            width: width, height: 180,
            mark: { type: "line", interpolate: "step-after", point: { size: 12 } },
            encoding: { x: x, y: { field: "cumulative", type: "quantitative", title: "people" },
                        color: color, tooltip: tooltip },
          },
        ],
        resolve: { scale: { x: "shared" } },
      };
      return vegaEmbed(el, spec, {
        renderer: "svg",
        ast: true, // expressions are interpreted, not compiled: no eval under the page's CSP
        actions: { export: true, source: false, compiled: false, editor: false },
        downloadFileName: "powtrack-timeline",
      }).then(() => el.setAttribute("data-drawn", "true"));
    })
    .catch((err) => message("The chart could not be drawn: " + err.message));
})();
