// Compare: the States in scope on a theme or articles. Rendered from the
// comparison JSON: the answer matrix (one row per aligned question, one
// column per State, coloured cells with text labels), a spread bar per
// question, the groups of similar answers, the States' summaries, the
// States that sent nothing, and downloads of the server's reports.

import {$, $$, h, clear, say, choiceBadge, pagesText, truncate, LANGUAGES} from './dom.js';
import {api, downloadButtons, errorText, learnName, stateName, session, pdfButton} from './api.js';

let themesLoaded = false;
let last = null; // params of the comparison shown

const CELL = {
  yes: 'yes',
  yes_in_part: 'yes in part',
  no: 'no',
  not_applicable: 'n/a',
  answered: 'answered',
  unanswered: 'unanswered',
  not_expected: 'not expected',
  not_submitted: 'not submitted',
};

const CELL_TITLE = {
  yes: 'Yes',
  yes_in_part: 'Yes, in part',
  no: 'No',
  not_applicable: 'Not applicable',
  answered: 'Answered (narrative)',
  unanswered: 'Unanswered',
  not_expected: 'Not expected to answer',
  not_submitted: 'Not submitted',
};

const FLAGS = {
  no_citation: 'ticked yes, no legislation cited',
  no_explanation: 'no explanation given',
  not_ticked: 'narrative given, nothing ticked',
  unanswered: 'unanswered',
};

// Above this many States without any submission, they are listed below
// the matrix rather than given a column each.
const MAX_ABSENT_COLUMNS = 8;

export function init(sec) {
  $('#compare-form', sec).addEventListener('submit', (e) => {
    e.preventDefault();
    run(sec);
  });
  downloadButtons(sec, '/api/compare', () => last, (last, fmt) => `comparison${last.theme ? '-' + last.theme : ''}.${fmt}`, '#compare-status', '#compare-error');
}

export async function show(sec) {
  const me = session.me;
  $('#cmp-countries-hint', sec).textContent = me && !me.all_states
    ? `Codes or names separated by commas, among ${me.countries.join(', ')}; empty compares all of them.`
    : 'Codes or names separated by commas; empty compares every State.';
  if (themesLoaded) return;
  try {
    const themes = await api('/api/themes');
    const sel = $('#cmp-theme', sec);
    for (const t of themes) {
      const arts = t.articles.map((a) => `${a.instrument} ${a.article}`).join(', ');
      sel.append(h('option', {value: t.name}, `${t.title} (${arts})`));
    }
    themesLoaded = true;
  } catch (e) {
    say($('#compare-error', sec), 'The themes could not be loaded: ' + errorText(e));
  }
}

export function reset(sec) {
  themesLoaded = false;
  last = null;
  const sel = $('#cmp-theme', sec);
  while (sel.options.length > 1) sel.remove(1);
  $('#compare-form', sec).reset();
  clear($('#compare-result', sec));
  $('#compare-result', sec).dataset.state = 'idle';
  $('#compare-status', sec).textContent = '';
  for (const b of $$('.downloads button', sec)) b.disabled = true;
}

/** parseArticles reads "UNTOC:24 TIP 6, SOM:16" into ["UNTOC:24", "TIP:6", "SOM:16"]. */
export function parseArticles(s) {
  const out = [];
  const bad = [];
  for (const tok of s.replace(/\b([A-Za-z]+)\s+(\d+)\b/g, '$1:$2').split(/[\s,;]+/)) {
    if (!tok) continue;
    const m = /^([A-Za-z]+):(\d+)$/.exec(tok);
    if (m) out.push(m[1].toUpperCase() + ':' + m[2]);
    else bad.push(tok);
  }
  return {articles: out, bad};
}

function splitList(s) {
  return s.split(/[,;]+/).map((x) => x.trim()).filter(Boolean);
}

async function run(sec) {
  const err = $('#compare-form-error', sec);
  say(err, '');
  say($('#compare-error', sec), '');
  const theme = $('#cmp-theme', sec).value;
  const {articles, bad} = parseArticles($('#cmp-articles', sec).value);
  if (bad.length) {
    say(err, `Not an article: ${bad.join(', ')}. Write the instrument and the article number, e.g. UNTOC:24.`);
    $('#cmp-articles', sec).focus();
    return;
  }
  if (!theme && articles.length === 0) {
    say(err, 'Choose a theme or type at least one article.');
    $('#cmp-theme', sec).focus();
    return;
  }
  const params = {theme, article: articles, country: splitList($('#cmp-countries', sec).value)};
  const box = $('#compare-result', sec);
  const status = $('#compare-status', sec);
  box.dataset.state = 'loading';
  box.setAttribute('aria-busy', 'true');
  status.textContent = 'Comparing\u2026';
  const btn = $('#compare-submit', sec);
  btn.disabled = true;
  try {
    const c = await api('/api/compare', {params: {...params, format: 'json'}});
    last = params;
    render(box, c);
    status.textContent = `Compared ${c.countries.length} ${c.countries.length === 1 ? 'State' : 'States'} on ${c.questions.length} questions.`;
    for (const b of $$('.downloads button', sec)) b.disabled = false;
    box.dataset.state = 'ready';
  } catch (e) {
    status.textContent = '';
    clear(box);
    box.dataset.state = 'error';
    say($('#compare-error', sec), errorText(e));
  } finally {
    box.removeAttribute('aria-busy');
    btn.disabled = false;
  }
}

/** cellOf is the matrix cell of a State for a question, as the CSV has it. */
function cellOf(q, code, absent, byState) {
  const a = byState.get(code);
  if (absent) return 'not_submitted';
  if (!a) return (q.not_submitted || []).includes(code) ? 'not_submitted' : 'not_expected';
  if (!q.tick_box) return (a.text || '').trim() ? 'answered' : 'unanswered';
  return CELL[a.choice] && a.choice !== 'answered' ? a.choice : 'unanswered';
}

function qRef(q) {
  return `${q.instrument} ${q.article} Q${q.question}`;
}

function parts(q) {
  const d = q.distribution || {};
  if (!q.tick_box) return [['answered', d.answered || 0], ['unanswered', d.unanswered || 0]];
  return [['yes', d.yes || 0], ['yes_in_part', d.yes_in_part || 0], ['no', d.no || 0],
    ['not_applicable', d.not_applicable || 0], ['unanswered', d.unanswered || 0]];
}

function distributionLine(q) {
  const s = parts(q).map(([k, n]) => `${CELL_TITLE[k]} ${n}`);
  if (q.tick_box) s.push(`narrative answers ${(q.distribution || {}).answered || 0}`);
  return s.join(' \u00b7 ');
}

/** spreadBar draws the spread of a question; the label carries the numbers. */
function spreadBar(q, big) {
  const label = `Spread of answers to ${qRef(q)}: ${distributionLine(q)}`;
  const bar = h('div', {class: 'spread' + (big ? ' spread-big' : ''), role: 'img', 'aria-label': label, title: distributionLine(q)});
  let total = 0;
  for (const [k, n] of parts(q)) {
    if (!n) continue;
    total += n;
    const seg = h('span', {class: 'seg cell-' + k.replace(/_/g, '-')}, big ? `${CELL[k]} ${n}` : String(n));
    seg.style.flexGrow = String(n); // CSSOM, allowed by the style-src policy
    bar.append(seg);
  }
  if (!total) bar.append(h('span', {class: 'seg seg-empty'}, 'no answers'));
  return bar;
}

function render(box, c) {
  for (const q of c.questions) for (const a of q.answers) learnName(a.country_code, a.country);
  for (const s of c.states) learnName(s.country_code, s.country);
  const absent = c.not_submitted || [];
  const columns = c.countries.map((code) => ({code, absent: false}));
  if (absent.length <= MAX_ABSENT_COLUMNS) for (const code of absent) columns.push({code, absent: true});
  const articles = c.articles.map((a) => `${a.instrument} ${a.article}`).join(', ');

  clear(box,
    h('h2', {id: 'cmp-title', tabindex: '-1'}, c.title || 'Comparison'),
    h('p', {}, `Articles: ${articles}. States compared: `,
      c.countries.length ? c.countries.map((x) => `${stateName(x)} (${x})`).join(', ') : 'none', '.'),
    legend(),
    matrix(c, columns),
    notSubmitted(absent),
    h('section', {'aria-labelledby': 'cmp-q-h', class: 'cmp-questions'},
      h('h3', {id: 'cmp-q-h'}, 'Questions in detail'),
      h('p', {class: 'hint'}, 'Each question with its spread, the groups of States that say similar things, and every answer with its source.'),
      c.questions.map((q, i) => questionDetail(q, i))),
    statesSection(c.states));
}

function legend() {
  return h('ul', {class: 'legend', 'aria-label': 'Legend of the matrix'},
    Object.keys(CELL).map((k) => h('li', {}, h('span', {class: 'swatch cell-' + k.replace(/_/g, '-'), 'aria-hidden': 'true'}),
      ` ${CELL[k]}`, k === CELL[k] ? '' : h('span', {class: 'vh'}, ` (${CELL_TITLE[k]})`))));
}

function matrix(c, columns) {
  const table = h('table', {class: 'matrix', id: 'compare-matrix'},
    h('caption', {id: 'cmp-matrix-caption'}, 'Answers by question (rows) and State (columns)'),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Question'),
      columns.map((col) => h('th', {scope: 'col', class: 'state-col'},
        h('abbr', {title: stateName(col.code)}, col.code), h('span', {class: 'vh'}, ' ' + stateName(col.code)))),
      h('th', {scope: 'col'}, 'Spread'))),
    h('tbody', {}, c.questions.map((q, i) => {
      const byState = new Map(q.answers.map((a) => [a.country_code, a]));
      return h('tr', {},
        h('th', {scope: 'row', class: 'qcell'},
          h('button', {type: 'button', class: 'linkish', title: q.question_text || '',
            onclick: () => openQuestion(i)}, qRef(q)),
          h('span', {class: 'qmeta'}, [q.paragraph ? ` (${q.paragraph})` : '', q.kind ? ' ' + q.kind : ''].join(''))),
        columns.map((col) => {
          const k = cellOf(q, col.code, col.absent, byState);
          return h('td', {class: 'cell cell-' + k.replace(/_/g, '-'), dataset: {cell: k}}, CELL[k]);
        }),
        h('td', {class: 'spread-cell'}, spreadBar(q, false)));
    })));
  return h('div', {class: 'table-scroll', role: 'region', 'aria-labelledby': 'cmp-matrix-caption', tabindex: '0'}, table);
}

function openQuestion(i) {
  const d = document.getElementById('cmp-q-' + i);
  if (!d) return;
  d.open = true;
  const s = d.querySelector('summary');
  s.focus();
  s.scrollIntoView({block: 'start'});
}

function notSubmitted(absent) {
  if (!absent.length) return h('p', {class: 'not-submitted'}, 'Every State expected to answer on these articles has a submission.');
  return h('details', {class: 'not-submitted', id: 'cmp-not-submitted'},
    h('summary', {}, `Not submitted: ${absent.length} ${absent.length === 1 ? 'State' : 'States'} expected to answer on these articles sent no answers`),
    h('ul', {class: 'code-list'}, absent.map((code) => h('li', {}, stateName(code) === code ? code : `${stateName(code)} (${code})`))));
}

function questionDetail(q, i) {
  const hid = `cmp-q-${i}-h`;
  return h('details', {class: 'question', id: 'cmp-q-' + i},
    h('summary', {id: hid}, h('strong', {}, qRef(q)), q.paragraph ? ` (${q.paragraph})` : '', q.kind ? ` ${q.kind}` : '',
      ' \u2014 ', truncate(q.question_text, 140)),
    h('div', {class: 'question-body'},
      q.question_text ? h('p', {class: 'question-text'}, q.question_text) : null,
      h('p', {}, distributionLine(q)),
      spreadBar(q, true),
      groups(q),
      answersTable(q, hid),
      q.not_submitted && q.not_submitted.length
        ? h('p', {class: 'hint'}, `${q.not_submitted.length} ${q.not_submitted.length === 1 ? 'State' : 'States'} expected to answer sent nothing on this article.`)
        : null));
}

function groups(q) {
  if (!q.groups || !q.groups.length) return h('p', {class: 'hint'}, 'No groups of similar answers.');
  return h('div', {class: 'groups'},
    h('h4', {}, 'Similar answers'),
    h('ul', {class: 'group-list'}, q.groups.map((g) => h('li', {class: 'group'},
      h('p', {}, h('strong', {}, g.countries.map(stateName).join(', ')),
        ` \u2014 similarity ${Number(g.similarity || 0).toFixed(2)}`),
      g.terms && g.terms.length ? h('div', {class: 'terms'}, 'Shared terms: ',
        h('ul', {class: 'terms-list'}, g.terms.map((t) => h('li', {class: 'term'}, t)))) : null,
      g.excerpt ? h('blockquote', {class: 'excerpt'}, h('p', {}, truncate(g.excerpt, 400)),
        h('footer', {}, '\u2014 ', stateName(g.excerpt_country))) : null))));
}

function answersTable(q, hid) {
  if (!q.answers.length) return h('p', {class: 'hint'}, 'No answers.');
  return h('div', {class: 'table-scroll'},
    h('table', {class: 'data answers'},
      h('caption', {class: 'vh'}, 'Answers to ' + qRef(q)),
      h('thead', {}, h('tr', {},
        ['State', 'Answer', 'What the State says', 'Legislation cited', 'Check', 'Source'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, q.answers.map((a) => {
        const ev = a.evidence || {};
        const page = (ev.pages && ev.pages[0]) || (a.pages && a.pages[0]) || 0;
        const text = a.text || '';
        return h('tr', {},
          h('th', {scope: 'row'}, a.country || a.country_code),
          h('td', {}, q.tick_box ? choiceBadge(a.choice) : (text.trim() ? 'answered' : 'unanswered')),
          h('td', {class: 'answer-text'}, text.length > 320
            ? h('details', {}, h('summary', {}, truncate(text, 320)), h('p', {class: 'pre'}, text))
            : h('p', {class: 'pre'}, text || '\u2014')),
          h('td', {}, a.citations && a.citations.length ? h('ul', {class: 'plain'}, a.citations.map((x) => h('li', {}, x))) : '\u2014'),
          h('td', {}, a.flags && a.flags.length ? h('ul', {class: 'plain flags'}, a.flags.map((f) => h('li', {}, FLAGS[f] || f))) : ''),
          h('td', {class: 'source'}, `${ev.submission_id || ''}, question ${ev.question || '?'}, ${pagesText(ev.pages || a.pages)}`, h('br'),
            ev.upload ? pdfButton({upload: ev.upload}, page, page ? `Open PDF p. ${page}` : 'Open PDF', hid) : null));
      }))));
}

function statesSection(states) {
  if (!states || !states.length) return null;
  return h('section', {'aria-labelledby': 'cmp-states-h', class: 'cmp-states'},
    h('h3', {id: 'cmp-states-h'}, 'States'),
    h('div', {class: 'state-cards'}, states.map((s) => {
      const d = s.distribution || {};
      const leg = s.legislation || [];
      return h('section', {class: 'state-card', 'aria-label': s.country},
        h('h4', {}, `${s.country} (${s.country_code})`),
        h('dl', {},
          h('dt', {}, 'Language'), h('dd', {}, LANGUAGES[s.language] || s.language || '\u2014'),
          h('dt', {}, 'Submissions'), h('dd', {}, (s.submissions || []).join(', ') || '\u2014'),
          h('dt', {}, 'Tick-box answers'),
          h('dd', {}, `yes ${d.yes || 0}, yes in part ${d.yes_in_part || 0}, no ${d.no || 0}, n/a ${d.not_applicable || 0}, unanswered ${d.unanswered || 0}`),
          h('dt', {}, `Legislation cited (${leg.length})`),
          h('dd', {}, leg.length ? h('ul', {class: 'plain'}, leg.slice(0, 8).map((l) => h('li', {}, l.key || l.text)),
            leg.length > 8 ? h('li', {}, `and ${leg.length - 8} more`) : null) : '\u2014'),
          h('dt', {}, 'Assistance needs'),
          h('dd', {}, (s.needs || []).length ? h('ul', {class: 'plain'}, s.needs.slice(0, 5).map((n) => h('li', {}, truncate(n.text, 160)))) : '\u2014'),
          h('dt', {}, 'Distinctive terms'),
          h('dd', {}, (s.distinctive_terms || []).join(', ') || '\u2014')));
    })));
}
