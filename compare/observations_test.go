package compare

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/saq-review/saq"
)

func TestObservations(t *testing.T) {
	plan, _ := saq.DefaultPlan()
	idx := indexFixture(t)
	ctx := context.Background()
	o, err := BuildObservations(ctx, idx, saq.StatesScope("MEX", "PER"), plan, ObservationsRequest{Country: "Mexico", Cluster: "I"})
	if err != nil {
		t.Fatal(err)
	}
	var arts []string
	for _, a := range o.Articles {
		arts = append(arts, string(a.Instrument)+" "+a.Article)
	}
	if want := []string{"UNTOC 5", "UNTOC 23", "TIP 5"}; !slices.Equal(arts, want) {
		t.Fatalf("articles %v, want %v (those of cluster I that MEX answered)", arts, want)
	}
	if o.Notice != Notice || len(o.Introduction) == 0 || o.Introduction[0] != "State under review: Mexico (MEX)." {
		t.Errorf("introduction %q, notice %q", o.Introduction, o.Notice)
	}
	if o.Articles[0].Title != "Criminalization of participation in an organized criminal group" {
		t.Errorf("title %q", o.Articles[0].Title)
	}
	// MEX: slot 0 ticked yes in part, slot 2 narrative without tick,
	// slot 4 no challenges, slot 5 needs training.
	for _, a := range o.Articles {
		lines := map[string][]Line{"measures": a.Measures, "successes": a.Successes, "challenges": a.Challenges, "needs": a.Needs}
		has := func(section, basis, text string) bool {
			return slices.ContainsFunc(lines[section], func(l Line) bool {
				return l.Basis == basis && strings.Contains(l.Text, text)
			})
		}
		art := string(a.Instrument) + " " + a.Article
		if !has("measures", `ticked "Yes, in part"`, "Respuesta del Estado MEX a la pregunta 1") {
			t.Errorf("%s: the yes-in-part answer is not among the measures: %+v", art, a.Measures)
		}
		if !has("challenges", `ticked "Yes, in part"`, "Partial implementation reported") {
			t.Errorf("%s: partial implementation is not a candidate gap: %+v", art, a.Challenges)
		}
		if !has("measures", "narrative answer", "pregunta 3") {
			t.Errorf("%s: the unticked narrative is not among the measures: %+v", art, a.Measures)
		}
		if !has("needs", "answer on technical assistance", "capacitación especializada") {
			t.Errorf("%s: the training need is missing: %+v", art, a.Needs)
		}
		if !has("successes", "example of implementation given", "pregunta 4") {
			t.Errorf("%s: the example is not a candidate good practice: %+v", art, a.Successes)
		}
		if has("challenges", "challenge stated", "") {
			t.Errorf("%s: MEX ticked no challenges and said nothing, yet a challenge is suggested: %+v", art, a.Challenges)
		}
		for section, ls := range lines {
			for _, l := range ls {
				e := l.Evidence
				if e.File != "mex.pdf" || len(e.Pages) == 0 || e.Question == "" || e.SubmissionID != "MEX-I-UNTOC" || e.Article != a.Article {
					t.Errorf("%s %s: line %q cannot be traced: %+v", art, section, l.Text, e)
				}
			}
		}
	}
	// PER: yes to measures with nothing cited, nothing ticked on the first
	// question.
	o, err = BuildObservations(ctx, idx, saq.StatesScope("MEX", "PER"), plan, ObservationsRequest{Country: "PER", Instrument: saq.UNTOC})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Articles) != 2 {
		t.Fatalf("PER UNTOC: %d articles", len(o.Articles))
	}
	var bases []string
	for _, l := range o.Articles[0].Challenges {
		bases = append(bases, l.Basis)
	}
	if !slices.Contains(bases, "unanswered") || !slices.Contains(bases, `ticked "Yes", nothing cited`) {
		t.Errorf("PER challenges %v: want the unanswered question and the uncited yes", bases)
	}
}

func TestObservationsScope(t *testing.T) {
	plan, _ := saq.DefaultPlan()
	idx := indexFixture(t)
	ctx := context.Background()
	tests := []struct {
		scope saq.Scope
		req   ObservationsRequest
		kind  saq.ErrorKind
	}{
		{saq.StatesScope("PER"), ObservationsRequest{Country: "MEX", Cluster: "I"}, saq.KindForbidden},
		{saq.StatesScope("PER"), ObservationsRequest{Country: "BRA", Cluster: "I"}, saq.KindForbidden}, // same answer whether or not it submitted
		{saq.StatesScope("BRA"), ObservationsRequest{Country: "BRA", Cluster: "I"}, saq.KindNotFound},
		{saq.AllStates, ObservationsRequest{Country: "MEX", Cluster: "II"}, saq.KindNotFound},
		{saq.AllStates, ObservationsRequest{Country: "MEX"}, saq.KindInvalid},
		{saq.AllStates, ObservationsRequest{Country: "MEX", Cluster: "IX"}, saq.KindInvalid},
		{saq.AllStates, ObservationsRequest{Country: "Atlantis", Cluster: "I"}, saq.KindInvalid},
	}
	for _, tt := range tests {
		_, err := BuildObservations(ctx, idx, tt.scope, plan, tt.req)
		if saq.KindOf(err) != tt.kind {
			t.Errorf("%+v in %+v: error %v, want kind %s", tt.req, tt.scope, err, tt.kind)
		}
	}
}
