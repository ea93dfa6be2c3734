package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/saq-review/saq/indexer/extract"
)

// runBench implements
//
//	saq bench [--min-time D] [FILE|DIR]...
//	saq bench --search SIZES [--rounds N]
//
// It measures extraction throughput on the given PDFs (default: the sample
// submissions in ../shared/samples) and, in the same run on the same files,
// poppler's pdftotext as the reference, and prints pages per second, bytes
// allocated per page and the ratio to pdftotext. Each side runs
// single-threaded so the ratio compares work, not core counts.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	minTime := fs.Duration("min-time", 3*time.Second, "run each side at least this long")
	searchSizes := fs.String("search", "", "instead of extraction, measure indexing and search on synthetic corpora of these `SIZES` (answers, comma-separated, e.g. 10000,100000)")
	queryRounds := fs.Int("rounds", 5, "with --search: times each query of the mix is run")
	loadSizes := fs.String("load", "", "instead of extraction, load `saq serve` holding synthetic corpora of these `SIZES` (answers, comma-separated) with concurrent searches and uploads")
	clients := fs.String("clients", "1,4,16,64,256", "with --load: concurrent clients of each step, rising until a request fails")
	step := fs.Duration("step", 10*time.Second, "with --load: length of each step")
	uploadEvery := fs.Duration("upload-every", 500*time.Millisecond, "with --load: pause between two uploads during a step (0: none)")
	maxRequests := fs.Int("max-requests", 100000, "with --load: most requests of one step")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq bench [--min-time D] [FILE|DIR]...")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if *searchSizes != "" {
		return benchSearch(*searchSizes, *queryRounds, stdout, stderr)
	}
	if *loadSizes != "" {
		return benchLoad(*loadSizes, *clients, *step, *uploadEvery, *maxRequests, stdout, stderr)
	}
	if len(paths) == 0 {
		paths = []string{filepath.Join("..", "shared", "samples")}
	}
	files, err := listFiles(paths)
	if err != nil || len(files) == 0 {
		fmt.Fprintf(stderr, "saq bench: no PDF files found in %v (%v)\n", paths, err)
		return exitUsage
	}
	type input struct {
		name  string
		data  []byte
		pages int
	}
	var inputs []input
	totalPages := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitUsage
		}
		rec := extract.File(context.Background(), f, data, extract.Options{})
		if rec.Error != nil {
			fmt.Fprintf(stderr, "saq bench: skipping %s: %s\n", f, rec.Error.Message)
			continue
		}
		inputs = append(inputs, input{f, data, rec.Pages})
		totalPages += rec.Pages
	}
	if len(inputs) == 0 {
		return exitRejected
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	// saq extract, in process.
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	rounds := 0
	for rounds == 0 || time.Since(start) < *minTime {
		for _, in := range inputs {
			extract.File(context.Background(), in.name, in.data, extract.Options{})
		}
		rounds++
	}
	ours := time.Since(start)
	runtime.ReadMemStats(&ms1)
	oursPages := float64(rounds * totalPages)

	// pdftotext on the same files, same number of rounds.
	ref, refErr := exec.LookPath("pdftotext")
	var theirs time.Duration
	if refErr == nil {
		start = time.Now()
		for r := 0; r < rounds; r++ {
			for _, in := range inputs {
				cmd := exec.Command(ref, "-q", "-", "-")
				cmd.Stdin = bytes.NewReader(in.data)
				cmd.Stdout = io.Discard
				if err := cmd.Run(); err != nil {
					fmt.Fprintf(stderr, "saq bench: pdftotext %s: %v\n", in.name, err)
					return exitRejected
				}
			}
		}
		theirs = time.Since(start)
	}

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "files\t%d (%d pages), %d rounds, GOMAXPROCS=1\n", len(inputs), totalPages, rounds)
	fmt.Fprintf(tw, "saq extract\t%.1f pages/s\t%.2f ms/page\t%.0f KiB allocated/page\n",
		oursPages/ours.Seconds(), ours.Seconds()*1000/oursPages, float64(ms1.TotalAlloc-ms0.TotalAlloc)/oursPages/1024)
	if refErr == nil {
		fmt.Fprintf(tw, "pdftotext (poppler, one process per file)\t%.1f pages/s\t%.2f ms/page\n",
			oursPages/theirs.Seconds(), theirs.Seconds()*1000/oursPages)
		fmt.Fprintf(tw, "ratio saq/pdftotext\t%.2f× the pages per second\n", theirs.Seconds()/ours.Seconds())
	} else {
		fmt.Fprintf(tw, "pdftotext\tnot found (install poppler-utils) – no reference\n")
	}
	tw.Flush()
	return exitOK
}
