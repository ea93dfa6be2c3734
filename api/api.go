// Package api is saq's HTTP API: search, comparisons, draft observations,
// submissions and their status, uploads and downloads, each inside the
// caller's scope. The same handler serves `saq serve` and the Lambda
// function behind API Gateway; openapi.yaml documents it.
package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
)

// Server holds what the handlers need. Zero durations and sizes take the
// defaults below.
type Server struct {
	Pipeline *ingest.Pipeline
	Index    *indexer.Index
	Plan     *saq.Plan
	Keys     *Keys
	Log      *slog.Logger
	UI       http.Handler // served at "/", or nothing

	// Files, when set, keeps uploads and serves originals outside this
	// process: in AWS an upload is put into the submissions bucket, where
	// the ingest function takes it from (the answer is 202, the status
	// follows), and download links are presigned S3 URLs. When nil,
	// uploads are ingested at once and links point at /files/.
	Files Files

	// Authenticate returns the caller's identity; nil verifies the bearer
	// token with Keys. The Lambda sets it to read the claims API Gateway
	// has already verified.
	Authenticate func(*http.Request) (Identity, error)

	Now       func() time.Time
	MaxUpload int64         // bytes of one uploaded file; 50 MiB
	LinkTTL   time.Duration // life of a download link; 5 minutes

	// MaxBusy bounds the requests that read the index at once (search,
	// compare, observations; 2 × GOMAXPROCS when 0), and BusyWait how long
	// one waits for its turn (2 s) before it is answered 503 busy. Beyond
	// the CPUs more searches only queue inside bleve, holding memory,
	// until their deadline: better to say so early.
	MaxBusy  int
	BusyWait time.Duration

	busyOnce sync.Once
	busy     chan struct{}
}

// Files is where uploads go and originals come from when they are not
// this process's business (see Server.Files).
type Files interface {
	// Submit keeps an upload for the pipeline. It must not change an
	// earlier upload.
	Submit(ctx context.Context, up Submitted) error
	// Download returns a URL that fetches the original of upload sha
	// without credentials until ttl has passed.
	Download(ctx context.Context, sha, file string, ttl time.Duration) (string, error)
	// UploadURL returns a URL to which one file may be PUT, with the
	// headers to send, until ttl has passed: an upload declared as up
	// (without Data and SHA256, not known yet).
	UploadURL(ctx context.Context, up Submitted, ttl time.Duration) (PresignedUpload, error)
}

// PresignedUpload is where and how to PUT a file.
type PresignedUpload struct {
	URL     string
	Headers map[string]string // to send with the PUT, as they were signed
}

// Submitted is one upload handed to Files: the bytes, their hash, and
// what the uploader declared.
type Submitted struct {
	SHA256      string
	File        string // base name, for display
	Country     string // ISO code, the uploader's own State for a focal point
	Cluster     string
	Instruments []saq.Instrument
	Language    string
	Subject     string // who uploaded
	Data        []byte
}

// Defaults.
const (
	DefaultMaxUpload = 50 << 20
	DefaultLinkTTL   = 5 * time.Minute
)

// route is one API endpoint; routes lists them all, in the order of
// openapi.yaml, which a test keeps in step.
type route struct {
	method, pattern string
	action          string // what the role must be allowed (Identity.may); "" = no token needed
	handle          func(*Server, http.ResponseWriter, *http.Request, Identity) error
	timeout         time.Duration
}

var routes = []route{
	{"GET", "/api/health", "", (*Server).health, time.Second},
	{"GET", "/api/me", "read", (*Server).me, time.Second},
	{"GET", "/api/search", "search", (*Server).search, 10 * time.Second},
	{"GET", "/api/themes", "read", (*Server).themes, time.Second},
	{"GET", "/api/compare", "compare", (*Server).compare, 30 * time.Second},
	{"GET", "/api/observations", "draft", (*Server).observations, 30 * time.Second},
	{"GET", "/api/submissions", "read", (*Server).submissions, 10 * time.Second},
	{"GET", "/api/submissions/{sha}", "read", (*Server).submission, 5 * time.Second},
	{"GET", "/api/submissions/{sha}/record", "read", (*Server).record, 10 * time.Second},
	{"POST", "/api/uploads", "upload", (*Server).upload, 3 * time.Minute},
	{"POST", "/api/uploads/url", "upload", (*Server).uploadURL, 5 * time.Second},
	{"GET", "/api/links", "download", (*Server).link, 5 * time.Second},
	{"GET", "/files/{sha}", "", (*Server).file, 30 * time.Second},
}

// Handler returns the API under /api/, signed downloads under /files/,
// and the UI at "/".
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.HandleFunc(rt.method+" "+rt.pattern, s.wrap(rt))
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, Identity{}, saq.Errorf(saq.KindNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path))
	})
	if s.UI != nil {
		mux.Handle("/", s.UI)
	}
	return mux
}

// wrap authenticates, authorises, bounds time and logs one request.
func (s *Server) wrap(rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		ctx, cancel := context.WithTimeout(r.Context(), rt.timeout)
		defer cancel()
		r = r.WithContext(ctx)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		var id Identity
		var err error
		if rt.action != "" {
			id, err = s.authenticate(r)
			if err == nil && !id.may(rt.action) {
				err = saq.Errorf(saq.KindForbidden, "the %s role may not %s", id.Role, rt.action)
			}
		}
		if err == nil && heavy[rt.pattern] {
			var release func()
			if release, err = s.turn(ctx); err == nil {
				defer release()
			}
		}
		if err == nil {
			err = rt.handle(s, w, r, id)
		}
		if err != nil {
			s.fail(w, r, id, err)
			return
		}
		s.log().Info("request", "method", r.Method, "route", rt.pattern, "subject", id.Subject, "role", id.Role,
			"ms", s.now().Sub(start).Milliseconds())
	}
}

// errUnauthenticated marks a missing or invalid token: 401, not 403.
var errUnauthenticated = errors.New("unauthenticated")

func (s *Server) authenticate(r *http.Request) (Identity, error) {
	if s.Authenticate != nil {
		id, err := s.Authenticate(r)
		if err != nil {
			return Identity{}, fmt.Errorf("%w: %v", errUnauthenticated, err)
		}
		return id, nil
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return Identity{}, fmt.Errorf("%w: no bearer token", errUnauthenticated)
	}
	id, err := s.Keys.Verify(strings.TrimSpace(token), s.now())
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %v", errUnauthenticated, err)
	}
	return id, nil
}

// heavy are the routes that read the index: they take turns (MaxBusy).
var heavy = map[string]bool{"/api/search": true, "/api/compare": true, "/api/observations": true}

// turn waits for a free slot among MaxBusy, at most BusyWait, and returns
// the function that frees it.
func (s *Server) turn(ctx context.Context) (func(), error) {
	s.busyOnce.Do(func() {
		n := s.MaxBusy
		if n <= 0 {
			n = 2 * runtime.GOMAXPROCS(0)
		}
		s.busy = make(chan struct{}, n)
	})
	wait := s.BusyWait
	if wait <= 0 {
		wait = 2 * time.Second
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case s.busy <- struct{}{}:
		return func() { <-s.busy }, nil
	case <-t.C:
		return nil, saq.Errorf(saq.KindBusy, "the server is busy: try again in a moment")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// statusOf maps error kinds to HTTP statuses.
func statusOf(err error) int {
	if errors.Is(err, errUnauthenticated) {
		return http.StatusUnauthorized
	}
	switch saq.KindOf(err) {
	case saq.KindInvalid, saq.KindInvalidQuery:
		return http.StatusBadRequest
	case saq.KindForbidden:
		return http.StatusForbidden
	case saq.KindNotFound:
		return http.StatusNotFound
	case saq.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case saq.KindTimeout:
		return http.StatusGatewayTimeout
	case saq.KindBusy:
		return http.StatusServiceUnavailable
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

// fail writes {"error":{"kind","message"}}. Internal errors are logged in
// full and answered with a generic message: no internals reach clients.
// Every refusal is logged with who asked for what.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, id Identity, err error) {
	code := statusOf(err)
	e := saq.AsError(err)
	switch code {
	case http.StatusUnauthorized:
		e = &saq.Error{Kind: "unauthenticated", Message: "sign in: a valid bearer token is required"}
		w.Header().Set("WWW-Authenticate", `Bearer realm="saq"`)
	case http.StatusGatewayTimeout:
		e = &saq.Error{Kind: saq.KindTimeout, Message: "the request ran past its deadline"}
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
	case http.StatusInternalServerError:
		s.log().Error("internal error", "method", r.Method, "path", r.URL.Path, "subject", id.Subject, "error", err.Error())
		e = &saq.Error{Kind: saq.KindInternal, Message: "internal error: the secretariat has been told"}
	}
	if code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound {
		s.log().Warn("refused", "method", r.Method, "path", r.URL.Path, "subject", id.Subject, "role", id.Role,
			"countries", id.Countries, "status", code, "reason", err.Error())
	}
	writeJSON(w, code, map[string]any{"error": e})
}

func writeJSON(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // search fragments carry <mark>
	return enc.Encode(v)
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Server) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// Download links: /files/SHA?exp=UNIX&sig=HEX, signed with a key derived
// from the token key, valid for LinkTTL, for one original only — what a
// presigned S3 URL is in AWS.

func (s *Server) linkTTL() time.Duration {
	if s.LinkTTL <= 0 {
		return DefaultLinkTTL
	}
	return s.LinkTTL
}

func (s *Server) linkKey() []byte {
	m := hmac.New(sha256.New, s.Keys.private.Seed())
	m.Write([]byte("saq download links v1"))
	return m.Sum(nil)
}

func (s *Server) sign(sha string, exp int64) string {
	m := hmac.New(sha256.New, s.linkKey())
	fmt.Fprintf(m, "%s\n%d", sha, exp)
	return hex.EncodeToString(m.Sum(nil))
}

// Link returns a signed download path for an upload.
func (s *Server) Link(sha string) string {
	exp := s.now().Add(s.linkTTL()).Unix()
	return "/files/" + sha + "?" + url.Values{"exp": {strconv.FormatInt(exp, 10)}, "sig": {s.sign(sha, exp)}}.Encode()
}

func (s *Server) verifyLink(sha, exp, sig string) bool {
	if s.Keys == nil || s.Files != nil {
		return false // links are not ours to sign (see Files)
	}
	e, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || s.now().Unix() > e {
		return false
	}
	want := s.sign(sha, e)
	return hmac.Equal([]byte(want), []byte(sig))
}
