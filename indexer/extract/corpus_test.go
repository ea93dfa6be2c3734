package extract

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/internal/corpus"
)

// corpusOptions finds what the corpus generator needs. Under CI
// (SAQ_REQUIRE_TOOLS=1) a missing Chromium fails the test rather than
// shrinking the corpus.
func corpusOptions(t *testing.T) corpus.Options {
	t.Helper()
	opt, err := corpus.LocalOptions()
	if err != nil {
		t.Fatal(err)
	}
	if opt.Chromium == "" {
		if os.Getenv("SAQ_REQUIRE_TOOLS") != "" {
			t.Fatal("chromium is required (SAQ_REQUIRE_TOOLS is set)")
		}
		t.Log("chromium not found: Chromium-made documents are left out")
	}
	return opt
}

// TestAccuracyCorpus generates questionnaires from several producers,
// layouts, tick styles and languages, and measures extraction on them.
func TestAccuracyCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("generates PDFs; skipped with -short")
	}
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, corpusOptions(t)); err != nil {
		t.Fatal(err)
	}
	report(t, scoreDir(t, dir))
}

// TestRejectionKinds checks that every kind of bad file is rejected with
// its kind and a message, through the same entry point as good files.
func TestRejectionKinds(t *testing.T) {
	dir := t.TempDir()
	want, err := corpus.BadFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rec := File(context.Background(), name, data, Options{})
		if rec.Error == nil {
			t.Errorf("%s: extracted %d answers, want rejection %s", name, len(rec.Answers), want[name])
			continue
		}
		if string(rec.Error.Kind) != want[name] || rec.Error.Message == "" {
			t.Errorf("%s: rejected as %s (%s), want %s", name, rec.Error.Kind, rec.Error.Message, want[name])
		}
		t.Logf("%-28s %-10s %s", name, rec.Error.Kind, rec.Error.Message)
	}
	// Limits are options of the caller.
	small := File(context.Background(), "x.pdf", []byte("%PDF-1.7\n"+strings.Repeat("x", 2000)), Options{MaxBytes: 1000})
	if small.Error == nil || small.Error.Kind != saq.KindTooLarge {
		t.Errorf("over MaxBytes: %+v, want too_large", small.Error)
	}
}
