// Follows the exports listed on /ops/exports: while any is queued or running, asks the page's
// Status handler every two seconds and writes rows written / estimated into its row; when one
// finishes (or fails) the page reloads so its download link, manifest or reason appear.
// A separate file because the console's CSP forbids inline scripts.
(function () {
    "use strict";
    var table = document.getElementById("exports");
    if (!table) return;
    var busy = function () { return table.querySelectorAll("tr[data-state=queued], tr[data-state=running]"); };
    if (busy().length === 0) return;

    function poll() {
        var ids = Array.prototype.map.call(busy(), function (tr) { return "id=" + tr.dataset.id; }).join("&");
        fetch(table.dataset.statusUrl + "&" + ids, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (items) {
                var finished = false;
                items.forEach(function (x) {
                    var tr = document.getElementById("export-" + x.id);
                    if (!tr) return;
                    var text = x.rowsWritten.toLocaleString() + " / " + x.estimatedRows.toLocaleString();
                    if (x.progress !== null) text += " (" + Math.round(x.progress * 100) + "%)";
                    tr.querySelector(".progress").textContent = text;
                    if (x.state !== "queued" && x.state !== "running") finished = true;
                });
                if (finished) window.location.reload();
                else if (busy().length > 0) window.setTimeout(poll, 2000);
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 2000);
})();
