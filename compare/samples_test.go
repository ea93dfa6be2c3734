package compare

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/internal/samples"
)

// TestAlignSamples aligns the questions of the sample submissions (their
// truth files, as records): ten States, two languages, numbering per
// article or not, paragraphs printed or not. The same wording of the same
// article and paragraph must land on one aligned question, and two questions printing
// different paragraphs never share one.
func TestAlignSamples(t *testing.T) {
	truths, _ := filepath.Glob(filepath.Join(samples.Dir(t), "*.truth.json"))
	if len(truths) == 0 {
		t.Skip("no truth files")
	}
	idx, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	type truth struct {
		File, Country, ISO3, Language, Cluster string
		Instruments                            []saq.Instrument
		Answers                                []saq.Answer
	}
	text := map[string]saq.Answer{} // "STATE INSTRUMENT ART Q" → answer
	for _, p := range truths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var tr truth
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		rec := saq.Record{File: tr.File, SHA256: fmt.Sprintf("%064x", len(text)+1), Answers: tr.Answers,
			Submission: &saq.Submission{Country: tr.Country, CountryCode: tr.ISO3, Language: tr.Language, Instruments: tr.Instruments, Cluster: tr.Cluster}}
		for _, a := range tr.Answers {
			text[fmt.Sprintf("%s %s %s %s", tr.ISO3, a.Instrument, a.Article, a.Question)] = a
		}
		up := indexer.Upload{SHA256: rec.SHA256, File: rec.File, SubmissionID: tr.ISO3, Version: 1}
		if err := idx.Replace(context.Background(), tr.ISO3, nil, indexer.Docs(rec, up)); err != nil {
			t.Fatal(err)
		}
	}
	plan, _ := saq.DefaultPlan()
	c, err := Compare(context.Background(), idx, saq.AllStates, plan, Request{Theme: "any"})
	if err != nil {
		t.Fatal(err)
	}
	slotOf := map[string]string{} // "INSTRUMENT ART wording" → slot
	aligned := 0
	for _, q := range c.Questions {
		paragraphs := map[string]string{}
		for _, a := range q.Answers {
			if a.Evidence.Question == "" {
				continue // question absent from this State's document
			}
			aligned++
			tr := text[fmt.Sprintf("%s %s %s %s", a.CountryCode, q.Instrument, q.Article, a.Evidence.Question)]
			// A follow-up ("Please cite …") recurs after each paragraph's
			// question: the wording names a question together with its paragraph.
			key := fmt.Sprintf("%s %s %s %s", q.Instrument, q.Article, tr.Paragraph, tr.QuestionText)
			if s, ok := slotOf[key]; ok && s != q.Question {
				t.Errorf("%s %s: the wording %.60q… is on aligned questions %s and %s", q.Instrument, q.Article, tr.QuestionText, s, q.Question)
			}
			slotOf[key] = q.Question
			if tr.Paragraph != "" {
				paragraphs[tr.Paragraph] = a.CountryCode
			}
		}
		if len(paragraphs) > 1 {
			t.Errorf("%s %s question %s mixes paragraphs %v", q.Instrument, q.Article, q.Question, paragraphs)
		}
	}
	if aligned != len(text) {
		t.Errorf("%d answers aligned, want all %d", aligned, len(text))
	}
}
