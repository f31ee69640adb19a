// The API page: Redoc over the OpenAPI document, where the plain list of operations stays for
// readers without JavaScript.
(function () {
  var target = document.getElementById('redoc');
  if (!target || !window.Redoc) return;
  window.Redoc.init(target.dataset.spec, { hideDownloadButton: false }, target);
})();
