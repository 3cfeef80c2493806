/* "Xem các tin đã đưa ngày": opens the chosen day's page, in this category or in all of
   them, or says there was no news that day and links the nearest earlier and later days
   with news. The days come from one small file (plugins/date_archives/days_file.py): per
   scope, a base64 bitmap over the days from `first` to `last`, bit i (least significant
   first within a byte) for first + i days. Without JavaScript the form stays hidden and
   the archive link beside it does the job. */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var form = document.querySelector("form.day-picker__form");
  if (!form || !window.fetch || !window.atob) {
    return;
  }
  var input = form.querySelector("input.day-picker__date");
  var message = form.querySelector(".day-picker__message");

  // Day numbers count days since 1970-01-01 in UTC, so no time zone shifts a date.
  function dayNumber(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? Date.UTC(+parts[1], +parts[2] - 1, +parts[3]) / DAY_MS : null;
  }

  function isoDate(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }

  function label(number) {  // "12/12/2023", as the site writes dates
    var date = new Date(number * DAY_MS);
    return date.getUTCDate() + "/" + (date.getUTCMonth() + 1) + "/" + date.getUTCFullYear();
  }

  function decode(base64) {
    var text = window.atob(base64 || "");
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i += 1) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes;
  }

  function hasNews(bits, offset) {
    return offset >= 0 && offset < bits.length * 8 && ((bits[offset >> 3] >> (offset & 7)) & 1) === 1;
  }

  function pageUrl(pattern, number, category) {
    var iso = isoDate(number);
    return pattern
      .replace("{year}", iso.slice(0, 4))
      .replace("{month}", iso.slice(5, 7))
      .replace("{day}", iso.slice(8, 10))
      .replace("{category}", category);
  }

  function say(parts) {
    message.textContent = "";
    parts.forEach(function (part) {
      if (typeof part === "string") {
        message.appendChild(document.createTextNode(part));
      } else {
        var link = document.createElement("a");
        link.href = part.href;
        link.textContent = part.text;
        message.appendChild(link);
      }
    });
  }

  function start(data) {
    if (!data.first) {
      return;
    }
    var first = dayNumber(data.first);
    var last = dayNumber(data.last);
    var total = last - first + 1;
    input.min = data.first;
    input.max = data.last;
    var wanted = dayNumber(form.getAttribute("data-date"));
    input.value = wanted !== null && wanted >= first && wanted <= last ? isoDate(wanted) : data.last;
    form.hidden = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = dayNumber(input.value);
      if (chosen === null) {
        say(["Hãy chọn một ngày."]);
        input.focus();
        return;
      }
      var scope = form.querySelector("input[name='pham-vi']:checked");
      var category = scope && scope.value === "chuyen-muc" ? form.getAttribute("data-category") : "";
      var bits = decode(category ? data.categories[category] : data.all);
      var pattern = category ? data.categoryDayUrl : data.dayUrl;
      var offset = chosen - first;
      if (hasNews(bits, offset)) {
        window.location.assign(pageUrl(pattern, chosen, category));
        return;
      }
      var before = null;
      var after = null;
      for (var i = Math.min(offset, total) - 1; i >= 0; i -= 1) {
        if (hasNews(bits, i)) { before = i; break; }
      }
      for (var j = Math.max(offset + 1, 0); j < total; j += 1) {
        if (hasNews(bits, j)) { after = j; break; }
      }
      var where = category ? " trong chuyên mục này" : "";
      var parts = ["Không có tin nào" + where + " ngày " + label(chosen) + "."];
      if (before === null && after === null) {
        parts.push(" Chưa có ngày nào có tin" + where + ".");
      } else {
        parts.push(" Ngày có tin gần nhất:");
        if (before !== null) {
          parts.push(" trước đó ", {href: pageUrl(pattern, first + before, category), text: label(first + before)});
        }
        if (after !== null) {
          parts.push(before !== null ? ", sau đó " : " sau đó ",
                     {href: pageUrl(pattern, first + after, category), text: label(first + after)});
        }
        parts.push(".");
      }
      say(parts);
    });
  }

  window.fetch(form.getAttribute("data-days"))
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    })
    .then(start)
    .catch(function () {
      // The form stays hidden; the link to the archive remains.
    });
})();
