package serverless

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/indexer/snapshot"
)

// API handles API Gateway HTTP API requests (payload 2.0) with the same
// handlers as `saq serve`, over the latest published index generation.
//
// The first request of an instance loads the generation the manifest
// names (a cold start); later requests look at the manifest at most every
// Refresh, and a newer generation is loaded in the background and swapped
// in when ready: searches never wait for it. A generation is closed and
// removed when the last request using it ends.
type API struct {
	Store   DataStore
	Files   api.Files
	Plan    *saq.Plan
	UI      http.Handler
	Dir     string        // for local copies of the index (Lambda: /tmp)
	Refresh time.Duration // 0: look at the manifest before every request
	Log     *slog.Logger
	Now     func() time.Time

	mu         sync.Mutex
	cur        *generation
	checked    time.Time
	refreshing bool
	wg         sync.WaitGroup // background refreshes
}

// generation is one loaded index generation and the handler over it.
type generation struct {
	local   *snapshot.Local
	handler http.Handler
	refs    int  // requests using it; guarded by API.mu
	retired bool // replaced: closed when refs falls to 0
}

// Handle serves one request.
func (a *API) Handle(ctx context.Context, req events.APIGatewayV2HTTPRequest) (resp events.APIGatewayV2HTTPResponse, err error) {
	defer func() {
		if r := recover(); r != nil {
			a.Log.Error("panic serving a request", "panic", fmt.Sprint(r), "path", req.RawPath)
			resp, err = jsonError(http.StatusInternalServerError, saq.KindInternal, "internal error"), nil
		}
	}()
	g, err := a.acquire(ctx)
	if err != nil {
		a.Log.Error("no index to serve", "error", err.Error())
		return jsonError(http.StatusServiceUnavailable, saq.KindInternal, "the index is not available; try again"), nil
	}
	defer a.release(g)
	r, err := httpRequest(ctx, req)
	if err != nil {
		return jsonError(http.StatusBadRequest, saq.KindInvalid, err.Error()), nil
	}
	w := httptest.NewRecorder()
	g.handler.ServeHTTP(w, r)
	return httpResponse(w), nil
}

// Close waits for background refreshes and closes the current generation.
func (a *API) Close() error {
	a.wg.Wait()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cur == nil {
		return nil
	}
	g := a.cur
	a.cur = nil
	g.retired = true
	if g.refs == 0 {
		return g.close()
	}
	return nil
}

// Generation returns the manifest generation being served (0: none yet).
func (a *API) Generation() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cur == nil || a.cur.local == nil {
		return 0
	}
	return a.cur.local.Manifest.Generation
}

func (a *API) acquire(ctx context.Context) (*generation, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cur == nil {
		// Cold start: nothing to serve until the current generation is in.
		g, err := a.load(ctx, nil)
		if err != nil {
			return nil, err
		}
		a.cur, a.checked = g, a.now()
	} else if !a.refreshing && a.now().Sub(a.checked) >= a.Refresh {
		a.refreshing, a.checked = true, a.now()
		prev := a.cur
		a.wg.Add(1)
		go a.refresh(prev)
	}
	a.cur.refs++
	return a.cur, nil
}

func (a *API) release(g *generation) {
	a.mu.Lock()
	defer a.mu.Unlock()
	g.refs--
	if g.retired && g.refs == 0 {
		if err := g.close(); err != nil {
			a.Log.Warn("closing an old index generation", "error", err.Error())
		}
	}
}

// refresh loads a newer generation, if the manifest names one, and swaps
// it in.
func (a *API) refresh(prev *generation) {
	defer a.wg.Done()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	g, err := a.load(ctx, prev)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.refreshing = false
	if err != nil {
		a.Log.Error("index refresh failed; serving the previous generation", "error", err.Error())
		return
	}
	if g == prev || a.cur != prev {
		return
	}
	old := a.cur
	a.cur = g
	old.retired = true
	if old.refs == 0 {
		if err := old.close(); err != nil {
			a.Log.Warn("closing an old index generation", "error", err.Error())
		}
	}
	a.Log.Info("index generation loaded", "generation", g.local.Manifest.Generation)
}

// load reads the manifest and returns prev when it is still current, or
// the generation it names.
func (a *API) load(ctx context.Context, prev *generation) (*generation, error) {
	m, etag, err := snapshot.Read(ctx, a.Store)
	if err != nil {
		return nil, err
	}
	if prev != nil && prev.local.ETag == etag {
		return prev, nil
	}
	var prevLocal *snapshot.Local
	if prev != nil {
		prevLocal = prev.local
	}
	start := time.Now()
	local, err := snapshot.Load(ctx, a.Store, a.Dir, m, etag, prevLocal)
	if err != nil {
		return nil, err
	}
	a.Log.Info("index loaded", "generation", m.Generation, "states", len(m.Shards), "ms", time.Since(start).Milliseconds())
	return &generation{local: local, handler: a.server(local.Index).Handler()}, nil
}

func (a *API) server(idx *indexer.Index) *api.Server {
	return &api.Server{
		Pipeline:     &ingest.Pipeline{Store: a.Store},
		Index:        idx,
		Plan:         a.Plan,
		Log:          a.Log,
		UI:           a.UI,
		Files:        a.Files,
		Authenticate: authenticate,
		Now:          a.Now,
	}
}

func (g *generation) close() error {
	if g.local == nil {
		return nil
	}
	return g.local.Close()
}

func (a *API) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// claimsKey carries the claims API Gateway's JWT authorizer verified.
type claimsKey struct{}

// authenticate reads the identity from the verified claims: API Gateway
// refused the request already when the token was missing or invalid on a
// route that needs one, so no claims here means no identity.
func authenticate(r *http.Request) (api.Identity, error) {
	claims, _ := r.Context().Value(claimsKey{}).(map[string]string)
	if len(claims) == 0 {
		return api.Identity{}, saq.Errorf(saq.KindForbidden, "no verified identity")
	}
	m := make(map[string]any, len(claims))
	for k, v := range claims {
		m[k] = v
	}
	for _, k := range []string{"cognito:groups", "countries"} {
		if v, ok := claims[k]; ok {
			m[k] = listClaim(v)
		}
	}
	return api.IdentityFromClaims(m)
}

// listClaim reads a list claim as API Gateway passes it: a JSON array, or
// its own rendering "[a b c]", or a comma-separated string.
func listClaim(v string) []any {
	var out []any
	if json.Unmarshal([]byte(v), &out) == nil {
		return out
	}
	v = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(v), "["), "]")
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }) {
		out = append(out, f)
	}
	return out
}

// httpRequest turns an API Gateway event into the request the handlers
// serve.
func httpRequest(ctx context.Context, req events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	body := []byte(req.Body)
	if req.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(req.Body); err != nil {
			return nil, fmt.Errorf("body: %w", err)
		}
	}
	target := req.RawPath
	if target == "" {
		target = "/"
	}
	if req.RawQueryString != "" {
		target += "?" + req.RawQueryString
	}
	if jwt := req.RequestContext.Authorizer; jwt != nil && jwt.JWT != nil {
		ctx = context.WithValue(ctx, claimsKey{}, jwt.JWT.Claims)
	}
	r, err := http.NewRequestWithContext(ctx, req.RequestContext.HTTP.Method, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, v := range req.Headers {
		r.Header.Set(k, v)
	}
	if len(req.Cookies) > 0 {
		r.Header.Set("Cookie", strings.Join(req.Cookies, "; "))
	}
	r.Host = req.Headers["host"]
	r.RemoteAddr = req.RequestContext.HTTP.SourceIP
	r.ContentLength = int64(len(body))
	return r, nil
}

// httpResponse turns what a handler wrote into the API Gateway response;
// bodies that are not text travel base64-encoded.
func httpResponse(w *httptest.ResponseRecorder) events.APIGatewayV2HTTPResponse {
	resp := events.APIGatewayV2HTTPResponse{StatusCode: w.Code, Headers: map[string]string{}}
	for k, vs := range w.Header() {
		if k == "Set-Cookie" {
			resp.Cookies = append(resp.Cookies, vs...)
			continue
		}
		resp.Headers[k] = strings.Join(vs, ", ")
	}
	body := w.Body.Bytes()
	if textual(w.Header().Get("Content-Type")) && utf8.Valid(body) {
		resp.Body = string(body)
	} else {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	}
	return resp
}

func textual(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(ct)
	return strings.HasPrefix(ct, "text/") || ct == "application/json" || ct == "application/javascript" ||
		ct == "image/svg+xml" || ct == "application/yaml" || strings.HasSuffix(ct, "+json")
}

func jsonError(status int, kind saq.ErrorKind, msg string) events.APIGatewayV2HTTPResponse {
	b, _ := json.Marshal(map[string]any{"error": saq.Errorf(kind, "%s", msg)})
	return events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: string(b)}
}

// TempDir makes the directory for local index copies, emptied at start:
// a new instance may find an earlier one's files in a reused /tmp.
func TempDir(base string) (string, error) {
	dir := filepath.Join(base, "saq-index")
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, os.MkdirAll(dir, 0o755)
}
