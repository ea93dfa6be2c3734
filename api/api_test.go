package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/filestore"
	"github.com/saq-review/saq/internal/pdfbuild"
)

// questionnaire is a one-page cluster I questionnaire of a State.
func questionnaire(state, answer string) []byte {
	return pdfbuild.Lines(
		"State party: "+state,
		"Part I. United Nations Convention against Transnational Organized Crime",
		"Article 5. Criminalization of participation in an organized criminal group",
		"Question 1. Has your country adopted legislative measures?",
		"[X] Yes [ ] No [ ] Partially",
		answer,
		"Question 2. Please provide examples of implementation.",
	)
}

type fixture struct {
	srv    *Server
	ts     *httptest.Server
	tokens map[string]string // by name
	shas   map[string]string // upload of each State, and "PER-rejected", "UNK-rejected"
	logs   *bytes.Buffer
	now    time.Time
}

// newFixture serves three States' questionnaires (MEX, PER, BRA), a
// rejected upload declared for PER and one for no State.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	st, err := filestore.Open(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := indexer.Open(filepath.Join(dir, "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	keys, err := LoadKeys(filepath.Join(dir, "keys", "token.pem"))
	if err != nil {
		t.Fatal(err)
	}
	plan, _ := saq.DefaultPlan()
	f := &fixture{tokens: map[string]string{}, shas: map[string]string{}, logs: &bytes.Buffer{}, now: time.Now()}
	p := &ingest.Pipeline{Store: st, Index: idx}
	f.srv = &Server{Pipeline: p, Index: idx, Plan: plan, Keys: keys,
		Log: slog.New(slog.NewJSONHandler(f.logs, nil)), Now: func() time.Time { return f.now }}
	ctx := context.Background()
	for state, text := range map[string]string{
		"Mexico": "Yes. Witness relocation is provided by the Federal Witness Protection Programme (MEXSECRET).",
		"Peru":   "Yes. Article 317 of the Penal Code criminalizes participation in an organized criminal group (PERSECRET).",
		"Brazil": "Yes. Law No. 12850 of 2013 defines the organized criminal group (BRASECRET).",
	} {
		_, s, err := p.Ingest(ctx, strings.ToLower(state[:3])+".pdf", questionnaire(state, text))
		if err != nil || s.State != ingest.StateExtracted {
			t.Fatalf("ingest %s: %v %+v", state, err, s)
		}
		f.shas[s.CountryCode] = s.SHA256
	}
	u, _ := p.ExtractAs(ctx, "per-scan.pdf", []byte("PERREJECTED not a pdf"), extract.Options{Country: "PER"})
	_, s, _ := p.Commit(ctx, u)
	f.shas["PER-rejected"] = s.SHA256
	_, s, _ = p.Ingest(ctx, "unknown.pdf", []byte("UNKREJECTED not a pdf"))
	f.shas["UNK-rejected"] = s.SHA256
	for name, id := range map[string]Identity{
		"secretariat": {"sec", RoleSecretariat, nil},
		"reviewer":    {"rev", RoleReviewer, []string{"MEX"}},
		"focal_point": {"fp", RoleFocalPoint, []string{"PER"}},
		"observer":    {"obs", RoleObserver, []string{"BRA"}},
	} {
		id, err := NewIdentity(id.Subject, id.Role, id.Countries)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[name], _ = keys.Issue(id, time.Hour, f.now)
	}
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

func (f *fixture) get(t *testing.T, token, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", f.ts.URL+path, nil)
	return f.do(t, token, req)
}

// do sends req with the bearer token (none when "").
func (f *fixture) do(t *testing.T, token string, req *http.Request) (int, string) {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (f *fixture) upload(t *testing.T, token, name string, data []byte, fields map[string]string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", f.ts.URL+"/api/uploads", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return f.do(t, token, req)
}

// secrets are strings only a State's own answers or uploads contain.
var secrets = map[string][]string{
	"MEX": {"MEXSECRET", "Mexico", `"MEX`},
	"PER": {"PERSECRET", "Peru", `"PER`, "per-scan.pdf"},
	"BRA": {"BRASECRET", "Brazil", `"BRA`},
	"UNK": {"unknown.pdf"},
}

// TestAccess: for each role and endpoint, in-scope works and out-of-scope
// is refused or invisible, in bodies, totals and facet counts alike.
func TestAccess(t *testing.T) {
	f := newFixture(t)
	mex, per, bra := f.shas["MEX"], f.shas["PER"], f.shas["BRA"]
	tests := []struct {
		who, path string
		status    int
		sees      []string // States whose secrets may appear
	}{
		{"secretariat", "/api/search?q=yes", 200, []string{"MEX", "PER", "BRA"}},
		{"reviewer", "/api/search?q=yes", 200, []string{"MEX"}},
		{"reviewer", "/api/search?q=PERSECRET", 200, []string{"MEX"}},
		{"reviewer", "/api/search?q=yes&country=PER", 200, nil},
		{"focal_point", "/api/search?q=yes", 200, []string{"PER"}},
		{"observer", "/api/search?q=yes", 200, []string{"BRA"}},
		{"reviewer", "/api/search?q=country:BRA", 200, nil},
		{"secretariat", "/api/compare?article=UNTOC:5&format=json", 200, []string{"MEX", "PER", "BRA"}},
		{"reviewer", "/api/compare?article=UNTOC:5", 200, []string{"MEX"}},
		{"reviewer", "/api/compare?article=UNTOC:5&country=PER&country=BRA", 200, nil},
		{"reviewer", "/api/compare?article=UNTOC:5&format=csv", 200, []string{"MEX"}},
		{"focal_point", "/api/compare?article=UNTOC:5", 403, nil},
		{"observer", "/api/compare?article=UNTOC:5", 403, nil},
		{"reviewer", "/api/observations?country=MEX&cluster=I", 200, []string{"MEX"}},
		{"reviewer", "/api/observations?country=PER&cluster=I", 403, nil},
		{"reviewer", "/api/observations?country=BRA&cluster=I&format=html", 403, nil},
		{"secretariat", "/api/observations?country=PER&cluster=I&format=md", 200, []string{"PER"}},
		{"focal_point", "/api/observations?country=PER&cluster=I", 403, nil},
		{"secretariat", "/api/submissions", 200, []string{"MEX", "PER", "BRA", "UNK"}},
		{"reviewer", "/api/submissions", 200, []string{"MEX"}},
		{"focal_point", "/api/submissions", 200, []string{"PER"}}, // its rejected upload included
		{"observer", "/api/submissions", 200, []string{"BRA"}},
		{"reviewer", "/api/submissions/" + mex, 200, []string{"MEX"}},
		{"reviewer", "/api/submissions/" + per, 404, nil},
		{"reviewer", "/api/submissions/" + f.shas["PER-rejected"], 404, nil},
		{"focal_point", "/api/submissions/" + f.shas["PER-rejected"], 200, []string{"PER"}},
		{"focal_point", "/api/submissions/" + f.shas["UNK-rejected"], 404, nil},
		{"reviewer", "/api/submissions/" + mex + "/record", 200, []string{"MEX"}},
		{"reviewer", "/api/submissions/" + bra + "/record", 404, nil},
		{"reviewer", "/api/submissions/..%2F..%2Fkeys%2Ftoken.pem/record", 404, nil},
		{"reviewer", "/api/links?upload=" + mex, 200, nil},
		{"reviewer", "/api/links?upload=" + per, 404, nil},
		{"reviewer", "/api/links?submission=MEX-I-UNTOC", 200, nil},
		{"reviewer", "/api/links?submission=PER-I-UNTOC", 404, nil},
		{"observer", "/api/themes", 200, nil},
		{"observer", "/api/me", 200, []string{"BRA"}},
		{"reviewer", "/api/nowhere", 404, nil},
	}
	for _, tt := range tests {
		code, body := f.get(t, f.tokens[tt.who], tt.path)
		if code != tt.status {
			t.Errorf("%s GET %s: status %d, want %d: %.200s", tt.who, tt.path, code, tt.status, body)
			continue
		}
		for state, ss := range secrets {
			if contains(tt.sees, state) {
				continue
			}
			for _, s := range ss {
				if strings.Contains(body, s) {
					t.Errorf("%s GET %s: the body reveals %s (%q): %.300s", tt.who, tt.path, state, s, body)
				}
			}
		}
		if code >= 400 && !strings.Contains(body, `"error":{"kind":`) {
			t.Errorf("%s GET %s: error body %q is not {\"error\":{\"kind\",\"message\"}}", tt.who, tt.path, body)
		}
	}
	// Every refusal is logged with who and what.
	if !strings.Contains(f.logs.String(), `"msg":"refused"`) || !strings.Contains(f.logs.String(), `"subject":"rev"`) {
		t.Errorf("refusals not logged: %s", f.logs.String())
	}
	// No answer text in the logs.
	for _, ss := range secrets {
		if strings.Contains(f.logs.String(), ss[0]) {
			t.Errorf("logs hold answer text %q", ss[0])
		}
	}
}

// TestSearchMatchesCLI: /api/search returns the search package's JSON.
func TestSearchJSON(t *testing.T) {
	f := newFixture(t)
	code, body := f.get(t, f.tokens["secretariat"], "/api/search?q=witness&limit=5")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var res map[string]json.RawMessage
	json.Unmarshal([]byte(body), &res)
	if string(res["total"]) != "1" || !strings.Contains(string(res["hits"]), "<mark>") {
		t.Errorf("search: %s", body)
	}
	if code, body := f.get(t, f.tokens["secretariat"], "/api/search?q=text:/[/"); code != 400 || !strings.Contains(body, "invalid_query") {
		t.Errorf("bad query: %d %s", code, body)
	}
}

func TestTokens(t *testing.T) {
	f := newFixture(t)
	good := f.tokens["reviewer"]
	parts := strings.Split(good, ".")
	other, _ := LoadKeys(filepath.Join(t.TempDir(), "other.pem"))
	rid, _ := NewIdentity("rev", RoleReviewer, []string{"MEX"})
	foreign, _ := other.Issue(rid, time.Hour, f.now)
	expired, _ := f.srv.Keys.Issue(rid, time.Minute, f.now.Add(-time.Hour))
	future, _ := f.srv.Keys.Issue(rid, time.Hour, f.now.Add(time.Hour))
	// A token claiming more States than it was signed for.
	claims, _ := json.Marshal(map[string]any{"iss": tokenIssuer, "aud": tokenAudience, "sub": "rev", "role": "secretariat",
		"countries": []string{}, "exp": f.now.Add(time.Hour).Unix(), "iat": f.now.Unix()})
	tampered := parts[0] + "." + b64(claims) + "." + parts[2]
	none := b64([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + b64(claims) + "."
	for name, tok := range map[string]string{"missing": "", "garbage": "abc", "wrong key": foreign, "expired": expired,
		"not yet valid": future, "tampered": tampered, "alg none": none} {
		code, body := f.get(t, tok, "/api/search?q=yes")
		if code != 401 || !strings.Contains(body, `"unauthenticated"`) {
			t.Errorf("%s token: %d %s, want 401", name, code, body)
		}
	}
	if code, _ := f.get(t, good, "/api/search?q=yes"); code != 200 {
		t.Errorf("good token refused: %d", code)
	}
	if code, _ := f.get(t, "", "/api/health"); code != 200 {
		t.Errorf("health needs no token: %d", code)
	}
}

func TestUploads(t *testing.T) {
	f := newFixture(t)
	fp := f.tokens["focal_point"]
	// A focal point's upload is for their own State, and comes back
	// extracted; a non-PDF comes back rejected with its reason.
	code, body := f.upload(t, fp, "per-v2.pdf", questionnaire("Peru", "Yes. Corrected answer citing article 317 of the Penal Code."), map[string]string{"cluster": "I"})
	if code != 201 || !strings.Contains(body, `"outcome":"ingested"`) || !strings.Contains(body, `"version":2`) {
		t.Errorf("focal point upload: %d %s", code, body)
	}
	code, body = f.upload(t, fp, "scan.pdf", []byte("just text"), nil)
	if code != 201 || !strings.Contains(body, `"state":"rejected"`) || !strings.Contains(body, `"kind":"not_pdf"`) {
		t.Errorf("rejected upload: %d %s", code, body)
	}
	// ... and never for another State, even when the file names one.
	code, body = f.upload(t, fp, "mex.pdf", questionnaire("Mexico", "Yes."), map[string]string{"country": "MEX"})
	if code != 403 {
		t.Errorf("focal point uploading for MEX: %d %s", code, body)
	}
	code, body = f.upload(t, fp, "mex2.pdf", questionnaire("Mexico", "Yes, for Mexico."), nil)
	if code != 201 || !strings.Contains(body, `"country_code":"PER"`) {
		t.Errorf("a Mexican questionnaire uploaded by PER's focal point counts for PER: %d %s", code, body)
	}
	// Bytes another State submitted before: no status of theirs comes back.
	mexPDF := questionnaire("Mexico", "Yes. Witness relocation is provided by the Federal Witness Protection Programme (MEXSECRET).")
	code, body = f.upload(t, fp, "copy.pdf", mexPDF, nil)
	if code != 400 || strings.Contains(body, "MEX") {
		t.Errorf("re-upload of MEX's file by PER: %d %s", code, body)
	}
	for _, who := range []string{"reviewer", "observer"} {
		if code, _ := f.upload(t, f.tokens[who], "x.pdf", questionnaire("Mexico", "Yes."), nil); code != 403 {
			t.Errorf("%s may not upload: %d", who, code)
		}
	}
	f.srv.MaxUpload = 1 << 10
	if code, body := f.upload(t, fp, "big.pdf", bytes.Repeat([]byte("x"), 4<<20), nil); code != 413 || !strings.Contains(body, "too_large") {
		t.Errorf("oversized upload: %d %s", code, body)
	}
	// Path separators in the file name are dropped.
	f.srv.MaxUpload = 0
	code, body = f.upload(t, f.tokens["secretariat"], "../../etc/passwd.pdf", []byte("%PDF-1.4 broken"), nil)
	if code != 201 || !strings.Contains(body, `"file":"passwd.pdf"`) {
		t.Errorf("file name with a path: %d %s", code, body)
	}
}

func TestDownloadLinks(t *testing.T) {
	f := newFixture(t)
	code, body := f.get(t, f.tokens["reviewer"], "/api/links?submission=MEX-I-UNTOC")
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var link struct{ URL string }
	json.Unmarshal([]byte(body), &link)
	if code, body := f.get(t, "", link.URL); code != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("signed link: %d", code)
	}
	// The link is for one file, and expires.
	other := strings.Replace(link.URL, f.shas["MEX"], f.shas["PER"], 1)
	if code, _ := f.get(t, "", other); code != 404 {
		t.Errorf("signature reused for another file: %d", code)
	}
	if code, _ := f.get(t, "", "/files/"+f.shas["MEX"]); code != 404 {
		t.Errorf("unsigned download: %d", code)
	}
	f.now = f.now.Add(DefaultLinkTTL + time.Second)
	if code, _ := f.get(t, "", link.URL); code != 404 {
		t.Errorf("expired link: %d", code)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// files records what the API hands over when uploads and downloads live
// elsewhere (the S3 implementation is exercised end to end in
// serverless).
type files struct {
	submitted []Submitted
}

func (fs *files) Submit(_ context.Context, up Submitted) error {
	fs.submitted = append(fs.submitted, up)
	return nil
}

func (fs *files) UploadURL(_ context.Context, up Submitted, ttl time.Duration) (PresignedUpload, error) {
	return PresignedUpload{URL: "https://bucket.example/uploads/" + up.Country + "/x.pdf",
		Headers: map[string]string{"X-Amz-Meta-File": up.File, "X-Amz-Meta-Cluster": up.Cluster}}, nil
}

func (fs *files) Download(_ context.Context, sha, file string, ttl time.Duration) (string, error) {
	return "https://bucket.example/originals/" + sha + ".pdf?ttl=" + ttl.String(), nil
}

func TestUploadsElsewhere(t *testing.T) {
	f := newFixture(t)
	fs := &files{}
	f.srv.Files = fs
	fp := f.tokens["focal_point"]
	data := questionnaire("Peru", "Yes. A new answer citing article 318 of the Penal Code.")
	code, body := f.upload(t, fp, "dir/per-v3.pdf", data, map[string]string{"cluster": "I", "instrument": "UNTOC"})
	if code != 202 || !strings.Contains(body, `"state":"queued"`) {
		t.Fatalf("upload: %d %s", code, body)
	}
	if len(fs.submitted) != 1 {
		t.Fatalf("submitted %d uploads, want 1", len(fs.submitted))
	}
	up := fs.submitted[0]
	if up.Country != "PER" || up.File != "per-v3.pdf" || up.Cluster != "I" || !bytes.Equal(up.Data, data) || len(up.SHA256) != 64 {
		t.Errorf("submitted %+v", up)
	}
	// Bytes already ingested: their status, nothing handed over; another
	// State's: refused without a trace of it.
	if code, body := f.upload(t, f.tokens["secretariat"], "again.pdf", questionnaire("Mexico", "Yes. Witness relocation is provided by the Federal Witness Protection Programme (MEXSECRET)."), nil); code != 201 || !strings.Contains(body, "unchanged") {
		t.Errorf("known bytes: %d %s", code, body)
	}
	if code, body := f.upload(t, fp, "copy.pdf", questionnaire("Mexico", "Yes. Witness relocation is provided by the Federal Witness Protection Programme (MEXSECRET)."), nil); code != 400 || strings.Contains(body, "MEX") {
		t.Errorf("another State's bytes: %d %s", code, body)
	}
	if len(fs.submitted) != 1 {
		t.Errorf("known bytes were handed over again")
	}
	// Download links come from Files; /files/ links are not served.
	code, body = f.get(t, f.tokens["reviewer"], "/api/links?submission=MEX-I-UNTOC")
	if code != 200 || !strings.Contains(body, "https://bucket.example/originals/"+f.shas["MEX"]+".pdf?ttl=5m0s") {
		t.Errorf("link: %d %s", code, body)
	}
	f.srv.Files = nil
	local := f.srv.Link(f.shas["MEX"])
	f.srv.Files = fs
	if code, _ := f.get(t, "", local); code != 404 {
		t.Errorf("a /files/ link answered %d while Files is set", code)
	}
	if code, _ := f.get(t, f.tokens["reviewer"], "/api/links?upload="+f.shas["PER"]); code != 404 {
		t.Errorf("link to an out-of-scope upload: %d", code)
	}

	// Presigned uploads: for the focal point's own State only.
	tests := []struct {
		who, form string
		code      int
		want      string
	}{
		{"focal_point", "file=a%2Fb.pdf&cluster=II", 200, `"url":"https://bucket.example/uploads/PER/x.pdf"`},
		{"focal_point", "file=a.pdf&country=MEX", 403, "own State"},
		{"secretariat", "file=a.pdf&country=MEX", 200, "uploads/MEX/"},
		{"secretariat", "file=a.pdf", 400, "name the State"},
		{"focal_point", "cluster=IX", 400, "unknown cluster"},
		{"focal_point", "file=a.pdf&language=English", 400, "unknown language"},
		{"reviewer", "file=a.pdf", 403, "forbidden"},
		{"observer", "file=a.pdf", 403, "forbidden"},
	}
	for _, tc := range tests {
		code, body := f.post(t, f.tokens[tc.who], "/api/uploads/url", tc.form)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("%s %s: %d %s, want %d %s", tc.who, tc.form, code, body, tc.code, tc.want)
		}
	}
	if code, body := f.post(t, fp, "/api/uploads/url", "file=a.pdf&cluster=II"); !strings.Contains(body, `"X-Amz-Meta-File":"a.pdf"`) || !strings.Contains(body, `"X-Amz-Meta-Cluster":"II"`) {
		t.Errorf("headers: %d %s", code, body)
	}
	f.srv.Files = nil
	if code, _ := f.post(t, fp, "/api/uploads/url", "file=a.pdf"); code != 404 {
		t.Errorf("presigned upload without Files: %d", code)
	}
}

func (f *fixture) post(t *testing.T, token, path, form string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.ts.URL+path, strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.do(t, token, req)
}

// Index-reading requests take turns; one that waits too long is told the
// server is busy (503, Retry-After) instead of queueing until its deadline.
func TestBusy(t *testing.T) {
	f := newFixture(t)
	f.srv.MaxBusy, f.srv.BusyWait = 1, 20*time.Millisecond
	release, err := f.srv.turn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	code, body := f.get(t, f.tokens["secretariat"], "/api/search?q=witness")
	if code != 503 || !strings.Contains(body, `"kind":"busy"`) {
		t.Errorf("search while the only slot is taken: %d %s", code, body)
	}
	if code, _ := f.get(t, f.tokens["secretariat"], "/api/submissions"); code != 200 {
		t.Errorf("a request that does not read the index waited: %d", code)
	}
	release()
	if code, body := f.get(t, f.tokens["secretariat"], "/api/search?q=witness"); code != 200 {
		t.Errorf("search after the slot was freed: %d %s", code, body)
	}
}
