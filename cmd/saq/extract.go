package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/extract"
)

// runExtract implements
//
//	saq extract [--out DIR] [--country C] [--instrument I] [--cluster I|II|III|IV] [--language L] FILE...
//
// Without --out it prints one JSON record per input on stdout (JSON Lines,
// input order); with --out it writes DIR/<name without .pdf>.json. Exit
// status: 0 when every file was extracted, 1 when any was rejected (its
// record is still written), 2 on usage errors.
func runExtract(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write `DIR`/<name>.json per input instead of JSON Lines on stdout")
	metadata := metadataFlags(fs)
	maxMB := fs.Int64("max-mb", extract.DefaultMaxBytes>>20, "reject files larger than this many MiB")
	maxPages := fs.Int("max-pages", extract.DefaultMaxPages, "reject files with more pages")
	timeout := fs.Duration("timeout", extract.DefaultTimeout, "give up on a file after this long")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq extract [--out DIR] [--country C] [--instrument I] [--cluster I|II|III|IV] [--language L] FILE...")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	opt, err := metadata()
	if err != nil {
		fmt.Fprintf(stderr, "saq extract: %v\n", err)
		return exitUsage
	}
	opt.MaxBytes, opt.MaxPages, opt.Timeout = *maxMB<<20, *maxPages, *timeout
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintf(stderr, "saq extract: %v\n", err)
			return exitUsage
		}
	}

	records := extractAll(context.Background(), files, opt)
	status := exitOK
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for i, rec := range records {
		if rec.Error != nil {
			status = exitRejected
			fmt.Fprintf(stderr, "saq extract: %s: %s: %s\n", files[i], rec.Error.Kind, rec.Error.Message)
		}
		if *out == "" {
			if err := enc.Encode(rec); err != nil {
				fmt.Fprintf(stderr, "saq extract: %v\n", err)
				return exitRejected
			}
			continue
		}
		if err := writeRecord(*out, files[i], rec); err != nil {
			fmt.Fprintf(stderr, "saq extract: %v\n", err)
			status = exitRejected
		}
	}
	return status
}

// extractAll extracts files in parallel and returns records in input order.
func extractAll(ctx context.Context, files []string, opt extract.Options) []saq.Record {
	records := make([]saq.Record, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				records[i] = extractFile(ctx, files[i], opt)
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()
	return records
}

func extractFile(ctx context.Context, path string, opt extract.Options) saq.Record {
	data, err := readUpload(path, opt.MaxBytes)
	var e *saq.Error
	if errors.As(err, &e) {
		return saq.Record{File: filepath.Base(path), Error: e}
	}
	if err != nil {
		return saq.Record{File: filepath.Base(path), Error: saq.Errorf(saq.KindInternal, "cannot read the file: %v", err)}
	}
	return extract.File(ctx, path, data, opt)
}

// writeRecord writes DIR/<name without .pdf>.json atomically.
func writeRecord(dir, file string, rec saq.Record) error {
	base := filepath.Base(file)
	if ext := filepath.Ext(base); strings.EqualFold(ext, ".pdf") {
		base = strings.TrimSuffix(base, ext)
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, base+".json")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// metadataFlags adds the flags, shared by extract and ingest, that
// override what extraction reads from a cover page; the function it returns
// checks them and makes the extraction options.
func metadataFlags(fs *flag.FlagSet) func() (extract.Options, error) {
	country := fs.String("country", "", "State party (name or ISO 3166 alpha-3 code) of every file, overriding the cover page")
	var instruments listFlag
	fs.Var(&instruments, "instrument", "instrument covered: UNTOC, TIP, SOM or FIREARMS (repeat or comma-separate)")
	cluster := fs.String("cluster", "", "thematic cluster of every file: I, II, III or IV")
	language := fs.String("language", "", "language of the answers: en, fr, es, ru, ar or zh")
	return func() (extract.Options, error) {
		opt := extract.Options{Language: *language}
		if *country != "" {
			c, ok := saq.LookupCountry(*country)
			if !ok {
				return opt, fmt.Errorf("unknown country %q", *country)
			}
			opt.Country = c.Code
		}
		for _, s := range instruments {
			inst, ok := saq.ParseInstrument(s)
			if !ok {
				return opt, fmt.Errorf("unknown instrument %q (want UNTOC, TIP, SOM or FIREARMS)", s)
			}
			opt.Instruments = append(opt.Instruments, inst)
		}
		if *cluster != "" {
			c, ok := saq.ParseCluster(*cluster)
			if !ok {
				return opt, fmt.Errorf("unknown cluster %q (want I, II, III or IV)", *cluster)
			}
			opt.Cluster = c
		}
		switch *language {
		case "", "en", "fr", "es", "ru", "ar", "zh":
		default:
			return opt, fmt.Errorf("unknown language %q (want en, fr, es, ru, ar or zh)", *language)
		}
		return opt, nil
	}
}

// listFlag collects a repeatable, comma-separable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("saq extract a.pdf --out x"). "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
