// The planners' and auditors' map: districts shaded by coverage, stations by grade and state,
// the selected district's gaps and week profile, nearest station on click, export, API key.
// Everything comes from the StationFinder API of the server that serves this page.
'use strict';

(function () {
  const L = window.L;
  const T = window.MapLabels;
  const API = window.MapAPI;
  const container = document.getElementById('map');
  const $ = (id) => document.getElementById(id);

  // ---- settings: from the URL (?at=&radius=&district=&any_time=), else now in Beijing ----

  function beijingNow() {
    const parts = {};
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date()).forEach((p) => { parts[p.type] = p.value; });
    return { date: parts.year + '-' + parts.month + '-' + parts.day, hour: Number(parts.hour) };
  }

  const query = new URLSearchParams(location.search);
  const now = beijingNow();
  const settings = {
    date: (query.get('at') || '').slice(0, 10) || now.date,
    hour: query.get('at') ? Number(query.get('at').slice(11, 13)) : now.hour,
    anyTime: query.get('any_time') === 'true',
    radius: query.get('radius') || '500',
    district: query.get('district') || '',
    mode: 'walk',
    amenities: [],
  };

  const pad = (n) => String(n).padStart(2, '0');
  const atText = () => settings.date + 'T' + pad(settings.hour) + ':00';
  /** The time parameters of coverage, stations and export requests. */
  const timeParams = () => (settings.anyTime ? { any_time: 'true' } : { at: atText() });
  const membersOnly = () => $('members-only').checked;

  // ---- messages ----

  function showError(err) {
    const box = $('message');
    box.textContent = err instanceof API.APIError ? err.display : String(err.message || err);
    box.hidden = false;
    container.dataset.error = box.textContent;
    console.error('map error:', box.textContent);
  }
  function clearError() {
    $('message').hidden = true;
    delete container.dataset.error;
  }

  // ---- the map and its layers ----

  const map = L.map(container, { zoomSnap: 0.25 }).setView([40.25, 116.45], 8.5);
  map.createPane('gaps').style.zIndex = 420;
  map.createPane('stations').style.zIndex = 450;
  map.createPane('answers').style.zIndex = 460;
  const stationRenderer = L.canvas({ pane: 'stations', padding: 0.3 });

  const baseLayers = {};
  if (container.dataset.tiles) {
    const attribution = document.createElement('span');
    attribution.textContent = container.dataset.tilesAttribution;
    baseLayers['底图 Basemap'] = L.tileLayer(container.dataset.tiles, { attribution: attribution.innerHTML, maxZoom: 19 }).addTo(map);
  }

  const coverageByCode = new Map();
  const districtLayers = new Map();
  const districtLayer = L.geoJSON(null, {
    style: (feature) => districtStyle(feature.properties.district),
    onEachFeature: (feature, layer) => {
      districtLayers.set(feature.properties.district, layer);
      layer.bindTooltip(() => districtTooltip(feature.properties), { sticky: true });
    },
  }).addTo(map);

  const stationLayer = L.featureGroup().addTo(map);
  const markers = new Map();
  const gapLayer = L.layerGroup().addTo(map);
  const answerLayer = L.layerGroup().addTo(map);
  const recommendLayer = L.layerGroup();
  const layerControl = L.control.layers(baseLayers, {
    '区覆盖率 District coverage': districtLayer,
    '驿站 Stations': stationLayer,
    '未覆盖区域与缺口格 Uncovered area and gap cells': gapLayer,
    '最近驿站 Nearest answer': answerLayer,
  }, { collapsed: false }).addTo(map);

  function districtStyle(code) {
    const row = coverageByCode.get(code);
    return {
      color: code === settings.district ? '#000' : '#444', weight: code === settings.district ? 2.5 : 1,
      fillColor: row ? T.coverageColor(row.coverage_pct) : '#999', fillOpacity: 0.6,
    };
  }

  function districtTooltip(properties) {
    const row = coverageByCode.get(properties.district);
    const lines = [properties.name + ' ' + properties.pinyin];
    if (row) {
      lines.push('覆盖率 Coverage: ' + row.coverage_pct.toFixed(1) + ' %');
      if (row.population_weighted_coverage_pct != null) {
        lines.push('人口加权 Population-weighted: ' + row.population_weighted_coverage_pct.toFixed(1) + ' %');
      }
      lines.push('驿站 Stations: ' + row.stations + ' (' + row.stations_per_km2.toFixed(3) + ' / km²)');
    }
    const div = document.createElement('div');
    lines.forEach((line) => { const p = document.createElement('div'); p.textContent = line; div.appendChild(p); });
    return div;
  }

  /** Every state keeps the one radius, so a new hour restyles markers without moving or resizing them. */
  const STATION_RADIUS = 3.5;

  function stationStyle(grade, state) {
    const color = T.gradeColors[grade] || '#888';
    switch (state) {
      case 'open': return { color: '#fff', weight: 0.6, fillColor: color, fillOpacity: 0.95, opacity: 0.8 };
      case 'closed': return { color: color, weight: 1, fillColor: '#222', fillOpacity: 0.35, opacity: 0.5 };
      case 'unknown': return { color: '#bbb', weight: 1, fillColor: '#bbb', fillOpacity: 0.5, opacity: 0.8 };
      default: return { color: '#777', weight: 0.5, fillColor: '#777', fillOpacity: 0.3, opacity: 0.4 };
    }
  }

  // ---- loading and drawing ----

  /** Draws the compact stations layer, reusing markers by id and restyling only those that changed. */
  function drawStations(layer) {
    const seen = new Set();
    const added = [];
    for (const feature of layer.features) {
      const { grade, state, ids } = feature.properties;
      const points = feature.geometry.coordinates;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        seen.add(id);
        const marker = markers.get(id);
        if (!marker) {
          const created = L.circleMarker([points[i][1], points[i][0]], Object.assign(
            { renderer: stationRenderer, bubblingMouseEvents: false, radius: STATION_RADIUS }, stationStyle(grade, state)));
          created.station = { id, grade, state };
          markers.set(id, created);
          added.push(created);
        } else if (marker.station.state !== state || marker.station.grade !== grade) {
          marker.station.state = state;
          marker.station.grade = grade;
          // Path's setStyle, not CircleMarker's: that one also re-projects and redraws the marker
          // (to apply a radius), which thousands of markers changing state at once feel.
          L.Path.prototype.setStyle.call(marker, stationStyle(grade, state));
        }
      }
    }
    for (const [id, marker] of markers) {
      if (!seen.has(id)) { stationLayer.removeLayer(marker); markers.delete(id); }
    }
    added.forEach((marker) => stationLayer.addLayer(marker));
    container.dataset.stations = String(markers.size);
  }

  /** Shades the districts by their rows (the city-wide total row has no outline) and says how many were shaded. */
  function drawCoverage(rows) {
    coverageByCode.clear();
    rows.forEach((row) => coverageByCode.set(row.district, row));
    districtLayer.setStyle((feature) => districtStyle(feature.properties.district));
    return districtLayer.getLayers().filter((layer) => coverageByCode.has(layer.feature.properties.district)).length;
  }

  const loadCoverage = () => API.json('/v1/coverage', Object.assign(
    { radius: settings.radius }, timeParams(), membersOnly() ? { include_members_only: 'true' } : {}));
  const loadStations = () => API.json('/v1/stations', Object.assign({ format: 'compact' }, timeParams()));

  /** Two animation frames: the canvas has painted what was drawn before. */
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  let generation = 0;

  /** Reloads what depends on the time, radius or key, and logs how long the redraw took. */
  async function refresh(reason) {
    const mine = ++generation;
    const started = performance.now();
    // An open station popup states the old time's state: close it rather than leave it wrong.
    map.closePopup();
    container.dataset.ready = 'false';
    try {
      // Stations and district shading are drawn as each answer arrives: the stations' states come
      // quickly, the coverage of 16 districts takes the server longer.
      const drawnAt = {};
      let districtCount = 0;
      const stationsDrawn = loadStations().then(async (stations) => {
        if (mine !== generation) return;
        drawnAt.stationsAnswered = Math.round(performance.now() - started);
        drawStations(stations);
        await painted();
        drawnAt.stations = Math.round(performance.now() - started);
      });
      const districtsDrawn = loadCoverage().then(async (rows) => {
        if (mine !== generation) return;
        drawnAt.coverageAnswered = Math.round(performance.now() - started);
        districtCount = drawCoverage(rows);
        await painted();
        drawnAt.districts = Math.round(performance.now() - started);
      });
      await Promise.all([stationsDrawn, districtsDrawn]);
      if (mine !== generation) return;
      const redrawMs = Math.max(drawnAt.stations, drawnAt.districts);
      container.dataset.redrawMs = String(redrawMs);
      container.dataset.stationsRedrawMs = String(drawnAt.stations);
      console.log('map redraw (' + reason + '): ' + redrawMs + ' ms at ' + (settings.anyTime ? 'any time' : atText())
        + ': ' + markers.size + ' stations answered at ' + drawnAt.stationsAnswered + ' ms, drawn at ' + drawnAt.stations
        + ' ms; ' + districtCount + ' districts answered at ' + drawnAt.coverageAnswered + ' ms, shaded at '
        + drawnAt.districts + ' ms');
      clearError();
      if (settings.district) await loadDistrictOverlays(mine);
    } catch (err) {
      if (mine === generation) showError(err);
    } finally {
      if (mine === generation) container.dataset.ready = 'true';
    }
  }

  // ---- the selected district: gaps, uncovered area, week profile, recommended sites ----

  async function loadDistrictOverlays(mine) {
    const started = performance.now();
    const code = settings.district;
    const params = Object.assign({ district: code, radius: settings.radius, top: '20' }, timeParams(),
      membersOnly() ? { include_members_only: 'true' } : {});
    const [exported, profile] = await Promise.all([
      API.json('/v1/export/coverage.geojson', params),
      API.json('/v1/profile', { district: code, radius: settings.radius, date: settings.date }),
      loadRecommendations(code),
    ]);
    if (mine !== generation) return;
    gapLayer.clearLayers();
    L.geoJSON(exported, {
      pane: 'gaps',
      filter: (f) => f.properties.kind === 'uncovered' || f.properties.kind === 'underserved_cell',
      style: (f) => (f.properties.kind === 'uncovered'
        ? { color: '#000', weight: 0, fillColor: '#000', fillOpacity: 0.45 }
        : { color: '#ff2d2d', weight: 1.5, fill: true, fillOpacity: 0.05 }),
      onEachFeature: (f, layer) => {
        if (f.properties.kind !== 'underserved_cell') return;
        layer.bindTooltip('缺口 Gap #' + f.properties.rank + ' · 最近驿站 nearest '
          + (f.properties.distance_m == null ? '—' : Math.round(f.properties.distance_m) + ' m')
          + ' · 未覆盖 uncovered ' + Math.round(f.properties.uncovered_fraction * 100) + ' %');
      },
    }).addTo(gapLayer);
    drawProfile(profile);
    console.log('district overlays (' + code + '): ' + Math.round(performance.now() - started) + ' ms');
  }

  /** Shows the recommended-sites layer only when the server has the recommendation route (200). */
  async function loadRecommendations(code) {
    recommendLayer.clearLayers();
    layerControl.removeLayer(recommendLayer);
    let response;
    try {
      response = await fetch(API.url('/v1/recommend', Object.assign({ district: code, count: '5', radius: settings.radius },
        settings.anyTime ? {} : { at: atText() })), { headers: { Accept: 'application/geo+json' } });
    } catch (_) { return; }
    if (response.status !== 200) return;
    const answer = await response.json();
    // GeoJSON as asked; the plain JSON answer's `sites` (rank, lon, lat, ...) serve as well.
    const sites = answer.type === 'FeatureCollection' ? answer : {
      type: 'FeatureCollection',
      features: (answer.sites || []).map((site) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [site.lon, site.lat] }, properties: site,
      })),
    };
    L.geoJSON(sites, {
      pointToLayer: (f, latlng) => L.circleMarker(latlng, {
        pane: 'answers', radius: 8, color: '#fff', weight: 2, fillColor: '#7b2cff', fillOpacity: 0.9,
      }),
      onEachFeature: (f, layer) => {
        const p = f.properties;
        layer.bindTooltip('推荐站点 Recommended #' + p.rank
          + (p.added_pct != null ? ' · +' + Number(p.added_pct).toFixed(2) + ' %' : ''), { permanent: true, direction: 'right' });
      },
    }).addTo(recommendLayer);
    layerControl.addOverlay(recommendLayer, '推荐站点 Recommended sites');
    recommendLayer.addTo(map);
  }

  function svg(name, attributes) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', name);
    Object.keys(attributes).forEach((k) => node.setAttribute(k, attributes[k]));
    return node;
  }

  /** The 168-hour strip: a row per weekday, a column per hour; a click sets the time. */
  function drawProfile(profile) {
    const cell = 10;
    const left = 34;
    const chart = svg('svg', { width: left + 24 * cell + 2, height: 7 * cell + 14, role: 'img' });
    for (let h = 0; h < 24; h += 6) {
      chart.appendChild(svg('text', { x: left + h * cell, y: 7 * cell + 11 })).textContent = pad(h);
    }
    T.weekdays.forEach((day, d) => { chart.appendChild(svg('text', { x: 0, y: d * cell + 8 })).textContent = day; });
    for (const hour of profile.hours) {
      const day = Math.floor(hour.index / 24);
      const h = hour.index % 24;
      const chosen = !settings.anyTime && hour.start === atText();
      const rect = svg('rect', {
        x: left + h * cell, y: day * cell, width: cell - 1, height: cell - 1,
        fill: T.coverageColor(hour.coverage_pct), class: chosen ? 'hour chosen' : 'hour',
      });
      rect.appendChild(svg('title', {})).textContent = hour.start + ' · ' + hour.coverage_pct.toFixed(1) + ' % · '
        + hour.stations + ' 驿站 stations';
      rect.addEventListener('click', () => setTime(hour.start.slice(0, 10), Number(hour.start.slice(11, 13)), false));
      chart.appendChild(rect);
    }
    const holder = $('profile-chart');
    holder.replaceChildren(chart);
    $('profile').hidden = false;
  }

  async function selectDistrict(code) {
    settings.district = code;
    $('district').value = code;
    gapLayer.clearLayers();
    recommendLayer.clearLayers();
    layerControl.removeLayer(recommendLayer);
    $('profile').hidden = true;
    districtLayer.setStyle((feature) => districtStyle(feature.properties.district));
    const layer = districtLayers.get(code);
    map.fitBounds(layer ? layer.getBounds() : districtLayer.getBounds());
    if (!code) return;
    const mine = ++generation;
    container.dataset.ready = 'false';
    try {
      await loadDistrictOverlays(mine);
      clearError();
    } catch (err) {
      if (mine === generation) showError(err);
    } finally {
      if (mine === generation) container.dataset.ready = 'true';
    }
  }

  // ---- a station's popup ----

  function row(table, label, value, className) {
    const tr = table.appendChild(document.createElement('tr'));
    tr.appendChild(document.createElement('th')).textContent = label;
    const td = tr.appendChild(document.createElement('td'));
    td.textContent = value;
    if (className) td.className = className;
  }

  async function openStation(marker) {
    const box = document.createElement('div');
    box.className = 'popup';
    box.textContent = '…';
    const popup = L.popup({ maxWidth: 340 }).setLatLng(marker.getLatLng()).setContent(box).openOn(map);
    try {
      const s = await API.json('/v1/stations/' + encodeURIComponent(marker.station.id));
      const check = settings.anyTime ? null : await API.json('/v1/hours/check', { expr: s.opening_hours, at: atText() });
      const content = document.createElement('div');
      content.className = 'popup';
      content.appendChild(document.createElement('strong')).textContent = s.name;
      const table = content.appendChild(document.createElement('table'));
      row(table, '编号 Id', s.id);
      row(table, '等级 Grade', T.grades[s.grade] || s.grade);
      if (s.organization) row(table, '单位 Organization', s.organization);
      row(table, '地址 Address', s.address || '—');
      row(table, '开放时间 Hours', s.opening_hours);
      if (check) {
        const state = s.status !== 'active' ? 'inactive' : check.state;
        row(table, '状态 State at ' + atText(), T.states[state] || state, 'state-' + state);
        row(table, '下次变化 Next change', check.next_change || '无 never');
      } else {
        row(table, '状态 State', T.states[marker.station.state] + ' (本周 this week)');
      }
      if (s.status !== 'active') row(table, '台账状态 Ledger status', s.status);
      row(table, '服务设施 Amenities', s.amenities.map((a) => T.amenities[a] || a).join('、') || '—');
      row(table, '场所 Host', T.hostTypes[s.host_type] || s.host_type);
      popup.setContent(content);
    } catch (err) {
      box.textContent = err instanceof API.APIError ? err.display : String(err);
    }
  }

  stationLayer.on('click', (e) => openStation(e.layer));

  // ---- click on the map: nearest open station from that point ----

  async function nearestFrom(latlng) {
    const params = {
      lon: latlng.lng.toFixed(6), lat: latlng.lat.toFixed(6), at: atText(), limit: '3', mode: settings.mode,
    };
    if (settings.amenities.length) params.amenities = settings.amenities.join(',');
    const out = $('nearest-answer');
    out.textContent = '…';
    answerLayer.clearLayers();
    L.circleMarker(latlng, { pane: 'answers', radius: 5, color: '#000', weight: 2, fillColor: '#fff', fillOpacity: 1 })
      .addTo(answerLayer);
    try {
      const answer = await API.json('/v1/stations/nearest', params);
      out.replaceChildren();
      const draw = (list, color, dash, heading) => {
        if (!list || !list.length) return;
        out.appendChild(document.createElement('div')).textContent = heading;
        const ol = out.appendChild(document.createElement('ol'));
        list.forEach((r) => {
          const to = [r.lat, r.lon];
          L.polyline([latlng, to], { pane: 'answers', color, weight: 3, dashArray: dash }).addTo(answerLayer);
          L.circleMarker(to, { pane: 'answers', radius: 7, color, weight: 3, fill: false })
            .bindTooltip(r.name).addTo(answerLayer);
          const when = r.opens_at ? ' · 开放于 opens ' + r.opens_at : '';
          ol.appendChild(document.createElement('li')).textContent = r.name + ' (' + r.grade + ') · '
            + Math.round(r.distance_m) + ' m · ' + r.travel_minutes.toFixed(1) + ' min' + when;
        });
      };
      draw(answer.results, '#0a8f3c', null, '最近开放 Nearest open:');
      draw(answer.alternatives, '#e07b00', '6 6', '最早开放 Opening soonest:');
      if (answer.message) out.appendChild(document.createElement('p')).textContent = answer.message;
    } catch (err) {
      out.textContent = err instanceof API.APIError ? err.display : String(err);
    }
  }

  map.on('click', (e) => nearestFrom(e.latlng));

  // ---- export ----

  async function exportCoverage() {
    const button = $('export');
    button.disabled = true;
    try {
      const params = Object.assign({ radius: settings.radius }, timeParams(),
        settings.district ? { district: settings.district } : {}, membersOnly() ? { include_members_only: 'true' } : {});
      const response = await API.get('/v1/export/coverage.geojson', params);
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'coverage-' + (settings.district || 'beijing') + '-'
        + (settings.anyTime ? 'any-time' : atText().replace(':', '')) + '-r' + settings.radius + '.geojson';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      clearError();
    } catch (err) {
      showError(err);
    } finally {
      button.disabled = false;
    }
  }

  // ---- legend ----

  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = function () {
    const div = L.DomUtil.create('div', 'legend');
    const line = () => div.appendChild(document.createElement('div'));
    const swatch = (parent, className, style) => {
      const i = parent.appendChild(document.createElement('i'));
      if (className) i.className = className;
      Object.assign(i.style, style);
    };
    line().appendChild(document.createElement('strong')).textContent = '覆盖率 Coverage';
    T.coverageBins.forEach((bin, i) => {
      const next = T.coverageBins[i + 1];
      const l = line();
      swatch(l, '', { background: bin.color });
      l.appendChild(document.createTextNode(bin.from + '–' + (next ? next.from : 100) + ' %'));
    });
    line().appendChild(document.createElement('strong')).textContent = '驿站 Stations';
    Object.keys(T.gradeColors).forEach((g) => {
      const l = line();
      swatch(l, 'dot', { background: T.gradeColors[g] });
      l.appendChild(document.createTextNode(g + ' 开放 open '));
      swatch(l, 'ring', { borderColor: T.gradeColors[g] });
      l.appendChild(document.createTextNode('关闭 closed'));
    });
    const l = line();
    swatch(l, '', { background: 'rgba(0,0,0,0.45)' });
    l.appendChild(document.createTextNode('未覆盖 Uncovered '));
    swatch(l, '', { border: '2px solid #ff2d2d', width: '10px', height: '8px' });
    l.appendChild(document.createTextNode('缺口 Gap'));
    return div;
  };
  legend.addTo(map);

  // ---- controls ----

  function setTime(date, hour, anyTime) {
    settings.date = date;
    settings.hour = hour;
    settings.anyTime = anyTime;
    $('date').value = date;
    $('hour').value = String(hour);
    $('hour-label').textContent = pad(hour) + ':00';
    $('any-time').checked = anyTime;
    return refresh('time ' + (anyTime ? 'any' : date + 'T' + pad(hour) + ':00'));
  }

  function wireControls() {
    $('date').value = settings.date;
    $('hour').value = String(settings.hour);
    $('hour-label').textContent = pad(settings.hour) + ':00';
    $('any-time').checked = settings.anyTime;
    $('radius').value = settings.radius;
    $('hour').addEventListener('input', () => { $('hour-label').textContent = pad($('hour').value) + ':00'; });
    $('hour').addEventListener('change', () => setTime(settings.date, Number($('hour').value), settings.anyTime));
    $('date').addEventListener('change', () => setTime($('date').value, settings.hour, settings.anyTime));
    $('any-time').addEventListener('change', () => setTime(settings.date, settings.hour, $('any-time').checked));
    $('radius').addEventListener('change', () => { settings.radius = $('radius').value.trim(); refresh('radius'); });
    $('members-only').addEventListener('change', () => refresh('members-only'));
    $('district').addEventListener('change', () => selectDistrict($('district').value));
    $('mode').addEventListener('change', () => { settings.mode = $('mode').value; });
    $('export').addEventListener('click', exportCoverage);
    $('api-key').value = API.key();
    $('key-status').textContent = API.key() ? '已使用密钥 Using a key' : '匿名 Anonymous';
    $('key-use').addEventListener('click', () => {
      API.setKey($('api-key').value.trim());
      $('key-status').textContent = API.key() ? '已使用密钥 Using a key' : '匿名 Anonymous';
      refresh('key');
    });
    $('key-clear').addEventListener('click', () => {
      API.setKey('');
      $('api-key').value = '';
      $('key-status').textContent = '匿名 Anonymous';
      refresh('key');
    });
    const checks = $('amenities');
    ['toilet', 'drinking_water', 'heating', 'air_conditioning', 'phone_charging', 'ebike_charging'].forEach((a) => {
      const label = checks.appendChild(document.createElement('label'));
      const box = label.appendChild(document.createElement('input'));
      box.type = 'checkbox';
      box.value = a;
      box.addEventListener('change', () => {
        settings.amenities = Array.from(checks.querySelectorAll('input:checked')).map((c) => c.value);
      });
      label.appendChild(document.createTextNode(' ' + T.amenities[a]));
    });
  }

  // ---- start ----

  async function start() {
    wireControls();
    container.dataset.ready = 'false';
    try {
      // A refused coverage question (a bad radius in the link, say) still leaves outlines and stations drawn.
      const coverage = loadCoverage().catch((err) => err);
      const [outlines, stations] = await Promise.all([API.json('/v1/districts', { format: 'geojson' }), loadStations()]);
      districtLayer.addData(outlines);
      drawStations(stations);
      const rows = await coverage;
      if (rows instanceof Error) showError(rows); else drawCoverage(rows);
      const select = $('district');
      outlines.features.forEach((f) => {
        const option = select.appendChild(document.createElement('option'));
        option.value = f.properties.district;
        option.textContent = f.properties.name + ' ' + f.properties.pinyin;
      });
      container.dataset.districts = String(districtLayers.size);
      map.fitBounds(districtLayer.getBounds());
      await painted();
      if (settings.district) {
        const known = outlines.features.find((f) => [f.properties.district, f.properties.name, f.properties.pinyin]
          .some((n) => n.toLowerCase() === settings.district.toLowerCase()));
        if (!known) throw new Error('未知的区 Unknown district: ' + settings.district);
        settings.district = known.properties.district;
        $('district').value = settings.district;
        districtLayer.setStyle((feature) => districtStyle(feature.properties.district));
        map.fitBounds(districtLayers.get(settings.district).getBounds());
        await loadDistrictOverlays(generation);
      }
      const readyMs = Math.round(performance.now());
      container.dataset.readyMs = String(readyMs);
      console.log('map ready: ' + readyMs + ' ms page time, ' + districtLayers.size + ' districts, ' + markers.size + ' stations');
    } catch (err) {
      showError(err);
    } finally {
      container.dataset.ready = 'true';
    }
  }

  /** The hooks the browser test calls. */
  window.stationMap = {
    setTime,
    selectDistrict,
    stationIds: () => Array.from(markers.keys()),
    openStation: (id) => openStation(markers.get(id)),
    map,
  };

  start();
})();
