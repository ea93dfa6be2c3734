package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/saq-review/saq/internal/local"
)

// runReconcile implements saq reconcile: make the index agree with the
// stored originals, statuses and versions (ingest.Pipeline.Reconcile).
func runReconcile(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reconcile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	dry := fs.Bool("dry-run", false, "report what is half done, change nothing")
	if _, err := parseInterspersed(fs, args); err != nil {
		return exitUsage
	}
	p, idx, err := local.Open(*data)
	if err != nil {
		fmt.Fprintf(stderr, "saq reconcile: %v\n", err)
		return exitRejected
	}
	defer idx.Close()
	rep, err := p.Reconcile(context.Background(), idx, !*dry)
	if err != nil {
		fmt.Fprintf(stderr, "saq reconcile: %v\n", err)
		return exitRejected
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return exitRejected
	}
	if *dry && !rep.Clean() {
		return exitRejected // something to repair
	}
	return exitOK
}
