package serverless

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/indexer/snapshot"
	"github.com/saq-review/saq/infra/filestore"
	"github.com/saq-review/saq/internal/pdfbuild"
	"github.com/saq-review/saq/web"
)

// Fuzz targets of the three handlers' decoding of what arrives from AWS:
// the ingest queue's S3 notifications, the index queue's messages, and
// API Gateway's requests with the claims its JWT authorizer verified.
// Each exec builds its own stores, so that an input found failing fails
// the same way when replayed alone.

// fuzzPDF is the one-page questionnaire the fake submissions bucket
// returns for keys whose name starts with "pdf".
var fuzzPDF = pdfbuild.Lines(
	"State party: Mexico",
	"Cluster I",
	"Part I. United Nations Convention against Transnational Organized Crime",
	"Article 5. Criminalization of participation in an organized criminal group",
	"Question 1. Has your country adopted legislative measures?",
	"[X] Yes [ ] No [ ] Partially",
	"The Federal Criminal Code, article 164, establishes the offence.",
)

// fakeUploads is the submissions bucket. It records the keys asked for
// and answers by the key's base name: "pdf…" a small questionnaire (the
// version ID appended, so that each version is new bytes), "big…" an
// object over the size limit, anything else not_found. The version ID is
// also every metadata value, so the fuzzer reaches their parsing.
type fakeUploads struct {
	mu      sync.Mutex
	fetched []string
}

func (u *fakeUploads) Fetch(ctx context.Context, key, versionID string, max int64) (Object, error) {
	u.mu.Lock()
	u.fetched = append(u.fetched, key)
	u.mu.Unlock()
	meta := map[string]string{MetaFile: versionID, MetaCluster: versionID, MetaInstruments: versionID, MetaLanguage: versionID, MetaSubject: versionID}
	switch base := path.Base(key); {
	case strings.HasPrefix(base, "pdf"):
		data := append(append([]byte(nil), fuzzPDF...), versionID...)
		return Object{Data: data, Size: int64(len(data)), Metadata: meta}, nil
	case strings.HasPrefix(base, "big"):
		sum := sha256.Sum256([]byte(key + "\x00" + versionID))
		return Object{SHA256: hex.EncodeToString(sum[:]), Size: max + 1, Metadata: meta}, nil
	}
	return Object{}, saq.Errorf(saq.KindNotFound, "no such key")
}

// keysStore records the keys a BlobStore is asked to write.
type keysStore struct {
	saq.BlobStore
	mu   sync.Mutex
	puts []string
}

func (s *keysStore) Put(ctx context.Context, key string, data []byte) error {
	s.mu.Lock()
	s.puts = append(s.puts, key)
	s.mu.Unlock()
	return s.BlobStore.Put(ctx, key, data)
}

// fakeQueue is the index queue.
type fakeQueue struct {
	mu   sync.Mutex
	sent []saq.Message
}

func (q *fakeQueue) Send(ctx context.Context, m saq.Message) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.sent = append(q.sent, m)
	return nil
}

// uploadKeyOK is the rule for keys the ingest function may read, written
// out separately from uploadKey: uploads/, three capital letters naming
// a known State, '/', then a name that does not start with '/'.
func uploadKeyOK(key string) bool {
	rest, ok := strings.CutPrefix(key, "uploads/")
	if !ok || len(rest) < 5 || rest[3] != '/' || rest[4] == '/' {
		return false
	}
	for _, c := range []byte(rest[:3]) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	_, known := saq.LookupCountry(rest[:3])
	return known
}

// dataKeyOK is the rule for keys the pipeline writes into the data bucket.
var dataKeyOK = regexp.MustCompile(`^(originals/[0-9a-f]{64}\.pdf|(records|status)/[0-9a-f]{64}\.json|submissions/[A-Z]{3}-(I|II|III|IV|X)-[A-Z+]+\.json)$`)

// FuzzIngestEvent feeds arbitrary bodies of ingest queue messages to
// (*Ingest).message. Invariants: no panic; a body that is not JSON is
// poison (errPoison); only keys under uploads/{ISO3}/ of a known State
// are fetched, and only those named by object-created records of the
// event; the data bucket is written only under originals/, records/,
// status/ and submissions/ with the names the pipeline gives them; every
// index message sent decodes as Index reads it, for the partition of the
// State in the upload key, grouped and deduplicated by partition and
// hash; records keep a language of the six or none.
func FuzzIngestEvent(f *testing.F) {
	event := func(name, key, version string) string {
		b, _ := json.Marshal(map[string]any{"Records": []any{map[string]any{
			"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1", "eventName": name,
			"s3": map[string]any{"bucket": map[string]any{"name": "saq-submissions"},
				"object": map[string]any{"key": key, "size": 1024, "versionId": version, "sequencer": "0A1B2C3D4E5F678901"}}}}})
		return string(b)
	}
	f.Add(event("ObjectCreated:Put", "uploads/MEX/pdf-answers.pdf", "v1"))
	f.Add(event("s3:ObjectCreated:CompleteMultipartUpload", "uploads/PER/pdf%2Brespuestas+final.pdf", "file%20name.pdf"))
	f.Add(event("ObjectCreated:Post", "uploads/POL/big.pdf", "fr"))
	f.Add(event("ObjectCreated:Put", "uploads/MEX/pdf.pdf", "I"))
	f.Add(event("ObjectCreated:Put", "uploads/MEX/pdf.pdf", "UNTOC,TIP,xx"))
	f.Add(event("ObjectRemoved:Delete", "uploads/MEX/pdf.pdf", ""))
	f.Add(event("ObjectCreated:Put", "uploads/XXX/pdf.pdf", ""))
	f.Add(event("ObjectCreated:Put", "uploads/MEX/../../originals/x.pdf", ""))
	f.Add(event("ObjectCreated:Put", "records/abc.json", ""))
	f.Add(event("ObjectCreated:Put", "uploads/mex/pdf.pdf", "%zz"))
	f.Add(`{"Records":[{"eventName":"ObjectCreated:Put","s3":{"object":{"key":"uploads/CAN/pdf-a.pdf"}}},{"eventName":"ObjectCreated:Put","s3":{"object":{"key":"uploads/CAN/big-b.pdf","versionId":"2"}}}]}`)
	f.Add(`{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-28T09:00:00.000Z","Bucket":"saq-submissions","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}`)
	f.Add(`{"Records":[]}`)
	f.Add(`{"Records":null}`)
	f.Add(`[]`)
	f.Add(``)
	f.Add(`{"Records":[{"s3":{"object":{"key":"%"}}}]}`)

	log := slog.New(slog.DiscardHandler)
	f.Fuzz(func(t *testing.T, body string) {
		defer watchdog(30 * time.Second)()
		fs, err := filestore.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		store := &keysStore{BlobStore: fs}
		up, q := &fakeUploads{}, &fakeQueue{}
		clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
		h := &Ingest{Uploads: up, Queue: q, Log: log,
			Pipeline: &ingest.Pipeline{Store: store, Now: func() time.Time { return clock }, Options: extract.Options{Timeout: 5 * time.Second}}}

		err = h.message(context.Background(), log, body)

		if !json.Valid([]byte(body)) && !errors.Is(err, errPoison) {
			t.Errorf("a body that is not JSON: error %v, want poison", err)
		}
		// What the event names, read independently.
		var ev events.S3Event
		json.Unmarshal([]byte(body), &ev)
		var created []string
		for _, r := range ev.Records {
			if strings.HasPrefix(r.EventName, "ObjectCreated:") || strings.HasPrefix(r.EventName, "s3:ObjectCreated:") {
				created = append(created, r.S3.Object.URLDecodedKey)
			}
		}
		for _, k := range up.fetched {
			if !uploadKeyOK(k) {
				t.Errorf("fetched %q, outside uploads/{ISO3}/", k)
			}
			if !slices.Contains(created, k) {
				t.Errorf("fetched %q, which no object-created record names (%q)", k, created)
			}
		}
		for _, k := range store.puts {
			if !dataKeyOK.MatchString(k) {
				t.Errorf("wrote data key %q", k)
			}
		}
		for _, m := range q.sent {
			msg, err := decodeIndexMessage(string(m.Body))
			if err != nil {
				t.Errorf("sent an index message that Index refuses: %v: %s", err, m.Body)
				continue
			}
			if m.Group != msg.State || m.DedupID != msg.SHA256 || msg.State != msg.Declared || !uploadKeyOK(msg.Key) || msg.Key[len("uploads/"):][:3] != msg.Declared {
				t.Errorf("index message %+v: group %q dedup %q", msg, m.Group, m.DedupID)
			}
			b, err := store.Get(context.Background(), "records/"+msg.SHA256+".json")
			if err != nil {
				t.Errorf("index message for %s without its record: %v", msg.SHA256, err)
				continue
			}
			var rec saq.Record
			if err := json.Unmarshal(b, &rec); err != nil || rec.Submission == nil {
				t.Errorf("record %s: %v %s", msg.SHA256, err, b)
				continue
			}
			if l := rec.Submission.Language; l != "" && !slices.Contains(indexer.Languages, l) {
				t.Errorf("record of %s has language %q", msg.Key, l)
			}
			if rec.Submission.CountryCode != msg.Declared {
				t.Errorf("record of %s is for %q", msg.Key, rec.Submission.CountryCode)
			}
		}
	})
}

// memStore is an in-memory data bucket with versions, as snapshots need.
type memStore struct {
	mu   sync.Mutex
	objs map[string][]byte
	tags map[string]string
	n    int
	puts []string
}

func newMemStore() *memStore {
	return &memStore{objs: map[string][]byte{}, tags: map[string]string{}}
}

func (s *memStore) Get(ctx context.Context, key string) ([]byte, error) {
	b, _, err := s.GetVersion(ctx, key)
	return b, err
}

func (s *memStore) GetVersion(ctx context.Context, key string) ([]byte, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.objs[key]
	if !ok {
		return nil, "", saq.Errorf(saq.KindNotFound, "%s not found", key)
	}
	return bytes.Clone(b), s.tags[key], nil
}

func (s *memStore) Put(ctx context.Context, key string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.put(key, data)
	return nil
}

func (s *memStore) put(key string, data []byte) string {
	s.n++
	s.objs[key] = bytes.Clone(data)
	s.tags[key] = fmt.Sprint(s.n)
	s.puts = append(s.puts, key)
	return s.tags[key]
}

func (s *memStore) PutIf(ctx context.Context, key string, data []byte, etag string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tags[key] != etag {
		return "", fmt.Errorf("put %s: %w", key, saq.ErrPrecondition)
	}
	return s.put(key, data), nil
}

func (s *memStore) List(ctx context.Context, prefix string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k := range s.objs {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (s *memStore) clone() *memStore {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := newMemStore()
	for k, v := range s.objs {
		c.objs[k], c.tags[k] = v, s.tags[k]
	}
	c.n = s.n
	return c
}

// extracted is a data bucket holding the original and record of one
// upload of fuzzPDF, declared for declared, and its hash.
func extracted(t testing.TB, declared string) (*memStore, string) {
	t.Helper()
	st := newMemStore()
	p := &ingest.Pipeline{Store: st}
	u, err := p.ExtractAs(context.Background(), "q.pdf", fuzzPDF, extract.Options{Country: declared})
	if err != nil || u.Rejected() {
		t.Fatalf("extract: %v", err)
	}
	st.puts = nil
	return st, u.SHA256()
}

// FuzzIndexMessage feeds two arbitrary index messages, as one batch, to
// decodeIndexMessage and (*Index).Handle over a data bucket that holds
// one extracted upload (of MEX). Invariants: no panic; a message is
// decoded only with a lower-case hex SHA-256 and a partition named by
// three capital letters; Handle reports failures among the batch's
// messages only, once each, in batch order, and always those that do not
// decode; a message that succeeds names the upload, and its status then
// says what the published manifest shows (extracted: answers in the
// partition of its State); the index function writes statuses,
// submissions and index objects only.
func FuzzIndexMessage(f *testing.F) {
	base, sha := extracted(f, "MEX")
	msg := func(sha, state, declared string) string {
		b, _ := json.Marshal(IndexMessage{SHA256: sha, State: state, Declared: declared, Key: "uploads/" + declared + "/q.pdf"})
		return string(b)
	}
	f.Add(msg(sha, "MEX", "MEX"), msg(sha, "MEX", "MEX"))
	f.Add(msg(sha, "PER", "PER"), `{"sha256":"`+sha+`","state":"mex"}`)
	f.Add(msg(strings.ToUpper(sha), "MEX", ""), msg(sha[:63], "MEX", ""))
	f.Add(msg(sha, "MEX", "MEX"), msg(strings.ToUpper(sha), "MEX", "MEX"))
	f.Add(msg("../../originals/x", "../MEX", "MEX"), msg(strings.Repeat("0", 64), "MEX", "MEX"))
	f.Add(`{"sha256":"`+sha+`","state":"MEX","declared":"Mexico","extra":[1,2,3]}`, `{"sha256":null,"state":7}`)
	f.Add(``, `not json`)

	f.Fuzz(func(t *testing.T, body1, body2 string) {
		defer watchdog(60 * time.Second)()
		store := base.clone()
		h := &Index{Store: store, Log: slog.New(slog.DiscardHandler),
			Publisher: &snapshot.Publisher{Store: store, Dir: t.TempDir(), Attempts: 2}}
		ev := events.SQSEvent{Records: []events.SQSMessage{{MessageId: "m1", Body: body1}, {MessageId: "m2", Body: body2}}}

		var decoded [2]*IndexMessage
		for i, b := range []string{body1, body2} {
			m, err := decodeIndexMessage(b)
			if err != nil {
				continue
			}
			decoded[i] = &m
			if !isHex64(m.SHA256) || m.State != indexer.ShardOf(m.State) {
				t.Errorf("decoded %+v", m)
			}
		}

		resp, err := h.Handle(context.Background(), ev)
		if err != nil {
			t.Fatalf("Handle: %v", err)
		}
		var failed []string
		for _, f := range resp.BatchItemFailures {
			failed = append(failed, f.ItemIdentifier)
		}
		if !slices.IsSorted(failed) || len(slices.Compact(slices.Clone(failed))) != len(failed) || len(failed) > 2 ||
			slices.ContainsFunc(failed, func(id string) bool { return id != "m1" && id != "m2" }) {
			t.Errorf("failures %q", failed)
		}
		for i, id := range []string{"m1", "m2"} {
			if decoded[i] == nil && !slices.Contains(failed, id) {
				t.Errorf("%s does not decode but did not fail", id)
			}
			if decoded[i] != nil && !slices.Contains(failed, id) && decoded[i].SHA256 != sha {
				t.Errorf("%s succeeded for an upload that does not exist: %+v", id, *decoded[i])
			}
			// A good message fails only with its partition: when the
			// other message of the batch, in the same partition, names
			// an upload that cannot be loaded (retried, in case it is
			// not there yet). A message that cannot be decoded does not
			// take it down.
			if d, other := decoded[i], decoded[1-i]; d != nil && d.SHA256 == sha && d.State == "MEX" &&
				slices.Contains(failed, id) && (other == nil || other.State != "MEX") {
				t.Errorf("%s for the stored upload failed: %+v (other message %+v)", id, *d, other)
			}
		}
		for _, k := range store.puts {
			if !strings.HasPrefix(k, "status/") && !strings.HasPrefix(k, "submissions/") && !strings.HasPrefix(k, "index/") {
				t.Errorf("the index function wrote %q", k)
			}
		}
		if len(failed) == 2 {
			return
		}
		// Something was committed: the status says what is published.
		b, err := store.Get(context.Background(), "status/"+sha+".json")
		if err != nil {
			t.Fatalf("committed without a status: %v", err)
		}
		var st ingest.Status
		json.Unmarshal(b, &st)
		m, _, err := snapshot.Read(context.Background(), store)
		if err != nil {
			t.Fatal(err)
		}
		if st.State == ingest.StateExtracted {
			if sh, ok := m.Shards[indexer.ShardOf(st.CountryCode)]; !ok || sh.Answers != uint64(st.Answers) {
				t.Errorf("status %s %s with %d answers; manifest %+v", st.State, st.CountryCode, st.Answers, m.Shards)
			}
		}
	})
}

func isHex64(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 32 && s == strings.ToLower(s)
}

// fakeFiles is the submissions bucket as the api function uses it.
type fakeFiles struct{}

func (fakeFiles) Submit(ctx context.Context, up api.Submitted) error { return nil }
func (fakeFiles) Download(ctx context.Context, sha, file string, ttl time.Duration) (string, error) {
	return "https://example.invalid/" + sha, nil
}
func (fakeFiles) UploadURL(ctx context.Context, up api.Submitted, ttl time.Duration) (api.PresignedUpload, error) {
	return api.PresignedUpload{URL: "https://example.invalid/upload"}, nil
}

// panicLog counts the panics API.Handle recovers (it logs them).
type panicLog struct {
	n    atomic.Int64
	last atomic.Value
}

func (l *panicLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *panicLog) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "panic") {
		l.n.Add(1)
		msg := r.Message
		r.Attrs(func(a slog.Attr) bool { msg += " " + a.String(); return true })
		l.last.Store(msg)
	}
	return nil
}
func (l *panicLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *panicLog) WithGroup(string) slog.Handler      { return l }

// FuzzAPIEvent builds API Gateway events from fuzzed parts (method,
// path, query, one header, body, base64 flag, cookies, claims given as a
// JSON object or as cognito:groups) and runs them through httpRequest,
// authenticate and listClaim, then the whole API.Handle over a published
// index of one upload. Invariants: no panic, in the conversion or (as
// logged by Handle's recovery) in any handler; httpRequest fails only on
// a body that is not base64 or a method or target the HTTP package
// refuses, and otherwise carries method, body, length, headers, host,
// cookies and claims over; listClaim gives non-empty items; an identity
// is one of the four roles with known, sorted, distinct States in the
// number its role allows, and its scope is exactly those States (all for
// the secretariat); every response has a status code, a JSON body where
// it says JSON, and base64 where it says so.
func FuzzAPIEvent(f *testing.F) {
	f.Add("GET", "/api/search", "q=witness&country=MEX&limit=5", "Accept", "application/json", "", false, "", `{"sub":"u1","cognito:groups":"[reviewer state:MEX state:PER]"}`)
	f.Add("GET", "/api/me", "", "host", "api.example", "", false, "x=1", `{"sub":"u2","role":"focal_point","countries":"[\"POL\"]"}`)
	f.Add("POST", "/api/uploads", "", "content-type", "multipart/form-data; boundary=X", base64.StdEncoding.EncodeToString([]byte("--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\r\n--X--\r\n")), true, "", `{"sub":"u3","cognito:groups":"[\"secretariat\"]"}`)
	f.Add("POST", "/api/uploads/url", "", "content-type", "application/json", `{"file":"a.pdf","country":"MEX"}`, false, "", `{"sub":"u4","cognito:groups":"focal_point,state:MEX"}`)
	f.Add("GET", "/api/compare", "theme=witness-protection&format=csv", "", "", "", false, "", `{"sub":"u5","cognito:groups":"[secretariat state:MEX]"}`)
	f.Add("GET", "/api/observations", "country=MEX&format=html", "", "", "", false, "", `[observer state:LKA]`)
	f.Add("GET", "/api/uploads/"+strings.Repeat("a", 64), "", "", "", "", false, "", `{"sub":"u6","role":"observer","countries":"LKA,XXX"}`)
	f.Add("DELETE", "/../../etc/passwd", "%zz", "Content-Length", "-1", "!!notbase64", true, "a", `{}`)
	f.Add("GET", "/", "", "", "", "", false, "", ``)
	f.Add("BAD METHOD", "http://x/y", "", "x\ny", "v\r\n", "", false, "", `{"sub":""}`)

	base, sha := extracted(f, "MEX")
	h := &Index{Store: base, Log: slog.New(slog.DiscardHandler), Publisher: &snapshot.Publisher{Store: base, Dir: f.TempDir()}}
	body, _ := json.Marshal(IndexMessage{SHA256: sha, State: "MEX", Declared: "MEX"})
	if resp, err := h.Handle(context.Background(), events.SQSEvent{Records: []events.SQSMessage{{MessageId: "1", Body: string(body)}}}); err != nil || len(resp.BatchItemFailures) > 0 {
		f.Fatalf("publish: %v %v", err, resp)
	}
	plan, err := saq.DefaultPlan()
	if err != nil {
		f.Fatal(err)
	}
	panics := &panicLog{}
	a := &API{Store: base, Files: fakeFiles{}, Plan: plan, UI: web.Handler(), Dir: f.TempDir(), Refresh: time.Hour,
		Log: slog.New(panics), Now: func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }}
	f.Cleanup(func() { a.Close() })

	f.Fuzz(func(t *testing.T, method, rawPath, rawQuery, hkey, hval, body string, b64 bool, cookie, claims string) {
		defer watchdog(30 * time.Second)()
		req := events.APIGatewayV2HTTPRequest{RawPath: rawPath, RawQueryString: rawQuery, Body: body, IsBase64Encoded: b64,
			Headers: map[string]string{}}
		req.RequestContext.HTTP.Method = method
		req.RequestContext.HTTP.SourceIP = "192.0.2.1"
		if hkey != "" {
			req.Headers[hkey] = hval
		}
		if cookie != "" {
			req.Cookies = strings.Split(cookie, ";")
		}
		var cm map[string]string
		if json.Unmarshal([]byte(claims), &cm) != nil && claims != "" {
			cm = map[string]string{"sub": "fuzz", "cognito:groups": claims}
		}
		if cm != nil {
			req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
				JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: cm}}
		}

		checkRequest(t, req)
		for _, k := range []string{"cognito:groups", "countries"} {
			for _, it := range listClaim(cm[k]) {
				if s, ok := it.(string); ok && s == "" && !json.Valid([]byte(cm[k])) {
					t.Errorf("listClaim(%q) has an empty item", cm[k])
				}
			}
		}

		before := panics.n.Load()
		resp, err := a.Handle(context.Background(), req)
		if err != nil {
			t.Fatalf("Handle: %v", err)
		}
		if panics.n.Load() != before {
			t.Fatalf("a handler panicked: %v", panics.last.Load())
		}
		if resp.StatusCode < 100 || resp.StatusCode > 599 {
			t.Errorf("status %d", resp.StatusCode)
		}
		if resp.IsBase64Encoded {
			if _, err := base64.StdEncoding.DecodeString(resp.Body); err != nil {
				t.Errorf("body marked base64 is not: %v", err)
			}
		} else if strings.HasPrefix(resp.Headers["Content-Type"], "application/json") && !json.Valid([]byte(resp.Body)) {
			t.Errorf("JSON response is not JSON: %.200q", resp.Body)
		}
	})
}

// checkRequest runs httpRequest and authenticate on one event.
func checkRequest(t *testing.T, req events.APIGatewayV2HTTPRequest) {
	t.Helper()
	r, err := httpRequest(context.Background(), req)
	body := []byte(req.Body)
	if req.IsBase64Encoded {
		var derr error
		if body, derr = base64.StdEncoding.DecodeString(req.Body); derr != nil {
			if err == nil {
				t.Errorf("body %q is not base64, but the request was made", req.Body)
			}
			return
		}
	}
	if err != nil {
		// Only a method or target the HTTP package refuses.
		if _, nerr := http.NewRequest(req.RequestContext.HTTP.Method, "/", nil); nerr == nil && validTarget(req) {
			t.Errorf("httpRequest(%q %q %q): %v", req.RequestContext.HTTP.Method, req.RawPath, req.RawQueryString, err)
		}
		return
	}
	if m := req.RequestContext.HTTP.Method; r.Method != m && !(m == "" && r.Method == http.MethodGet) {
		t.Errorf("method %q, want %q", r.Method, m)
	}
	got, _ := io.ReadAll(r.Body)
	if !bytes.Equal(got, body) || r.ContentLength != int64(len(body)) {
		t.Errorf("body %q (length %d), want %q", got, r.ContentLength, body)
	}
	for k, v := range req.Headers {
		if r.Header.Get(k) != v && len(req.Headers) == 1 {
			t.Errorf("header %q = %q, want %q", k, r.Header.Get(k), v)
		}
	}
	if r.Host != req.Headers["host"] {
		t.Errorf("host %q, want %q", r.Host, req.Headers["host"])
	}
	if len(req.Cookies) > 0 && r.Header.Get("Cookie") != strings.Join(req.Cookies, "; ") {
		t.Errorf("cookies %q from %q", r.Header.Get("Cookie"), req.Cookies)
	}

	var claims map[string]string
	if a := req.RequestContext.Authorizer; a != nil && a.JWT != nil {
		claims = a.JWT.Claims
	}
	id, err := authenticate(r)
	if err != nil {
		return
	}
	if len(claims) == 0 || id.Subject == "" || id.Subject != claims["sub"] || !utf8.ValidString(id.Role) {
		t.Errorf("identity %+v from claims %q", id, claims)
	}
	if !slices.IsSorted(id.Countries) || len(slices.Compact(slices.Clone(id.Countries))) != len(id.Countries) {
		t.Errorf("countries %q are not sorted and distinct", id.Countries)
	}
	for _, c := range id.Countries {
		if ct, ok := saq.LookupCountry(c); !ok || ct.Code != c {
			t.Errorf("country %q is not a State's code", c)
		}
	}
	sc := id.Scope()
	switch n := len(id.Countries); id.Role {
	case api.RoleSecretariat:
		if n != 0 || !sc.All {
			t.Errorf("secretariat %+v, scope %+v", id, sc)
		}
	case api.RoleFocalPoint, api.RoleReviewer, api.RoleObserver:
		if n == 0 || (id.Role == api.RoleFocalPoint && n != 1) || sc.All {
			t.Errorf("%s %+v, scope %+v", id.Role, id, sc)
		}
		for _, c := range []string{"MEX", "PER", "POL", "LKA", "CAN", "UNK"} {
			if sc.Allows(c) != slices.Contains(id.Countries, c) {
				t.Errorf("%s of %q: scope allows %s: %v", id.Role, id.Countries, c, sc.Allows(c))
			}
		}
	default:
		t.Errorf("role %q", id.Role)
	}
}

// validTarget reports whether the request target httpRequest builds is
// one the HTTP package parses.
func validTarget(req events.APIGatewayV2HTTPRequest) bool {
	target := req.RawPath
	if target == "" {
		target = "/"
	}
	if req.RawQueryString != "" {
		target += "?" + req.RawQueryString
	}
	_, err := http.NewRequest(http.MethodGet, target, nil)
	return err == nil
}

// watchdog ends the process with every goroutine's stack when the call
// it guards runs past d: the fuzzer has no time limit of its own, and
// records the input of a worker that dies as a crasher.
func watchdog(d time.Duration) (stop func()) {
	t := time.AfterFunc(d, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("still running after %s", d))
	})
	return func() { t.Stop() }
}
