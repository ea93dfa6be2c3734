// DOM helpers. Nothing here ever parses an HTML string: every element is
// built with createElement and every text goes in as a text node, so text
// from the API (answers, file names, messages) cannot become markup.

/** h builds an element: h('p', {class: 'x', onclick: f}, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** clear empties el and appends children. */
export function clear(el, ...children) {
  el.replaceChildren();
  add(el, children);
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

/** show sets an alert element's text, or hides it when msg is empty. */
export function say(el, msg) {
  el.textContent = msg || '';
  el.hidden = !msg;
}

// Choices: the API's keys, the words shown, and the CSS class.
const CHOICES = {
  yes: ['yes', 'Yes'],
  yes_in_part: ['yes in part', 'Yes, in part'],
  no: ['no', 'No'],
  not_applicable: ['n/a', 'Not applicable'],
  '': ['none', 'Nothing ticked'],
  none: ['none', 'Nothing ticked'],
};

export function choiceLabel(c) {
  return (CHOICES[c || ''] || [c])[0];
}

export function choiceTitle(c) {
  return (CHOICES[c || ''] || [null, c])[1];
}

/** choiceBadge is the ticked answer as a badge: text, not colour alone. */
export function choiceBadge(c) {
  const key = c && CHOICES[c] ? c : 'none';
  return h('span', {class: 'badge choice choice-' + key.replace(/_/g, '-'), title: choiceTitle(c)},
    h('span', {class: 'vh'}, 'Answer ticked: '), choiceLabel(c));
}

const ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '\u2026'};

/** decodeEntities turns HTML character references into characters. */
export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/**
 * fragment renders a search fragment, HTML whose only tags should be
 * <mark> and </mark>, without parsing it as HTML: it is split on exactly
 * those two tags, every other piece is decoded and inserted as text (so a
 * stray tag shows as text, never as markup), and the marks become <mark>
 * elements. Unbalanced marks are tolerated.
 */
export function fragment(html) {
  const out = document.createDocumentFragment();
  let mark = null;
  for (const part of String(html).split(/(<\/?mark>)/i)) {
    const p = part.toLowerCase();
    if (p === '<mark>') {
      if (!mark) mark = h('mark');
      continue;
    }
    if (p === '</mark>') {
      if (mark) out.append(mark);
      mark = null;
      continue;
    }
    if (part === '') continue;
    (mark || out).append(document.createTextNode(decodeEntities(part)));
  }
  if (mark) out.append(mark);
  return out;
}

/** pagesText is "p. 3" or "pp. 2–3". */
export function pagesText(pages) {
  if (!pages || !pages.length) return '';
  if (pages.length === 1) return 'p. ' + pages[0];
  return 'pp. ' + pages[0] + '\u2013' + pages[pages.length - 1];
}

export const INSTRUMENTS = {
  UNTOC: 'Convention (UNTOC)',
  TIP: 'Trafficking in Persons Protocol',
  SOM: 'Smuggling of Migrants Protocol',
  FIREARMS: 'Firearms Protocol',
};

export const ROLES = {
  secretariat: 'Secretariat',
  reviewer: 'Reviewer',
  focal_point: 'Focal point',
  observer: 'Observer',
};

export const LANGUAGES = {en: 'English', fr: 'French', es: 'Spanish', ru: 'Russian', ar: 'Arabic', zh: 'Chinese'};

/** articleRef is "UNTOC art. 5, para. 1(b), question 3". */
export function articleRef(x) {
  let s = `${x.instrument} art. ${x.article}`;
  if (x.paragraph) s += `, para. ${x.paragraph}`;
  if (x.question) s += `, question ${x.question}`;
  return s;
}

/** truncate shortens text at a word boundary. */
export function truncate(s, n) {
  s = s || '';
  if (s.length <= n) return s;
  const cut = s.lastIndexOf(' ', n);
  return s.slice(0, cut > n / 2 ? cut : n) + '\u2026';
}

/** formatDate is a short local date and time. */
export function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '';
  return d.toLocaleString('en-GB', {dateStyle: 'medium', timeStyle: 'short'});
}
