package eval

import (
	"math"
	"testing"

	"github.com/saq-review/saq"
)

func TestTokenF1(t *testing.T) {
	tests := []struct {
		got, want string
		f1        float64
	}{
		{"", "", 1},
		{"The law applies.", "the law applies", 1},
		{"The law", "The law applies to all", 2 * (1.0 * 0.4) / 1.4},
		{"", "text", 0},
		{"中国欢迎", "中国欢迎技术援助", 2 * (1.0 * 0.5) / 1.5},
	}
	for _, tc := range tests {
		if f := TokenF1(tc.got, tc.want); math.Abs(f-tc.f1) > 1e-9 {
			t.Errorf("TokenF1(%q, %q) = %v, want %v", tc.got, tc.want, f, tc.f1)
		}
	}
}

func TestScore(t *testing.T) {
	tr := &Truth{File: "x.pdf", ISO3: "MEX", Language: "es", Cluster: "I", Instruments: []saq.Instrument{saq.UNTOC},
		DocSymbol: "CTOC/X/1", PageLabelFormat: "Página {n} de {m}",
		Answers: []TruthAnswer{
			{Answer: saq.Answer{Instrument: saq.UNTOC, Article: "5", Question: "1", Choice: saq.Yes, Text: "La ley existe."}},
			{Answer: saq.Answer{Instrument: saq.UNTOC, Article: "5", Question: "2"}, Footnotes: []string{"Publicada en el Diario Oficial de 2020."}},
		}}
	rec := saq.Record{File: "x.pdf",
		Submission: &saq.Submission{CountryCode: "MEX", Language: "es", Cluster: "I", Instruments: []saq.Instrument{saq.UNTOC}},
		Answers: []saq.Answer{
			{Instrument: saq.UNTOC, Article: "5", Question: "1", Choice: saq.No, Text: "La ley existe. Página 2 de 9"},
			{Instrument: saq.UNTOC, Article: "6", Question: "1"},
		}}
	s := Score(rec, tr)
	if s.Matched != 1 || len(s.Misses) != 1 || len(s.Extras) != 1 || s.ChoiceRight != 0 || len(s.Leaks) != 1 || s.MetaRight != 4 {
		t.Errorf("score = %+v", s)
	}
	sum := Summarize([]DocScore{s})
	if sum.Recall != 0.5 || sum.Precision != 0.5 || sum.Passes() {
		t.Errorf("summary = %+v", sum)
	}
	if rej := Score(saq.Record{File: "x.pdf", Error: saq.Errorf(saq.KindCorrupt, "x")}, tr); rej.Rejected != "corrupt" || len(rej.Misses) != 2 {
		t.Errorf("rejected score = %+v", rej)
	}
}
