// Package local wires saq's embedded default: a data directory on disk
// holding the blob store, the search index and the local token key, used
// by the command line, `saq serve` and `saq demo`.
package local

import (
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/filestore"
)

// Layout of a data directory.
func BlobsDir(data string) string { return filepath.Join(data, "blobs") }
func IndexDir(data string) string { return filepath.Join(data, "index") }
func KeyPath(data string) string  { return filepath.Join(data, "keys", "token.pem") }

// Open opens the store and index of a data directory for writing.
func Open(data string) (*ingest.Pipeline, *indexer.Index, error) {
	st, err := filestore.Open(BlobsDir(data))
	if err != nil {
		return nil, nil, err
	}
	idx, err := indexer.Open(IndexDir(data), indexer.Options{})
	if err != nil {
		return nil, nil, err
	}
	return &ingest.Pipeline{Store: st, Index: idx}, idx, nil
}

// Server opens a data directory and returns the API server over it, with
// ui served at "/", and a function that closes the index.
func Server(data string, ui http.Handler, log *slog.Logger) (*api.Server, func() error, error) {
	p, idx, err := Open(data)
	if err != nil {
		return nil, nil, err
	}
	keys, err := api.LoadKeys(KeyPath(data))
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	plan, err := saq.DefaultPlan()
	if err != nil {
		idx.Close()
		return nil, nil, fmt.Errorf("plan: %w", err)
	}
	return &api.Server{Pipeline: p, Index: idx, Plan: plan, Keys: keys, Log: log, UI: ui}, idx.Close, nil
}

// HTTPServer is the HTTP server of `saq serve` and `saq demo`, with the
// limits a server facing the network needs: a slow client may hold a
// connection for a bounded time only (headers 10 s, the whole request
// 5 minutes: a 50 MiB upload at 1.4 Mbit/s), headers are at most 64 KiB,
// and idle connections close after 2 minutes.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      6 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
