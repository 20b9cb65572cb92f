// Draws every <canvas class="chart" data-series='{"labels":[…],"values":[…]}'> as a bar chart.
// The data arrives in a data attribute because the console's CSP forbids inline scripts.
(function () {
    "use strict";
    document.querySelectorAll("canvas.chart[data-series]").forEach(function (canvas) {
        var series = JSON.parse(canvas.dataset.series);
        new Chart(canvas, {
            type: "bar",
            data: {
                labels: series.labels,
                datasets: [{ label: canvas.dataset.label || "", data: series.values, backgroundColor: "#c0392b" }]
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                plugins: { legend: { display: false } },
                scales: { x: { ticks: { maxTicksLimit: 14 } }, y: { beginAtZero: true, ticks: { precision: 0 } } }
            }
        });
        canvas.dataset.rendered = "true";
    });
})();
