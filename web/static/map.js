// The map page's enhancement: Leaflet draws the communes from their own outlines (no tile server),
// coloured by expected ADSL2+ rate, with the telephone exchanges, the telecentres and the
// coworking spaces. The page already holds every figure in its tables; without this script, or
// if it fails, nothing is lost. Texts come from the #map element's data-label-* attributes (the
// server's catalogues); popups and tooltips are built from DOM nodes, never from HTML strings
// (Leaflet takes a string as HTML: a relay's name comes from the page's address).
(function () {
  'use strict';

  var el = document.getElementById('map');
  if (!el || typeof L === 'undefined' || !window.fetch) return;

  var lang = document.documentElement.lang || 'fr';
  var labels = el.dataset;
  var oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });

  // The same bounds as territory::RateBand (src/territory/pages.cpp): 0 no ADSL, 1 READSL only,
  // then ADSL2+ under 2 Mbit/s, 2 to 8, 8 to 15, 15 and more. Colours are in app.css (.band-N).
  function band(p) {
    if (p['class'] === 'none') return '0';
    if (p['class'] === 'readsl') return '1';
    if (p['class'] !== 'adsl') return 'unknown';
    var rate = p.adsl2plus_mbps;
    return rate < 2 ? '2' : rate < 8 ? '3' : rate < 15 ? '4' : '5';
  }

  function bandLabel(b) {
    switch (b) {
      case '0': return labels.labelBand0;
      case '1': return labels.labelBand1;
      case '2': return '< 2 Mbit/s';
      case '3': return '2–8 Mbit/s';
      case '4': return '8–15 Mbit/s';
      case '5': return '≥ 15 Mbit/s';
      default: return labels.labelUnknown;
    }
  }

  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function addFigure(list, term, value) {
    list.appendChild(node('dt', null, term));
    list.appendChild(node('dd', null, value));
  }

  function communePopup(p, exchangeNames) {
    var box = node('div', 'map-popup');
    box.appendChild(node('strong', 'map-popup-title', p.nom));
    var figures = node('dl');
    if (p.population !== null && p.population !== undefined) {
      addFigure(figures, labels.labelPopulation, whole.format(p.population));
    }
    if (p['class']) {
      // Without ADSL, or unknown (partial exchange list), the service line says so; "0,0 Mbit/s"
      // would add nothing, or mislead.
      if (p['class'] === 'adsl' || p['class'] === 'readsl') {
        addFigure(figures, labels.labelAdsl2plus, oneDecimal.format(p.adsl2plus_mbps) + ' Mbit/s');
        addFigure(figures, labels.labelAdsl, oneDecimal.format(p.adsl_mbps) + ' Mbit/s');
      }
      addFigure(figures, labels.labelClass, labels['labelClass' + p['class'][0].toUpperCase() + p['class'].slice(1)]);
      addFigure(figures, labels.labelExchange, exchangeNames[p.exchange] || p.exchange);
      addFigure(figures, labels.labelDistance, oneDecimal.format(p.distance_km) + ' km');
    } else {
      addFigure(figures, labels.labelAdsl2plus, labels.labelUnknown);
    }
    box.appendChild(figures);
    var link = node('a', null, labels.labelDetails);
    link.href = '/communes/' + encodeURIComponent(p.code);
    box.appendChild(link);
    return box;
  }

  function exchangePopup(p) {
    var box = node('div', 'map-popup');
    box.appendChild(node('strong', 'map-popup-title', p.name || p.code));
    box.appendChild(node('p', null, p.code));
    if (!p.in_territory) box.appendChild(node('p', null, labels.labelExchangeOutside));
    return box;
  }

  function sitePopup(site) {
    var box = node('div', 'map-popup');
    box.appendChild(node('strong', 'map-popup-title', site.name));
    box.appendChild(node('p', null, site.kind === 'coworking' ? labels.labelCoworking : labels.labelTelecentre));
    var link = node('a', null, labels.labelSiteLink);
    link.href = '/sites/' + encodeURIComponent(site.id);
    box.appendChild(link);
    return box;
  }

  var siteIcon = window.sohosoloSiteIcon;

  function legendItem(list, symbol, text) {
    var item = node('li');
    item.appendChild(symbol);
    item.appendChild(document.createTextNode(text));
    list.appendChild(item);
  }

  /** The legend: rate bands present on the map, exchanges (inside and outside the territory),
   * sites, and how many exchanges the colours rest on. */
  function legendBox(bands, exchangeCount) {
    var box = node('div', 'map-legend');
    box.appendChild(node('strong', null, labels.labelLegend));
    var list = node('ul');
    ['5', '4', '3', '2', '1', '0', 'unknown'].forEach(function (b) {
      if (b === 'unknown' && !bands.unknown) return;
      legendItem(list, node('span', 'swatch band-' + b), bandLabel(b));
    });
    legendItem(list, node('span', 'legend-exchange'), labels.labelExchanges);
    legendItem(list, node('span', 'legend-exchange exchange-outside'), labels.labelExchangeOutside);
    legendItem(list, node('span', 'legend-site site-telecentre', 'T'), labels.labelTelecentre);
    legendItem(list, node('span', 'legend-site site-coworking', 'C'), labels.labelCoworking);
    box.appendChild(list);
    box.appendChild(node('p', 'legend-note', labels.labelPartial.replace('{count}', whole.format(exchangeCount))));
    return box;
  }

  /** Inside the map on wide screens; below it on narrow ones, where it would hide too much. */
  function addLegend(map, box) {
    if (el.clientWidth < 640) {
      box.classList.add('is-outside');
      el.parentNode.insertBefore(box, el.nextSibling);
      return [0, 0];
    }
    var control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return [box.offsetWidth + 16, 8];
  }

  function getJson(url, optional) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    }).catch(function (e) {
      if (optional) return null;
      throw e;
    });
  }

  // The relays of a WiFi plan (points) and their reach (discs), as /wifi-plans/plan.geojson
  // gives them; null when there is no plan to draw.
  function wifiLayer(plan) {
    if (!plan || !plan.features) return null;
    return L.geoJSON(plan, {
      // GeoJSON layers apply `style` to every feature, markers included: one style per kind.
      style: function (f) {
        if (f.geometry && f.geometry.type === 'Point') {
          return { className: 'wifi-relay', radius: 6, weight: 2, color: '#6a3d9a', fillColor: '#ffffff', fillOpacity: 1 };
        }
        return { className: 'wifi-disc', color: '#6a3d9a', weight: 1.5, fillOpacity: 0.15, dashArray: '4 3' };
      },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { className: 'wifi-relay', radius: 6 });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        if (p.kind === 'relay') layer.bindTooltip(node('span', null, p.rank + '. ' + (p.name || p.id)), { direction: 'top' });
      },
    });
  }

  function draw(communes, exchanges, sites, plan) {
    // Animations off for people who ask the system for less motion.
    var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var map = L.map(el, {
      attributionControl: false, zoomSnap: 0.25, minZoom: 6, maxZoom: 15,
      zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still,
    });
    var exchangeNames = {};
    (exchanges ? exchanges.features : []).forEach(function (f) {
      exchangeNames[f.properties.code] = f.properties.name || f.properties.code;
    });

    // Popups open clear of the zoom and layer controls in the top corners.
    var popupOptions = { maxWidth: 260, autoPanPaddingTopLeft: [10, 70], autoPanPaddingBottomRight: [10, 10] };
    var bands = {};
    var communeLayer = L.geoJSON(communes, {
      style: function (f) {
        var b = band(f.properties);
        bands[b] = true;
        return { className: 'commune band-' + b, color: '#ffffff', weight: 0.6, fillOpacity: 0.85 };
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(node('span', null, f.properties.nom), { sticky: true, direction: 'top' });
        layer.bindPopup(function () { return communePopup(f.properties, exchangeNames); }, popupOptions);
        layer.on('add', function () {
          var path = layer.getElement();
          if (path) path.setAttribute('data-code', f.properties.code);
        });
      },
    }).addTo(map);

    var exchangeLayer = L.layerGroup();
    (exchanges ? exchanges.features : []).forEach(function (f) {
      var xy = f.geometry.coordinates;
      L.circleMarker([xy[1], xy[0]], {
        className: 'exchange' + (f.properties.in_territory ? '' : ' exchange-outside'),
        radius: 5, weight: 2, color: '#1d2a24', fillColor: '#ffffff', fillOpacity: 1,
      }).bindPopup(function () { return exchangePopup(f.properties); }, popupOptions).addTo(exchangeLayer);
    });
    exchangeLayer.addTo(map);

    var siteLayer = L.layerGroup();
    ((sites && sites.items) || []).forEach(function (s) {
      if (typeof s.latitude !== 'number' || typeof s.longitude !== 'number') return;
      L.marker([s.latitude, s.longitude], { icon: siteIcon(s.kind), title: s.name, alt: s.name, riseOnHover: true })
        .bindPopup(function () { return sitePopup(s); }, popupOptions)
        .addTo(siteLayer);
    });
    siteLayer.addTo(map);

    var overlays = {};
    overlays[labels.labelCommunes] = communeLayer;
    overlays[labels.labelExchanges] = exchangeLayer;
    overlays[labels.labelSites] = siteLayer;
    var planLayer = wifiLayer(plan);
    if (planLayer) {
      planLayer.addTo(map);
      overlays[labels.labelWifi] = planLayer;
      el.classList.add('has-wifi-plan');
    }
    L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    var exchangeCount = exchanges ? exchanges.features.length : 0;
    var legendRoom = addLegend(map, legendBox(bands, exchangeCount));

    var bounds = communeLayer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { paddingTopLeft: [8, 8], paddingBottomRight: legendRoom, animate: false });
    else map.setView([46.6, 2.4], 6);
    el.setAttribute('aria-busy', 'false');
    el.classList.add('is-ready');
  }

  function fail() {
    el.classList.remove('is-active');
    var message = node('p', 'notice map-failed', labels.labelFailed);
    message.setAttribute('role', 'alert');
    el.parentNode.insertBefore(message, el.nextSibling);
  }

  el.classList.add('is-active');
  el.setAttribute('aria-busy', 'true');
  Promise.all([
    getJson(el.dataset.communes, false),
    getJson(el.dataset.exchanges, true),
    getJson(el.dataset.sites, true),
    el.dataset.wifiPlan ? getJson(el.dataset.wifiPlan, true) : Promise.resolve(null),
  ]).then(function (data) {
    draw(data[0], data[1], data[2], data[3]);
  }).catch(function (e) {
    if (window.console) console.error('map:', e);
    fail();
  });
})();
