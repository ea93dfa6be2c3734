package loadbench_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/saq-review/saq/internal/corpus"
	"github.com/saq-review/saq/internal/loadbench"
)

// The load generator itself works: a small corpus, two steps, searches
// and uploads answered without error by a real `saq serve`.
func TestRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "saq")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/saq-review/saq/cmd/saq").CombinedOutput(); err != nil {
		t.Fatalf("build saq: %v\n%s", err, out)
	}
	dir := t.TempDir()
	recs := corpus.Records(1, 300, 20)
	ctx := context.Background()
	if _, err := loadbench.Prepare(ctx, dir, recs); err != nil {
		t.Fatal(err)
	}
	steps, err := loadbench.Run(ctx, loadbench.Options{Saq: bin, Dir: dir, Recs: recs, Clients: []int{1, 4},
		Step: 1500 * time.Millisecond, MaxRequests: 200, UploadEvery: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 2 {
		t.Fatalf("%d steps, want 2", len(steps))
	}
	for _, s := range steps {
		if s.Requests == 0 || s.Errors != 0 || s.Uploads == 0 || s.UploadErrors != 0 || s.HealthRPS == 0 || s.PeakRSS == 0 || s.P99 < s.P50 {
			t.Errorf("step %+v", s)
		}
		if s.Requests > 200 {
			t.Errorf("%d requests in a step bounded to 200", s.Requests)
		}
	}
}
