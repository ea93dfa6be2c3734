package extract

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/saq-review/saq/internal/samples"
)

// BenchmarkExtract measures extraction of the sample submissions, and
// poppler's pdftotext on the same files in the same run as the reference
// (b.N files each). Compare the two pages/s metrics.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(samples.Dir(b), "*.pdf"))
	if len(files) == 0 {
		b.Skip("no sample PDFs")
	}
	type in struct {
		data  []byte
		pages int
	}
	var ins []in
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		rec := File(context.Background(), f, data, Options{})
		ins = append(ins, in{data, rec.Pages})
	}
	b.Run("saq", func(b *testing.B) {
		b.ReportAllocs()
		pages := 0
		for i := 0; b.Loop(); i++ {
			x := ins[i%len(ins)]
			File(context.Background(), "x.pdf", x.data, Options{})
			pages += x.pages
		}
		b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("pdftotext", func(b *testing.B) {
		bin, err := exec.LookPath("pdftotext")
		if err != nil {
			b.Skip("pdftotext not installed")
		}
		pages := 0
		for i := 0; b.Loop(); i++ {
			x := ins[i%len(ins)]
			cmd := exec.Command(bin, "-q", "-", "-")
			cmd.Stdin = bytes.NewReader(x.data)
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
			pages += x.pages
		}
		b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	})
}
