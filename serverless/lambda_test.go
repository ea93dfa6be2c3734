package serverless_test

// End-to-end tests of the three functions as Lambda runs them: each
// function's real bootstrap under the Runtime Interface Emulator, the
// aws-sdk-go-v2 clients talking the wire protocols to an S3-compatible
// server (gofakes3) and an SQS server (infra/sqstest), the test playing
// the parts of AWS that are not code of ours: S3 notifications, Lambda's
// SQS event source mapping, API Gateway with its JWT authorizer.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/indexer/snapshot"
	"github.com/saq-review/saq/infra/lambdatest"
	"github.com/saq-review/saq/infra/s3store"
	"github.com/saq-review/saq/infra/s3test"
	"github.com/saq-review/saq/infra/sqsqueue"
	"github.com/saq-review/saq/infra/sqstest"
	"github.com/saq-review/saq/internal/pdfbuild"
	"github.com/saq-review/saq/internal/samples"
	"github.com/saq-review/saq/serverless"
)

func TestMain(m *testing.M) {
	code := m.Run()
	lambdatest.Cleanup()
	os.Exit(code)
}

const (
	ingestPkg = "github.com/saq-review/saq/functions/ingest"
	indexPkg  = "github.com/saq-review/saq/functions/index"
	apiPkg    = "github.com/saq-review/saq/functions/api"
)

// stack is one deployment: buckets, queues with their dead-letter
// queues, and the functions' environment.
type stack struct {
	s3                *s3test.Server
	submissions, data string
	store             *s3store.Store // the data bucket
	sqs               *sqstest.Server
	ingestQ, indexQ   *sqsqueue.Queue
	ingestDLQ         *sqsqueue.Queue
	indexDLQ          *sqsqueue.Queue
	ingestARN         string
	indexARN          string
	manifestWrites    atomic.Int64 // successful writes of the manifest

	// Every faultEvery-th S3 request is answered 503 SlowDown (0: none);
	// requests counts them all, injected the failed ones.
	faultEvery atomic.Int64
	requests   atomic.Int64
	injected   atomic.Int64
}

func (st *stack) faulty(r *http.Request) bool {
	every := st.faultEvery.Load()
	if every == 0 || st.requests.Add(1)%every != 0 {
		return false
	}
	io.Copy(io.Discard, r.Body)
	st.injected.Add(1)
	return true
}

// newStack makes a deployment whose queues move a message to their
// dead-letter queue after maxReceive deliveries.
func newStack(t testing.TB, maxReceive int) *stack {
	t.Helper()
	st := &stack{}
	st.s3 = s3test.StartWith(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if st.faulty(r) {
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`)
				return
			}
			rec := &statusWriter{ResponseWriter: w, code: 200}
			h.ServeHTTP(rec, r)
			if r.Method == "PUT" && strings.HasSuffix(r.URL.Path, "/"+snapshot.ManifestKey) && rec.code == 200 {
				st.manifestWrites.Add(1)
			}
		})
	})
	st.submissions, st.data = st.s3.NewBucket(t), st.s3.NewBucket(t)
	var err error
	if st.store, err = s3store.New(s3store.Options{Bucket: st.data, Client: st.s3.Client}); err != nil {
		t.Fatal(err)
	}
	st.sqs = sqstest.Start(t)
	c := st.sqs.Client()
	ingestDLQ := st.sqs.CreateQueue(t, "ingest-dlq", sqstest.QueueOptions{})
	ingestQ := st.sqs.CreateQueue(t, "ingest", sqstest.QueueOptions{VisibilityTimeout: 15 * time.Minute, DLQ: ingestDLQ, MaxReceiveCount: maxReceive})
	indexDLQ := st.sqs.CreateQueue(t, "index-dlq.fifo", sqstest.QueueOptions{FIFO: true})
	indexQ := st.sqs.CreateQueue(t, "index.fifo", sqstest.QueueOptions{FIFO: true, VisibilityTimeout: 30 * time.Minute, DLQ: indexDLQ, MaxReceiveCount: maxReceive})
	st.ingestQ, st.ingestDLQ = sqsqueue.New(c, ingestQ), sqsqueue.New(c, ingestDLQ)
	st.indexQ, st.indexDLQ = sqsqueue.New(c, indexQ), sqsqueue.New(c, indexDLQ)
	st.ingestARN, st.indexARN = st.sqs.ARN(t, ingestQ), st.sqs.ARN(t, indexQ)
	return st
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// env is the functions' environment, as template.yaml sets it, plus the
// endpoints of the test servers.
func (st *stack) env(t testing.TB, extra ...string) map[string]string {
	env := map[string]string{
		"SAQ_SUBMISSIONS_BUCKET":      st.submissions,
		"SAQ_DATA_BUCKET":             st.data,
		"SAQ_INDEX_QUEUE_URL":         st.indexQ.URL(),
		"SAQ_REFRESH_SECONDS":         "0",
		"SAQ_S3_ENDPOINT":             st.s3.URL,
		"SAQ_SQS_ENDPOINT":            st.sqs.URL,
		"TMPDIR":                      t.TempDir(),
		"AWS_LAMBDA_FUNCTION_TIMEOUT": "300",
	}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

func (st *stack) start(t testing.TB, pkg string, extra ...string) *lambdatest.Function {
	t.Helper()
	return lambdatest.Start(t, lambdatest.Build(t, pkg), st.env(t, extra...))
}

// upload puts a file into the submissions bucket and sends its
// notification to the ingest queue, as S3 does: the key URL-encoded.
func (st *stack) upload(t *testing.T, key string, data []byte) {
	t.Helper()
	ctx := context.Background()
	out, err := st.s3.Client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(st.submissions), Key: aws.String(key), Body: bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	st.notify(t, key, aws.ToString(out.VersionId), int64(len(data)))
}

func (st *stack) notify(t *testing.T, key, version string, size int64) {
	t.Helper()
	ev := map[string]any{"Records": []any{map[string]any{
		"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
		"eventTime": time.Now().UTC().Format(time.RFC3339), "eventName": "ObjectCreated:Put",
		"s3": map[string]any{
			"s3SchemaVersion": "1.0",
			"bucket":          map[string]any{"name": st.submissions, "arn": "arn:aws:s3:::" + st.submissions},
			"object":          map[string]any{"key": url.QueryEscape(key), "size": size, "versionId": version, "sequencer": "0A1B2C3D4E5F678901"},
		},
	}}}
	body, _ := json.Marshal(ev)
	if err := st.ingestQ.Send(context.Background(), saq.Message{Body: body}); err != nil {
		t.Fatal(err)
	}
}

// invoker calls a function under the emulator as Lambda's event source
// mapping does.
func invoker(f *lambdatest.Function) func(context.Context, events.SQSEvent) (events.SQSEventResponse, error) {
	return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var resp events.SQSEventResponse
		out, err := f.Invoke(ctx, ev)
		if err != nil {
			return resp, err
		}
		return resp, json.Unmarshal(out, &resp)
	}
}

func drain(t *testing.T, q *sqsqueue.Queue, arn string, batch int, fn func(context.Context, events.SQSEvent) (events.SQSEventResponse, error)) sqstest.Stats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var src sqstest.EventSource
	stats, err := src.Drain(ctx, q, arn, batch, fn)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

// claims are what API Gateway's JWT authorizer passes on for each role
// (Cognito groups).
var claims = map[string]map[string]string{
	"secretariat": {"sub": "sec-1", "cognito:groups": "[secretariat]"},
	"reviewer":    {"sub": "rev-1", "cognito:groups": "[reviewer state:CAN state:LUX]"},
	"focal_point": {"sub": "fp-1", "cognito:groups": "[focal_point state:POL]"},
}

// call sends an HTTP API request (payload 2.0) to the api function.
func call(t testing.TB, f *lambdatest.Function, role, method, target string, body []byte, contentType string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	path, query, _ := strings.Cut(target, "?")
	req := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: "ANY /api/{proxy+}", RawPath: path, RawQueryString: query,
		Headers: map[string]string{"host": "api.example", "content-type": contentType},
	}
	req.RequestContext.HTTP.Method = method
	req.RequestContext.HTTP.Path = path
	req.RequestContext.HTTP.SourceIP = "192.0.2.10"
	if c := claims[role]; c != nil {
		req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: c},
		}
	}
	if body != nil {
		req.Body, req.IsBase64Encoded = encode64(body), true
	}
	out, err := f.Invoke(context.Background(), req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	var resp events.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("%s %s: %v: %s", method, target, err, out)
	}
	return resp
}

type searchResult struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		CountryCode  string `json:"country_code"`
		SubmissionID string `json:"submission_id"`
	} `json:"hits"`
	Facets map[string][]struct {
		Term  string `json:"term"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func search(t testing.TB, f *lambdatest.Function, role, query string) searchResult {
	t.Helper()
	resp := call(t, f, role, "GET", "/api/search?"+query, nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("search %s as %s: %d %s", query, role, resp.StatusCode, resp.Body)
	}
	var r searchResult
	if err := json.Unmarshal([]byte(resp.Body), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// searchUntil searches until the total is want: the api function swaps
// in a newer index generation in the background, a request or two after
// it is published.
func searchUntil(t *testing.T, f *lambdatest.Function, role, query string, want uint64) searchResult {
	t.Helper()
	var r searchResult
	for range 100 {
		if r = search(t, f, role, query); r.Total == want {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("search %q as %s: total %d, want %d", query, role, r.Total, want)
	return r
}

func TestEndToEnd(t *testing.T) {
	dir := samples.Dir(t)
	st := newStack(t, 3)
	ingestFn := st.start(t, ingestPkg)
	indexFn := st.start(t, indexPkg)
	apiFn := st.start(t, apiPkg)
	ctx := context.Background()

	// Focal points upload the samples, each under their State.
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	originals := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var truth struct{ ISO3 string }
		tb, err := os.ReadFile(strings.TrimSuffix(f, ".pdf") + ".truth.json")
		if err != nil || json.Unmarshal(tb, &truth) != nil || truth.ISO3 == "" {
			t.Fatalf("truth of %s: %v", f, err)
		}
		key := "uploads/" + truth.ISO3 + "/" + filepath.Base(f)
		st.upload(t, key, data)
		originals[key] = data
	}
	// A file that is not a PDF, and a notification that is not one.
	st.upload(t, "uploads/POL/scan result.pdf", []byte("GIF89a not a questionnaire"))
	if err := st.ingestQ.Send(ctx, saq.Message{Body: []byte(`{"garbage":`)}); err != nil {
		t.Fatal(err)
	}

	is := drain(t, st.ingestQ, st.ingestARN, 5, invoker(ingestFn))
	xs := drain(t, st.indexQ, st.indexARN, 10, invoker(indexFn))
	t.Logf("ingest: %+v; index: %+v", is, xs)

	// Every upload has its status; the poison message rests in the DLQ.
	p := &ingest.Pipeline{Store: st.store}
	sts, err := p.Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var answers uint64
	var rejected, extracted int
	want := map[string]uint64{}
	for _, s := range sts {
		switch s.State {
		case ingest.StateExtracted:
			extracted++
			answers += uint64(s.Answers)
			want[s.CountryCode] += uint64(s.Answers)
		case ingest.StateRejected:
			rejected++
			if s.Error.Kind != saq.KindNotPDF || s.CountryCode != "POL" || s.File != "scan result.pdf" {
				t.Errorf("rejected upload: %+v", s)
			}
		default:
			t.Errorf("status %+v", s)
		}
	}
	if extracted != len(files) || rejected != 1 || answers == 0 {
		t.Fatalf("%d extracted (want %d), %d rejected (want 1), %d answers", extracted, len(files), rejected, answers)
	}
	if n := dlqDepth(t, st.ingestDLQ); n != 1 {
		t.Errorf("ingest DLQ holds %d messages, want the poison one", n)
	}
	if n := dlqDepth(t, st.indexDLQ); n != 0 {
		t.Errorf("index DLQ holds %d messages", n)
	}
	m, _, err := snapshot.Read(ctx, st.store)
	if err != nil {
		t.Fatal(err)
	}
	if int64(m.Generation) != st.manifestWrites.Load() || m.Generation == 0 {
		t.Errorf("manifest generation %d, successful manifest writes %d", m.Generation, st.manifestWrites.Load())
	}

	// The api function finds every answer, for the secretariat, and only
	// those of the assigned States for a reviewer.
	all := searchUntil(t, apiFn, "secretariat", "limit=5", answers)
	if len(all.Hits) != 5 {
		t.Errorf("%d hits on the first page", len(all.Hits))
	}
	if r := search(t, apiFn, "secretariat", "q=organized+criminal+group&limit=3"); r.Total == 0 {
		t.Error("no hit for 'organized criminal group'")
	}
	rev := search(t, apiFn, "reviewer", "limit=100")
	if rev.Total != want["CAN"]+want["LUX"] || rev.Total == 0 {
		t.Errorf("reviewer of CAN, LUX sees %d answers, want %d", rev.Total, want["CAN"]+want["LUX"])
	}
	for _, h := range rev.Hits {
		if h.CountryCode != "CAN" && h.CountryCode != "LUX" {
			t.Errorf("reviewer sees an answer of %s", h.CountryCode)
		}
	}
	for name, terms := range rev.Facets {
		for _, f := range terms {
			if strings.Contains(f.Term, "EGY") || strings.Contains(f.Term, "Egypt") {
				t.Errorf("facet %s reveals %s", name, f.Term)
			}
		}
	}
	if resp := call(t, apiFn, "", "GET", "/api/search?q=x", nil, ""); resp.StatusCode != 401 {
		t.Errorf("search without verified claims: %d", resp.StatusCode)
	}
	if resp := call(t, apiFn, "", "GET", "/api/health", nil, ""); resp.StatusCode != 200 {
		t.Errorf("health: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := call(t, apiFn, "", "GET", "/", nil, ""); resp.StatusCode != 200 || !strings.Contains(resp.Body, "<html") {
		t.Errorf("web application: %d", resp.StatusCode)
	}

	// A download link is a presigned URL of the original.
	var canSub string
	for _, h := range rev.Hits {
		if h.CountryCode == "CAN" {
			canSub = h.SubmissionID
		}
	}
	resp := call(t, apiFn, "reviewer", "GET", "/api/links?submission="+url.QueryEscape(canSub), nil, "")
	var link struct{ URL string }
	if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &link) != nil || !strings.HasPrefix(link.URL, st.s3.URL) || !strings.Contains(link.URL, "X-Amz-Signature") {
		t.Fatalf("link: %d %s", resp.StatusCode, resp.Body)
	}
	got := httpGet(t, link.URL)
	if !bytes.HasPrefix(got, []byte("%PDF")) || !bytes.Equal(got, originals["uploads/CAN/s01.pdf"]) {
		t.Errorf("the presigned link gave %d bytes, not Canada's original", len(got))
	}
	if resp := call(t, apiFn, "reviewer", "GET", "/api/links?submission="+url.QueryEscape("EGY-II-UNTOC+TIP"), nil, ""); resp.StatusCode != 404 {
		t.Errorf("link to another State's submission: %d", resp.StatusCode)
	}

	// A focal point uploads through the api: the file goes to the
	// submissions bucket, the notification starts the ingest function,
	// and the status follows.
	pdf := pdfbuild.Lines("State party: Poland", "Cluster I",
		"Part I. United Nations Convention against Transnational Organized Crime",
		"Article 23. Criminalization of obstruction of justice",
		"Question 1. Has your country adopted legislative measures?",
		"[X] Yes [ ] No", "Article 239 of the Penal Code penalizes the obstruction of justice.")
	body, ctype := multipartPDF(t, "poland corrected.pdf", pdf, map[string]string{"cluster": "I", "instrument": "UNTOC"})
	resp = call(t, apiFn, "focal_point", "POST", "/api/uploads", body, ctype)
	var queued struct {
		Outcome string
		Status  ingest.Status
	}
	if resp.StatusCode != 202 || json.Unmarshal([]byte(resp.Body), &queued) != nil || queued.Outcome != "queued" {
		t.Fatalf("upload: %d %s", resp.StatusCode, resp.Body)
	}
	key := serverless.UploadKey("POL", queued.Status.SHA256)
	head, err := st.s3.Client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(st.submissions), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("the upload is not in the submissions bucket: %v", err)
	}
	if head.Metadata["file"] != url.PathEscape("poland corrected.pdf") || head.Metadata["cluster"] != "I" {
		t.Errorf("upload metadata %v", head.Metadata)
	}
	if resp := call(t, apiFn, "focal_point", "GET", "/api/submissions/"+queued.Status.SHA256, nil, ""); resp.StatusCode != 404 {
		t.Errorf("status before ingestion: %d", resp.StatusCode)
	}
	st.notify(t, key, aws.ToString(head.VersionId), aws.ToInt64(head.ContentLength))
	drain(t, st.ingestQ, st.ingestARN, 5, invoker(ingestFn))
	drain(t, st.indexQ, st.indexARN, 10, invoker(indexFn))
	resp = call(t, apiFn, "focal_point", "GET", "/api/submissions/"+queued.Status.SHA256, nil, "")
	var s ingest.Status
	if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &s) != nil || s.State != ingest.StateExtracted || s.File != "poland corrected.pdf" || s.CountryCode != "POL" {
		t.Fatalf("status after ingestion: %d %s", resp.StatusCode, resp.Body)
	}
	// The new version of Poland's cluster I UNTOC submission supersedes
	// the sample's answers to UNTOC (a different submission: UNTOC+SOM
	// stays).
	searchUntil(t, apiFn, "secretariat", "q="+url.QueryEscape(`"239 of the Penal Code penalizes"`)+"&country=POL", 1)
	if resp := call(t, apiFn, "reviewer", "GET", "/api/submissions/"+queued.Status.SHA256, nil, ""); resp.StatusCode != 404 {
		t.Errorf("a reviewer of CAN, LUX sees POL's upload: %d", resp.StatusCode)
	}

	// A larger file goes straight to S3 with a presigned PUT.
	big := questionnaire("Poland", saq.TIP, 3)
	resp = call(t, apiFn, "focal_point", "POST", "/api/uploads/url", []byte("file=tip+2026.pdf&cluster=I&instrument=TIP"), "application/x-www-form-urlencoded")
	var presigned struct {
		URL     string
		Headers map[string]string
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &presigned) != nil || !strings.Contains(presigned.URL, "/uploads/POL/") {
		t.Fatalf("upload url: %d %s", resp.StatusCode, resp.Body)
	}
	put, _ := http.NewRequest("PUT", presigned.URL, bytes.NewReader(big))
	for k, v := range presigned.Headers {
		put.Header.Set(k, v)
	}
	putResp, err := http.DefaultClient.Do(put)
	if err != nil || putResp.StatusCode != 200 {
		t.Fatalf("presigned PUT: %v %v", putResp, err)
	}
	putResp.Body.Close()
	u, _ := url.Parse(presigned.URL)
	bigKey := strings.TrimPrefix(u.Path, "/"+st.submissions+"/")
	st.notify(t, bigKey, putResp.Header.Get("x-amz-version-id"), int64(len(big)))
	drain(t, st.ingestQ, st.ingestARN, 5, invoker(ingestFn))
	drain(t, st.indexQ, st.indexARN, 10, invoker(indexFn))
	resp = call(t, apiFn, "focal_point", "GET", "/api/submissions/"+sha256Hex(big), nil, "")
	if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &s) != nil || s.State != ingest.StateExtracted || s.File != "tip 2026.pdf" || s.Cluster != "I" {
		t.Fatalf("status of the presigned upload: %d %s", resp.StatusCode, resp.Body)
	}

	// For sizing the functions (see the closing figures in README).
	for _, f := range []struct {
		name string
		fn   *lambdatest.Function
	}{{"ingest", ingestFn}, {"index", indexFn}, {"api", apiFn}} {
		if rss, err := f.fn.PeakRSS(); err == nil {
			t.Logf("%s function: peak resident memory %d MiB", f.name, rss>>20)
		}
	}

	// Logs are JSON lines, each naming the upload it is about.
	var lines int
	for _, line := range strings.Split(ingestFn.Logs(), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) != nil || rec["msg"] == nil {
			continue
		}
		lines++
		if rec["msg"] == "upload extracted" && (rec["upload"] == nil || rec["submission_id"] == nil) {
			t.Errorf("log line without the upload: %s", line)
		}
	}
	if lines == 0 {
		t.Error("the ingest function wrote no JSON log line")
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func encode64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// settled checks the end state of a run: every upload extracted, with
// answers in all, and the manifest's generation equal to the manifest
// writes the S3 server saw succeed. It returns the manifest.
func (st *stack) settled(t *testing.T, uploads int, answers uint64) snapshot.Manifest {
	t.Helper()
	ctx := context.Background()
	sts, err := (&ingest.Pipeline{Store: st.store}).Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var n uint64
	for _, s := range sts {
		if s.State != ingest.StateExtracted {
			t.Errorf("upload %s of %s: %s %v", s.File, s.CountryCode, s.State, s.Error)
		}
		n += uint64(s.Answers)
	}
	if len(sts) != uploads || n != answers {
		t.Fatalf("%d uploads with %d answers, want %d with %d", len(sts), n, uploads, answers)
	}
	m, _, err := snapshot.Read(ctx, st.store)
	if err != nil {
		t.Fatal(err)
	}
	if int64(m.Generation) != st.manifestWrites.Load() {
		t.Errorf("manifest generation %d, successful manifest writes %d", m.Generation, st.manifestWrites.Load())
	}
	return m
}

// receive takes a batch off a queue by hand, as the event source would,
// for a test that invokes a function itself.
func receive(t *testing.T, q *sqsqueue.Queue, arn string) ([]sqsqueue.Received, events.SQSEvent) {
	t.Helper()
	msgs, err := q.Receive(context.Background(), 10, time.Second)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("receive: %d messages, %v", len(msgs), err)
	}
	var ev events.SQSEvent
	for _, m := range msgs {
		ev.Records = append(ev.Records, events.SQSMessage{MessageId: m.ID, ReceiptHandle: m.Receipt, Body: string(m.Body),
			Attributes: m.Attributes, EventSource: "aws:sqs", EventSourceARN: arn, AWSRegion: "us-east-1"})
	}
	return msgs, ev
}

func dlqDepth(t *testing.T, q *sqsqueue.Queue) int {
	t.Helper()
	visible, inFlight, err := q.Depth(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return visible + inFlight
}

func httpGet(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	return b
}

func multipartPDF(t *testing.T, name string, data []byte, fields map[string]string) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

// questionnaire is a small cluster I submission of a State for one
// instrument.
func questionnaire(state string, inst saq.Instrument, n int) []byte {
	part := map[saq.Instrument]string{
		saq.UNTOC: "Part I. United Nations Convention against Transnational Organized Crime\nArticle 5. Criminalization of participation in an organized criminal group",
		saq.TIP:   "Part II. Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children\nArticle 5. Criminalization",
	}[inst]
	lines := []string{"State party: " + state, "Cluster I"}
	lines = append(lines, strings.Split(part, "\n")...)
	for q := 1; q <= n; q++ {
		lines = append(lines, fmt.Sprintf("Question %d. Has your country adopted legislative measures (%d)?", q, q),
			"[X] Yes [ ] No", fmt.Sprintf("The law of %s on %s provides for this, measure %d.", state, inst, q))
	}
	return pdfbuild.Lines(lines...)
}

// Fifty submissions, the index function running as three concurrent
// instances, the event source losing deletes and throttling at random:
// afterwards every answer is searchable exactly once, and the manifest
// generation equals the number of successful publishes.
func TestConcurrentIndexing(t *testing.T) {
	// Ten deliveries before the dead-letter queue: with the failure rates
	// below, a message fails ten times in a row with a probability under
	// 1e-6, so every message is eventually processed.
	st := newStack(t, 10)
	ctx := context.Background()
	states := saq.AllCountries()[:25]
	var planted uint64
	for i, c := range states {
		st.upload(t, "uploads/"+c.Code+"/untoc.pdf", questionnaire(c.Name, saq.UNTOC, 1+i%3))
		st.upload(t, "uploads/"+c.Code+"/tip.pdf", questionnaire(c.Name, saq.TIP, 1+i%2))
		planted += uint64(1+i%3) + uint64(1+i%2)
	}
	ingestFns := []*lambdatest.Function{st.start(t, ingestPkg), st.start(t, ingestPkg)}
	indexFns := []*lambdatest.Function{st.start(t, indexPkg), st.start(t, indexPkg), st.start(t, indexPkg)}
	apiFn := st.start(t, apiPkg)

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(seed, 7))
	chance := func(p float64) bool {
		mu.Lock()
		defer mu.Unlock()
		return rng.Float64() < p
	}
	var throttled, lost atomic.Int64
	// flaky is Lambda's event source at its worst: sometimes the
	// invocation never happens (throttling: the whole batch comes back),
	// sometimes a processed message is not deleted (it comes back).
	flaky := func(f *lambdatest.Function) func(context.Context, events.SQSEvent) (events.SQSEventResponse, error) {
		call := invoker(f)
		return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
			if chance(0.15) {
				throttled.Add(1)
				return events.SQSEventResponse{}, fmt.Errorf("throttled")
			}
			resp, err := call(ctx, ev)
			if err == nil && chance(0.3) {
				m := ev.Records[rng.IntN(len(ev.Records))]
				resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
				lost.Add(1)
			}
			return resp, err
		}
	}
	run := func(q *sqsqueue.Queue, arn string, batch int, fns []*lambdatest.Function) {
		var wg sync.WaitGroup
		for _, f := range fns {
			wg.Go(func() { drain(t, q, arn, batch, flaky(f)) })
		}
		wg.Wait()
	}
	run(st.ingestQ, st.ingestARN, 5, ingestFns)
	run(st.indexQ, st.indexARN, 3, indexFns)
	t.Logf("%d throttled invocations, %d lost deletes", throttled.Load(), lost.Load())

	p := &ingest.Pipeline{Store: st.store}
	answers := planted
	m := st.settled(t, 50, planted)
	var inManifest uint64
	for _, sh := range m.Shards {
		inManifest += sh.Answers
	}
	if inManifest != answers || len(m.Shards) != 25 {
		t.Errorf("manifest: %d answers in %d partitions, want %d in 25", inManifest, len(m.Shards), answers)
	}
	// Exactly once: a duplicate would make the total larger, a loss smaller.
	searchUntil(t, apiFn, "secretariat", "limit=1", answers)
	for _, c := range states[:3] {
		r := search(t, apiFn, "secretariat", "country="+c.Code+"&limit=1")
		if r.Total == 0 {
			t.Errorf("nothing of %s", c.Code)
		}
	}
	// A message whose deletes were lost often enough rests in a
	// dead-letter queue although its work was done: the queue cannot
	// tell. Nothing there may be work left undone.
	t.Logf("%d messages in the ingest DLQ, %d in the index DLQ", dlqDepth(t, st.ingestDLQ), dlqDepth(t, st.indexDLQ))
	for {
		msgs, err := st.indexDLQ.Receive(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			var im serverless.IndexMessage
			json.Unmarshal(m.Body, &im)
			if s, err := p.Status(ctx, im.SHA256); err != nil || s.State != ingest.StateExtracted {
				t.Errorf("index work in the DLQ was not done: %s (%v)", m.Body, err)
			}
			st.indexDLQ.Delete(ctx, m.Receipt)
		}
	}
}

// The index function dies after uploading its snapshot and before
// writing the manifest; the redelivered messages are applied by the next
// instance and nothing is lost.
func TestIndexCrashRecovers(t *testing.T) {
	st := newStack(t, 3)
	ctx := context.Background()
	for _, name := range []string{"Mexico", "Peru"} {
		c, _ := saq.LookupCountry(name)
		st.upload(t, "uploads/"+c.Code+"/q.pdf", questionnaire(name, saq.UNTOC, 2))
	}
	drain(t, st.ingestQ, st.ingestARN, 5, invoker(st.start(t, ingestPkg)))

	crashing := st.start(t, indexPkg, "SAQ_FAULT", "before-manifest")
	msgs, ev := receive(t, st.indexQ, st.indexARN)
	if _, err := crashing.Invoke(ctx, ev); err == nil {
		t.Fatal("the crashing function answered")
	}
	if !strings.Contains(crashing.Logs(), "SAQ_FAULT: crashing at before-manifest") {
		t.Fatalf("the function did not crash where planned:\n%s", crashing.Logs())
	}
	orphans, _ := st.store.List(ctx, "index/")
	if m, _, _ := snapshot.Read(ctx, st.store); m.Generation != 0 || len(orphans) == 0 {
		t.Fatalf("after the crash: generation %d, %d objects under index/", m.Generation, len(orphans))
	}
	// Lambda makes the messages visible again after the failed invocation.
	for _, m := range msgs {
		if err := st.indexQ.Retry(ctx, m.Receipt); err != nil {
			t.Fatal(err)
		}
	}
	drain(t, st.indexQ, st.indexARN, 10, invoker(st.start(t, indexPkg)))
	m, _, err := snapshot.Read(ctx, st.store)
	if err != nil {
		t.Fatal(err)
	}
	if int64(m.Generation) != st.manifestWrites.Load() || m.Generation == 0 {
		t.Errorf("generation %d, manifest writes %d", m.Generation, st.manifestWrites.Load())
	}
	searchUntil(t, st.start(t, apiPkg), "secretariat", "limit=1", 4)
}

// S3 answers a share of the functions' requests with 503 SlowDown, and
// the SDK is told not to retry (AWS_MAX_ATTEMPTS=1), so every fault
// reaches our code: the invocation fails or reports its message, which
// comes back.
// Afterwards every upload is extracted and searchable exactly once, and
// only the poison message is in a dead-letter queue.
func TestS3Faults(t *testing.T) {
	st := newStack(t, 10)
	ctx := context.Background()
	var planted uint64
	for i, c := range saq.AllCountries()[30:40] {
		st.upload(t, "uploads/"+c.Code+"/q.pdf", questionnaire(c.Name, saq.UNTOC, 1+i%3))
		planted += uint64(1 + i%3)
	}
	if err := st.ingestQ.Send(ctx, saq.Message{Body: []byte(`not an event`)}); err != nil {
		t.Fatal(err)
	}
	ingestFn := st.start(t, ingestPkg, "AWS_MAX_ATTEMPTS", "1")
	indexFn := st.start(t, indexPkg, "AWS_MAX_ATTEMPTS", "1")
	apiFn := st.start(t, apiPkg)
	// One request in twenty: an index invocation makes about a dozen,
	// so about half of them fail, but not all ten deliveries of one
	// message.
	st.faultEvery.Store(20)
	is := drain(t, st.ingestQ, st.ingestARN, 3, invoker(ingestFn))
	xs := drain(t, st.indexQ, st.indexARN, 3, invoker(indexFn))
	st.faultEvery.Store(0)
	t.Logf("%d S3 requests failed; ingest %+v; index %+v", st.injected.Load(), is, xs)
	if st.injected.Load() == 0 || is.Retried+xs.Retried == 0 {
		t.Fatalf("no fault reached the functions: nothing was tested")
	}

	st.settled(t, 10, planted)
	searchUntil(t, apiFn, "secretariat", "limit=1", planted)
	if n := dlqDepth(t, st.ingestDLQ); n != 1 {
		t.Errorf("ingest DLQ holds %d messages, want the poison one", n)
	}
	if n := dlqDepth(t, st.indexDLQ); n != 0 {
		t.Errorf("index DLQ holds %d messages", n)
	}
}

// The ingest function dies after storing an extracted upload and before
// sending its index message; the redelivered notification is finished by
// the next instance: the upload is indexed once, its record stored once.
func TestIngestCrashRecovers(t *testing.T) {
	st := newStack(t, 3)
	ctx := context.Background()
	for _, name := range []string{"Mexico", "Peru"} {
		c, _ := saq.LookupCountry(name)
		st.upload(t, "uploads/"+c.Code+"/q.pdf", questionnaire(name, saq.UNTOC, 2))
	}
	crashing := st.start(t, ingestPkg, "SAQ_FAULT", "before-send")
	msgs, ev := receive(t, st.ingestQ, st.ingestARN)
	if len(msgs) != 2 {
		t.Fatalf("received %d messages, want 2", len(msgs))
	}
	if _, err := crashing.Invoke(ctx, ev); err == nil || !strings.Contains(crashing.Logs(), "SAQ_FAULT: crashing at before-send") {
		t.Fatalf("the function did not crash where planned (%v):\n%s", err, crashing.Logs())
	}
	if records, _ := st.store.List(ctx, "records/"); len(records) != 1 {
		t.Fatalf("%d records stored before the crash, want the first upload's", len(records))
	}
	for _, m := range msgs {
		if err := st.ingestQ.Retry(ctx, m.Receipt); err != nil {
			t.Fatal(err)
		}
	}
	drain(t, st.ingestQ, st.ingestARN, 5, invoker(st.start(t, ingestPkg)))
	drain(t, st.indexQ, st.indexARN, 10, invoker(st.start(t, indexPkg)))
	if records, _ := st.store.List(ctx, "records/"); len(records) != 2 {
		t.Errorf("%d records, want 2", len(records))
	}
	searchUntil(t, st.start(t, apiPkg), "secretariat", "limit=1", 4)
}
