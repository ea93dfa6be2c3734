package main

import (
	"flag"
	"os"
	"path/filepath"

	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/internal/local"
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

// Layout of a data directory (internal/local).
func blobsDir(data string) string { return local.BlobsDir(data) }
func indexDir(data string) string { return local.IndexDir(data) }

// openPipeline opens the store and index of a data directory for writing.
func openPipeline(data string) (*ingest.Pipeline, *indexer.Index, error) { return local.Open(data) }
