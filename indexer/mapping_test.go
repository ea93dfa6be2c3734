package indexer

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/mapping.json")

// TestMappingPinned keeps the mapping from changing by accident: an index
// built with another mapping would need a reindex. Review the diff, then
// accept it with go test ./indexer -run TestMappingPinned -update.
func TestMappingPinned(t *testing.T) {
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "mapping.json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(append(got, '\n')) != string(want) {
		t.Errorf("the index mapping changed; review and run with -update (old indexes need saq reindex)")
	}
}

func TestAnalyzers(t *testing.T) {
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	terms := func(analyzer, text string) []string {
		a := m.AnalyzerNamed(analyzer)
		if a == nil {
			t.Fatalf("no analyzer %s", analyzer)
		}
		var out []string
		for _, tok := range a.Analyze([]byte(text)) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	tests := []struct {
		analyzer, a, b string
		same           bool
	}{
		{analyzerFR, "blanchiment", "blanchiments", true},
		{analyzerFR, "protection des témoins", "protéger les témoin", false},
		{analyzerFR, "l'extradition", "extraditions", true},
		{analyzerES, "extradición", "extradiciones", true},
		{analyzerES, "delincuencia organizada", "delincuencias organizadas", true},
		{analyzerRU, "ёлка", "елка", true},
		{analyzerRU, "преступности", "преступность", true},
		{"en", "witnesses", "witness", true},
		{"en", "relocation", "relocated", true},
		{"ar", "الجريمة", "جريمة", true},
		{analyzerZH, "洗钱", "洗钱", true},
	}
	for _, tc := range tests {
		ta, tb := terms(tc.analyzer, tc.a), terms(tc.analyzer, tc.b)
		if same := slices.Equal(ta, tb); same != tc.same {
			t.Errorf("%s: %q → %v, %q → %v: same=%v, want %v", tc.analyzer, tc.a, ta, tc.b, tb, same, tc.same)
		}
	}
	// A one-character Chinese query must find its words: unigrams are kept.
	if got := terms(analyzerZH, "洗钱行为"); !slices.Contains(got, "洗") || !slices.Contains(got, "洗钱") {
		t.Errorf("zh terms %v: want unigrams and bigrams", got)
	}
	if got := terms(analyzerExact, "Witnesses"); !slices.Equal(got, []string{"witnesses"}) {
		t.Errorf("exact terms %v: no stemming, lower case", got)
	}
}
