package compare

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saq-review/saq/internal/testenv"
)

// runChromium runs headless Chromium with a fresh profile and a timeout,
// and returns its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, chromiumTail(stderr.String(), 10))
	}
	return stdout.Bytes()
}

func chromiumTail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// TestBrowserReport opens the HTML documents in headless Chromium: the
// DOM it builds must hold the two charts with one bar segment per
// non-empty count and one heat-map cell per State and question, and a
// screenshot of each document is kept as an artifact.
func TestBrowserReport(t *testing.T) {
	bin := testenv.Chromium(t)
	art := testenv.ArtifactDir(t, "compare")
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
		c     *Comparison // nil for a draft of observations
	}{
		{"comparison", func(w io.Writer) error { return WriteHTML(w, renderFixture()) }, renderFixture()},
		{"observations", func(w io.Writer) error { return WriteObservationsHTML(w, observationsFixture()) }, nil},
		{"comparison-40x120", func(w io.Writer) error { return WriteHTML(w, largeFixture(40, 120)) }, largeFixture(40, 120)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := filepath.Join(t.TempDir(), tc.name+".html")
			f, err := os.Create(page)
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.write(f); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			url := "file://" + page
			dom := string(runChromium(t, bin, "--dump-dom", url))
			if !strings.Contains(dom, "</html>") {
				t.Fatalf("no DOM dumped: %q", chromiumTail(dom, 3))
			}
			if tc.c != nil {
				if n := strings.Count(dom, "<svg"); n != 2 {
					t.Fatalf("rendered DOM has %d <svg>, want 2", n)
				}
				counts := countRects(dom)
				spread, heatmap := chartCounts(tc.c)
				if counts[0][""] != spread || counts[1][""] != heatmap {
					t.Errorf("rendered charts: %d bars and %d cells, want %d and %d", counts[0][""], counts[1][""], spread, heatmap)
				}
			} else if n := strings.Count(dom, "☐ confirm"); n == 0 {
				t.Error("no confirm markers in the rendered draft")
			}
			shot := filepath.Join(art, tc.name+".png")
			os.Remove(shot)
			runChromium(t, bin, "--screenshot="+shot, "--window-size=1280,2000", url)
			b, err := os.ReadFile(shot)
			if err != nil {
				t.Fatalf("no screenshot: %v", err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("screenshot is not a PNG: %v", err)
			}
			if r := img.Bounds(); r.Dx() != 1280 || r.Dy() < 1000 {
				t.Errorf("screenshot is %v", r)
			}
			t.Logf("screenshot %s (%d KiB)", shot, len(b)/1024)
		})
	}
}
