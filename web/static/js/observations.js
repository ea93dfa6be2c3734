// Observations: the machine-suggested draft list of observations of one
// State, per article: measures, successes, challenges and needs, each line
// with why it was suggested, the legislation cited and a link to the page
// of the State's document it came from.

import {$, $$, h, clear, say, pagesText, INSTRUMENTS} from './dom.js';
import {api, downloadButtons, errorText, session, stateName, pdfButton} from './api.js';

let last = null;

const SECTIONS = [
  ['measures', 'Measures reported'],
  ['successes', 'Successes and good practices'],
  ['challenges', 'Challenges and gaps'],
  ['needs', 'Technical assistance needs'],
];

export function init(sec) {
  $('#obs-form', sec).addEventListener('submit', (e) => {
    e.preventDefault();
    run(sec);
  });
  downloadButtons(sec, '/api/observations', () => last, (last, fmt) => `observations-${last.country}.${fmt}`, '#obs-status', '#obs-error');
}

/** show offers the reviewer's States in a list, the secretariat a free field. */
export function show(sec) {
  const me = session.me;
  const sel = $('#obs-country', sec);
  const txt = $('#obs-country-text', sec);
  const hint = $('#obs-country-hint', sec);
  const label = $('#obs-country-field label', sec);
  if (me.all_states) {
    sel.hidden = true;
    txt.hidden = false;
    hint.hidden = false;
    label.htmlFor = 'obs-country-text';
    const list = $('#obs-country-list', sec);
    clear(list, [...session.names.entries()].sort((a, b) => a[1].localeCompare(b[1]))
      .map(([code, name]) => h('option', {value: code}, name)));
  } else {
    sel.hidden = false;
    txt.hidden = true;
    hint.hidden = true;
    label.htmlFor = 'obs-country';
    const keep = sel.value;
    clear(sel, me.countries.map((c) => h('option', {value: c}, stateName(c) === c ? c : `${stateName(c)} (${c})`)));
    if (keep && me.countries.includes(keep)) sel.value = keep;
  }
}

export function reset(sec) {
  last = null;
  $('#obs-form', sec).reset();
  clear($('#obs-result', sec));
  $('#obs-result', sec).dataset.state = 'idle';
  $('#obs-status', sec).textContent = '';
  for (const b of $$('.downloads button', sec)) b.disabled = true;
}

async function run(sec) {
  const err = $('#obs-form-error', sec);
  say(err, '');
  say($('#obs-error', sec), '');
  const country = (session.me.all_states ? $('#obs-country-text', sec) : $('#obs-country', sec)).value.trim();
  if (!country) {
    say(err, 'Name the State under review.');
    (session.me.all_states ? $('#obs-country-text', sec) : $('#obs-country', sec)).focus();
    return;
  }
  const [kind, value] = $('#obs-part', sec).value.split(':');
  const params = {country, [kind]: value};
  const box = $('#obs-result', sec);
  const status = $('#obs-status', sec);
  box.dataset.state = 'loading';
  box.setAttribute('aria-busy', 'true');
  status.textContent = 'Drafting\u2026';
  const btn = $('#obs-submit', sec);
  btn.disabled = true;
  try {
    const o = await api('/api/observations', {params: {...params, format: 'json'}});
    last = {...params, country: o.country_code || country};
    render(box, o);
    const n = o.articles.reduce((s, a) => s + SECTIONS.reduce((t, [k]) => t + (a[k] || []).length, 0), 0);
    status.textContent = `Draft for ${o.country}: ${n} suggested lines on ${o.articles.length} articles.`;
    for (const b of $$('.downloads button', sec)) b.disabled = false;
    box.dataset.state = 'ready';
  } catch (e) {
    status.textContent = '';
    clear(box);
    box.dataset.state = 'error';
    say($('#obs-error', sec), errorText(e));
  } finally {
    box.removeAttribute('aria-busy');
    btn.disabled = false;
  }
}

function render(box, o) {
  const part = o.cluster ? `Cluster ${o.cluster}: ${o.cluster_name}` : (o.instruments || []).map((i) => INSTRUMENTS[i] || i).join(', ');
  clear(box,
    h('article', {class: 'draft', 'aria-labelledby': 'obs-title'},
      h('h2', {id: 'obs-title', tabindex: '-1'}, `${o.country} (${o.country_code})`, h('span', {class: 'sub'}, ' \u2014 ' + part)),
      h('div', {class: 'notice', role: 'note', id: 'obs-notice'}, h('p', {}, o.notice)),
      h('section', {'aria-labelledby': 'obs-intro-h'},
        h('h3', {id: 'obs-intro-h'}, 'Introduction'),
        h('ul', {class: 'intro'}, (o.introduction || []).map((p) => h('li', {}, p)))),
      h('section', {'aria-labelledby': 'obs-src-h'},
        h('h3', {id: 'obs-src-h'}, 'Read from'),
        h('ul', {class: 'plain sources'}, (o.submissions || []).map((s) => h('li', {},
          `${s.submission_id}, version ${s.version} (${s.file}) `,
          pdfButton({upload: s.upload}, 0, 'Open PDF'))))),
      (o.articles || []).map((a, i) => article(a, i))));
}

function article(a, i) {
  const hid = `obs-art-${i}`;
  return h('section', {class: 'obs-article', 'aria-labelledby': hid},
    h('h3', {id: hid}, `${a.instrument}, article ${a.article}`, a.title ? ` \u2014 ${a.title}` : ''),
    SECTIONS.map(([key, title]) => {
      const lines = a[key] || [];
      return h('section', {class: 'obs-part obs-' + key, 'aria-label': `${title}, ${a.instrument} article ${a.article}`},
        h('h4', {}, title),
        lines.length === 0 ? h('p', {class: 'hint'}, 'None suggested.')
          : h('ul', {class: 'lines'}, lines.map((l, j) => line(l, `${hid}-${key}-${j}`))));
    }));
}

function line(l, id) {
  const ev = l.evidence || {};
  const page = ev.pages && ev.pages.length ? ev.pages[0] : 0;
  const where = `${ev.submission_id || ''}, ${ev.instrument || ''} art. ${ev.article || ''}, question ${ev.question || '?'}${ev.pages && ev.pages.length ? ', ' + pagesText(ev.pages) : ''}`;
  return h('li', {class: 'line', id},
    h('p', {class: 'line-text pre'}, l.text),
    h('p', {class: 'line-meta'},
      h('span', {class: 'basis'}, h('span', {class: 'meta-label'}, 'Why suggested: '), l.basis || '\u2014')),
    l.citations && l.citations.length ? h('p', {class: 'line-meta'},
      h('span', {class: 'meta-label'}, 'Legislation cited: '), l.citations.join('; ')) : null,
    h('p', {class: 'line-meta evidence'},
      h('span', {class: 'meta-label'}, 'Evidence: '), h('span', {id: id + '-ev'}, where), ' ',
      ev.upload ? pdfButton({upload: ev.upload}, page, page ? `Open evidence p. ${page}` : 'Open evidence', id + '-ev') : null));
}
