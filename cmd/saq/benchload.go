package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/saq-review/saq/internal/corpus"
	"github.com/saq-review/saq/internal/loadbench"
	"github.com/saq-review/saq/internal/searchbench"
)

// benchLoad implements saq bench --load SIZES: for each size, it indexes
// that many synthetic answers of 190 States into a fresh data directory,
// runs `saq serve` on it (this very binary) and loads it step by step
// (internal/loadbench).
func benchLoad(sizes, clients string, step, uploadEvery time.Duration, maxRequests int, stdout, stderr io.Writer) int {
	ns, err := counts(sizes)
	if err != nil {
		fmt.Fprintf(stderr, "saq bench: --load wants answer counts such as 10000,100000: %v\n", err)
		return exitUsage
	}
	cs, err := counts(clients)
	if err != nil {
		fmt.Fprintf(stderr, "saq bench: --clients wants counts such as 1,4,16,64: %v\n", err)
		return exitUsage
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "saq bench: %v\n", err)
		return exitRejected
	}
	ctx := context.Background()
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "answers\tclients\trequests\terrors\treq/s\thealth req/s\tp50 ms\tp95 ms\tp99 ms\tp50 ×health\tuploads\tupload p50 ms\tRSS MiB\tpeak MiB\t")
	var breaks []string
	for _, n := range ns {
		dir, err := os.MkdirTemp("", "saq-load-")
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		defer os.RemoveAll(dir)
		recs := corpus.Records(1, n, 190)
		if _, err := loadbench.Prepare(ctx, dir, recs); err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		steps, err := loadbench.Run(ctx, loadbench.Options{Saq: self, Dir: dir, Recs: recs, Clients: cs,
			Step: step, MaxRequests: maxRequests, UploadEvery: uploadEvery})
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()*1000) }
		for _, s := range steps {
			fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%.0f\t%.0f\t%s\t%s\t%s\t%.1f\t%d (%d failed)\t%s\t%.0f\t%.0f\t\n",
				searchbench.Count(recs), s.Clients, s.Requests, s.Errors, s.RPS, s.HealthRPS,
				ms(s.P50), ms(s.P95), ms(s.P99), float64(s.P50)/float64(s.HealthP50),
				s.Uploads, s.UploadErrors, ms(s.UploadP50), float64(s.RSS)/(1<<20), float64(s.PeakRSS)/(1<<20))
			if s.FirstError != "" {
				breaks = append(breaks, fmt.Sprintf("%d answers, %d clients: %s", searchbench.Count(recs), s.Clients, s.FirstError))
			}
		}
	}
	tw.Flush()
	for _, b := range breaks {
		fmt.Fprintln(stdout, "first failure at", b)
	}
	fmt.Fprintln(stdout, "health: the same concurrency on GET /api/health (no index work) in the same run; p50 ×health = search p50 / health p50.")
	return exitOK
}

func counts(s string) ([]int, error) {
	var ns []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q", f)
		}
		ns = append(ns, n)
	}
	return ns, nil
}
