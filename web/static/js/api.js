// Calls to the API under /api/ with the bearer token kept in
// sessionStorage (this tab only), downloads through Blob URLs, and signed
// links to the original PDFs.

import {$, $$, h, clear, say} from './dom.js';

const KEY = 'saq.token';

export const token = {
  get: () => sessionStorage.getItem(KEY) || '',
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

/** session holds who is signed in and the State names seen so far. */
export const session = {
  me: null,
  names: new Map(), // ISO3 code -> English name
};

export function stateName(code) {
  return session.names.get(code) || code;
}

export function learnName(code, name) {
  if (code && name && !session.names.has(code)) session.names.set(code, name);
}

export class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

let onUnauthenticated = () => {};

/** setUnauthenticatedHandler is called on every 401 (expired or bad token). */
export function setUnauthenticatedHandler(f) {
  onUnauthenticated = f;
}

/** query builds a query string; arrays repeat the key, empty values are left out. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== undefined && x !== null && x !== '') q.append(k, String(x));
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function request(path, {method = 'GET', params, body, accept = 'application/json'} = {}) {
  let res;
  try {
    res = await fetch(path + query(params), {
      method,
      body,
      headers: {Authorization: 'Bearer ' + token.get(), Accept: accept},
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (!res.ok) {
    let kind = 'http_' + res.status;
    let message = res.statusText || 'The request failed.';
    try {
      const data = await res.json();
      if (data && data.error) {
        kind = data.error.kind || kind;
        message = data.error.message || message;
      }
    } catch (e) { /* not JSON */ }
    const err = new ApiError(res.status, kind, message);
    if (res.status === 401) onUnauthenticated(err);
    throw err;
  }
  return res;
}

/** api calls an endpoint and returns its JSON. */
export async function api(path, opts) {
  const res = await request(path, opts);
  return res.json();
}

/** errorText is a user-facing sentence for an error. */
export function errorText(e) {
  if (!(e instanceof ApiError)) return 'Something went wrong: ' + (e && e.message ? e.message : String(e));
  switch (e.status) {
    case 401: return 'Your session has ended or the token is not valid: sign in again.';
    case 403: return 'Not allowed: ' + e.message;
    case 404: return 'Not found: ' + e.message;
    case 413: return 'Too large: ' + e.message;
    case 500: return 'The server had a problem (the secretariat has been told). Try again later.';
    case 504: return 'The request took too long. Try a narrower request.';
  }
  return e.message;
}

/**
 * download fetches a report with the token and saves it through a Blob
 * URL, under the name the server gives in Content-Disposition.
 */
/**
 * downloadButtons wires a page's download buttons (.downloads button, each
 * with data-format) to path, with the parameters of the page's last run
 * (params() returns them, or null before any), reporting progress in the
 * element statusSel and failures in errorSel.
 */
export function downloadButtons(sec, path, params, fileName, statusSel, errorSel) {
  for (const b of $$('.downloads button', sec)) {
    b.addEventListener('click', async () => {
      const last = params();
      if (!last) return;
      const fmt = b.dataset.format;
      b.disabled = true;
      const st = $(statusSel, sec);
      st.textContent = `Preparing the ${b.textContent} download\u2026`;
      try {
        const name = await download(path, {...last, format: fmt}, fileName(last, fmt));
        st.textContent = `Downloaded ${name}.`;
      } catch (e) {
        st.textContent = '';
        say($(errorSel, sec), errorText(e));
      } finally {
        b.disabled = false;
      }
    });
  }
}

export async function download(path, params, fallbackName) {
  const res = await request(path, {params, accept: '*/*'});
  const blob = await res.blob();
  let name = fallbackName;
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename="?([^";]+)"?/i.exec(cd);
  if (m) name = m[1];
  const url = URL.createObjectURL(blob);
  const a = h('a', {href: url, download: name, class: 'vh'});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

/**
 * pdfButton is a button that asks for a short-lived signed link to an
 * original PDF when clicked (never before), opens it at the page in a new
 * tab, and leaves the link beside the button in case the browser blocked
 * the new tab. source is {upload: SHA} or {submission: ID}.
 */
export function pdfButton(source, page, label, describedBy) {
  const slot = h('span', {class: 'link-slot', 'aria-live': 'polite'});
  const btn = h('button', {type: 'button', class: 'btn btn-small pdf-btn', 'aria-describedby': describedBy || null},
    label || (page ? `Open PDF p. ${page}` : 'Open PDF'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    clear(slot, 'Getting the link\u2026');
    try {
      const params = source.upload ? {upload: source.upload} : {submission: source.submission};
      const {url} = await api('/api/links', {params});
      const full = new URL(url, location.origin).href + (page ? '#page=' + page : '');
      window.open(full, '_blank', 'noopener,noreferrer');
      clear(slot, h('a', {href: full, target: '_blank', rel: 'noopener noreferrer', class: 'pdf-link'},
        'PDF link', h('span', {class: 'vh'}, ' (opens in a new tab)')), ' \u2014 valid for 5 minutes');
    } catch (e) {
      clear(slot, h('span', {class: 'error-text'}, errorText(e)));
    } finally {
      btn.disabled = false;
    }
  });
  return h('span', {class: 'pdf-action'}, btn, ' ', slot);
}
