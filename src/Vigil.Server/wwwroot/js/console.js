// The console's map: Leaflet (served by Vigil from its verified asset cache) drawing cameras,
// sensors (coloured by stage), incidents and units. With no tile source configured the map is a plain background and the
// markers still work, so an installation without internet or a tile server loses nothing.
(function () {
  'use strict';
  const maps = new Map();
  const colours = { camera: '#9ec5ff', incident: '#ff8f86', unit: '#7ee2a0' };

  function escapeText(s) {
    const div = document.createElement('div');
    div.textContent = s == null ? '' : String(s);
    return div.innerHTML;
  }

  function draw(entry, markers, fit) {
    entry.layer.clearLayers();
    const points = [];
    for (const m of markers) {
      const marker = L.circleMarker([m.lat, m.lon], {
        radius: m.kind === 'incident' ? 9 : 7,
        color: m.colour || colours[m.kind] || '#ccc',
        weight: 2,
        fillOpacity: m.kind === 'incident' ? 0.55 : 0.35,
      });
      // Labels are text, never markup: names and summaries come from people.
      marker.bindTooltip(escapeText(m.label));
      if (m.href) {
        marker.on('click', () => { if (window.Blazor && window.Blazor.navigateTo) { window.Blazor.navigateTo(m.href); } else { window.location.assign(m.href); } });
      }
      marker.addTo(entry.layer);
      points.push([m.lat, m.lon]);
    }
    if (fit && points.length > 0) {
      entry.map.fitBounds(L.latLngBounds(points).pad(0.25), { maxZoom: 16 });
    }
  }

  window.vigilMap = {
    available: function () { return typeof window.L !== 'undefined'; },
    show: function (element, options, markers) {
      if (typeof window.L === 'undefined') { return false; }
      let entry = maps.get(element);
      if (!entry) {
        // No zoom animation: calmer on a wall, and a page left mid-animation cannot leave Leaflet a timer on a removed map.
        const map = L.map(element, { zoomControl: true, attributionControl: true, keyboard: true, zoomAnimation: false });
        if (options.tiles) {
          L.tileLayer(options.tiles, { attribution: escapeText(options.attribution || ''), maxZoom: 19 }).addTo(map);
        } else {
          element.classList.add('offline');
        }
        map.setView([options.lat, options.lon], options.zoom || 13);
        entry = { map: map, layer: L.layerGroup().addTo(map) };
        maps.set(element, entry);
        draw(entry, markers, true);
      } else {
        draw(entry, markers, false);
      }
      return true;
    },
    dispose: function (element) {
      const entry = maps.get(element);
      if (entry) { entry.map.remove(); maps.delete(element); }
    },
  };
})();

// Ends the session (the server records it) and returns to the sign-in page.
window.vigilSignOut = async function () {
  try { await fetch('/auth/sign-out', { method: 'POST' }); } finally { window.location.assign('/sign-in'); }
};

// The sign-out button has no inline handler: the Content-Security-Policy allows no inline script.
document.addEventListener('click', e => {
  if (e.target instanceof Element && e.target.closest('[data-sign-out]')) { window.vigilSignOut(); }
});

// Saves text the server produced (an EIDO export) as a file, without another request.
window.vigilDownload = function (name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type: type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

// The protocol this page came over ('h2', 'h3', 'http/1.1'): the wall streams fewer tiles over HTTP/1.1.
window.vigilProtocol = function () {
  const navigation = performance.getEntriesByType('navigation')[0];
  return (navigation && navigation.nextHopProtocol) || 'http/1.1';
};
