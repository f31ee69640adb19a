// The home page's small map: the host and associated villages and the workspaces listed on the
// page (the lists carry their coordinates, so the page says everything without JavaScript),
// over the programme's communes in light grey. A click on a point opens its page.
(function () {
  'use strict';
  var el = document.getElementById('home-map');
  if (!el || !window.L) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('#home-villages li[data-lat], #home-sites li[data-lat]'));
  if (!items.length) return;
  el.hidden = false;
  el.classList.add('is-active');
  var map = L.map(el, { attributionControl: false, scrollWheelZoom: false });
  var bounds = L.latLngBounds([]);

  var siteIcon = window.sohosoloSiteIcon;

  items.forEach(function (li) {
    var lat = parseFloat(li.dataset.lat);
    var lon = parseFloat(li.dataset.lon);
    var link = li.querySelector('a');
    if (!isFinite(lat) || !isFinite(lon) || !link) return;
    var marker = li.dataset.kind
      ? L.marker([lat, lon], { icon: siteIcon(li.dataset.kind), title: link.textContent, alt: link.textContent, keyboard: true })
      : L.circleMarker([lat, lon], { className: 'village-marker' + (li.dataset.host ? ' village-host' : ''), radius: li.dataset.host ? 7 : 5 });
    marker.bindTooltip(link.textContent);
    marker.on('click', function () { window.location.href = link.href; });
    marker.addTo(map);
    bounds.extend([lat, lon]);
  });
  if (!bounds.isValid()) { el.hidden = true; return; }
  map.fitBounds(bounds, { padding: [24, 24], animate: false });
  var legend = document.getElementById('home-map-legend');
  if (legend) legend.hidden = false;
  el.dataset.ready = '1';

  fetch(el.dataset.communes, { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (communes) {
      if (!communes) return;
      L.geoJSON(communes, { interactive: false, style: { className: 'home-commune', weight: 0.5, fillOpacity: 1 } })
        .addTo(map).bringToBack();
    })
    .catch(function () { /* the points and the lists are enough */ });
})();
