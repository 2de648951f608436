/* seolint HTML report: the sortable, filterable page table and each page's detail.
   Page data is hostile: it is read from JSON and only ever reaches the DOM through
   textContent and setAttribute (never HTML parsing), and only http(s) URLs become links. */
(function () {
  'use strict';
  var doc = document;
  var dataEl = doc.getElementById('report-data');
  var table = doc.getElementById('page-table');
  if (!dataEl || !table) { return; }
  var D;
  try { D = JSON.parse(dataEl.textContent); } catch (e) { return; }

  var S = D.s || [], P = D.pages || [], FX = D.fixes || [], CATS = D.cats || [], MK = D.mk || [];
  var SEV = ['error', 'warning', 'info'];
  var SEV_PLURAL = ['errors', 'warnings', 'infos'];
  var SEV_ICON = ['\u2716', '\u25B2', '\u25CF'];
  var HTTP = /^https?:\/\/[^\s"<>\\^`{|}\u0000-\u001f\u007f-\u009f]+$/i;
  var BAND_NAME = { good: 'good', ok: 'needs work', poor: 'poor', none: 'not scored' };
  var METRIC_NAMES = {
    words: 'Words in the main content', sentences: 'Sentences', paragraphs: 'Paragraphs',
    headings: 'Headings', links_internal: 'Internal links in the text',
    links_external: 'Outbound links in the text', images: 'Images',
    main_content: 'Main content found by', reading_time_minutes: 'Reading time (minutes)',
    reading_ease: 'Reading ease (Flesch)', grade: 'Grade level (Flesch-Kincaid)',
    long_sentences_pct: 'Long sentences (%)', passive_pct: 'Passive voice (%)',
    transition_pct: 'Sentences with transition words (%)', language: 'Language',
    language_source: 'Language from', keyphrase: 'Keyphrase', keyphrase_source: 'Keyphrase from',
    keyphrase_inferred: 'Keyphrase inferred', keyphrase_count: 'Keyphrase uses',
    keyphrase_density: 'Keyphrase density (%)',
    keyphrase_density_adjusted: 'Keyphrase density, length-adjusted (%)'
  };
  var tbody = table.tBodies[0];
  var ncols = table.tHead.rows[0].cells.length;
  var statusEl = doc.getElementById('table-status');
  var pagerPos = doc.getElementById('pager-pos');
  var collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  var hasEase = !!table.querySelector('th[data-sort="ease"]');
  var hasStatus = !!table.querySelector('th[data-sort="status"]');

  // --- small helpers ---------------------------------------------------------------------
  function h(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function add(parent) {
    for (var k = 1; k < arguments.length; k++) {
      var c = arguments[k];
      if (c === null || c === undefined) { continue; }
      parent.appendChild(typeof c === 'string' ? doc.createTextNode(c) : c);
    }
    return parent;
  }
  function str(k) { return k === null || k === undefined ? null : S[k]; }
  function num(n) { return n === null || n === undefined ? '\u2013' : Number(n).toLocaleString('en'); }
  function fmt(x) {
    if (x === null || x === undefined) { return '\u2013'; }
    var s = (Math.round(x * 10) / 10).toFixed(1);
    return s.slice(-2) === '.0' ? s.slice(0, -2) : s;
  }
  function band(x) { return x === null || x === undefined ? 'none' : x >= 90 ? 'good' : x >= 50 ? 'ok' : 'poor'; }
  function plural(n, one, many) { return num(n) + ' ' + (n === 1 ? one : many); }
  function link(url, label) {
    if (typeof url === 'string' && HTTP.test(url)) {
      var a = h('a', null, label || url);
      a.setAttribute('href', url);
      a.setAttribute('rel', 'noopener noreferrer nofollow');
      a.setAttribute('target', '_blank');
      return a;
    }
    return h('span', 'url', label || url || '');
  }
  function untitled(p) { return p.k === 'redirect' ? '(a redirect)' : '(no title)'; }
  function metricName(key) {
    if (METRIC_NAMES[key]) { return METRIC_NAMES[key]; }
    var s = String(key).replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  // --- state -----------------------------------------------------------------------------
  var state = { q: '', sev: '', rule: '', kind: '', status: '', fix: -1, sort: 'score', dir: 1, page: 0, size: 50 };
  var open = Object.create(null);
  var fixSet = null;
  var hay = null;
  var pageFixes = null;
  var view = [];

  function haystack(i) {
    if (!hay) {
      hay = P.map(function (p) { return ((p.t || '') + '\n' + p.p + '\n' + (p.u || p.ut || '')).toLowerCase(); });
    }
    return hay[i];
  }
  function codesOf(p) {
    if (!p._codes) {
      p._codes = Object.create(null);
      (p.f || []).forEach(function (f) { p._codes[f[0]] = true; });
    }
    return p._codes;
  }
  function total(p) { return p.n[0] + p.n[1] + p.n[2]; }
  function matches(i) {
    var p = P[i];
    if (state.q && haystack(i).indexOf(state.q) < 0) { return false; }
    if (state.sev === 'error' && !p.n[0]) { return false; }
    if (state.sev === 'warning' && !p.n[0] && !p.n[1]) { return false; }
    if (state.sev === 'any' && !total(p)) { return false; }
    if (state.sev === 'none' && total(p)) { return false; }
    if (state.rule && !codesOf(p)[state.rule]) { return false; }
    if (state.kind && p.k !== state.kind) { return false; }
    if (state.status) {
      var first = p.st ? String(p.st).charAt(0) : '';
      if (first !== state.status && !(state.status === '3' && p.rd)) { return false; }
    }
    if (fixSet && !fixSet[i]) { return false; }
    return true;
  }
  var KEYS = {
    title: function (p) { return p.t || p.p; },
    score: function (p) { return p.sc; },
    words: function (p) { return p.w; },
    ease: function (p) { return p.re; },
    status: function (p) { return p.st; },
    findings: function (p) { return p.n[0] * 1e8 + p.n[1] * 1e4 + p.n[2]; }
  };
  var FIRST_DIR = { title: 1, score: 1, words: 1, ease: 1, status: -1, findings: -1 };
  function compare(a, b) {
    var key = KEYS[state.sort], ka = key(P[a]), kb = key(P[b]);
    var none = function (v) { return v === null || v === undefined; };
    if (none(ka) || none(kb)) {
      if (none(ka) && none(kb)) { return collator.compare(P[a].p, P[b].p); }
      return none(ka) ? 1 : -1; // missing values last, whichever the direction
    }
    var c = typeof ka === 'string' ? collator.compare(ka, kb) : ka - kb;
    return c ? c * state.dir : collator.compare(P[a].p, P[b].p);
  }
  function recompute() {
    view = [];
    for (var i = 0; i < P.length; i++) { if (matches(i)) { view.push(i); } }
    view.sort(compare);
  }

  // --- the table -------------------------------------------------------------------------
  function cell(cls, label) {
    var td = h('td', cls);
    if (label) { td.setAttribute('data-label', label); }
    return td;
  }
  function pills(p) {
    var frag = doc.createDocumentFragment();
    for (var s = 0; s < 3; s++) {
      var n = p.n[s];
      if (!n) { continue; }
      var pill = h('span', 'pill sev-' + SEV[s]);
      var icon = h('span', null, SEV_ICON[s]);
      icon.setAttribute('aria-hidden', 'true');
      add(pill, icon, ' ' + num(n), h('span', 'sr-only', ' ' + (n === 1 ? SEV[s] : SEV_PLURAL[s])));
      add(frag, pill, ' ');
    }
    if (!total(p)) { add(frag, h('span', 'none', 'none')); }
    return frag;
  }
  function row(i) {
    var p = P[i];
    var tr = h('tr');
    tr.id = 'page-' + i;
    var th = h('th', 'c-page');
    th.setAttribute('scope', 'row');
    var t = p.t || untitled(p);
    var b = h('button', 'page-toggle', t.length > 160 ? t.slice(0, 159) + '\u2026' : t);
    b.type = 'button';
    b.setAttribute('data-i', String(i));
    b.setAttribute('aria-expanded', open[i] ? 'true' : 'false');
    b.setAttribute('aria-controls', 'detail-' + i);
    add(th, b, h('span', 'loc', p.p));
    tr.appendChild(th);
    add(tr, add(cell('c-num', 'Score'), h('span', 'score band-' + band(p.sc), fmt(p.sc))));
    add(tr, add(cell('c-num', 'Words'), num(p.w)));
    if (hasEase) { add(tr, add(cell('c-num', 'Reading ease'), fmt(p.re))); }
    if (hasStatus) { add(tr, add(cell('c-num', 'Status'), p.st ? String(p.st) : '\u2013')); }
    add(tr, add(cell('c-findings', 'Findings'), pills(p)));
    return tr;
  }
  function detailRow(i) {
    var tr = h('tr', 'detail-row');
    var td = h('td');
    td.colSpan = ncols;
    td.appendChild(detail(i));
    tr.appendChild(td);
    return tr;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(view.length / state.size));
    if (state.page >= pages) { state.page = pages - 1; }
    if (state.page < 0) { state.page = 0; }
    var start = state.page * state.size, end = Math.min(view.length, start + state.size);
    var frag = doc.createDocumentFragment();
    for (var k = start; k < end; k++) {
      var i = view[k];
      frag.appendChild(row(i));
      if (open[i]) { frag.appendChild(detailRow(i)); }
    }
    tbody.replaceChildren(frag);
    var filtered = view.length < P.length ? ' (filtered from ' + num(P.length) + ')' : '';
    statusEl.textContent = view.length
      ? 'Showing ' + num(start + 1) + '\u2013' + num(end) + ' of ' + plural(view.length, 'page', 'pages') + filtered + '.'
      : 'No page matches these filters.';
    pagerPos.textContent = 'Page ' + num(state.page + 1) + ' of ' + num(pages);
    var pager = doc.querySelector('.pager');
    pager.hidden = pages < 2;
    pager.querySelector('[data-go="first"]').disabled = state.page === 0;
    pager.querySelector('[data-go="prev"]').disabled = state.page === 0;
    pager.querySelector('[data-go="next"]').disabled = state.page >= pages - 1;
    pager.querySelector('[data-go="last"]').disabled = state.page >= pages - 1;
    Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (th) {
      var active = th.getAttribute('data-sort') === state.sort;
      if (active) { th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending'); } else { th.removeAttribute('aria-sort'); }
      var arrow = th.querySelector('.sort-arrow');
      if (arrow) { arrow.textContent = active ? (state.dir > 0 ? '\u25B2' : '\u25BC') : ''; }
    });
  }
  function refresh() { state.page = 0; recompute(); render(); }

  // --- one page's detail -----------------------------------------------------------------
  function fixesOf(i) {
    if (!pageFixes) {
      pageFixes = Object.create(null);
      FX.forEach(function (fx, k) {
        fx.pg.forEach(function (j) { (pageFixes[j] = pageFixes[j] || []).push(k); });
      });
    }
    return pageFixes[i] || [];
  }
  function fact(dl, label, value) {
    var div = h('div');
    add(div, h('dt', null, label), add(h('dd'), value));
    dl.appendChild(div);
  }
  function detail(i) {
    var p = P[i];
    var d = h('div', 'detail');
    d.id = 'detail-' + i;
    var title = h('h3', null, p.t || untitled(p));
    title.tabIndex = -1;
    var where = (D.root || '') + p.p;
    if (where !== p.u) { add(d, title, h('p', 'loc', where)); } else { add(d, title); }
    if (p.u) { add(d, add(h('p'), 'Address: ', link(p.u))); }
    else if (p.ut) { add(d, add(h('p'), 'Address: ', h('span', 'url', p.ut))); }

    var dl = h('dl', 'facts');
    fact(dl, 'Score', fmt(p.sc) + (p.sc === undefined ? ' (not scored)' : ' / 100, ' + BAND_NAME[band(p.sc)]));
    if (p.k) { fact(dl, 'Kind', p.k); }
    fact(dl, 'Words', num(p.w));
    if (p.re !== undefined) { fact(dl, 'Reading ease', fmt(p.re)); }
    if (p.st) { fact(dl, 'HTTP status', String(p.st)); }
    fact(dl, 'Findings', [0, 1, 2].map(function (s) { return plural(p.n[s], SEV[s], SEV_PLURAL[s]); }).join(', '));
    d.appendChild(dl);

    if (p.rd && p.rd.length) {
      add(d, h('h4', null, 'Redirect chain'));
      var ol = h('ol', 'chain');
      p.rd.forEach(function (hop) {
        var li = h('li');
        if (hop[0]) { add(li, h('span', 'status status-' + String(hop[0]).charAt(0) + 'xx', hop[0]), ' '); }
        add(li, hop[2] ? link(hop[2], hop[1]) : h('span', 'url', hop[1]));
        ol.appendChild(li);
      });
      d.appendChild(ol);
      if (p.rs) { add(d, h('p', 'note', 'Redirects stopped: ' + p.rs)); }
    }
    if (p.fe) { add(d, h('p', 'note', 'Could not be fetched: ' + p.fe)); }

    if (p.c && p.c.length) {
      add(d, h('h4', null, 'Category scores'));
      var ul = h('ul', 'cat-list');
      p.c.forEach(function (v, k) {
        if (v === null || v === undefined) { return; }
        var meter = h('meter');
        meter.setAttribute('min', '0'); meter.setAttribute('max', '100');
        meter.setAttribute('low', '50'); meter.setAttribute('high', '89.9');
        meter.setAttribute('optimum', '100'); meter.setAttribute('value', String(v));
        meter.setAttribute('aria-label', CATS[k] + ' score');
        add(ul, add(h('li'), h('span', null, CATS[k]), meter, h('span', 'v', fmt(v))));
      });
      d.appendChild(ul);
    }

    var findings = p.f || [];
    add(d, h('h4', null, 'Findings (' + num(findings.length) + ')'));
    if (!findings.length) {
      add(d, h('p', null, 'No findings on this page.'));
    } else {
      var fl = h('ol', 'findings');
      findings.slice().sort(function (a, b) { return a[1] - b[1] || (a[2] || 0) - (b[2] || 0); }).forEach(function (f) {
        var sev = SEV[f[1]] || 'info';
        var li = h('li', 'finding sev-' + sev);
        var badge = h('span', 'sev-badge ' + sev);
        var icon = h('span', null, SEV_ICON[f[1]] + ' ');
        icon.setAttribute('aria-hidden', 'true');
        add(badge, icon, sev);
        add(li, badge, h('code', null, f[0]), ' ' + (str(f[6]) || ''));
        if (f[2]) { add(li, ' ', h('span', 'where', 'line ' + f[2] + (f[3] ? ', column ' + f[3] : ''))); }
        add(li, h('span', 'msg', str(f[4]) || ''));
        if (f[5] !== null && f[5] !== undefined) { add(li, h('span', 'fix-line', str(f[5]))); }
        fl.appendChild(li);
      });
      d.appendChild(fl);
    }

    var mine = fixesOf(i);
    if (mine.length) {
      add(d, h('h4', null, 'Ranked fixes that include this page'));
      var xl = h('ul');
      mine.forEach(function (k) {
        var fx = FX[k];
        var a = h('a', null, '#' + fx.r + ' (+' + fx.g.toFixed(2) + ') ' + (str(fx.x) || fx.c));
        a.setAttribute('href', '#fix-' + fx.r);
        add(xl, add(h('li'), a));
      });
      d.appendChild(xl);
    }

    if (p.m && p.m.length) {
      add(d, h('h4', null, 'Metrics'));
      var ml = h('dl', 'metrics');
      p.m.forEach(function (v, k) {
        if (v === null || v === undefined) { return; }
        var shown = typeof v === 'number' ? (Number.isInteger(v) ? num(v) : String(v)) : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
        fact(ml, metricName(MK[k]), shown);
      });
      d.appendChild(ml);
    }
    if (p.na !== undefined) {
      add(d, h('p', 'na', 'Rules that do not apply to this page: ' + str(p.na).split(' ').join(', ') + '.'));
    }
    return d;
  }
  function toggle(i, button) {
    var tr = button.closest('tr');
    if (open[i]) {
      delete open[i];
      var next = tr.nextElementSibling;
      if (next && next.classList.contains('detail-row')) { next.remove(); }
      button.setAttribute('aria-expanded', 'false');
    } else {
      open[i] = true;
      tr.after(detailRow(i));
      button.setAttribute('aria-expanded', 'true');
    }
  }
  function clearFilters() {
    state.q = state.sev = state.rule = state.kind = state.status = '';
    state.fix = -1; fixSet = null;
    ['f-q', 'f-sev', 'f-rule', 'f-kind', 'f-status'].forEach(function (id) {
      var e = doc.getElementById(id);
      if (e) { e.value = ''; }
    });
    doc.getElementById('f-fix').hidden = true;
  }
  function showPage(i) {
    if (!(i >= 0 && i < P.length)) { return; }
    var pos = view.indexOf(i);
    if (pos < 0) { clearFilters(); recompute(); pos = view.indexOf(i); }
    state.page = Math.floor(pos / state.size);
    open[i] = true;
    render();
    var d = doc.getElementById('detail-' + i);
    if (d) {
      d.scrollIntoView({ block: 'start' });
      d.querySelector('h3').focus({ preventScroll: true });
    }
  }
  function showFix(k) {
    var fx = FX[k];
    if (!fx) { return; }
    clearFilters();
    state.fix = k;
    fixSet = Object.create(null);
    fx.pg.forEach(function (j) { fixSet[j] = true; });
    var text = str(fx.x) || fx.c;
    doc.getElementById('f-fix-label').textContent = 'Pages of fix #' + fx.r + ': ' + (text.length > 90 ? text.slice(0, 89) + '\u2026' : text);
    doc.getElementById('f-fix').hidden = false;
    refresh();
    doc.getElementById('pages').scrollIntoView({ block: 'start' });
  }
  function openFix(rank) {
    var li = doc.getElementById('fix-' + rank);
    if (li) {
      li.querySelector('details').open = true;
      var more = li.closest('details.more-fixes');
      if (more) { more.open = true; }
      li.scrollIntoView({ block: 'start' });
    }
  }
  function route() {
    var m = /^#page-(\d+)$/.exec(location.hash);
    if (m) { showPage(Number(m[1])); return; }
    m = /^#fix-(\d+)$/.exec(location.hash);
    if (m) { openFix(Number(m[1])); }
  }

  // --- wiring ----------------------------------------------------------------------------
  Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (th) {
    var b = h('button', null, th.textContent);
    b.type = 'button';
    var arrow = h('span', 'sort-arrow');
    arrow.setAttribute('aria-hidden', 'true');
    b.appendChild(arrow);
    th.replaceChildren(b);
    b.addEventListener('click', function () {
      var key = th.getAttribute('data-sort');
      if (state.sort === key) { state.dir = -state.dir; } else { state.sort = key; state.dir = FIRST_DIR[key] || 1; }
      refresh();
    });
  });
  tbody.addEventListener('click', function (ev) {
    var b = ev.target.closest('.page-toggle');
    if (b) { toggle(Number(b.getAttribute('data-i')), b); }
  });
  var timer = 0;
  doc.getElementById('f-q').addEventListener('input', function (ev) {
    clearTimeout(timer);
    var value = ev.target.value;
    timer = setTimeout(function () { state.q = value.trim().toLowerCase(); refresh(); }, 120);
  });
  [['f-sev', 'sev'], ['f-rule', 'rule'], ['f-kind', 'kind'], ['f-status', 'status']].forEach(function (pair) {
    var e = doc.getElementById(pair[0]);
    if (e) { e.addEventListener('change', function () { state[pair[1]] = e.value; refresh(); }); }
  });
  doc.getElementById('f-size').addEventListener('change', function (ev) {
    state.size = Number(ev.target.value) || 50;
    refresh();
  });
  doc.getElementById('f-fix-clear').addEventListener('click', function () {
    state.fix = -1; fixSet = null;
    doc.getElementById('f-fix').hidden = true;
    refresh();
  });
  doc.querySelector('.pager').addEventListener('click', function (ev) {
    var b = ev.target.closest('button[data-go]');
    if (!b) { return; }
    var go = b.getAttribute('data-go'), last = Math.max(0, Math.ceil(view.length / state.size) - 1);
    state.page = go === 'first' ? 0 : go === 'prev' ? state.page - 1 : go === 'next' ? state.page + 1 : last;
    render();
    table.scrollIntoView({ block: 'start' });
  });
  Array.prototype.forEach.call(doc.querySelectorAll('button.show-fix'), function (b) {
    b.addEventListener('click', function () { showFix(Number(b.getAttribute('data-fix'))); });
  });
  // A link to the page already in the address bar fires no hashchange: route it by hand.
  doc.addEventListener('click', function (ev) {
    var a = ev.target.closest('a[href^="#page-"], a[href^="#fix-"]');
    if (a && a.getAttribute('href') === location.hash) { ev.preventDefault(); route(); }
  });
  window.addEventListener('hashchange', route);
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    reopened = Array.prototype.filter.call(doc.querySelectorAll('.fix details, details.more-fixes'), function (det) { return !det.open; });
    reopened.forEach(function (det) { det.open = true; });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (det) { det.open = false; });
    reopened = [];
  });

  Array.prototype.forEach.call(doc.querySelectorAll('.js-only:not(.pager)'), function (e) { e.hidden = false; });
  doc.documentElement.classList.remove('no-js');
  doc.documentElement.classList.add('js');
  recompute();
  render();
  route();
}());
