// Package samples finds the sample submissions made by real PDF producers,
// with their truth files, for tests and benchmarks.
package samples

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the samples directory: $SAQ_SAMPLES, or ../shared/samples
// beside the module's root. It skips the test when neither exists.
func Dir(t testing.TB) string {
	if d := os.Getenv("SAQ_SAMPLES"); d != "" {
		return d
	}
	wd, _ := os.Getwd()
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared", "samples")
			if _, err := os.Stat(d); err == nil {
				return d
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("sample submissions not found beside the repository (set SAQ_SAMPLES)")
	return ""
}
