// Package loadbench puts `saq serve` under load as its users would: many
// reviewers searching with facets and filters, each within their scope,
// while focal points upload submissions that are extracted and indexed in
// the same process. Concurrency rises step by step until the server
// fails a request or the steps run out; each step reports requests per
// second, latency percentiles, errors, upload latency and the server's
// memory, with a reference run of the same concurrency on /api/health
// (no index work) so that machine noise cancels out in the ratios.
// `saq bench --load` prints it.
package loadbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/internal/local"
	"github.com/saq-review/saq/internal/pdfbuild"
	"github.com/saq-review/saq/internal/searchbench"
)

// Options of a run.
type Options struct {
	Saq     string        // the saq binary to run `saq serve` with
	Dir     string        // a data directory holding an index (see Prepare)
	Recs    []saq.Record  // the answers indexed there, to draw queries from
	Clients []int         // concurrency of each step, rising
	Step    time.Duration // length of a step
	// MaxRequests bounds the requests of one step (0: no bound).
	MaxRequests int
	// UploadEvery is the pause between two uploads during a step (0: no
	// uploads).
	UploadEvery time.Duration
}

// Step is what one level of concurrency gave.
type Step struct {
	Clients       int
	Requests      int
	Errors        int
	FirstError    string
	RPS           float64
	P50, P95, P99 time.Duration
	// Health is the reference: /api/health at the same concurrency.
	HealthRPS float64
	HealthP50 time.Duration
	// Uploads made during the step, failed ones, and their median time.
	Uploads, UploadErrors int
	UploadP50             time.Duration
	// RSS and PeakRSS of the server process at the end of the step.
	RSS, PeakRSS int64
}

// Prepare indexes recs into a new data directory dir.
func Prepare(ctx context.Context, dir string, recs []saq.Record) (time.Duration, error) {
	idx, took, err := searchbench.Build(ctx, local.IndexDir(dir), recs)
	if err != nil {
		return 0, err
	}
	return took, idx.Close()
}

// Run starts `saq serve` on the data directory and runs the steps.
func Run(ctx context.Context, opt Options) ([]Step, error) {
	keys, err := api.LoadKeys(local.KeyPath(opt.Dir))
	if err != nil {
		return nil, err
	}
	srv, err := startServer(ctx, opt.Saq, opt.Dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	w, err := newWorkload(keys, opt.Recs)
	if err != nil {
		return nil, err
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: slices.Max(opt.Clients) + 4,
	}}
	var steps []Step
	for _, n := range opt.Clients {
		// The reference first, briefly, then the mix.
		ref := hammer(ctx, client, n, opt.Step/4, 0, func(r *rand.Rand) *http.Request {
			req, _ := http.NewRequest("GET", srv.url+"/api/health", nil)
			return req
		})
		up := &uploads{}
		stopUp := make(chan struct{})
		var upWG sync.WaitGroup
		if opt.UploadEvery > 0 {
			upWG.Go(func() { up.run(ctx, client, srv.url, w, opt.UploadEvery, stopUp) })
		}
		res := hammer(ctx, client, n, opt.Step, opt.MaxRequests, func(r *rand.Rand) *http.Request {
			return w.search(r, srv.url)
		})
		close(stopUp)
		upWG.Wait()
		st := Step{Clients: n, Requests: res.requests, Errors: res.errors, FirstError: res.firstError,
			RPS: res.rps(), P50: res.quantile(0.50), P95: res.quantile(0.95), P99: res.quantile(0.99),
			HealthRPS: ref.rps(), HealthP50: ref.quantile(0.50),
			Uploads: up.done, UploadErrors: up.errors, UploadP50: quantile(up.times, 0.5)}
		st.RSS, st.PeakRSS = srv.memory()
		steps = append(steps, st)
		if st.Errors > 0 || ctx.Err() != nil {
			break // where it breaks is found
		}
	}
	return steps, nil
}

// server is `saq serve` as a child process.
type server struct {
	cmd *exec.Cmd
	url string
	out bytes.Buffer
}

func startServer(ctx context.Context, bin, dir string) (*server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	s := &server{url: "http://" + addr}
	s.cmd = exec.Command(bin, "serve", "--data", dir, "--addr", addr)
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.out
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start saq serve: %w", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.url + "/api/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("saq serve did not answer: %s", s.out.String())
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// memory reads the server's resident and peak resident memory.
func (s *server) memory() (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak
}

// result collects one step's requests.
type result struct {
	mu         sync.Mutex
	times      []time.Duration
	started    int // requests sent or being sent, for the bound
	requests   int
	errors     int
	firstError string
	took       time.Duration
}

func (r *result) rps() float64 { return float64(r.requests) / r.took.Seconds() }

func (r *result) quantile(q float64) time.Duration { return quantile(r.times, q) }

func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// hammer runs n clients sending requests made by next for d (or until
// max requests), each waiting for its answer before the next request.
func hammer(ctx context.Context, c *http.Client, n int, d time.Duration, max int, next func(*rand.Rand) *http.Request) *result {
	res := &result{}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 99))
			for ctx.Err() == nil {
				res.mu.Lock()
				if max > 0 && res.started >= max {
					res.mu.Unlock()
					return
				}
				res.started++
				res.mu.Unlock()
				req := next(r).WithContext(context.WithoutCancel(ctx))
				t0 := time.Now()
				err := send(c, req)
				took := time.Since(t0)
				res.mu.Lock()
				res.requests++
				res.times = append(res.times, took)
				if err != nil {
					res.errors++
					if res.firstError == "" {
						res.firstError = err.Error()
					}
				}
				res.mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.took = time.Since(start)
	return res
}

// send makes a request and reads the whole answer; anything but 2xx is an
// error.
func send(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %.200s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return nil
}

// workload draws the requests: the search benchmark's query mix, as the
// secretariat or as reviewers of three States.
type workload struct {
	queries     []searchbench.Query
	secretariat string
	reviewers   map[string]string // by scope
	focal       []string          // focal point tokens
	focalStates []*saq.Country
	mu          sync.Mutex
	keys        *api.Keys
	uploads     int
}

func newWorkload(keys *api.Keys, recs []saq.Record) (*workload, error) {
	w := &workload{queries: searchbench.Queries(recs, 50, 11), reviewers: map[string]string{}, keys: keys}
	var err error
	if w.secretariat, err = w.token(api.RoleSecretariat, nil); err != nil {
		return nil, err
	}
	for _, c := range saq.AllCountries()[:20] {
		tok, err := w.token(api.RoleFocalPoint, []string{c.Code})
		if err != nil {
			return nil, err
		}
		w.focal, w.focalStates = append(w.focal, tok), append(w.focalStates, c)
	}
	for _, q := range w.queries {
		if q.Scope.All {
			continue
		}
		codes := slices.Sorted(slices.Values(q.Scope.Countries))
		key := strings.Join(codes, ",")
		if _, ok := w.reviewers[key]; !ok {
			if w.reviewers[key], err = w.token(api.RoleReviewer, codes); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

func (w *workload) token(role string, countries []string) (string, error) {
	id, err := api.NewIdentity("load-"+role, role, countries)
	if err != nil {
		return "", err
	}
	return w.keys.Issue(id, 2*time.Hour, time.Now())
}

// search is one reviewer's request: a query of the mix, with facets.
func (w *workload) search(r *rand.Rand, base string) *http.Request {
	q := w.queries[r.IntN(len(w.queries))]
	v := url.Values{"q": {q.Req.Query}, "limit": {"10"}}
	for _, c := range q.Req.Countries {
		v.Add("country", c)
	}
	if q.Req.Instrument != "" {
		v.Set("instrument", q.Req.Instrument)
	}
	if q.Req.Choice != "" {
		v.Set("choice", q.Req.Choice)
	}
	token := w.secretariat
	if !q.Scope.All {
		token = w.reviewers[strings.Join(slices.Sorted(slices.Values(q.Scope.Countries)), ",")]
	}
	req, _ := http.NewRequest("GET", base+"/api/search?"+v.Encode(), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

// uploads is the focal points' side of a step.
type uploads struct {
	done, errors int
	times        []time.Duration
}

func (u *uploads) run(ctx context.Context, c *http.Client, base string, w *workload, every time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		w.uploads++
		n := w.uploads
		w.mu.Unlock()
		i := n % len(w.focal)
		state := w.focalStates[i]
		pdf := pdfbuild.Lines("State party: "+state.Name, "Cluster I",
			"Part I. United Nations Convention against Transnational Organized Crime",
			"Article 5. Criminalization of participation in an organized criminal group",
			"Question 1. Has your country adopted legislative measures?",
			"[X] Yes [ ] No",
			fmt.Sprintf("Upload %d under load: article %d of the Penal Code applies.", n, 100+n))
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("cluster", "I")
		fw, _ := mw.CreateFormFile("file", fmt.Sprintf("load-%d.pdf", n))
		fw.Write(pdf)
		mw.Close()
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/uploads", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+w.focal[i])
		t0 := time.Now()
		err := send(c, req)
		u.times = append(u.times, time.Since(t0))
		u.done++
		if err != nil && !errors.Is(err, context.Canceled) {
			u.errors++
		}
	}
}
