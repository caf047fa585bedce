(function () {
  var pinned = null;
  function targets(id) {
    var q = CSS.escape(id);
    return document.querySelectorAll('li[data-claim="' + q + '"], tr[data-claim="' + q + '"], mark[data-claims~="' + q + '"]');
  }
  function mark(id, on) {
    targets(id).forEach(function (el) { el.classList.toggle('hl', on); });
  }
  document.querySelectorAll('li[data-claim], tr[data-claim], mark[data-claims]').forEach(function (el) {
    // A sentence restating the core event is also cited by it: its own claim comes first.
    var id = el.getAttribute('data-claim') || el.getAttribute('data-claims').split(' ')[0];
    el.addEventListener('mouseenter', function () { if (!pinned) mark(id, true); });
    el.addEventListener('mouseleave', function () { if (!pinned) mark(id, false); });
    el.addEventListener('click', function () {
      if (pinned) mark(pinned, false);
      pinned = pinned === id ? null : id;
      if (pinned) {
        mark(id, true);
        document.querySelectorAll('mark[data-claims~="' + CSS.escape(id) + '"]').forEach(function (m) {
          var col = m.closest('.column');
          if (col) col.scrollTop = m.offsetTop - col.offsetTop - 40;
        });
      }
    });
  });
})();
