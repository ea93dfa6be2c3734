package extract

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/saq-review/saq/indexer/pdftext"
)

func TestZZSeg(t *testing.T) {
	f := os.Getenv("F")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	doc, _ := pdftext.Read(context.Background(), data, pdftext.Options{})
	var lines []pdftext.Line
	for _, p := range doc.Pages {
		lines = append(lines, p.Lines...)
	}
	s := &segmenter{lay: measureLayout(lines), fresh: true, clusters: map[string]bool{}}
	for i := 0; i < len(lines); i++ {
		a, q := s.article, s.lastQ
		j := s.line(lines, i)
		if s.article != a || s.lastQ != q || strings.Contains(lines[i].Text, os.Getenv("Q")) {
			fmt.Printf("%d %q -> inst=%s art=%d lastQ=%d\n", i, lines[i].Text, s.inst, s.article, s.lastQ)
		}
		i = j
	}
}
