package extract

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saq-review/saq/internal/samples"
)

var update = flag.Bool("update", false, "rewrite the golden records in testdata/golden")

// TestGolden compares the full records of the sample submissions with the
// reviewed ones in ../../testdata/golden: any change in extraction shows up
// as a diff to review, then to accept with go test ./indexer/extract -update.
func TestGolden(t *testing.T) {
	dir := samples.Dir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Fatalf("no PDFs in %s", dir)
	}
	golden := filepath.Join("..", "..", "testdata", "golden")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rec := File(context.Background(), f, data, Options{})
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join(golden, name+".json")
			if *update {
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("record differs from %s; review with: go test ./indexer/extract -run TestGolden -update && git diff testdata/golden\n%s", path, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n  got:  %s\n  want: %s", i+1, g[i], w[i])
		}
	}
	return "lengths differ"
}
