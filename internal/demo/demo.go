// Package demo runs saq on a laptop in one call: a fresh data directory,
// the sample submissions ingested, the API and web application served on
// loopback, and one token per role. `saq demo` and the browser tests use
// it.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/internal/local"
	"github.com/saq-review/saq/web"
)

// Server is a running demo.
type Server struct {
	URL    string            // e.g. "http://127.0.0.1:39211"
	Tokens map[string]string // by role
	Dir    string            // the data directory
	// Ingested counts the sample files by outcome.
	Ingested map[string]int

	http  *http.Server
	close func() error
}

// Identities are the demo's users, one per role.
var Identities = []struct {
	Role      string
	Subject   string
	Countries []string
}{
	{api.RoleSecretariat, "secretariat@demo", nil},
	{api.RoleReviewer, "reviewer@demo", []string{"CAN", "LUX"}},
	{api.RoleFocalPoint, "focal-point@demo", []string{"POL"}},
	{api.RoleObserver, "observer@demo", []string{"LKA"}},
}

// Start ingests the PDF files of samples (a directory; "" = none) into
// the data directory dir and serves the UI and API on addr
// ("127.0.0.1:0" for any free port). Close stops it.
// Logs go to stderr as JSON, warnings and errors only (refusals included).
func Start(ctx context.Context, dir, samples, addr string) (*Server, error) {
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, closeIdx, err := local.Server(dir, web.Handler(), log)
	if err != nil {
		return nil, err
	}
	d := &Server{Dir: dir, Tokens: map[string]string{}, Ingested: map[string]int{}, close: closeIdx}
	if samples != "" {
		files, _ := filepath.Glob(filepath.Join(samples, "*.pdf"))
		slices.Sort(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				closeIdx()
				return nil, err
			}
			out, _, err := srv.Pipeline.Ingest(ctx, filepath.Base(f), data)
			if err != nil {
				closeIdx()
				return nil, fmt.Errorf("ingest %s: %w", f, err)
			}
			d.Ingested[string(out)]++
		}
	}
	for _, u := range Identities {
		id, err := api.NewIdentity(u.Subject, u.Role, u.Countries)
		if err != nil {
			closeIdx()
			return nil, err
		}
		if d.Tokens[u.Role], err = srv.Keys.Issue(id, 12*time.Hour, time.Now()); err != nil {
			closeIdx()
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		closeIdx()
		return nil, err
	}
	d.URL = "http://" + ln.Addr().String()
	d.http = local.HTTPServer("", srv.Handler())
	go func() {
		if err := d.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "error", err.Error())
		}
	}()
	return d, nil
}

// Close stops the server and closes the index.
func (d *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(d.http.Shutdown(ctx), d.close())
}
