// Upload & status: send a questionnaire PDF (drop it or choose it), see
// what became of it, the list of uploads in scope with their state, and
// what the system read from a file, article by article.

import {$, $$, h, clear, say, choiceBadge, pagesText, formatDate, INSTRUMENTS, LANGUAGES} from './dom.js';
import {api, errorText, session, learnName, pdfButton} from './api.js';

// Plain words for the reasons a file is rejected (README, saq extract).
const REASONS = {
  not_pdf: 'This file is not a PDF.',
  empty: 'The file is empty: it has no pages, or no text and no images.',
  encrypted: 'The PDF is protected by a password. Send a copy without a password.',
  corrupt: 'The PDF is damaged or incomplete and could not be read. Export it again and send the new copy.',
  no_text: 'The pages are scanned images without text. The file needs text recognition (OCR), or send the original document saved as PDF.',
  too_large: 'The file is too large (over 50 MB or 1,000 pages).',
  timeout: 'Reading the file took too long. Try again, or split it into smaller files.',
};

let uploads = 0; // uploads sent from this page, for the outcome's data-seq

const STATES = {
  extracted: 'extracted',
  rejected: 'rejected',
  superseded: 'superseded',
};

export function reason(err) {
  if (!err) return '';
  return REASONS[err.kind] || 'The file could not be read.';
}

export function init(sec) {
  const input = $('#up-file', sec);
  const zone = $('#dropzone', sec);
  input.addEventListener('change', () => showFile(sec));
  for (const ev of ['dragenter', 'dragover']) {
    zone.addEventListener(ev, (e) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      zone.classList.add('dragging');
    });
  }
  for (const ev of ['dragleave', 'dragend']) zone.addEventListener(ev, () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const files = e.dataTransfer.files;
    if (!files || !files.length) return;
    const dt = new DataTransfer();
    dt.items.add(files[0]);
    input.files = dt.files;
    showFile(sec);
    input.focus();
  });
  $('#upload-form', sec).addEventListener('submit', (e) => {
    e.preventDefault();
    send(sec);
  });
  $('#uploads-refresh', sec).addEventListener('click', () => refresh(sec));
}

export function show(sec) {
  $('#up-country-field', sec).hidden = !session.me.all_states;
  refresh(sec);
}

export function reset(sec) {
  $('#upload-form', sec).reset();
  $('#up-file-name', sec).textContent = '';
  $('#upload-outcome', sec).hidden = true;
  clear($('#upload-outcome', sec));
  clear($('#uploads-table tbody', sec));
  clear($('#record-view', sec));
  $('#record-view', sec).hidden = true;
}

function showFile(sec) {
  const f = $('#up-file', sec).files[0];
  $('#up-file-name', sec).textContent = f ? `Selected: ${f.name} (${size(f.size)})` : '';
}

function size(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1 << 20)).toFixed(1)} MB`;
}

async function send(sec) {
  const err = $('#upload-form-error', sec);
  say(err, '');
  const input = $('#up-file', sec);
  const f = input.files[0];
  if (!f) {
    say(err, 'Choose a PDF file first.');
    input.focus();
    return;
  }
  const form = new FormData();
  form.append('file', f, f.name);
  const cluster = $('#up-cluster', sec).value;
  if (cluster) form.append('cluster', cluster);
  const language = $('#up-language', sec).value;
  if (language) form.append('language', language);
  for (const c of $$('input[name=instrument]:checked', sec)) form.append('instrument', c.value);
  if (session.me.all_states) {
    const country = $('#up-country', sec).value.trim();
    if (country) form.append('country', country);
  }
  const out = $('#upload-outcome', sec);
  const btn = $('#upload-submit', sec);
  btn.disabled = true;
  out.hidden = false;
  out.className = 'outcome';
  delete out.dataset.outcome;
  delete out.dataset.state;
  delete out.dataset.kind;
  clear(out, h('p', {}, `Uploading and reading ${f.name}\u2026`));
  try {
    let res = f.size > DIRECT ? await direct(f, form) : null;
    if (!res) res = await api('/api/uploads', {method: 'POST', body: form});
    if (res.outcome === 'queued') {
      clear(out, h('p', {}, `Received ${f.name}; waiting for it to be read\u2026`));
      res = await follow(res);
    }
    showOutcome(out, res, f.name);
    input.value = '';
    showFile(sec);
  } catch (e) {
    out.className = 'outcome outcome-rejected';
    out.dataset.outcome = 'error';
    out.dataset.kind = e.kind || '';
    clear(out, h('p', {}, h('strong', {}, 'Not accepted: '), errorText(e)));
  } finally {
    btn.disabled = false;
    out.dataset.seq = String(++uploads);
  }
  await refresh(sec);
}

// DIRECT is the size above which a file goes straight to storage when
// the server offers it: API Gateway and Lambda take about 4.4 MB of file.
const DIRECT = 4 << 20;

// direct PUTs a file to a presigned URL (the AWS deployment) and returns
// it as queued, or null when the server takes uploads itself only.
async function direct(f, form) {
  const fields = new URLSearchParams();
  fields.append('file', f.name);
  for (const [k, v] of form.entries()) if (k !== 'file') fields.append(k, v);
  let u;
  try {
    u = await api('/api/uploads/url', {method: 'POST', body: fields});
  } catch (e) {
    if (e.kind === 'not_found') return null;
    throw e;
  }
  const put = await fetch(u.url, {method: 'PUT', headers: u.headers, body: f, credentials: 'omit'});
  if (!put.ok) throw new Error(`the storage refused the file (${put.status})`);
  const digest = await crypto.subtle.digest('SHA-256', await f.arrayBuffer());
  const sha = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return {outcome: 'queued', status: {sha256: sha, file: f.name, state: 'queued'}};
}

// follow polls a queued upload (the AWS deployment reads uploads
// asynchronously) until it has a status, for at most five minutes.
async function follow(res) {
  const sha = res.status.sha256;
  for (let i = 0; i < 150; i++) {
    await new Promise((ok) => setTimeout(ok, 2000));
    try {
      const st = await api(`/api/submissions/${encodeURIComponent(sha)}`);
      return {outcome: st.state === 'rejected' ? 'rejected' : 'ingested', status: st};
    } catch (e) {
      if (e.kind !== 'not_found') throw e;
    }
  }
  return res;
}

function showOutcome(out, res, name) {
  const st = res.status || {};
  out.dataset.outcome = res.outcome;
  out.dataset.state = st.state || '';
  out.dataset.kind = st.error ? st.error.kind : '';
  learnName(st.country_code, st.country);
  if (res.outcome === 'rejected' || st.state === 'rejected') {
    out.className = 'outcome outcome-rejected';
    clear(out,
      h('p', {}, h('strong', {}, `Rejected: ${name}. `), reason(st.error)),
      st.error ? h('p', {class: 'hint'}, `Details: ${st.error.message} (${st.error.kind})`) : null);
    return;
  }
  if (res.outcome === 'queued') {
    out.className = 'outcome';
    clear(out, h('p', {}, h('strong', {}, `Received: ${name}. `),
      'It is still waiting to be read; its status will appear in the list below.'));
    return;
  }
  out.className = 'outcome outcome-ok';
  const what = describe(st);
  clear(out,
    h('p', {}, h('strong', {}, res.outcome === 'unchanged'
      ? `Already received: ${name}. `
      : `Received and read: ${name}. `),
    res.outcome === 'unchanged'
      ? `This exact file was uploaded before${st.file && st.file !== name ? ' as ' + st.file : ''}; nothing changed. `
      : '',
    `Status: ${st.state}.`),
    h('p', {}, what),
    st.warnings && st.warnings.length ? h('div', {}, h('p', {}, 'Please check:'),
      h('ul', {}, st.warnings.map((w) => h('li', {}, w)))) : null);
}

function describe(st) {
  const bits = [];
  if (st.country) bits.push(st.country);
  if (st.cluster) bits.push(`cluster ${st.cluster}`);
  if (st.instruments && st.instruments.length) bits.push(st.instruments.join(' + '));
  if (st.language) bits.push(LANGUAGES[st.language] || st.language);
  let s = bits.join(', ');
  if (st.submission_id) s += `. Submission ${st.submission_id}, version ${st.version}`;
  s += `. ${plural(st.answers || 0, 'answer')} read on ${plural(st.pages || 0, 'page')}.`;
  return s;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function refresh(sec) {
  const tbody = $('#uploads-table tbody', sec);
  say($('#uploads-error', sec), '');
  try {
    const {uploads} = await api('/api/submissions');
    clear(tbody, (uploads || []).map((u) => row(sec, u)));
    if (!uploads || !uploads.length) tbody.append(h('tr', {}, h('td', {colspan: '8'}, 'No uploads yet.')));
  } catch (e) {
    say($('#uploads-error', sec), errorText(e));
  }
}

function row(sec, u) {
  learnName(u.country_code, u.country);
  let details;
  if (u.state === 'rejected') {
    details = h('div', {class: 'reason'}, h('p', {}, reason(u.error)),
      u.error ? h('p', {class: 'hint'}, `${u.error.message} (${u.error.kind})`) : null);
  } else {
    details = h('div', {},
      h('button', {type: 'button', class: 'btn btn-small', 'aria-label': `Show what was read from ${u.file}`,
        onclick: () => showRecord(sec, u)}, 'What was read'),
      u.warnings && u.warnings.length ? h('p', {class: 'hint'}, `${u.warnings.length} ${u.warnings.length === 1 ? 'warning' : 'warnings'}`) : null);
  }
  return h('tr', {dataset: {sha: u.sha256, state: u.state}},
    h('th', {scope: 'row', class: 'file'}, u.file),
    h('td', {}, u.country ? `${u.country} (${u.country_code})` : '\u2014'),
    h('td', {}, u.submission_id ? `${u.submission_id} v${u.version}` : '\u2014'),
    h('td', {}, h('span', {class: `badge state state-${u.state}`}, STATES[u.state] || u.state),
      u.superseded_by ? h('span', {class: 'hint'}, ' by a later version') : null),
    h('td', {class: 'num'}, u.pages ? String(u.pages) : '\u2014'),
    h('td', {class: 'num'}, String(u.answers || 0)),
    h('td', {}, formatDate(u.ingested_at)),
    h('td', {}, details));
}

async function showRecord(sec, u) {
  const view = $('#record-view', sec);
  view.hidden = false;
  view.dataset.state = 'loading';
  clear(view, h('h2', {id: 'record-h', tabindex: '-1'}, `What was read from ${u.file}`), h('p', {}, 'Loading\u2026'));
  let rec;
  try {
    rec = await api(`/api/submissions/${encodeURIComponent(u.sha256)}/record`);
  } catch (e) {
    clear(view, h('h2', {id: 'record-h', tabindex: '-1'}, `What was read from ${u.file}`), h('p', {class: 'alert', role: 'alert'}, errorText(e)));
    view.dataset.state = 'error';
    $('#record-h', view).focus();
    return;
  }
  const s = rec.submission || {};
  // Answers grouped by instrument and article, in document order.
  const groups = [];
  const byKey = new Map();
  for (const a of rec.answers || []) {
    const key = `${a.instrument} ${a.article}`;
    if (!byKey.has(key)) {
      const g = {instrument: a.instrument, article: a.article, answers: []};
      byKey.set(key, g);
      groups.push(g);
    }
    byKey.get(key).answers.push(a);
  }
  clear(view,
    h('h2', {id: 'record-h', tabindex: '-1'}, `What was read from ${rec.file}`),
    h('dl', {class: 'record-summary'},
      h('dt', {}, 'State'), h('dd', {}, s.country ? `${s.country} (${s.country_code})` : 'not read'),
      h('dt', {}, 'Cluster'), h('dd', {}, s.cluster || 'none (cut by instrument)'),
      h('dt', {}, 'Instruments'), h('dd', {}, (s.instruments || []).map((i) => INSTRUMENTS[i] || i).join(', ') || '\u2014'),
      h('dt', {}, 'Language'), h('dd', {}, LANGUAGES[s.language] || s.language || '\u2014'),
      h('dt', {}, 'Pages'), h('dd', {}, String(rec.pages || 0)),
      h('dt', {}, 'Answers'), h('dd', {}, String((rec.answers || []).length))),
    h('p', {}, pdfButton({upload: rec.sha256 || u.sha256}, 0, 'Open the original PDF')),
    rec.warnings && rec.warnings.length
      ? h('div', {class: 'warnings'}, h('h3', {}, 'Please check'), h('ul', {}, rec.warnings.map((w) => h('li', {}, w))))
      : null,
    groups.map((g, i) => h('section', {class: 'record-article', 'aria-labelledby': `rec-art-${i}`},
      h('h3', {id: `rec-art-${i}`}, `${g.instrument}, article ${g.article}`),
      h('div', {class: 'table-scroll'},
        h('table', {class: 'data record'},
          h('caption', {class: 'vh'}, `Answers read for ${g.instrument} article ${g.article}`),
          h('thead', {}, h('tr', {}, ['Question', 'Paragraph', 'Question asked', 'Ticked', 'Answer', 'Pages']
            .map((t) => h('th', {scope: 'col'}, t)))),
          h('tbody', {}, g.answers.map((a) => h('tr', {},
            h('th', {scope: 'row'}, a.question || '\u2014'),
            h('td', {}, a.paragraph || '\u2014'),
            h('td', {class: 'qtext'}, a.question_text || '\u2014'),
            h('td', {}, choiceBadge(a.choice)),
            h('td', {class: 'answer-text'}, h('p', {class: 'pre'}, a.text || '\u2014'),
              a.footnotes && a.footnotes.length ? h('p', {class: 'hint'}, 'Footnotes: ' + a.footnotes.join(' | ')) : null),
            h('td', {}, pagesText(a.pages) || '\u2014')))))))));
  view.dataset.state = 'ready';
  $('#record-h', view).focus();
}
