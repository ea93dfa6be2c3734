// Search: query, filters, facet counts, hits with highlighted passages,
// paging, and a link to the page of the original PDF.

import {$, h, clear, say, choiceBadge, choiceLabel, fragment, pagesText, articleRef} from './dom.js';
import {api, errorText, learnName, stateName, pdfButton} from './api.js';

const LIMIT = 10;

const FACETS = [
  ['country', 'State'],
  ['instrument', 'Instrument'],
  ['article', 'Article'],
  ['cluster', 'Cluster'],
  ['choice', 'Answer ticked'],
];

let state = fresh();
let seq = 0;
let ran = false;

function fresh() {
  return {q: '', instrument: '', article: '', choice: '', language: '', cluster: '', sort: '', countries: [], offset: 0};
}

/** fromForm reads the form's controls into the state. */
function fromForm(sec) {
  state.q = $('#q', sec).value.trim();
  state.instrument = $('#f-instrument', sec).value;
  state.article = $('#f-article', sec).value.trim();
  state.choice = $('#f-choice', sec).value;
  state.language = $('#f-language', sec).value;
  state.cluster = $('#f-cluster', sec).value;
  state.sort = $('#f-sort', sec).value;
}

/** toForm shows the state in the form's controls. */
function toForm(sec) {
  $('#q', sec).value = state.q;
  $('#f-instrument', sec).value = state.instrument;
  $('#f-article', sec).value = state.article;
  $('#f-choice', sec).value = state.choice;
  $('#f-language', sec).value = state.language;
  $('#f-cluster', sec).value = state.cluster;
  $('#f-sort', sec).value = state.sort;
  const chips = $('#country-chips', sec);
  clear(chips, state.countries.map((c) => h('li', {},
    h('button', {type: 'button', class: 'chip', 'aria-label': `Remove filter: ${stateName(c)}`,
      onclick: () => { state.countries = state.countries.filter((x) => x !== c); state.offset = 0; run(sec); }},
    stateName(c), h('span', {'aria-hidden': 'true', class: 'chip-x'}, ' \u00d7')))));
  $('#active-filters', sec).hidden = state.countries.length === 0;
}

export function init(sec) {
  $('#search-form', sec).addEventListener('submit', (e) => {
    e.preventDefault();
    fromForm(sec);
    state.offset = 0;
    run(sec);
  });
  for (const id of ['#f-instrument', '#f-choice', '#f-language', '#f-cluster', '#f-sort']) {
    $(id, sec).addEventListener('change', () => { fromForm(sec); state.offset = 0; run(sec); });
  }
  $('#search-reset', sec).addEventListener('click', () => {
    state = fresh();
    toForm(sec);
    run(sec);
    $('#q', sec).focus();
  });
  $('#prev-page', sec).addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - LIMIT);
    run(sec, true);
  });
  $('#next-page', sec).addEventListener('click', () => {
    state.offset += LIMIT;
    run(sec, true);
  });
}

export function show(sec) {
  if (!ran) {
    ran = true;
    run(sec);
  }
}

export function reset(sec) {
  state = fresh();
  ran = false;
  toForm(sec);
  clear($('#hits', sec));
  clear($('#facet-lists', sec));
  $('#search-summary', sec).textContent = '';
  $('#pager', sec).hidden = true;
  $('#search-results', sec).dataset.state = 'idle';
}

/** applyFacet filters by a facet term, or removes that filter when it is on. */
function applyFacet(sec, name, term) {
  switch (name) {
    case 'country':
      state.countries = state.countries.includes(term)
        ? state.countries.filter((c) => c !== term) : [...state.countries, term];
      break;
    case 'instrument': state.instrument = state.instrument === term ? '' : term; break;
    case 'article': state.article = state.article === term ? '' : term; break;
    case 'cluster': state.cluster = state.cluster === term ? '' : term; break;
    case 'choice': state.choice = state.choice === term ? '' : term; break;
  }
  state.offset = 0;
  run(sec);
}

function facetActive(name, term) {
  switch (name) {
    case 'country': return state.countries.includes(term);
    case 'instrument': return state.instrument === term;
    case 'article': return state.article === term;
    case 'cluster': return state.cluster === term;
    case 'choice': return state.choice === term;
  }
  return false;
}

function facetLabel(name, term) {
  if (name === 'country') return stateName(term) === term ? term : `${stateName(term)} (${term})`;
  if (name === 'choice') return choiceLabel(term === 'none' ? '' : term);
  if (name === 'cluster') return 'Cluster ' + term;
  return term;
}

/** run searches with the state and renders the answer. */
async function run(sec, focusResults = false) {
  const my = ++seq;
  // A facet button or a State chip that had the focus is re-rendered:
  // give the focus back to its successor so keyboard users keep their place.
  const active = document.activeElement;
  const refocus = active && active.classList.contains('facet-term')
    ? {facet: active.dataset.facet, term: active.dataset.term}
    : active && active.classList.contains('chip') ? {chip: true} : null;
  toForm(sec);
  const box = $('#search-results', sec);
  box.dataset.state = 'loading';
  box.setAttribute('aria-busy', 'true');
  say($('#search-error', sec), '');
  $('#search-summary', sec).textContent = 'Searching\u2026';
  const params = {
    q: state.q, limit: LIMIT, offset: state.offset, country: state.countries, instrument: state.instrument,
    article: state.article, cluster: state.cluster, choice: state.choice, language: state.language, sort: state.sort,
  };
  let res;
  try {
    res = await api('/api/search', {params});
  } catch (e) {
    if (my !== seq) return;
    box.dataset.state = 'error';
    box.removeAttribute('aria-busy');
    $('#search-summary', sec).textContent = '';
    say($('#search-error', sec), e.kind === 'invalid_query' ? 'The search could not be read: ' + e.message : errorText(e));
    clear($('#hits', sec));
    $('#pager', sec).hidden = true;
    return;
  }
  if (my !== seq) return; // a newer search has started
  for (const hit of res.hits || []) learnName(hit.country_code, hit.country);
  renderFacets(sec, res.facets || {});
  renderHits(sec, res);
  toForm(sec); // chips now have names
  box.dataset.state = 'ready';
  box.dataset.total = String(res.total);
  box.dataset.seq = String(my); // tells tests (and nothing else) that this search is shown
  box.removeAttribute('aria-busy');
  if (refocus && refocus.facet) {
    const b = Array.from(sec.querySelectorAll('button.facet-term'))
      .find((x) => x.dataset.facet === refocus.facet && x.dataset.term === refocus.term);
    (b || $('#results-h', sec)).focus();
  } else if (refocus && refocus.chip) {
    ($('#country-chips button', sec) || $('#results-h', sec)).focus();
  } else if (focusResults) {
    $('#results-h', sec).focus();
  }
}

function renderFacets(sec, facets) {
  const lists = $('#facet-lists', sec);
  clear(lists, FACETS.map(([name, title]) => {
    const terms = facets[name] || [];
    const hid = 'facet-h-' + name;
    return h('section', {class: 'facet', 'aria-labelledby': hid, dataset: {facet: name}},
      h('h3', {id: hid}, title),
      terms.length === 0 ? h('p', {class: 'hint'}, 'No values.') :
        h('ul', {class: 'facet-list'}, terms.map((t) => {
          const on = facetActive(name, t.term);
          return h('li', {},
            h('button', {type: 'button', class: 'facet-term', 'aria-pressed': on ? 'true' : 'false',
              dataset: {facet: name, term: t.term}, onclick: () => applyFacet(sec, name, t.term)},
            h('span', {class: 'facet-name'}, facetLabel(name, t.term)),
            h('span', {class: 'count'}, h('span', {class: 'vh'}, ', '), String(t.count),
              h('span', {class: 'vh'}, t.count === 1 ? ' answer' : ' answers'))));
        })));
  }));
}

function renderHits(sec, res) {
  const total = res.total || 0;
  const hits = res.hits || [];
  const from = total ? state.offset + 1 : 0;
  const to = state.offset + hits.length;
  $('#search-summary', sec).textContent = total === 0
    ? 'No answers match.'
    : `${total} ${total === 1 ? 'answer' : 'answers'} \u2014 showing ${from}\u2013${to}.`;
  clear($('#hits', sec), hits.map((hit, i) => {
    const id = `hit-${state.offset + i}`;
    const page = hit.pages && hit.pages.length ? hit.pages[0] : 0;
    return h('li', {class: 'hit', dataset: {country: hit.country_code}},
      h('article', {'aria-labelledby': id + '-h'},
        h('div', {class: 'hit-head'},
          h('h3', {id: id + '-h'},
            h('span', {class: 'hit-state'}, hit.country || hit.country_code),
            h('span', {class: 'hit-ref'}, ' \u00b7 ' + articleRef(hit))),
          choiceBadge(hit.choice)),
        h('p', {class: 'hit-meta'}, hit.submission_id, hit.pages && hit.pages.length ? ' \u00b7 ' + pagesText(hit.pages) : ''),
        (hit.fragments || []).map((f) => h('p', {class: 'fragment'}, fragment(f))),
        h('p', {class: 'hit-actions'},
          pdfButton({submission: hit.submission_id}, page, page ? `Open PDF p. ${page}` : 'Open PDF', id + '-h'))));
  }));
  const pager = $('#pager', sec);
  pager.hidden = total <= LIMIT;
  $('#prev-page', sec).disabled = state.offset === 0;
  $('#next-page', sec).disabled = state.offset + LIMIT >= total;
  const pages = Math.max(1, Math.ceil(total / LIMIT));
  $('#page-info', sec).textContent = `Page ${Math.floor(state.offset / LIMIT) + 1} of ${pages}`;
}
