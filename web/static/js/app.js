// The reviewers' application: sign-in, navigation between the pages
// (hash routes: #/search, #/compare, #/observations, #/upload), and the
// role rules that decide which pages are offered. The server enforces
// access anyway; hiding a page only spares a useless click.

import {$, $$, say, ROLES} from './dom.js';
import {api, token, session, errorText, learnName, setUnauthenticatedHandler} from './api.js';
import * as search from './search.js';
import * as compare from './compare.js';
import * as observations from './observations.js';
import * as upload from './upload.js';

const PAGES = {
  signin: {title: 'Sign in'},
  search: {title: 'Search', roles: ['secretariat', 'reviewer', 'focal_point', 'observer'], mod: search},
  compare: {title: 'Compare', roles: ['secretariat', 'reviewer'], mod: compare},
  observations: {title: 'Observations', roles: ['secretariat', 'reviewer'], mod: observations},
  upload: {title: 'Upload & status', roles: ['secretariat', 'focal_point'], mod: upload},
  denied: {title: 'Not available'},
};

const started = new Set();

function allowed(page) {
  const p = PAGES[page];
  return !!(p && p.roles && session.me && p.roles.includes(session.me.role));
}

function current() {
  const m = /^#\/([a-z]+)/.exec(location.hash);
  return m ? m[1] : '';
}

function go(page) {
  if (current() === page) route();
  else location.hash = '#/' + page;
}

/** route shows the page named by the hash, or sign-in, or a refusal. */
function route(focus = true) {
  let page = current();
  if (!session.me) page = 'signin';
  else if (!page || page === 'signin') page = page || 'search';
  else if (!PAGES[page]) page = 'search';
  else if (!allowed(page) && page !== 'denied') page = 'denied';
  if (page === 'search' && !allowed('search')) page = 'denied';

  for (const sec of $$('main > .page')) sec.hidden = sec.id !== 'page-' + page;
  for (const li of $$('#nav li')) {
    const a = li.querySelector('a');
    if (li.dataset.page === page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${PAGES[page].title} \u2014 saq`;
  const mod = PAGES[page].mod;
  if (mod) {
    const sec = $('#page-' + page);
    if (!started.has(page)) {
      started.add(page);
      mod.init(sec);
    }
    if (mod.show) mod.show(sec);
  }
  if (page === 'signin') showSignin();
  if (focus) {
    const h1 = $('#page-' + page + ' h1');
    if (h1) h1.focus({preventScroll: false});
  }
}

function renderWho() {
  const me = session.me;
  $('#who').hidden = !me;
  $('#nav').hidden = !me;
  if (!me) return;
  $('#who-subject').textContent = me.subject;
  $('#who-role').textContent = ROLES[me.role] || me.role;
  $('#who-role').dataset.role = me.role;
  $('#who-states').textContent = me.all_states ? 'All States' : 'States: ' + (me.countries || []).join(', ');
  for (const li of $$('#nav li')) li.hidden = !allowed(li.dataset.page);
}

function showSignin() {
  const me = session.me;
  $('#signin-form').hidden = !!me;
  $('#signin-done').hidden = !me;
  if (me) {
    $('#signin-subject').textContent = me.subject;
    $('#signin-role').textContent = ROLES[me.role] || me.role;
    $('#signin-states').textContent = me.all_states
      ? 'You may see the answers of every State.'
      : 'You may see the answers of: ' + (me.countries || []).join(', ') + '.';
  }
}

/** loadNames learns State names from the uploads in scope, for labels. */
async function loadNames() {
  try {
    const {uploads} = await api('/api/submissions');
    for (const u of uploads || []) learnName(u.country_code, u.country);
  } catch (e) { /* names are a nicety; codes are shown instead */ }
}

async function signIn(t) {
  token.set(t);
  const me = await api('/api/me');
  session.me = me;
  renderWho();
  await loadNames();
}

function signOut(message) {
  token.clear();
  session.me = null;
  session.names.clear();
  for (const p of started) PAGES[p].mod.reset?.($('#page-' + p));
  started.clear();
  renderWho();
  $('#signin-token').value = '';
  say($('#signin-error'), message || '');
  go('signin');
}

function setup() {
  $('#skip-link').addEventListener('click', (e) => {
    e.preventDefault(); // keep the hash for the router
    $('#main').focus();
  });
  $('#sign-out').addEventListener('click', () => signOut(''));
  setUnauthenticatedHandler(() => {
    if (session.me) signOut('Your session has ended or the token is no longer valid: sign in again.');
  });
  $('#signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const t = $('#signin-token').value.trim().replace(/^Bearer\s+/i, '');
    const err = $('#signin-error');
    const field = $('#signin-token');
    field.removeAttribute('aria-invalid');
    if (!t) {
      field.setAttribute('aria-invalid', 'true');
      say(err, 'Paste your access token first.');
      $('#signin-token').focus();
      return;
    }
    say(err, '');
    const btn = $('#signin-submit');
    btn.disabled = true;
    try {
      await signIn(t);
      $('#signin-token').value = '';
      go('search');
    } catch (ex) {
      token.clear();
      session.me = null;
      renderWho();
      field.setAttribute('aria-invalid', 'true');
      say(err, ex.status === 401 ? 'This token was not accepted: it may be incomplete, expired or for another server.' : errorText(ex));
      $('#signin-token').focus();
    } finally {
      btn.disabled = false;
    }
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/')) route();
  });
}

async function start() {
  setup();
  if (token.get()) {
    try {
      await signIn(token.get());
    } catch (e) {
      token.clear();
      session.me = null;
      say($('#signin-error'), e.status === 401 ? 'Your session has ended: sign in again.' : errorText(e));
    }
  }
  renderWho();
  route(false);
  document.body.dataset.ready = 'true';
}

start();
