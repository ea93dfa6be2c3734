package compare

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/saq-review/saq"
)

func fixtureCodes() []string {
	var cs []string
	for _, s := range fixtureStates {
		cs = append(cs, s.code)
	}
	slices.Sort(cs)
	return cs
}

func compareFixture(t *testing.T, scope saq.Scope, without ...string) *Comparison {
	t.Helper()
	plan, err := saq.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(context.Background(), indexFixture(t, without...), scope, plan, Request{Articles: fixtureArticles})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wantFlags are the planted inconsistencies, by "STATE slot"; every other
// answer must carry no flag. They hold for each of the three articles.
var wantFlags = map[string][]string{
	"GBR 0": {"no_citation"},    // yes, and neither the answer nor its follow-up cites anything
	"PER 0": {"unanswered"},     // nothing ticked, nothing written
	"PER 1": {"unanswered"},     // empty narrative
	"KEN 2": {"no_citation"},    // yes on measures, follow-up cites nothing
	"NGA 2": {"no_citation"},    //
	"GBR 2": {"no_citation"},    //
	"FRA 2": {"no_citation"},    //
	"PER 2": {"no_citation"},    //
	"SEN 2": {"no_explanation"}, // no, with nothing said and its follow-up left out
	"MEX 2": {"not_ticked"},     // narrative on a tick-box question, no tick
	"NZL 3": {"unanswered"},     // question left out of the document
	"SEN 3": {"unanswered"},     //
	"KEN 5": {"not_ticked"},     //
	"GBR 5": {"not_ticked"},     //
	"SEN 5": {"not_ticked"},     //
}

// wantCitations are the planted citations, by "STATE slot", normalised;
// every other answer cites nothing.
var wantCitations = map[string][]string{
	"AUS 1": {"Witness Protection Act 2006"}, "CAN 1": {"Witness Protection Act 2006"}, "NZL 1": {"Witness Protection Act 2006"},
	"KEN 1": {"Code of Criminal Procedure, art. 241-245"}, "NGA 1": {"Code of Criminal Procedure, art. 241-245"},
	"FRA 1": {"Law No. 2005-67"}, "SEN 1": {"Law No. 2005-67"},
	"MEX 1": {"Law No. 1121/2006"},
	"AUS 2": {"Criminal Code, s. 467.11"},
}

// wantGroups are the planted near-duplicate legislation answers (slot 1).
var wantGroups = map[string][]string{
	"UNTOC 5":  {"AUS CAN NZL", "FRA SEN", "KEN NGA"},
	"UNTOC 23": {"AUS CAN NZL", "FRA SEN", "KEN NGA"},
	"TIP 5":    {"AUS CAN NZL", "FRA SEN"}, // NGA did not submit on TIP: KEN stands alone
}

func TestCompareTruth(t *testing.T) {
	c := compareFixture(t, saq.StatesScope(append(fixtureCodes(), "BRA")...))
	if got, want := c.Countries, fixtureCodes(); !slices.Equal(got, want) {
		t.Errorf("countries = %v, want %v", got, want)
	}
	// BRA has nothing; NGA submitted on the Convention only and is party to TIP.
	if got, want := c.NotSubmitted, []string{"BRA", "NGA"}; !slices.Equal(got, want) {
		t.Errorf("not_submitted = %v, want %v", got, want)
	}
	if len(c.Questions) != 3*len(slotKinds) {
		t.Fatalf("%d aligned questions, want %d: alignment split or merged questions", len(c.Questions), 3*len(slotKinds))
	}
	for i, q := range c.Questions {
		art := fixtureArticles[i/len(slotKinds)]
		slot := i % len(slotKinds)
		name := fmt.Sprintf("%s %s q%d", q.Instrument, q.Article, slot+1)
		if q.Instrument != art.Instrument || q.Article != art.Article || q.Question != strconv.Itoa(slot+1) {
			t.Fatalf("question %d is %s %s %s, want %s q%d", i, q.Instrument, q.Article, q.Question, art, slot+1)
		}
		if q.Kind != slotKinds[slot] {
			t.Errorf("%s: kind %s, want %s", name, q.Kind, slotKinds[slot])
		}
		if want := slot != 1 && slot != 3; q.TickBox != want {
			t.Errorf("%s: tick_box %v, want %v", name, q.TickBox, want)
		}
		if want := questionText("en", art.Article, slot); q.QuestionText != want {
			t.Errorf("%s: question_text %q, want the English wording %q", name, q.QuestionText, want)
		}
		var want Distribution
		seen := map[string]bool{}
		for _, a := range q.Answers {
			seen[a.CountryCode] = true
			s := fixtureStates[slices.IndexFunc(fixtureStates, func(s fixtureState) bool { return s.code == a.CountryCode })]
			if a.Choice != string(s.choice(slot)) && slot != s.omit {
				t.Errorf("%s %s: choice %q, want %q (answer aligned to the wrong question?)", name, s.code, a.Choice, s.choice(slot))
			}
			if slot != s.omit && a.Text != s.plantedText(art, slot) {
				t.Errorf("%s %s: text %q, want %q", name, s.code, a.Text, s.plantedText(art, slot))
			}
			wantF := wantFlags[fmt.Sprintf("%s %d", s.code, slot)]
			if wantF == nil {
				wantF = []string{}
			}
			wantC := wantCitations[fmt.Sprintf("%s %d", s.code, slot)]
			if wantC == nil {
				wantC = []string{}
			}
			if !slices.Equal(a.Citations, wantC) {
				t.Errorf("%s %s: citations %q, want %q", name, s.code, a.Citations, wantC)
			}
			if !slices.Equal(a.Flags, wantF) {
				t.Errorf("%s %s: flags %v, want %v", name, s.code, a.Flags, wantF)
			}
			if slot != s.omit && (a.Evidence.File != strings.ToLower(s.code)+".pdf" || len(a.Evidence.Pages) == 0 || a.Evidence.Question == "") {
				t.Errorf("%s %s: evidence %+v does not locate the answer", name, s.code, a.Evidence)
			}
			// The planted truth, counted independently of the code under test.
			text := ""
			if slot != s.omit {
				text = s.plantedText(art, slot)
			}
			if text != "" {
				want.Answered++
			}
			switch ch := s.choice(slot); {
			case slot == s.omit:
				want.Unanswered++
			case ch == saq.Yes:
				want.Yes++
			case ch == saq.YesInPart:
				want.YesInPart++
			case ch == saq.No:
				want.No++
			case q.TickBox || text == "":
				want.Unanswered++
			}
		}
		if q.Distribution != want {
			t.Errorf("%s: distribution %+v, want %+v", name, q.Distribution, want)
		}
		for _, code := range fixtureCodes() {
			submitted := !(code == "NGA" && art.Instrument == saq.TIP)
			if seen[code] != submitted {
				t.Errorf("%s: answer of %s present=%v, want %v", name, code, seen[code], submitted)
			}
		}
		wantMissing := []string{"BRA"}
		if art.Instrument == saq.TIP {
			wantMissing = []string{"BRA", "NGA"}
		}
		if !slices.Equal(q.NotSubmitted, wantMissing) {
			t.Errorf("%s: not_submitted %v, want %v", name, q.NotSubmitted, wantMissing)
		}
		if slot == 1 {
			var got []string
			for _, g := range q.Groups {
				got = append(got, strings.Join(g.Countries, " "))
				if g.Excerpt == "" || len(g.Terms) == 0 || !slices.Contains(g.Countries, g.ExcerptCountry) {
					t.Errorf("%s: group %v lacks an excerpt from a member or terms", name, g)
				}
			}
			slices.Sort(got)
			if want := wantGroups[art.String()]; !slices.Equal(got, want) {
				t.Errorf("%s: groups %q, want %q", name, got, want)
			}
		}
	}
}

func TestCompareStates(t *testing.T) {
	c := compareFixture(t, saq.StatesScope(fixtureCodes()...))
	byCode := map[string]State{}
	for _, s := range c.States {
		byCode[s.CountryCode] = s
	}
	if len(byCode) != len(fixtureStates) {
		t.Fatalf("%d State summaries, want %d", len(byCode), len(fixtureStates))
	}
	if n := len(byCode["MEX"].Needs); n != 3 {
		t.Errorf("MEX: %d needs, want the training need stated on each of 3 articles: %+v", n, byCode["MEX"].Needs)
	}
	for code, s := range byCode {
		if code != "MEX" && len(s.Needs) > 0 {
			t.Errorf("%s: needs %+v, none planted", code, s.Needs)
		}
		if len(s.Distinctive) == 0 && code != "PER" {
			t.Errorf("%s: no distinctive terms", code)
		}
		// Every generic answer names the State ("Answer of State AUS …"):
		// its own name or code sets nothing apart.
		if slices.Contains(s.Distinctive, strings.ToLower(code)) {
			t.Errorf("%s: its own code among its distinctive terms %v", code, s.Distinctive)
		}
	}
	var aus []string
	for _, l := range byCode["AUS"].Legislation {
		aus = append(aus, l.Kind)
		if len(l.Evidence) == 0 {
			t.Errorf("AUS: citation %q without evidence", l.Key)
		}
	}
	if !slices.Contains(aus, "code") || !slices.Contains(aus, "law") {
		t.Errorf("AUS cites a code and an act, got kinds %v", aus)
	}
	if len(byCode["GBR"].Legislation) != 0 {
		t.Errorf("GBR cites nothing, got %+v", byCode["GBR"].Legislation)
	}
}

// TestCompareScope: a comparison in a scope is byte-identical whether or
// not the States outside it are in the index, and names none of them.
func TestCompareScope(t *testing.T) {
	all := fixtureCodes()
	scopes := [][]string{{"AUS"}, {"FRA", "SEN"}, {"KEN", "MEX", "BRA"}, {"NGA", "CAN"}}
	for _, in := range scopes {
		t.Run(strings.Join(in, "+"), func(t *testing.T) {
			var out []string
			for _, c := range all {
				if !slices.Contains(in, c) {
					out = append(out, c)
				}
			}
			scope := saq.StatesScope(in...)
			full, _ := json.Marshal(compareFixture(t, scope))
			alone, _ := json.Marshal(compareFixture(t, scope, out...))
			if !bytes.Equal(full, alone) {
				i := 0
				for i < min(len(full), len(alone)) && full[i] == alone[i] {
					i++
				}
				t.Errorf("result depends on States outside the scope, from byte %d:\n…%s\n…%s", i, full[max(0, i-200):min(len(full), i+200)], alone[max(0, i-200):min(len(alone), i+200)])
			}
			for _, code := range out {
				c, _ := saq.LookupCountry(code)
				if bytes.Contains(full, []byte(`"`+code+`"`)) || bytes.Contains(full, []byte(c.Name)) || bytes.Contains(full, []byte("State "+code)) {
					t.Errorf("scope %v: result mentions %s", in, code)
				}
			}
		})
	}
	// A country filter narrows the scope, never widens it.
	plan, _ := saq.DefaultPlan()
	c, err := Compare(context.Background(), indexFixture(t), saq.StatesScope("AUS"), plan, Request{Articles: fixtureArticles, Countries: []string{"Canada", "AUS"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Countries, []string{"AUS"}) || len(c.NotSubmitted) != 0 {
		t.Errorf("filter naming a State outside the scope: countries %v, not submitted %v", c.Countries, c.NotSubmitted)
	}
}

func TestCompareRequests(t *testing.T) {
	plan, _ := saq.DefaultPlan()
	idx := indexFixture(t)
	bad := []Request{
		{},
		{Theme: "nope"},
		{Articles: fixtureArticles, Countries: []string{"Atlantis"}},
		{Articles: []saq.ArticleRef{{Instrument: saq.TIP, Article: "99"}}},
	}
	for _, r := range bad {
		if _, err := Compare(context.Background(), idx, saq.AllStates, plan, r); saq.KindOf(err) != saq.KindInvalid {
			t.Errorf("%+v: error %v, want kind invalid", r, err)
		}
	}
	c, err := Compare(context.Background(), idx, saq.AllStates, plan, Request{Theme: "criminalization"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 7 || c.Title != "Criminalization" {
		t.Errorf("theme: %d articles, title %q", len(c.Articles), c.Title)
	}
	// Every State party expected on the theme and silent on one of its
	// articles is listed: all but the fixture States lack SOM 6.
	if len(c.NotSubmitted) < len(saq.AllCountries())-2 {
		t.Errorf("not_submitted lists %d States", len(c.NotSubmitted))
	}
	if !slices.Contains(c.NotSubmitted, "USA") {
		t.Errorf("USA is party to the Convention and silent: not listed in %v", c.NotSubmitted)
	}
	// Only parties are expected: the United States is not party to the
	// Firearms Protocol (data/parties.csv).
	c, err = Compare(context.Background(), idx, saq.AllStates, plan, Request{Articles: []saq.ArticleRef{{Instrument: saq.FIREARMS, Article: "5"}}})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(c.NotSubmitted, "USA") || !slices.Contains(c.NotSubmitted, "MEX") {
		t.Errorf("FIREARMS 5: not_submitted %v should hold MEX (party, no answers) and not USA (not party)", c.NotSubmitted)
	}
}
