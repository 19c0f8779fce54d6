(function () {
  "use strict";
  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) { return ""; }
    var given = cell.getAttribute("data-v");
    return given === null ? cell.textContent.trim() : given;
  }
  function compare(x, y, numeric) {
    if (x === y) { return 0; }
    if (x === "") { return 1; }
    if (y === "") { return -1; }
    if (numeric) { return parseFloat(x) - parseFloat(y); }
    return x.localeCompare(y, "zh-Hans-CN");
  }
  function sortBy(table, th, col) {
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (c) {
      c.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      var order = compare(x, y, numeric);
      if (x === "" || y === "") { return order; }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.classList.add("sort");
      th.tabIndex = 0;
      var go = function () { sortBy(table, th, col); };
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(); }
      });
    });
  });
})();
