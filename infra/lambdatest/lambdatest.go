// Package lambdatest runs real Lambda bootstrap binaries under the AWS Lambda
// Runtime Interface Emulator (aws-lambda-rie) in Go tests, so that a test
// exercises the binary that is deployed: built for Linux with
// lambda.norpc, started by the emulator, fed events over the Invoke API.
//
// A test builds its function once with Build, starts one emulator per
// Function with Start and calls Invoke:
//
//	bootstrap := lambdatest.Build(t, "github.com/saq-review/saq/functions/ingest")
//	f := lambdatest.Start(t, bootstrap, map[string]string{"BUCKET": "b"})
//	out, err := f.Invoke(ctx, event)
//
// Builds are cached in a directory per test process; a package that uses
// Build should remove it from TestMain with Cleanup.
//
// What the emulator does, measured with aws-lambda-rie
// v0.0.0-20261030222936-bef5c4ba774d and aws-lambda-go v1.55.1:
//
//   - It starts the bootstrap lazily, on the first invocation, and forwards
//     its own whole environment to it (Start therefore gives it a minimal one).
//   - It serves one invocation at a time; a second concurrent request is
//     refused. Invoke serialises calls per Function.
//   - An error returned by the handler comes back with status 200 and no
//     X-Amz-Function-Error header; only the body,
//     {"errorMessage":...,"errorType":...}, says it is an error.
//   - A panic in the handler is reported by aws-lambda-go as an error with a
//     stackTrace and the process then exits; the emulator answers 502 with
//     that body, and starts a fresh bootstrap (a new cold start) on the next
//     invocation.
//   - On timeout (AWS_LAMBDA_FUNCTION_TIMEOUT seconds) the emulator SIGKILLs
//     the bootstrap and answers status 200 with the plain-text body
//     "Task timed out after N.00 seconds"; the next invocation cold-starts.
//   - A bootstrap that exits during init, or cannot be executed, gets a 502
//     with an empty body; the reason is only in the logs.
//   - On SIGTERM the emulator kills the bootstrap (SIGKILL) and exits.
package lambdatest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// EmulatorPackage is the import path of the emulator's main package. It is
// a tool of the module (the tool directive in go.mod), so its version is
// the one pinned there.
const EmulatorPackage = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"

// TimeoutType is the FunctionError.Type Invoke reports when the emulator
// stopped the function at its timeout. It is what Lambda itself reports.
const TimeoutType = "Sandbox.Timedout"

// The build cache: one directory per test process, one build per package.
var (
	cacheMu  sync.Mutex
	cacheDir string
	builds   = map[string]*build{}
)

// build is one go build, run once however many tests ask for it.
type build struct {
	n    int // names its directory
	once sync.Once
	path string
	err  error
}

// Build builds the Go main package pkg as a Lambda bootstrap for the host's
// architecture, the way the Makefile builds it for the provided.al2023
// runtime:
//
//	GOOS=linux CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o DIR/bootstrap pkg
//
// pkg is an import path, or a path starting with "./" relative to the
// module root (not to the calling test's directory). The build runs in the
// module root, so it uses the module's go.mod and go.sum.
//
// Each pkg is built once per test process, however many tests (possibly in
// parallel) ask for it, and the result is kept until Cleanup. It returns the
// path of the executable. It skips the test when the go command is not on
// PATH or the host is not Linux, and fails the test when the build fails.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	if err := checkHost(); err != nil {
		t.Skipf("lambdatest: %v", err)
	}
	path, err := cachedBuild("bootstrap "+pkg, "bootstrap",
		"-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", pkg)
	if err != nil {
		t.Fatalf("lambdatest: %v", err)
	}
	return path
}

// emulator returns the path of the emulator executable, building it once
// per test process.
func emulator(t testing.TB) string {
	t.Helper()
	path, err := cachedBuild("emulator", "aws-lambda-rie", EmulatorPackage)
	if err != nil {
		t.Fatalf("lambdatest: %v", err)
	}
	return path
}

// cachedBuild runs "go build -o DIR/name args..." in the module root once
// for key.
func cachedBuild(key, name string, args ...string) (string, error) {
	cacheMu.Lock()
	b, ok := builds[key]
	if !ok {
		b = &build{n: len(builds)}
		builds[key] = b
	}
	cacheMu.Unlock()

	b.once.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			b.err = err
			return
		}
		dir, err := buildDir(b.n)
		if err != nil {
			b.err = err
			return
		}
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", append([]string{"build", "-o", out}, args...)...)
		cmd.Dir = root
		// The host architecture, whatever GOOS/GOARCH the caller's
		// environment says: the binary must run here.
		cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+runtime.GOARCH, "CGO_ENABLED=0")
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("build %s: %v\n%s", key, err, msg)
			return
		}
		b.path = out
	})
	return b.path, b.err
}

// moduleRoot returns the directory of the main module of the working
// directory (a test runs in its package's directory).
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("go env GOMOD: not inside a module")
	}
	return filepath.Dir(gomod), nil
}

// buildDir returns a fresh directory for the n-th build, under the
// process's cache directory. Each build gets its own directory because
// every bootstrap must be named "bootstrap".
func buildDir(n int) (string, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if cacheDir == "" {
		d, err := os.MkdirTemp("", "lambdatest-")
		if err != nil {
			return "", fmt.Errorf("build cache: %w", err)
		}
		cacheDir = d
	}
	d := filepath.Join(cacheDir, strconv.Itoa(n))
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", fmt.Errorf("build cache: %w", err)
	}
	return d, nil
}

// Cleanup removes the executables built by Build in this process. Call it
// from TestMain after m.Run; without it the directory (some 25 MB,
// lambdatest-* under os.TempDir) is left behind. Building again after
// Cleanup builds afresh.
func Cleanup() {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if cacheDir != "" {
		os.RemoveAll(cacheDir)
	}
	cacheDir = ""
	builds = map[string]*build{}
}

// Function is a bootstrap running under its own emulator.
type Function struct {
	// StartedAt is when the emulator process was started. The emulator
	// starts the bootstrap only on the first Invoke, so a cold start is
	// best measured as the duration of the first Invoke; the emulator
	// also logs the runtime's "Init Duration" in its REPORT line.
	StartedAt time.Time

	url  string // the Invoke endpoint
	cmd  *exec.Cmd
	logs *syncBuffer
	done chan struct{} // closed when the emulator has exited

	ctx    context.Context // cancelled when the Function is stopped
	cancel context.CancelFunc
	turn   chan struct{} // holds a token while an invocation is in flight
}

// Start starts the emulator with bootstrap as the function and stops it
// when the test ends. Both the emulator's Invoke API and its Runtime API
// listen on free loopback ports.
//
// The function's environment is only: PATH, HOME and TMPDIR of the test
// process; AWS_LAMBDA_FUNCTION_TIMEOUT=30; AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128;
// AWS_REGION and AWS_DEFAULT_REGION=us-east-1; fake static AWS credentials;
// then env, which overrides any of those. Nothing else of the test
// process's environment leaks into it, so a test states everything the
// function reads.
//
// The output of the emulator and of the function is kept for Logs and is
// written to the test log if the test fails.
func Start(t testing.TB, bootstrap string, env map[string]string) *Function {
	t.Helper()
	if err := checkHost(); err != nil {
		t.Skipf("lambdatest: %v", err)
	}
	rie := emulator(t)
	bootstrap, err := filepath.Abs(bootstrap)
	if err != nil {
		t.Fatalf("lambdatest: %v", err)
	}
	// The emulator would only report a missing bootstrap as an empty
	// 502 on the first Invoke.
	if fi, err := os.Stat(bootstrap); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		t.Fatalf("lambdatest: %s is not an executable file (err: %v)", bootstrap, err)
	}
	environ, err := functionEnv(env)
	if err != nil {
		t.Fatalf("lambdatest: %v", err)
	}

	// Free ports can be taken between choosing and binding them; the
	// emulator then exits, and we try again with others.
	var f *Function
	for attempt := 1; ; attempt++ {
		f, err = start(rie, bootstrap, environ)
		if err == nil {
			break
		}
		if !errors.Is(err, errAddrInUse) || attempt == 3 {
			t.Fatalf("lambdatest: start %s: %v", bootstrap, err)
		}
	}
	t.Cleanup(func() {
		f.stop()
		if t.Failed() {
			t.Logf("lambdatest: output of %s under the emulator:\n%s", bootstrap, f.Logs())
		}
	})
	return f
}

// checkHost reports why the emulator cannot run here, if it cannot.
func checkHost() error {
	if runtime.GOOS != "linux" {
		return fmt.Errorf("the Lambda emulator runs on Linux, not %s", runtime.GOOS)
	}
	if _, err := exec.LookPath("go"); err != nil {
		return fmt.Errorf("no go command to build with: %w", err)
	}
	return nil
}

// functionEnv returns the emulator's (and so the function's) environment.
func functionEnv(env map[string]string) ([]string, error) {
	vars := map[string]string{
		"AWS_LAMBDA_FUNCTION_TIMEOUT":     "30",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128", // Lambda's default
		"AWS_REGION":                      "us-east-1",
		"AWS_DEFAULT_REGION":              "us-east-1",
		"AWS_ACCESS_KEY_ID":               "AKIALAMBDATESTFAKE",
		"AWS_SECRET_ACCESS_KEY":           "lambdatest-fake-secret",
		"AWS_SESSION_TOKEN":               "lambdatest-fake-session",
	}
	for _, k := range []string{"PATH", "HOME", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			vars[k] = v
		}
	}
	for k, v := range env {
		vars[k] = v
	}
	// The emulator panics on the first Invoke when this is not a number.
	if _, err := strconv.Atoi(vars["AWS_LAMBDA_FUNCTION_TIMEOUT"]); err != nil {
		return nil, fmt.Errorf("AWS_LAMBDA_FUNCTION_TIMEOUT=%q: want whole seconds", vars["AWS_LAMBDA_FUNCTION_TIMEOUT"])
	}
	environ := make([]string, 0, len(vars))
	for k, v := range vars {
		environ = append(environ, k+"="+v)
	}
	return environ, nil
}

var errAddrInUse = errors.New("address already in use")

// start starts one emulator on fresh ports and waits until it listens.
func start(rie, bootstrap string, environ []string) (*Function, error) {
	apiAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	runtimeAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logs := &syncBuffer{}
	cmd := exec.Command(rie,
		"--runtime-interface-emulator-address", apiAddr,
		"--runtime-api-address", runtimeAddr,
		bootstrap)
	cmd.Dir = filepath.Dir(bootstrap) // as /var/task in Lambda
	cmd.Env = environ
	cmd.Stdout = logs
	cmd.Stderr = logs
	// If a bootstrap outlives the emulator it holds the output pipe open;
	// do not let Wait hang on it.
	cmd.WaitDelay = time.Second

	f := &Function{
		url:  "http://" + apiAddr + "/2015-03-31/functions/function/invocations",
		cmd:  cmd,
		logs: logs,
		done: make(chan struct{}),
		turn: make(chan struct{}, 1),
	}
	f.StartedAt = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	go func() {
		cmd.Wait()
		close(f.done)
	}()

	// Ready when both addresses accept connections. The emulator panics,
	// and so exits, if it cannot bind either.
	deadline := time.Now().Add(10 * time.Second)
	for _, addr := range []string{apiAddr, runtimeAddr} {
		for {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				break
			}
			select {
			case <-f.done:
				return nil, f.exitError()
			case <-time.After(10 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				f.stop()
				return nil, fmt.Errorf("emulator not listening on %s after 10s:\n%s", addr, logs.String())
			}
		}
	}
	// A port taken by another process between freeAddr and the
	// emulator's bind would also have accepted our connection; the
	// emulator then exits, measured 20-30 ms after it was started.
	select {
	case <-f.done:
		return nil, f.exitError()
	case <-time.After(time.Until(f.StartedAt.Add(100 * time.Millisecond))):
	}
	return f, nil
}

// exitError says why the emulator exited while starting.
func (f *Function) exitError() error {
	f.cancel()
	if strings.Contains(f.Logs(), "address already in use") {
		return errAddrInUse
	}
	return fmt.Errorf("emulator exited: %v\n%s", f.cmd.ProcessState, f.Logs())
}

// freeAddr returns a loopback address with a port that was free a moment
// ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// stop stops the emulator: SIGTERM, on which it kills the bootstrap and
// exits; SIGKILL after 5 s. It then kills any bootstrap left behind, since
// the emulator runs it in a process group of its own.
func (f *Function) stop() {
	f.cancel()
	children := childProcs(f.cmd.Process.Pid)
	f.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-f.done:
	case <-time.After(5 * time.Second):
		f.cmd.Process.Kill()
		<-f.done
	}
	for _, c := range children {
		// Still there under the same name: an orphan, not a new
		// process that reused the pid (all but impossible so soon).
		if _, comm, err := procStat(c.pid); err == nil && comm == c.comm {
			syscall.Kill(c.pid, syscall.SIGKILL)
		}
	}
}

// Logs returns what the emulator and the function have written to stdout
// and stderr so far.
func (f *Function) Logs() string { return f.logs.String() }

// FunctionError is an error the function reported (a returned error or a
// panic), or the emulator's timeout.
type FunctionError struct {
	Type    string // errorType: the Go type of the error ("errorString", "string" for panic("...")), or TimeoutType
	Message string // errorMessage
}

func (e *FunctionError) Error() string {
	return fmt.Sprintf("function error %s: %s", e.Type, e.Message)
}

// Invoke invokes the function with event and returns its response payload.
// An event of type []byte or json.RawMessage is sent as is; any other value
// is marshalled to JSON (so a string becomes a JSON string).
//
// When the function returns an error, panics or times out, the error is a
// *FunctionError. The emulator marks a function error only by the body's
// shape, so a response that is a JSON object with just the keys
// errorMessage and errorType (and stackTrace) is taken for an error even if
// the handler returned it as its result.
//
// Invocations of one Function run one at a time, as the emulator needs; a
// test models concurrency with several Functions. When ctx ends first,
// Invoke returns ctx.Err() but the invocation continues in the emulator, and
// the next Invoke waits for it.
func (f *Function) Invoke(ctx context.Context, event any) ([]byte, error) {
	var body []byte
	switch e := event.(type) {
	case []byte:
		body = e
	case json.RawMessage:
		body = e
	default:
		var err error
		if body, err = json.Marshal(event); err != nil {
			return nil, fmt.Errorf("lambdatest: invoke: marshal event: %w", err)
		}
	}

	select {
	case f.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("lambdatest: invoke: waiting for the previous invocation: %w", ctx.Err())
	}
	type result struct {
		out []byte
		err error
	}
	res := make(chan result, 1)
	go func() {
		// The turn is given back only when the emulator has answered,
		// whatever the caller's ctx does.
		defer func() { <-f.turn }()
		out, err := f.post(body)
		res <- result{out, err}
	}()
	select {
	case r := <-res:
		return r.out, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("lambdatest: invoke: %w", ctx.Err())
	}
}

// post sends one invocation and interprets the emulator's answer.
func (f *Function) post(body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodPost, f.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("lambdatest: invoke: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("lambdatest: invoke: %w", err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("lambdatest: invoke: read response: %w", err)
	}
	if fe := functionError(out); fe != nil {
		return nil, fe
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("lambdatest: invoke: emulator answered %s %q (the reason is in Logs)", resp.Status, out)
	}
	return out, nil
}

// functionError returns the error that body reports, if it reports one.
func functionError(body []byte) *FunctionError {
	if msg, ok := strings.CutPrefix(string(body), "Task timed out after "); ok && strings.HasSuffix(msg, " seconds") {
		return &FunctionError{Type: TimeoutType, Message: string(body)}
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return nil
	}
	var e FunctionError
	for k, v := range fields {
		var err error
		switch k {
		case "errorType":
			err = json.Unmarshal(v, &e.Type)
		case "errorMessage":
			err = json.Unmarshal(v, &e.Message)
		case "stackTrace":
		default:
			return nil
		}
		if err != nil {
			return nil
		}
	}
	if _, ok := fields["errorMessage"]; !ok || e.Type == "" {
		return nil
	}
	return &e
}

// PeakRSS returns the peak resident set size in bytes (VmHWM) of the
// bootstrap process now running under the emulator. It is best effort: it
// finds the bootstrap as the emulator's child process of that name in /proc,
// so it fails before the first Invoke (the emulator starts the bootstrap
// lazily) and after a panic or timeout until the next Invoke, and it
// measures only the current process, not one the emulator replaced.
func (f *Function) PeakRSS() (int64, error) {
	pid := f.cmd.Process.Pid
	name := filepath.Base(f.cmd.Args[len(f.cmd.Args)-1])
	if len(name) > 15 { // the kernel keeps 15 bytes of the command name
		name = name[:15]
	}
	for _, c := range childProcs(pid) {
		if c.comm != name {
			continue
		}
		rss, err := vmHWM(c.pid)
		if err != nil {
			return 0, fmt.Errorf("lambdatest: peak RSS of %s (pid %d): %w", name, c.pid, err)
		}
		return rss, nil
	}
	return 0, fmt.Errorf("lambdatest: peak RSS: no %s process under the emulator (pid %d); it runs from the first Invoke until a crash or timeout", name, pid)
}

// proc is a process as /proc shows it.
type proc struct {
	pid  int
	comm string // command name, at most 15 bytes
}

// childProcs returns the processes whose parent is pid.
func childProcs(pid int) []proc {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var procs []proc
	for _, e := range entries {
		c, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, comm, err := procStat(c); err == nil && ppid == pid {
			procs = append(procs, proc{c, comm})
		}
	}
	return procs
}

// procStat returns the parent pid and command name of pid, from
// /proc/PID/stat: "pid (comm) state ppid ...", where comm may itself
// contain spaces and parentheses.
func procStat(pid int) (ppid int, comm string, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, "", err
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return 0, "", fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	rest := strings.Fields(s[end+1:]) // state ppid ...
	if len(rest) < 2 {
		return 0, "", fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	ppid, err = strconv.Atoi(rest[1])
	return ppid, s[open+1 : end], err
}

// vmHWM reads the "VmHWM:  1234 kB" line of /proc/PID/status.
func vmHWM(pid int) (int64, error) {
	fh, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("VmHWM %q: %w", v, err)
		}
		return kb * 1024, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmHWM line (the process has exited)")
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of the
// emulator's stdout and stderr and reads by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
