package extract

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/saq-review/saq/internal/eval"
	"github.com/saq-review/saq/internal/samples"
)

// scoreDir extracts every PDF of dir that has a truth file and scores it.
func scoreDir(t *testing.T, dir string) []eval.DocScore {
	t.Helper()
	truths, err := filepath.Glob(filepath.Join(dir, "*.truth.json"))
	if err != nil || len(truths) == 0 {
		t.Fatalf("no truth files in %s", dir)
	}
	sort.Strings(truths)
	var scores []eval.DocScore
	for _, tf := range truths {
		tr, err := eval.LoadTruth(tf)
		if err != nil {
			t.Fatal(err)
		}
		pdf := strings.TrimSuffix(tf, ".truth.json") + ".pdf"
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		rec := File(context.Background(), pdf, data, Options{})
		scores = append(scores, eval.Score(rec, tr))
	}
	return scores
}

func TestAccuracySamples(t *testing.T) {
	scores := scoreDir(t, samples.Dir(t))
	report(t, scores)
}

func report(t *testing.T, scores []eval.DocScore) {
	t.Helper()
	var b strings.Builder
	eval.WriteTable(&b, scores)
	t.Log("\n" + b.String())
	if !eval.Summarize(scores).Passes() {
		var d strings.Builder
		eval.WriteDetails(&d, scores, 8)
		t.Errorf("accuracy below thresholds (recall ≥ 0.98, precision ≥ 0.98, choice ≥ 0.98, text F1 ≥ 0.95, no leaks, none rejected):\n%s", d.String())
	}
}
