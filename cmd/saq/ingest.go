package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/indexer/ingest"
)

// runIngest implements
//
//	saq ingest [--data DIR] [--country C] [--instrument I] [--cluster K] PATH...
//
// PATHs are files, or folders whose *.pdf files are taken (recursively).
// Each file's original is kept unchanged, its answers extracted, stored as
// a JSON record and indexed. Exit status: 0 when nothing was rejected, 1
// when a file was rejected or failed, 2 on usage errors.
func runIngest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	metadata := metadataFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq ingest [--data DIR] [--country C] [--instrument I] [--cluster K] PATH...")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 {
		fs.Usage()
		return exitUsage
	}
	opt, err := metadata()
	if err != nil {
		fmt.Fprintf(stderr, "saq ingest: %v\n", err)
		return exitUsage
	}
	files, err := listFiles(paths)
	if err != nil {
		fmt.Fprintf(stderr, "saq ingest: %v\n", err)
		return exitUsage
	}
	p, idx, err := openPipeline(*data)
	if err != nil {
		fmt.Fprintf(stderr, "saq ingest: %v\n", err)
		return exitRejected
	}
	defer idx.Close()
	p.Options = opt

	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	}
	say := func(format string, args ...any) {
		if bar != nil {
			bar.Clear()
		}
		fmt.Fprintf(stdout, format, args...)
		if bar != nil {
			bar.RenderBlank()
		}
	}

	var (
		counts   = map[ingest.Outcome]int{}
		rejected = map[saq.ErrorKind]int{}
		failed   int
	)
	ingestFiles(context.Background(), p, files, func(file string, out ingest.Outcome, st ingest.Status, err error) {
		if bar != nil {
			bar.Add(1)
		}
		switch {
		case err != nil:
			failed++
			say("failed     %s: %v\n", file, err)
		case out == ingest.Rejected:
			counts[out]++
			rejected[st.Error.Kind]++
			say("rejected   %s: %s: %s\n", file, st.Error.Kind, st.Error.Message)
		case out == ingest.Unchanged:
			counts[out]++
			say("unchanged  %s: already ingested (%s)\n", file, describe(st))
		default:
			counts[out]++
			say("ingested   %s: %s\n", file, describe(st))
		}
	})
	if bar != nil {
		bar.Finish()
	}
	fmt.Fprintf(stdout, "%d files: %d ingested, %d unchanged, %d rejected%s", len(files),
		counts[ingest.Ingested], counts[ingest.Unchanged], counts[ingest.Rejected], kindsText(rejected))
	if failed > 0 {
		fmt.Fprintf(stdout, ", %d failed", failed)
	}
	fmt.Fprintf(stdout, "\ndata: %s\n", *data)
	if failed > 0 || counts[ingest.Rejected] > 0 {
		return exitRejected
	}
	return exitOK
}

// ingestFiles extracts files in parallel and commits them in input order,
// so the order of the arguments numbers the versions of a submission.
func ingestFiles(ctx context.Context, p *ingest.Pipeline, files []string, done func(string, ingest.Outcome, ingest.Status, error)) {
	type result struct {
		u   *ingest.Upload
		err error
	}
	results := make([]chan result, len(files))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				data, err := readUpload(files[i], p.Options.MaxBytes)
				if err != nil {
					results[i] <- result{err: err}
					continue
				}
				u, err := p.Extract(ctx, files[i], data)
				results[i] <- result{u, err}
			}
		}()
	}
	go func() {
		for i := range files {
			work <- i
		}
		close(work)
	}()
	for i, file := range files {
		r := <-results[i]
		var e *saq.Error
		if errors.As(r.err, &e) {
			done(file, ingest.Rejected, ingest.Status{File: filepath.Base(file), State: ingest.StateRejected, Error: e}, nil)
			continue
		}
		if r.err != nil {
			done(file, "", ingest.Status{}, r.err)
			continue
		}
		out, st, err := p.Commit(ctx, r.u)
		done(file, out, st, err)
	}
	wg.Wait()
}

// readUpload reads a file to ingest. A file over the size limit is
// rejected as too_large before it is read or copied into the store: it
// stays where it is, untouched.
func readUpload(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = extract.DefaultMaxBytes
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > max {
		return nil, saq.Errorf(saq.KindTooLarge, "the file is %d bytes, over the limit of %d", fi.Size(), max)
	}
	return os.ReadFile(path)
}

func describe(st ingest.Status) string {
	s := fmt.Sprintf("%s v%d, %d answers", st.SubmissionID, st.Version, st.Answers)
	if st.State == ingest.StateSuperseded {
		s += ", since superseded"
	}
	if st.Version > 1 && st.State == ingest.StateExtracted {
		s += fmt.Sprintf(", supersedes v%d", st.Version-1)
	}
	return s
}

func kindsText(m map[saq.ErrorKind]int) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for k, n := range m {
		parts = append(parts, fmt.Sprintf("%s %d", k, n))
	}
	slices.Sort(parts)
	return " (" + strings.Join(parts, ", ") + ")"
}

// listFiles expands folders into their PDF files, sorted; files named
// directly are taken whatever their extension.
func listFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}
