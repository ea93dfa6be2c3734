// Command gencorpus writes the generated questionnaire corpus and the bad-file set.
//
//	go run ./internal/corpus/cmd/gencorpus -out DIR [-fontdir D] [-cjk F] [-chromium P] [-random N -seed S]
//
// With -random N > 0 it writes only N randomly drawn documents (a held-out set,
// deterministic for the seed S) instead of the fixed corpus, and no bad files.
//
// -fontdir defaults to fpdf's module "font" directory, -cjk to pdfcpu's unifont test
// font (when present in the module cache) and -chromium to "chromium" on PATH;
// pass -cjk=none or -chromium=none to skip those documents.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/saq-review/saq/internal/corpus"
)

func moduleDir(mod string) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func main() {
	out := flag.String("out", "", "output directory (required)")
	fontDir := flag.String("fontdir", "", "directory with DejaVuSansCondensed*.ttf (default: fpdf module font dir)")
	cjk := flag.String("cjk", "", "TTF with CJK glyphs (default: pdfcpu's unifont test font; none = skip)")
	chromium := flag.String("chromium", "", "chromium binary (default: chromium on PATH; none = skip)")
	random := flag.Int("random", 0, "write N random (held-out) documents instead of the fixed corpus")
	seed := flag.Uint64("seed", 1, "seed of the random documents")
	flag.Parse()
	if *out == "" || *random < 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -out DIR [-fontdir D] [-cjk F] [-chromium P] [-random N -seed S]")
		os.Exit(2)
	}
	opt := corpus.Options{FontDir: *fontDir, CJKFont: *cjk, Chromium: *chromium, Random: *random, Seed: *seed}
	if opt.FontDir == "" {
		if d := moduleDir("github.com/go-pdf/fpdf"); d != "" {
			opt.FontDir = filepath.Join(d, "font")
		}
	}
	switch opt.CJKFont {
	case "none":
		opt.CJKFont = ""
	case "":
		if d := moduleDir("github.com/pdfcpu/pdfcpu"); d != "" {
			p := filepath.Join(d, "pkg", "testdata", "fonts", "unifont-13.0.03.ttf")
			if _, err := os.Stat(p); err == nil {
				opt.CJKFont = p
			}
		}
	}
	switch opt.Chromium {
	case "none":
		opt.Chromium = ""
	case "":
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				opt.Chromium = p
				break
			}
		}
	}
	start := time.Now()
	docs, err := corpus.Generate(*out, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	for _, d := range docs {
		fmt.Printf("%-28s %-10s %v\n", d.Name, d.Producer, d.Variants["layout"])
	}
	if opt.Random > 0 {
		fmt.Printf("%d of %d random documents (seed %d) in %s (fonts %q, cjk %q, chromium %q)\n",
			len(docs), opt.Random, opt.Seed, time.Since(start).Round(time.Millisecond), opt.FontDir, opt.CJKFont, opt.Chromium)
		return
	}
	bad, err := corpus.BadFiles(filepath.Join(*out, "bad"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad files:", err)
		os.Exit(1)
	}
	var names []string
	for n := range bad {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("bad/%-24s %s\n", n, bad[n])
	}
	fmt.Printf("%d documents, %d bad files in %s (fonts %q, cjk %q, chromium %q)\n",
		len(docs), len(bad), time.Since(start).Round(time.Millisecond), opt.FontDir, opt.CJKFont, opt.Chromium)
}
