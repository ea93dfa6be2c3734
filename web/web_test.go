package web_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/saq-review/saq/web"
)

// TestHandler checks what every response carries (the security headers),
// the content types the module scripts need under nosniff, and that
// unknown paths are 404 (pages are hash routes).
func TestHandler(t *testing.T) {
	h := web.Handler()
	for _, tc := range []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"GET", "/", 200, "text/html"},
		{"GET", "/index.html", 200, "text/html"},
		{"HEAD", "/", 200, "text/html"},
		{"GET", "/app.css", 200, "text/css"},
		{"GET", "/js/app.js", 200, "javascript"},
		{"GET", "/js/search.js", 200, "javascript"},
		{"GET", "/favicon.svg", 200, "image/svg+xml"},
		{"GET", "/nope.js", 404, ""},
		{"GET", "/js/", 404, ""},
		{"GET", "/../web.go", 404, ""},
		{"POST", "/", 405, ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			hd := rec.Header()
			for k, want := range map[string]string{
				"Content-Security-Policy": web.CSP,
				"X-Content-Type-Options":  "nosniff",
				"X-Frame-Options":         "DENY",
				"Referrer-Policy":         "no-referrer",
			} {
				if got := hd.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if tc.ctype != "" && !strings.Contains(hd.Get("Content-Type"), tc.ctype) {
				t.Errorf("Content-Type %q, want %q", hd.Get("Content-Type"), tc.ctype)
			}
		})
	}
	if !strings.Contains(web.CSP, "frame-ancestors 'none'") || strings.Contains(web.CSP, "unsafe") {
		t.Errorf("policy %q", web.CSP)
	}
}

// TestStaticRules checks the rules the policy relies on, in the files
// themselves: no inline script or style, no event-handler attributes, no
// external resource, no innerHTML assignment.
func TestStaticRules(t *testing.T) {
	var n int
	err := filepath.WalkDir("static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		s := string(b)
		for _, u := range regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"')]*`).FindAllString(s, -1) {
			if u != "http://www.w3.org/2000/svg" {
				t.Errorf("%s: external reference %q", path, u)
			}
		}
		if strings.Contains(s, "@import") {
			t.Errorf("%s: @import", path)
		}
		switch filepath.Ext(path) {
		case ".html":
			for _, bad := range []*regexp.Regexp{
				regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]+</script>`), // inline script
				regexp.MustCompile(`(?i)\sstyle\s*=`),
				regexp.MustCompile(`<style`),
				regexp.MustCompile(`(?i)\son[a-z]+\s*=`),
				regexp.MustCompile(`(?i)javascript:`),
			} {
				if m := bad.FindString(s); m != "" {
					t.Errorf("%s: %q breaks the content security policy", path, m)
				}
			}
			for _, tag := range regexp.MustCompile(`<script\b[^>]*>`).FindAllString(s, -1) {
				if !strings.Contains(tag, " src=") {
					t.Errorf("%s: inline script %q", path, tag)
				}
			}
			if !strings.Contains(s, `<html lang="en">`) {
				t.Errorf("%s: no lang attribute", path)
			}
		case ".js":
			for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s: uses %s", path, bad)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("only %d static files", n)
	}
}

// TestIndexServed checks that "/" is the application page.
func TestIndexServed(t *testing.T) {
	srv := httptest.NewServer(web.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, want := range []string{`<script type="module" src="js/app.js">`, `<main id="main"`, `aria-label="Main"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}
