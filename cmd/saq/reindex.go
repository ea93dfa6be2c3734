package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/filestore"
)

// runReindex implements
//
//	saq reindex [--data DIR]
//
// It rebuilds the search index from the stored answer records alone, into
// a new directory, and swaps it in only when complete: a failure leaves
// the current index as it was.
func runReindex(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	if _, err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	start := time.Now()
	st, err := filestore.Open(blobsDir(*data))
	if err != nil {
		fmt.Fprintf(stderr, "saq reindex: %v\n", err)
		return exitRejected
	}
	dir := indexDir(*data)
	fresh := dir + ".new"
	if err := os.RemoveAll(fresh); err != nil { // a rebuild that was interrupted
		fmt.Fprintf(stderr, "saq reindex: %v\n", err)
		return exitRejected
	}
	idx, err := indexer.Open(fresh, indexer.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "saq reindex: %v\n", err)
		return exitRejected
	}
	p := &ingest.Pipeline{Store: st}
	n, err := p.Reindex(context.Background(), idx)
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(fresh)
		fmt.Fprintf(stderr, "saq reindex: %v\n", err)
		return exitRejected
	}
	old := dir + ".old"
	os.RemoveAll(old)
	if err := os.Rename(dir, old); err != nil && !os.IsNotExist(err) {
		fmt.Fprintf(stderr, "saq reindex: %v\n", err)
		return exitRejected
	}
	if err := os.Rename(fresh, dir); err != nil {
		os.Rename(old, dir)
		fmt.Fprintf(stderr, "saq reindex: %v\n", err)
		return exitRejected
	}
	os.RemoveAll(old)
	fmt.Fprintf(stdout, "reindexed %d answers from the stored records in %s\nindex: %s\n", n, time.Since(start).Round(time.Millisecond), dir)
	return exitOK
}
