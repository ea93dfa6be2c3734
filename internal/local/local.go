// Package local wires saq's embedded default: a data directory on disk
// holding the blob store, the search index and the local token key, used
// by the command line, `saq serve` and `saq demo`.
package local

import (
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"

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
