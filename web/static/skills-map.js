// The skills map's enhancement: Leaflet draws each village of the table below as a circle sized
// by how many members there show the chosen skills (no tile server: the circles and the
// villages' names are the map). The page already holds every figure in its table; without this
// script, or if it fails, nothing is lost. Popups are built from DOM nodes, never from HTML
// strings (a village's name comes from an import).
(function () {
  'use strict';

  var el = document.getElementById('skills-map');
  if (!el || typeof L === 'undefined' || !window.fetch) return;

  function node(tag, text, href) {
    var n = document.createElement(tag);
    n.textContent = text;
    if (href) n.href = href;
    return n;
  }

  fetch(el.dataset.points, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then(function (body) {
      if (!body.items.length) return;
      el.classList.add('is-active');
      var map = L.map(el, { zoomSnap: 0.25 });
      var layer = L.featureGroup().addTo(map);
      body.items.forEach(function (p) {
        var popup = document.createElement('div');
        popup.appendChild(node('a', p.village_name, '/members?village=' + encodeURIComponent(p.village_code)));
        popup.appendChild(node('p', el.dataset.labelMembers + ' : ' + p.members));
        L.circleMarker([p.lat, p.lon], { radius: 6 + 3 * Math.sqrt(p.members), className: 'skills-point' })
          .bindPopup(popup)
          .bindTooltip(document.createTextNode(p.village_name + ' (' + p.members + ')'))
          .addTo(layer);
      });
      map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 11 });
      el.dataset.ready = String(body.items.length);
    })
    .catch(function () {
      el.classList.remove('is-active');
      el.insertAdjacentElement('afterend', node('p', el.dataset.labelFailed));
    });
})();
