package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/saq-review/saq/internal/demo"
	"github.com/saq-review/saq/internal/pdfbuild"
	"github.com/saq-review/saq/internal/samples"
	"github.com/saq-review/saq/internal/testenv"
)

// The browser tests drive the application in headless Chromium against a
// demo server (the ten sample submissions ingested, one token per role),
// started once for the package and stopped by TestMain.

var (
	demoOnce sync.Once
	demoSrv  *demo.Server
	demoDir  string
	demoErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if demoSrv != nil {
		demoSrv.Close()
	}
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// server returns the shared demo server, starting it on first use.
func server(t *testing.T) *demo.Server {
	t.Helper()
	dir := samples.Dir(t)
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "saq-web-test-")
		if demoErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		demoSrv, demoErr = demo.Start(ctx, demoDir, dir, "127.0.0.1:0")
	})
	if demoErr != nil {
		t.Fatalf("demo server: %v", demoErr)
	}
	return demoSrv
}

// session is one browser tab on the demo server.
type session struct {
	t   *testing.T
	ctx context.Context
	srv *demo.Server
	art string

	loads   int
	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// browse starts Chromium (1280×800) for one test, bounded to 60 s, and
// fails the test at its end on any uncaught exception or
// Content-Security-Policy violation in the page.
func browse(t *testing.T) *session {
	t.Helper()
	bin := testenv.Chromium(t)
	srv := server(t)
	art := testenv.ArtifactDir(t, "web")
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1280, 800), chromedp.UserDataDir(profile))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	s := &session{t: t, ctx: bctx, srv: srv, art: art}
	if err := chromedp.Do(bctx); err != nil { // starts the browser and the tab
		t.Fatalf("start chromium: %v", err)
	}
	msgs := chromedp.Console(bctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.console = append(s.console, m)
			s.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, m := range s.console {
			switch {
			case m.IsException(), strings.Contains(m.Text, "Content Security Policy"), m.Source == "security":
				t.Errorf("page console: %s (%s:%d)", m, m.URL, m.Line)
			default:
				t.Logf("page console: %s", m)
			}
		}
	})
	return s
}

// step runs actions with a 20 s deadline; on failure it keeps a
// screenshot of the page and stops the test.
func (s *session) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		s.failShot()
		s.t.Fatalf("%s: %v", what, err)
	}
}

// wait polls a JavaScript condition until it is true.
func (s *session) wait(what, expr string) {
	s.t.Helper()
	s.step("wait for "+what, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingInterval(50*time.Millisecond), // not rAF: a tab behind the PDF tab gets no animation frames
		chromedp.WithPollingTimeout(15*time.Second)))
}

// eval returns the value of a JavaScript expression.
func eval[T any](s *session, expr string) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.failShot()
		s.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// shot saves a full-page PNG as an artifact and logs its path.
func (s *session) shot(name string) string {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 15*time.Second)
	defer cancel()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(s.art, name+".png")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot: %s", p)
	return p
}

func (s *session) failShot() {
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	if b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		p := filepath.Join(s.art, "failure-"+strings.ReplaceAll(s.t.Name(), "/", "-")+".png")
		if os.WriteFile(p, b, 0o644) == nil {
			s.t.Logf("failure screenshot: %s", p)
		}
	}
}

// signIn pastes the role's token on the sign-in page.
func (s *session) signIn(role string) {
	s.t.Helper()
	tok := s.srv.Tokens[role]
	if tok == "" {
		s.t.Fatalf("no demo token for %s", role)
	}
	s.step("open sign-in",
		s.load("#/signin"),
		chromedp.WaitVisible(chromedp.ID("signin-token")),
		chromedp.SetValue(chromedp.ID("signin-token"), tok),
		chromedp.Click(chromedp.ID("signin-submit")))
	s.wait("signed in as "+role, fmt.Sprintf(`document.querySelector('#who-role').dataset.role === %q && !document.querySelector('#who').hidden`, role))
}

// load loads the application afresh (a new query string, so that the
// navigation is never a same-document one, which fires no load event).
func (s *session) load(hash string) chromedp.Action[chromedp.Void] {
	s.loads++
	return chromedp.Navigate(fmt.Sprintf("%s/?load=%d%s", s.srv.URL, s.loads, hash))
}

// route changes the route in the page, as a link would.
func (s *session) route(hash string) {
	s.t.Helper()
	s.step("go to "+hash, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, hash)))
}

// navPages lists the pages the navigation offers.
func (s *session) navPages() []string {
	return eval[[]string](s, `Array.from(document.querySelectorAll('#nav li')).filter(li => !li.hidden && li.offsetParent !== null).map(li => li.dataset.page)`)
}

// searchSeq is the number of the last search shown.
func (s *session) searchSeq() int {
	return eval[int](s, `Number(document.querySelector('#search-results').dataset.seq || 0)`)
}

func (s *session) waitSearchAfter(seq int) {
	s.t.Helper()
	s.wait("search results", fmt.Sprintf(`(() => { const b = document.querySelector('#search-results');
		return b.dataset.state === 'ready' && Number(b.dataset.seq) > %d; })()`, seq))
}

// unlabelled lists the visible form controls that have no accessible name.
const unlabelled = `Array.from(document.querySelectorAll('input, select, textarea, button'))
	.filter(el => el.offsetParent !== null && el.type !== 'hidden')
	.filter(el => !((el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
		(el.tagName === 'BUTTON' && el.textContent.trim())))
	.map(el => el.id || el.name || el.outerHTML.slice(0, 60))`

// lowContrast lists the visible texts whose colour contrast with their
// background is under WCAG AA: 4.5:1, or 3:1 for large text. Texts over
// a background image (the hatched "not submitted" cells) and disabled
// controls (exempt) are skipped.
const lowContrast = `(() => {
	const parse = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
	const lum = ({r, g, b}) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
	const bg = (el) => { for (let e = el; e; e = e.parentElement) { const cs = getComputedStyle(e);
		if (cs.backgroundImage !== 'none') return null; const c = parse(cs.backgroundColor); if (c && c.a > 0.5) return c; }
		return {r: 255, g: 255, b: 255, a: 1}; };
	const bad = [], seen = new Set();
	const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (w.nextNode()) {
		const n = w.currentNode, el = n.parentElement;
		if (!n.textContent.trim() || seen.has(el)) continue;
		seen.add(el);
		if (el.offsetParent === null || el.closest('.vh, :disabled, .skip-link')) continue;
		const cs = getComputedStyle(el), fg = parse(cs.color), b = bg(el);
		if (!fg || !b) continue;
		const l1 = lum(fg), l2 = lum(b), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		const size = parseFloat(cs.fontSize), large = size >= 24 || (Number(cs.fontWeight) >= 700 && size >= 18.66);
		if (ratio < (large ? 3 : 4.5)) bad.push(el.tagName + '.' + el.className + ' "' + n.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
	}
	return bad;
})()`

// checkPage checks colour contrast and labels on the page as shown.
func (s *session) checkPage(name string) {
	s.t.Helper()
	if bad := eval[[]string](s, lowContrast); len(bad) > 0 {
		s.t.Errorf("%s: text under AA contrast: %v", name, bad)
	}
	if bad := eval[[]string](s, unlabelled); len(bad) > 0 {
		s.t.Errorf("%s: controls without a label: %v", name, bad)
	}
}

// TestSignInRoles signs in with each role's token: the role and States
// are shown, the navigation offers exactly the role's pages, every
// visible control of each page has a label, and signing out forgets the
// token.
func TestSignInRoles(t *testing.T) {
	s := browse(t)
	for _, tc := range []struct {
		role, label, states string
		pages               []string
	}{
		{"secretariat", "Secretariat", "All States", []string{"search", "compare", "observations", "upload"}},
		{"reviewer", "Reviewer", "States: CAN, LUX", []string{"search", "compare", "observations"}},
		{"focal_point", "Focal point", "States: POL", []string{"search", "upload"}},
		{"observer", "Observer", "States: LKA", []string{"search"}},
	} {
		outer := s.t
		t.Run(tc.role, func(t *testing.T) {
			s.t = t
			defer func() { s.t = outer }()
			s.signIn(tc.role)
			if got := eval[string](s, `document.querySelector('#who-role').textContent`); got != tc.label {
				t.Errorf("role shown %q, want %q", got, tc.label)
			}
			if got := eval[string](s, `document.querySelector('#who-states').textContent`); got != tc.states {
				t.Errorf("States shown %q, want %q", got, tc.states)
			}
			if got := s.navPages(); !slices.Equal(got, tc.pages) {
				t.Errorf("navigation offers %v, want %v", got, tc.pages)
			}
			s.wait("search page", `!document.querySelector('#page-search').hidden && document.activeElement.id === 'search-h'`)
			for _, p := range tc.pages {
				s.step("open "+p, chromedp.Click(chromedp.CSS(`#nav a[href="#/`+p+`"]`)))
				s.wait(p+" page", fmt.Sprintf(`!document.querySelector('#page-%s').hidden && document.querySelector('#nav a[href="#/%s"]').getAttribute('aria-current') === 'page'`, p, p))
				s.checkPage(p + " page")
			}
			s.shot("signin-" + tc.role)
			s.step("sign out", chromedp.Click(chromedp.ID("sign-out")))
			s.wait("sign-in page", `!document.querySelector('#page-signin').hidden && document.querySelector('#nav').hidden`)
			if tok := eval[string](s, `sessionStorage.getItem('saq.token') || ''`); tok != "" {
				t.Errorf("token kept after sign-out")
			}
		})
	}
	// A token that stops being accepted mid-session sends the user back to
	// sign in, with a message.
	s.t = t
	s.signIn("observer")
	s.wait("results", `document.querySelector('#search-results').dataset.state === 'ready'`)
	s.step("spoil the token", chromedp.Evaluate[chromedp.Void](`sessionStorage.setItem('saq.token', 'expired')`),
		chromedp.Click(chromedp.ID("search-submit")))
	s.wait("back to sign-in", `!document.querySelector('#page-signin').hidden && !document.querySelector('#signin-error').hidden`)
	if got := eval[string](s, `document.querySelector('#signin-error').textContent`); !strings.Contains(got, "sign in again") {
		t.Errorf("expired session says %q", got)
	}
	if eval[string](s, `sessionStorage.getItem('saq.token') || ''`) != "" {
		t.Errorf("the refused token is kept")
	}

	// A token that is not valid is refused with a message.
	s.step("bad token",
		s.load("#/signin"),
		chromedp.WaitVisible(chromedp.ID("signin-token")),
		chromedp.SetValue(chromedp.ID("signin-token"), "not-a-token"),
		chromedp.Click(chromedp.ID("signin-submit")))
	s.wait("refusal", `!document.querySelector('#signin-error').hidden && document.querySelector('#who').hidden`)
	if got := eval[string](s, `document.querySelector('#signin-error').textContent`); !strings.Contains(got, "not accepted") {
		t.Errorf("refusal says %q", got)
	}
	s.checkPage("sign-in")
	s.shot("signin-refused")
	if got := eval[string](s, `document.documentElement.lang`); got != "en" {
		t.Errorf("lang %q", got)
	}
	for _, sel := range []string{"header", "nav", "main", "footer"} {
		if !eval[bool](s, fmt.Sprintf(`!!document.querySelector(%q)`, sel)) {
			t.Errorf("no %s landmark", sel)
		}
	}
}

// TestKeyboard signs in and filters a search with the keyboard alone,
// checking that the focused control always shows a visible focus ring.
func TestKeyboard(t *testing.T) {
	s := browse(t)
	focused := func() string {
		return eval[string](s, `(() => { const e = document.activeElement; return e ? (e.id || e.className || e.tagName) : ''; })()`)
	}
	ring := func() {
		t.Helper()
		style := eval[string](s, `(() => { const cs = getComputedStyle(document.activeElement); return cs.outlineStyle + ' ' + cs.outlineWidth; })()`)
		if style != "solid 3px" {
			t.Errorf("focus on %s shows outline %q", focused(), style)
		}
	}
	tab := func(want string) {
		t.Helper()
		s.step("tab", chromedp.KeyEvent("\t"))
		if got := focused(); got != want {
			s.failShot()
			t.Fatalf("tab: focus on %q, want %q", got, want)
		}
		ring()
	}
	s.step("load", s.load("#/signin"), chromedp.WaitVisible(chromedp.ID("signin-token")))
	tab("skip-link")
	s.step("skip", chromedp.KeyEvent("\r"))
	if got := focused(); got != "main" {
		t.Errorf("skip link moved focus to %q", got)
	}
	tab("signin-token")
	s.step("type token", chromedp.KeyEvent(s.srv.Tokens["reviewer"]))
	tab("signin-submit")
	s.step("sign in", chromedp.KeyEvent("\r"))
	s.wait("search page", `!document.querySelector('#page-search').hidden && document.querySelector('#search-results').dataset.state === 'ready'`)
	if got := focused(); got != "search-h" {
		t.Errorf("after sign-in focus is on %q, want the page heading", got)
	}
	tab("q")
	seq := s.searchSeq()
	s.step("query", chromedp.KeyEvent("criminal\r"))
	s.waitSearchAfter(seq)
	if n := eval[int](s, `Number(document.querySelector('#search-results').dataset.total)`); n == 0 {
		t.Fatal("no results for criminal")
	}
	// Tab on to the first facet term and choose it with the space bar.
	var path []string
	for i := 0; i < 40 && !strings.Contains(focused(), "facet-term"); i++ {
		s.step("tab", chromedp.KeyEvent("\t"))
		path = append(path, focused())
	}
	if !strings.Contains(focused(), "facet-term") {
		t.Fatalf("no facet reached with Tab: %v", path)
	}
	ring()
	term := eval[string](s, `document.activeElement.dataset.facet + '=' + document.activeElement.dataset.term`)
	seq = s.searchSeq()
	s.step("choose facet", chromedp.KeyEvent(" "))
	s.waitSearchAfter(seq)
	if !eval[bool](s, `document.querySelector('button.facet-term[aria-pressed=true]') !== null`) {
		t.Errorf("facet %s not applied from the keyboard", term)
	}
	if got := eval[string](s, `document.activeElement.dataset.facet + '=' + document.activeElement.dataset.term`); got != term {
		t.Errorf("after choosing %s the focus is on %q", term, got)
	}
	ring()
	s.shot("keyboard-search")
}

// TestReviewerSearch searches as a reviewer of CAN and LUX: only their
// answers come back, a facet narrows the count, paging works, and a hit's
// PDF button gives a signed link to the page.
func TestReviewerSearch(t *testing.T) {
	s := browse(t)
	s.signIn("reviewer")
	s.wait("first results", `document.querySelector('#search-results').dataset.state === 'ready'`)
	seq := s.searchSeq()
	// Keyboard: type the query and press Enter.
	s.step("search", chromedp.SendKeys(chromedp.ID("q"), "organized criminal group\r"))
	s.waitSearchAfter(seq)
	total := eval[int](s, `Number(document.querySelector('#search-results').dataset.total)`)
	if total < 2 {
		t.Fatalf("%d results", total)
	}
	states := eval[[]string](s, `Array.from(document.querySelectorAll('#hits > li')).map(li => li.dataset.country)`)
	facet := eval[[]string](s, `Array.from(document.querySelectorAll('button.facet-term[data-facet=country]')).map(b => b.dataset.term)`)
	for _, c := range append(states, facet...) {
		if c != "CAN" && c != "LUX" {
			t.Errorf("a reviewer of CAN and LUX sees %s", c)
		}
	}
	if len(states) != min(total, 10) {
		t.Errorf("%d hits shown of %d", len(states), total)
	}
	if n := eval[int](s, `document.querySelectorAll('#hits mark').length`); n == 0 {
		t.Errorf("no highlighted words")
	}
	if got := eval[string](s, `document.querySelector('#search-summary').textContent`); !strings.HasPrefix(got, fmt.Sprint(total, " answers")) {
		t.Errorf("summary %q", got)
	}

	// The instrument facet with fewer answers than the total narrows it.
	type term struct {
		Term  string `json:"term"`
		Count int    `json:"count"`
	}
	terms := eval[[]term](s, `Array.from(document.querySelectorAll('button.facet-term[data-facet=instrument]')).map(b =>
		({term: b.dataset.term, count: Number(b.querySelector('.count').textContent.replace(/\D/g, ''))}))`)
	var pick term
	for _, tm := range terms {
		if tm.Count < total {
			pick = tm
			break
		}
	}
	if pick.Term == "" {
		t.Fatalf("no instrument facet narrower than %d: %v", total, terms)
	}
	seq = s.searchSeq()
	s.step("facet "+pick.Term, chromedp.Click(chromedp.CSS(`button.facet-term[data-facet=instrument][data-term="`+pick.Term+`"]`)))
	s.waitSearchAfter(seq)
	if got := eval[int](s, `Number(document.querySelector('#search-results').dataset.total)`); got != pick.Count || got == total {
		t.Errorf("instrument %s: %d results, want %d (was %d)", pick.Term, got, pick.Count, total)
	}
	if got := eval[string](s, `document.querySelector('#f-instrument').value`); got != pick.Term {
		t.Errorf("instrument select shows %q", got)
	}
	if !eval[bool](s, `document.querySelector('button.facet-term[data-facet=instrument][aria-pressed=true]') !== null`) {
		t.Errorf("the chosen facet is not marked pressed")
	}
	// Choosing it again removes the filter.
	seq = s.searchSeq()
	s.step("facet off", chromedp.Click(chromedp.CSS(`button.facet-term[data-facet=instrument][data-term="`+pick.Term+`"]`)))
	s.waitSearchAfter(seq)
	if got := eval[int](s, `Number(document.querySelector('#search-results').dataset.total)`); got != total {
		t.Errorf("filter removed: %d results, want %d", got, total)
	}
	// The country facet narrows to one State.
	seq = s.searchSeq()
	s.step("facet LUX", chromedp.Click(chromedp.CSS(`button.facet-term[data-facet=country][data-term="LUX"]`)))
	s.waitSearchAfter(seq)
	if got := eval[[]string](s, `Array.from(new Set(Array.from(document.querySelectorAll('#hits > li')).map(li => li.dataset.country)))`); !slices.Equal(got, []string{"LUX"}) {
		t.Errorf("country facet LUX: hits from %v", got)
	}
	seq = s.searchSeq()
	s.step("remove LUX", chromedp.Click(chromedp.CSS(`#country-chips button`)))
	s.waitSearchAfter(seq)

	// Paging.
	if total > 10 {
		seq = s.searchSeq()
		s.step("next page", chromedp.Click(chromedp.ID("next-page")))
		s.waitSearchAfter(seq)
		if got := eval[string](s, `document.querySelector('#page-info').textContent`); !strings.HasPrefix(got, "Page 2 of") {
			t.Errorf("page info %q", got)
		}
		seq = s.searchSeq()
		s.step("previous page", chromedp.Click(chromedp.ID("prev-page")))
		s.waitSearchAfter(seq)
	}

	// The PDF of the first hit, at its page, in a new tab.
	tabs := chromedp.WaitNewTarget(s.ctx, func(i *target.Info) bool { return strings.Contains(i.URL, "/files/") })
	s.step("open PDF", chromedp.Click(chromedp.CSS(`#hits > li:first-child .pdf-btn`)))
	s.wait("PDF link", `document.querySelector('#hits > li:first-child a.pdf-link') !== null`)
	href := eval[string](s, `document.querySelector('#hits > li:first-child a.pdf-link').href`)
	if !strings.HasPrefix(href, s.srv.URL+"/files/") || !strings.Contains(href, "#page=") {
		t.Errorf("PDF link %q", href)
	}
	checkPDF(t, href)
	select {
	case id := <-tabs:
		s.pdfTab(id, href)
	case <-time.After(5 * time.Second):
		t.Logf("no new tab seen for the PDF (a browser may block it; the link is on the page)")
	}
	s.checkPage("search results")
	s.step("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	s.shot("search-reviewer")

	// A reviewer chooses among their own States for the observations.
	s.route("#/observations")
	s.wait("observations page", `!document.querySelector('#page-observations').hidden`)
	if got := eval[[]string](s, `Array.from(document.querySelector('#obs-country').options).map(o => o.value)`); !slices.Equal(got, []string{"CAN", "LUX"}) {
		t.Errorf("reviewer offered States %v", got)
	}
	if eval[bool](s, `document.querySelector('#obs-country-text').offsetParent !== null`) {
		t.Errorf("reviewer offered a free State field")
	}
	s.step("draft LUX cluster I",
		chromedp.SetValue(chromedp.ID("obs-country"), "LUX"),
		chromedp.SetValue(chromedp.ID("obs-part"), "cluster:I"),
		chromedp.Click(chromedp.ID("obs-submit")))
	s.wait("draft", `['ready', 'error'].includes(document.querySelector('#obs-result').dataset.state)`)
	if st := eval[string](s, `document.querySelector('#obs-result').dataset.state`); st != "ready" {
		t.Fatalf("draft LUX: %s", eval[string](s, `document.querySelector('#obs-error').textContent`))
	}
	if got := eval[string](s, `document.querySelector('#obs-title').textContent`); !strings.HasPrefix(got, "Luxembourg (LUX)") {
		t.Errorf("draft title %q", got)
	}
}

// pdfTab attaches to the tab the PDF opened in: it must show the link's
// URL, page fragment included. A screenshot of Chromium's viewer is kept.
func (s *session) pdfTab(id target.ID, href string) {
	s.t.Helper()
	tctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithTargetID(id))
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tctx, 10*time.Second)
	defer cancel2()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		s.t.Errorf("PDF tab: %v", err)
		return
	}
	if got != href {
		s.t.Errorf("PDF tab shows %q, want %q", got, href)
	}
	time.Sleep(time.Second) // let the viewer draw
	if b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		p := filepath.Join(s.art, "pdf-tab.png")
		if os.WriteFile(p, b, 0o644) == nil {
			s.t.Logf("screenshot: %s", p)
		}
	}
}

// download clicks a download button and returns the file the browser
// saved.
func (s *session) download(button, name string) []byte {
	s.t.Helper()
	dir := s.t.TempDir()
	if _, err := chromedp.CallBrowser(s.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		s.t.Fatalf("allow downloads: %v", err)
	}
	s.step("download "+name, chromedp.Click(chromedp.CSS(button)))
	p := filepath.Join(dir, name)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(p); err == nil && len(b) > 0 {
			return b
		}
	}
	entries, _ := os.ReadDir(dir)
	s.t.Fatalf("%s not downloaded (found %v)", name, entries)
	return nil
}

// checkPDF fetches a signed link (without its fragment): the original PDF.
func checkPDF(t *testing.T, href string) {
	t.Helper()
	u, _, _ := strings.Cut(href, "#")
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("GET %s: %d %s", u, res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestSecretariatCompareAndObservations compares the States on the
// criminalization theme and drafts Canada's observations for cluster I.
func TestSecretariatCompareAndObservations(t *testing.T) {
	s := browse(t)
	s.signIn("secretariat")
	s.step("compare page", chromedp.Click(chromedp.CSS(`#nav a[href="#/compare"]`)))
	s.wait("themes", `document.querySelector('#cmp-theme option[value=criminalization]') !== null`)
	s.step("compare criminalization",
		chromedp.SetValue(chromedp.ID("cmp-theme"), "criminalization"),
		chromedp.Click(chromedp.ID("compare-submit")))
	s.wait("comparison", `['ready', 'error'].includes(document.querySelector('#compare-result').dataset.state)`)
	if st := eval[string](s, `document.querySelector('#compare-result').dataset.state`); st != "ready" {
		s.failShot()
		t.Fatalf("comparison: %s", eval[string](s, `document.querySelector('#compare-error').textContent`))
	}
	rows := eval[int](s, `document.querySelectorAll('#compare-matrix tbody tr').length`)
	cols := eval[[]string](s, `Array.from(document.querySelectorAll('#compare-matrix thead th.state-col abbr')).map(a => a.textContent)`)
	cells := eval[[]string](s, `Array.from(new Set(Array.from(document.querySelectorAll('#compare-matrix td.cell')).map(td => td.textContent)))`)
	bars := eval[int](s, `document.querySelectorAll('#compare-matrix .spread .seg').length`)
	groups := eval[int](s, `document.querySelectorAll('#compare-result .group').length`)
	t.Logf("matrix: %d questions × %v; cells %v; %d bar segments; %d groups", rows, cols, cells, bars, groups)
	if rows < 10 || len(cols) < 2 {
		t.Errorf("matrix %d × %d", rows, len(cols))
	}
	for _, c := range []string{"CAN", "LUX", "POL", "LKA"} {
		if !slices.Contains(cols, c) {
			t.Errorf("no column for %s", c)
		}
	}
	if !slices.Contains(cells, "yes") {
		t.Errorf("no cell reads yes: %v", cells)
	}
	if bars == 0 && groups == 0 {
		t.Errorf("neither spread bars nor groups")
	}
	if !eval[bool](s, `document.querySelector('#cmp-not-submitted') !== null`) {
		t.Errorf("no list of States that did not submit")
	}
	if eval[int](s, `document.querySelectorAll('#page-compare .downloads button:disabled').length`) != 0 {
		t.Errorf("downloads not offered")
	}
	// A question opens from its row header.
	s.step("open a question", chromedp.Click(chromedp.CSS(`#compare-matrix tbody tr:first-child th button`)))
	s.wait("question details", `document.querySelector('#cmp-q-0').open && document.activeElement.closest('#cmp-q-0') !== null`)
	s.checkPage("comparison")
	s.step("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	s.shot("compare-criminalization")
	if csv := string(s.download(`#page-compare .downloads button[data-format=csv]`, "comparison-criminalization.csv")); !strings.HasPrefix(csv, "\ufeffcountry_code,country,UNTOC 5 Q1") {
		t.Errorf("CSV download starts %q", csv[:min(len(csv), 60)])
	}

	s.step("observations page", chromedp.Click(chromedp.CSS(`#nav a[href="#/observations"]`)))
	s.step("draft CAN cluster I",
		chromedp.WaitVisible(chromedp.ID("obs-country-text")),
		chromedp.SetValue(chromedp.ID("obs-country-text"), "CAN"),
		chromedp.SetValue(chromedp.ID("obs-part"), "cluster:I"),
		chromedp.Click(chromedp.ID("obs-submit")))
	s.wait("draft", `['ready', 'error'].includes(document.querySelector('#obs-result').dataset.state)`)
	if st := eval[string](s, `document.querySelector('#obs-result').dataset.state`); st != "ready" {
		s.failShot()
		t.Fatalf("observations: %s", eval[string](s, `document.querySelector('#obs-error').textContent`))
	}
	if got := eval[string](s, `document.querySelector('#obs-notice').textContent`); !strings.Contains(got, "Machine-suggested draft") {
		t.Errorf("notice %q", got)
	}
	evidence := eval[int](s, `document.querySelectorAll('#obs-result .evidence .pdf-btn').length`)
	if evidence == 0 {
		t.Fatalf("no evidence links")
	}
	if got := eval[string](s, `document.querySelector('#obs-result .line .basis').textContent`); !strings.HasPrefix(got, "Why suggested:") {
		t.Errorf("basis %q", got)
	}
	s.step("open evidence", chromedp.Click(chromedp.CSS(`#obs-result .evidence .pdf-btn`)))
	s.wait("evidence link", `document.querySelector('#obs-result .evidence a.pdf-link') !== null`)
	href := eval[string](s, `document.querySelector('#obs-result .evidence a.pdf-link').href`)
	if !strings.HasPrefix(href, s.srv.URL+"/files/") || !strings.Contains(href, "#page=") {
		t.Errorf("evidence link %q", href)
	}
	checkPDF(t, href)
	s.checkPage("observations")
	s.step("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	s.shot("observations-CAN-I")
	if md := string(s.download(`#page-observations .downloads button[data-format=md]`, "observations-CAN.md")); !strings.Contains(md, "Machine-suggested draft") {
		t.Errorf("Markdown download lacks the notice: %q", md[:min(len(md), 200)])
	}
}

// TestFocalPointUpload uploads as Poland's focal point: a copy of
// Poland's sample (already ingested: unchanged), a new questionnaire
// (extracted, and its record shown article by article), and a text file
// named .pdf (rejected as not_pdf, with the reason in words).
func TestFocalPointUpload(t *testing.T) {
	s := browse(t)
	dir := t.TempDir()
	pol := ""
	all, _ := filepath.Glob(filepath.Join(samples.Dir(t), "*.truth.json"))
	for _, f := range all {
		var truth struct {
			ISO3 string `json:"iso3"`
		}
		b, err := os.ReadFile(f)
		if err == nil && json.Unmarshal(b, &truth) == nil && truth.ISO3 == "POL" {
			pol = strings.TrimSuffix(f, ".truth.json") + ".pdf"
			break
		}
	}
	if pol == "" {
		t.Fatal("no sample of POL")
	}
	b, err := os.ReadFile(pol)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "poland-copy.pdf")
	newPath := filepath.Join(dir, "poland-new.pdf")
	badPath := filepath.Join(dir, "not-really.pdf")
	for p, data := range map[string][]byte{
		copyPath: b,
		newPath: pdfbuild.Lines("State party: Poland",
			"Part I. United Nations Convention against Transnational Organized Crime",
			"Article 5. Criminalization of participation in an organized criminal group",
			"Question 1. Has your country adopted legislative measures?",
			"[X] Yes [ ] No",
			"Yes, by article 258 of the Criminal Code."),
		badPath: []byte("This is a plain text note, not a questionnaire.\n"),
	} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	s.signIn("focal_point")
	s.step("upload page", chromedp.Click(chromedp.CSS(`#nav a[href="#/upload"]`)))
	s.wait("uploads table", `document.querySelectorAll('#uploads-table tbody tr[data-sha]').length > 0`)
	if bad := eval[[]string](s, `Array.from(document.querySelectorAll('#uploads-table tbody tr[data-sha] td:nth-child(2)')).map(td => td.textContent).filter(x => !x.includes('POL'))`); len(bad) > 0 {
		t.Errorf("a focal point of POL sees uploads of %v", bad)
	}
	if eval[bool](s, `!document.querySelector('#up-country-field').hidden`) {
		t.Errorf("a focal point is offered the State field")
	}

	upload := func(path string) (outcome, state, kind string) {
		t.Helper()
		seq := eval[int](s, `Number(document.querySelector('#upload-outcome').dataset.seq || 0)`)
		s.step("upload "+filepath.Base(path),
			chromedp.SetUploadFiles(chromedp.ID("up-file"), []string{path}),
			chromedp.Click(chromedp.ID("upload-submit")))
		s.wait("outcome of "+filepath.Base(path), fmt.Sprintf(`(() => { const o = document.querySelector('#upload-outcome');
			return Number(o.dataset.seq || 0) > %d && o.textContent.includes(%q); })()`, seq, filepath.Base(path)))
		return eval[string](s, `document.querySelector('#upload-outcome').dataset.outcome`),
			eval[string](s, `document.querySelector('#upload-outcome').dataset.state || ''`),
			eval[string](s, `document.querySelector('#upload-outcome').dataset.kind || ''`)
	}

	if o, st, _ := upload(copyPath); (o != "unchanged" && o != "ingested") || st != "extracted" {
		t.Errorf("copy of %s: outcome %s, state %s", filepath.Base(pol), o, st)
	}
	if o, st, _ := upload(newPath); (o != "ingested" && o != "unchanged") || st != "extracted" {
		s.failShot()
		t.Fatalf("new questionnaire: outcome %s, state %s: %s", o, st, eval[string](s, `document.querySelector('#upload-outcome').textContent`))
	}
	s.wait("new upload listed", `Array.from(document.querySelectorAll('#uploads-table tbody tr[data-state=extracted] th')).some(th => th.textContent === 'poland-new.pdf')`)
	s.step("show record", chromedp.Click(chromedp.JSPath(`Array.from(document.querySelectorAll('#uploads-table tbody tr[data-state=extracted]')).find(tr => tr.querySelector('th').textContent === 'poland-new.pdf').querySelector('button')`)))
	s.wait("record", `document.querySelector('#record-view').dataset.state === 'ready'`)
	rec := eval[string](s, `document.querySelector('#record-view').textContent`)
	for _, want := range []string{"UNTOC, article 5", "article 258 of the Criminal Code", "Poland"} {
		if !strings.Contains(rec, want) {
			t.Errorf("record view lacks %q", want)
		}
	}
	if eval[string](s, `document.activeElement.id`) != "record-h" {
		t.Errorf("focus is not moved to the record")
	}
	s.checkPage("record")
	s.shot("upload-record")

	o, st, kind := upload(badPath)
	if (o != "rejected" && o != "unchanged") || st != "rejected" || kind != "not_pdf" {
		t.Errorf("text file: outcome %s, state %s, kind %s", o, st, kind)
	}
	if got := eval[string](s, `document.querySelector('#upload-outcome').textContent`); !strings.Contains(got, "This file is not a PDF") {
		t.Errorf("rejection reads %q", got)
	}
	s.wait("rejected upload listed", `Array.from(document.querySelectorAll('#uploads-table tbody tr[data-state=rejected]')).some(tr =>
		tr.querySelector('th').textContent === 'not-really.pdf' && tr.textContent.includes('This file is not a PDF'))`)
	s.checkPage("uploads")
	s.step("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	s.shot("upload-focal-point")
}

// TestObserver: an observer of LKA is offered search only, finds only
// Sri Lanka's answers, and the other pages refuse politely.
func TestObserver(t *testing.T) {
	s := browse(t)
	s.signIn("observer")
	if got := s.navPages(); !slices.Equal(got, []string{"search"}) {
		t.Errorf("observer offered %v", got)
	}
	s.wait("results", `document.querySelector('#search-results').dataset.state === 'ready'`)
	if got := eval[[]string](s, `Array.from(new Set(Array.from(document.querySelectorAll('#hits > li')).map(li => li.dataset.country)))`); !slices.Equal(got, []string{"LKA"}) {
		t.Errorf("observer of LKA sees hits of %v", got)
	}
	for _, p := range []string{"compare", "upload", "observations"} {
		if eval[bool](s, fmt.Sprintf(`(() => { const a = document.querySelector('#nav a[href="#/%s"]'); return a.offsetParent !== null; })()`, p)) {
			t.Errorf("%s offered to an observer", p)
		}
		s.route("#/" + p)
		s.wait("refusal of "+p, `!document.querySelector('#page-denied').hidden && document.querySelector('#page-compare').hidden && document.querySelector('#page-upload').hidden`)
	}
	s.shot("observer-denied")
}
