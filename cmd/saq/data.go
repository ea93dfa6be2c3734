package main

import (
	"flag"
	"os"
	"path/filepath"

	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/filestore"
)

// defaultDataDir is where the local commands keep their data: $SAQ_DATA,
// else $XDG_DATA_HOME/saq, else ~/.local/share/saq.
func defaultDataDir() string {
	if d := os.Getenv("SAQ_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "saq")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "saq")
	}
	return "saq-data"
}

// dataFlag adds the --data flag to a command.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", defaultDataDir(), "data `DIR`: blobs/ holds originals, records and statuses; index/ the search index")
}

// Layout of a data directory.
func blobsDir(data string) string { return filepath.Join(data, "blobs") }
func indexDir(data string) string { return filepath.Join(data, "index") }

// openPipeline opens the store and index of a data directory for writing.
func openPipeline(data string) (*ingest.Pipeline, *indexer.Index, error) {
	st, err := filestore.Open(blobsDir(data))
	if err != nil {
		return nil, nil, err
	}
	idx, err := indexer.Open(indexDir(data), indexer.Options{})
	if err != nil {
		return nil, nil, err
	}
	return &ingest.Pipeline{Store: st, Index: idx}, idx, nil
}
