package lambdatest_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/saq-review/saq/infra/lambdatest"
)

const echoPkg = "github.com/saq-review/saq/infra/lambdatest/testdata/echo"

// canary is set in the test process and must not reach the function.
const canary = "LAMBDATEST_CANARY"

func TestMain(m *testing.M) {
	os.Setenv(canary, "leaked")
	code := m.Run()
	lambdatest.Cleanup()
	os.Exit(code)
}

// startEcho starts the echo function with env.
func startEcho(t *testing.T, env map[string]string) *lambdatest.Function {
	t.Helper()
	return lambdatest.Start(t, lambdatest.Build(t, echoPkg), env)
}

func invoke(t *testing.T, f *lambdatest.Function, event any) ([]byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return f.Invoke(ctx, event)
}

func TestBuild(t *testing.T) {
	t.Parallel()
	a := lambdatest.Build(t, echoPkg)
	if b := lambdatest.Build(t, echoPkg); b != a {
		t.Errorf("second Build = %s, want the cached %s", b, a)
	}
	rel := lambdatest.Build(t, "./infra/lambdatest/testdata/echo")
	for _, p := range []string{a, rel} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(p, "/bootstrap") || fi.Mode()&0o111 == 0 {
			t.Errorf("%s: want an executable named bootstrap, mode %v", p, fi.Mode())
		}
	}
}

func TestInvoke(t *testing.T) {
	t.Parallel()
	f := startEcho(t, nil)
	tests := []struct {
		name  string
		event any
		want  string
	}{
		{"raw object", []byte(`{"a":1,"b":[true,null]}`), `{"a":1,"b":[true,null]}`},
		{"raw message", json.RawMessage(`[1,2,3]`), `[1,2,3]`},
		{"marshalled struct", struct {
			Key string `json:"key"`
		}{"docs/A RES 70/1.pdf"}, `{"key":"docs/A RES 70/1.pdf"}`},
		{"marshalled string", "hello", `"hello"`},
		{"error-like but not only error keys", []byte(`{"errorMessage":"m","errorType":"t","other":1}`), `{"errorMessage":"m","errorType":"t","other":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := invoke(t, f, tt.event)
			if err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Invoke = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFunctionErrors(t *testing.T) {
	t.Parallel()
	f := startEcho(t, map[string]string{"AWS_LAMBDA_FUNCTION_TIMEOUT": "1"})
	if _, err := invoke(t, f, []byte(`{}`)); err != nil { // the first cold start
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		event    string
		wantType string
		wantMsg  string // a substring of the message
		coldNext bool   // the next invoke starts a new bootstrap
	}{
		{"returned error", `{"error":"boom"}`, "errorString", "boom", false},
		{"invalid JSON event", `not json`, "SyntaxError", "invalid character", false},
		{"panic", `{"panic":true}`, "string", "echo: panic requested", true},
		{"timeout", `{"sleep_ms":3000}`, lambdatest.TimeoutType, "Task timed out after 1.00 seconds", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			starts := strings.Count(f.Logs(), "echo: cold start")
			begin := time.Now()
			out, err := invoke(t, f, []byte(tt.event))
			var fe *lambdatest.FunctionError
			if !errors.As(err, &fe) {
				t.Fatalf("Invoke = %s, %v; want a *FunctionError", out, err)
			}
			if fe.Type != tt.wantType || !strings.Contains(fe.Message, tt.wantMsg) {
				t.Errorf("error = {%q, %q}, want {%q, containing %q}", fe.Type, fe.Message, tt.wantType, tt.wantMsg)
			}
			if tt.wantType == lambdatest.TimeoutType {
				if d := time.Since(begin); d < time.Second || d > 2500*time.Millisecond {
					t.Errorf("timed out after %v, want about 1s", d)
				}
			}

			// The function still answers afterwards.
			got, err := invoke(t, f, []byte(`{"after":true}`))
			if err != nil || string(got) != `{"after":true}` {
				t.Fatalf("next Invoke = %s, %v; want the echo", got, err)
			}
			if n := strings.Count(f.Logs(), "echo: cold start") - starts; n != map[bool]int{false: 0, true: 1}[tt.coldNext] {
				t.Errorf("%d cold starts on the next Invoke, want restart=%v", n, tt.coldNext)
			}
		})
	}
}

func TestEnvironment(t *testing.T) {
	t.Parallel()
	f := startEcho(t, map[string]string{
		"SAQ_BUCKET": "originals",
		"AWS_REGION": "eu-west-1",
	})
	tests := []struct {
		name  string
		set   bool
		value string
	}{
		{"SAQ_BUCKET", true, "originals"},
		{"AWS_REGION", true, "eu-west-1"}, // the caller overrides a default
		{"AWS_DEFAULT_REGION", true, "us-east-1"},
		{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", true, "128"},
		{"PATH", true, os.Getenv("PATH")},
		{canary, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := invoke(t, f, map[string]string{"env": tt.name})
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Set   bool   `json:"set"`
				Value string `json:"value"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%s: %v", out, err)
			}
			if got.Set != tt.set || got.Value != tt.value {
				t.Errorf("%s: set=%v value=%q, want set=%v value=%q", tt.name, got.Set, got.Value, tt.set, tt.value)
			}
		})
	}
}

// sleepAll invokes each function with a 500 ms sleep, all at once, and
// returns how long they took together.
// sleepAll invokes each function with a 500 ms sleep at once and returns
// the time taken and whether all the invocations were in flight together
// (each began before any ended).
func sleepAll(t *testing.T, fs ...*lambdatest.Function) (time.Duration, bool) {
	t.Helper()
	begin := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var lastStart, firstEnd time.Time
	for _, f := range fs {
		wg.Go(func() {
			start := time.Now()
			if out, err := invoke(t, f, []byte(`{"sleep_ms":500}`)); err != nil {
				t.Errorf("Invoke = %s, %v", out, err)
			}
			end := time.Now()
			mu.Lock()
			if start.After(lastStart) {
				lastStart = start
			}
			if firstEnd.IsZero() || end.Before(firstEnd) {
				firstEnd = end
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return time.Since(begin), lastStart.Before(firstEnd)
}

func TestConcurrency(t *testing.T) {
	t.Parallel()
	a, b := startEcho(t, nil), startEcho(t, nil)
	// Warm both, so cold starts do not count.
	for _, f := range []*lambdatest.Function{a, b} {
		if _, err := invoke(t, f, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	// Each invocation sleeps 500 ms, so both are running together unless
	// one waited for the other: a lower bound, not a timing threshold.
	if d, together := sleepAll(t, a, b); !together {
		t.Errorf("two Functions took %v for two 500 ms invocations, one after the other; want them in parallel", d)
	}
	// The emulator refuses a second concurrent invocation; Invoke queues it.
	if d, _ := sleepAll(t, a, a); d < time.Second {
		t.Errorf("one Function took %v for two 500 ms invocations, want them one after the other", d)
	}
}

func TestInvokeCancel(t *testing.T) {
	t.Parallel()
	f := startEcho(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := f.Invoke(ctx, []byte(`{"sleep_ms":600}`)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Invoke past its deadline = %v, want context.DeadlineExceeded", err)
	}
	// The abandoned invocation still runs; the next one waits for it
	// instead of being refused by the emulator.
	if got, err := invoke(t, f, []byte(`{"x":1}`)); err != nil || string(got) != `{"x":1}` {
		t.Fatalf("next Invoke = %s, %v", got, err)
	}
}

func TestColdStartAndPeakRSS(t *testing.T) {
	t.Parallel()
	f := startEcho(t, nil)
	ready := time.Since(f.StartedAt)
	if _, err := f.PeakRSS(); err == nil {
		t.Error("PeakRSS before the first Invoke: want an error, the bootstrap is not running yet")
	}
	begin := time.Now()
	if _, err := invoke(t, f, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	cold := time.Since(begin)
	begin = time.Now()
	if _, err := invoke(t, f, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	warm := time.Since(begin)
	rss, err := f.PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("echo: emulator ready %v after its start; first Invoke (cold) %v, second %v; peak RSS %.1f MB",
		ready.Round(time.Millisecond), cold.Round(time.Microsecond), warm.Round(time.Microsecond), float64(rss)/(1<<20))
	if rss < 1<<20 || rss > 200<<20 {
		t.Errorf("PeakRSS = %d bytes, want between 1 MB and 200 MB", rss)
	}
}

func TestBootstrapExitsAtInit(t *testing.T) {
	t.Parallel()
	bootstrap := filepath.Join(t.TempDir(), "bootstrap")
	if err := os.WriteFile(bootstrap, []byte("#!/bin/sh\necho init failed >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	f := lambdatest.Start(t, bootstrap, nil)
	for range 2 { // the emulator tries again on each Invoke
		out, err := invoke(t, f, []byte(`{}`))
		var fe *lambdatest.FunctionError
		if err == nil || errors.As(err, &fe) || !strings.Contains(err.Error(), "502") {
			t.Fatalf("Invoke = %s, %v; want a plain error with the emulator's 502", out, err)
		}
	}
	// The second failure's output may reach the log after Invoke returns:
	// one is proof enough.
	if logs := f.Logs(); !strings.Contains(logs, "init failed") || !strings.Contains(logs, "exit status 3") {
		t.Errorf("logs do not show the bootstrap failing with exit status 3:\n%s", logs)
	}
}

func TestStartMissingBootstrapFails(t *testing.T) {
	t.Parallel()
	// Start must fail the test at once rather than leave it to a bare 502
	// on the first Invoke. Run it on a fake testing.TB to see that.
	ft := &fatalT{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		lambdatest.Start(ft, t.TempDir()+"/bootstrap", nil)
	}()
	<-done
	if !ft.fatal {
		t.Error("Start with a missing bootstrap did not fail the test")
	}
}

// fatalT records Fatalf instead of failing the real test.
type fatalT struct {
	testing.TB
	fatal bool
}

func (f *fatalT) Fatalf(format string, args ...any) {
	f.fatal = true
	f.TB.Logf("(expected) "+format, args...)
	runtime.Goexit()
}
