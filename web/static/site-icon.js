// The marker of a telecentre ("T") or coworking space ("C") on Leaflet maps (map.js,
// home-map.js); its colours are in app.css (.site-marker, .site-telecentre, .site-coworking).
window.sohosoloSiteIcon = function (kind) {
  'use strict';
  var coworking = kind === 'coworking';
  return L.divIcon({
    className: 'site-marker ' + (coworking ? 'site-coworking' : 'site-telecentre'),
    html: coworking ? 'C' : 'T',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
    popupAnchor: [0, -11],
  });
};
