package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/internal/demo"
	"github.com/saq-review/saq/internal/local"
	"github.com/saq-review/saq/web"
)

// runServe implements
//
//	saq serve [--data DIR] [--addr 127.0.0.1:8080]
//
// It serves the web application at / and the API under /api/ until
// interrupted, logging JSON lines to stderr.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS`")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	srv, closeIdx, err := local.Server(*data, web.Handler(), log)
	if err != nil {
		fmt.Fprintf(stderr, "saq serve: %v\n", err)
		return exitRejected
	}
	defer closeIdx()
	hs := local.HTTPServer(*addr, srv.Handler())
	fmt.Fprintf(stdout, "serving %s on http://%s (mint a token with: saq token --data %s --role secretariat)\n", *data, *addr, *data)
	return serveUntilInterrupted(hs, stderr)
}

func serveUntilInterrupted(hs *http.Server, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "saq: %v\n", err)
		return exitRejected
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hs.Shutdown(shut)
	return exitOK
}

// runToken implements
//
//	saq token [--data DIR] --role ROLE [--country CODE]...
//
// printing one bearer token on the last line of stdout, signed with the
// data directory's local key.
func runToken(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	role := fs.String("role", "", "secretariat, reviewer, focal_point or observer")
	var countries listFlag
	fs.Var(&countries, "country", "a State of the token (ISO code or name; repeat or comma-separate)")
	subject := fs.String("subject", "", "who the token is for (default: ROLE@local)")
	ttl := fs.Duration("ttl", 12*time.Hour, "how long the token is valid")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *role == "" {
		fmt.Fprintln(stderr, "usage: saq token [--data DIR] --role ROLE [--country CODE]...")
		return exitUsage
	}
	if *subject == "" {
		*subject = *role + "@local"
	}
	id, err := api.NewIdentity(*subject, *role, countries)
	if err != nil {
		fmt.Fprintf(stderr, "saq token: %v\n", err)
		return exitUsage
	}
	keys, err := api.LoadKeys(local.KeyPath(*data))
	if err != nil {
		fmt.Fprintf(stderr, "saq token: %v\n", err)
		return exitRejected
	}
	tok, err := keys.Issue(id, *ttl, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "saq token: %v\n", err)
		return exitRejected
	}
	fmt.Fprintln(stdout, tok)
	return exitOK
}

// runDemo implements
//
//	saq demo [--addr 127.0.0.1:8080] [--samples DIR] [--data DIR]
//
// ingesting the sample submissions into a fresh data directory (a
// temporary one unless --data is given), serving them, and printing the
// URL and one token per role.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS`")
	samples := fs.String("samples", defaultSamples(), "folder of sample submission PDFs")
	data := fs.String("data", "", "data directory (default: a new temporary one, removed at exit)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	dir := *data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "saq-demo-")
		if err != nil {
			fmt.Fprintf(stderr, "saq demo: %v\n", err)
			return exitRejected
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	if _, err := os.Stat(*samples); err != nil {
		fmt.Fprintf(stderr, "saq demo: no samples at %s (use --samples DIR): starting empty\n", *samples)
		*samples = ""
	}
	fmt.Fprintf(stdout, "ingesting %s into %s …\n", *samples, dir)
	d, err := demo.Start(context.Background(), dir, *samples, *addr)
	if err != nil {
		fmt.Fprintf(stderr, "saq demo: %v\n", err)
		return exitRejected
	}
	defer d.Close()
	fmt.Fprintf(stdout, "ingested: %v\n\nopen %s and sign in with one of these tokens (valid 12 hours):\n", d.Ingested, d.URL)
	for _, u := range demo.Identities {
		fmt.Fprintf(stdout, "\n%s %v:\n%s\n", u.Role, u.Countries, d.Tokens[u.Role])
	}
	fmt.Fprintln(stdout, "\nCtrl-C stops the demo.")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return exitOK
}

// defaultSamples is $SAQ_SAMPLES, else ../shared/samples beside the
// working directory (the repository checkout).
func defaultSamples() string {
	if d := os.Getenv("SAQ_SAMPLES"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "samples")
}
