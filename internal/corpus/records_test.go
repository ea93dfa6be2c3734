package corpus

import (
	"testing"
)

func TestRecords(t *testing.T) {
	recs := Records(7, 3000, 25)
	total := 0
	langs, states, texts := map[string]int{}, map[string]bool{}, 0
	for _, r := range recs {
		total += len(r.Answers)
		langs[r.Submission.Language]++
		states[r.Submission.CountryCode] = true
		if r.SHA256 == "" || r.Submission.Country == "" || len(r.Submission.Instruments) == 0 {
			t.Fatalf("incomplete record %+v", r.Submission)
		}
		for _, a := range r.Answers {
			if a.Text != "" {
				texts++
			}
			if a.Article == "" || a.Question == "" || a.QuestionText == "" || len(a.Pages) != 1 {
				t.Fatalf("incomplete answer %+v", a)
			}
		}
	}
	if total < 3000 || total > 3000+400 {
		t.Errorf("%d answers, want at least 3000 and not a whole extra document more", total)
	}
	if len(states) != 25 || len(langs) < 4 || texts < total/2 {
		t.Errorf("states %d, languages %v, %d answers with text of %d", len(states), langs, texts, total)
	}
	again := Records(7, 3000, 25)
	if len(again) != len(recs) || again[len(again)-1].Answers[0].Text != recs[len(recs)-1].Answers[0].Text {
		t.Error("not deterministic")
	}
}

func BenchmarkRecords(b *testing.B) {
	for b.Loop() {
		Records(1, 10000, 0)
	}
}
