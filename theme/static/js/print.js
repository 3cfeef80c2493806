// "In trang": the button ships hidden, so readers without JavaScript never see a button
// that does nothing; here it is shown and opens the browser's print dialog.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print-button]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
