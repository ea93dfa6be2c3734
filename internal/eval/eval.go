// Package eval measures extraction against truth files: which questions
// were found, whether their ticked answers and texts are right, whether
// running headers or footnotes leaked into answers, whether the cover was
// read, and whether bad files were rejected with the right kind.
package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/saq-review/saq"
)

// Truth is the ground truth of one document (the schema of
// ../shared/samples/*.truth.json).
type Truth struct {
	File            string           `json:"file"`
	Producer        string           `json:"producer"`
	Country         string           `json:"country"`
	ISO3            string           `json:"iso3"`
	Language        string           `json:"language"`
	Instruments     []saq.Instrument `json:"instruments"`
	Cluster         string           `json:"cluster"`
	DocSymbol       string           `json:"doc_symbol"`
	PageLabelFormat string           `json:"page_label_format"`
	Pages           int              `json:"pages"`
	Answers         []TruthAnswer    `json:"answers"`
}

// TruthAnswer is one expected answer.
type TruthAnswer struct {
	saq.Answer
	ChoiceOffered bool     `json:"choice_offered"`
	Footnotes     []string `json:"footnotes"`
}

// LoadTruth reads a truth file.
func LoadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &t, nil
}

// DocScore is the comparison of one record with its truth.
type DocScore struct {
	File                         string
	Truth, Found, Matched        int
	ChoiceRight                  int
	TextF1Sum, QuestionF1Sum     float64
	Leaks                        []string
	MetaRight, MetaFields        int
	MetaWrong                    []string
	Misses, Extras, WrongChoices []string
	LowText                      []string
	Rejected                     string // error kind when the file was rejected
}

// Key identifies an answer across documents: instrument, article, question.
func Key(inst saq.Instrument, article, question string) string {
	q := strings.ToLower(strings.NewReplacer(" ", "", "(", "", ")", "").Replace(question))
	return fmt.Sprintf("%s/%s/%s", inst, article, q)
}

// Score compares a record with its truth.
func Score(rec saq.Record, t *Truth) DocScore {
	s := DocScore{File: t.File, Truth: len(t.Answers)}
	if rec.Error != nil {
		s.Rejected = string(rec.Error.Kind)
		for _, a := range t.Answers {
			s.Misses = append(s.Misses, Key(a.Instrument, a.Article, a.Question))
		}
		return s
	}
	s.Found = len(rec.Answers)
	got := map[string][]saq.Answer{}
	for _, a := range rec.Answers {
		k := Key(a.Instrument, a.Article, a.Question)
		got[k] = append(got[k], a)
	}
	used := map[string]int{}
	for _, ta := range t.Answers {
		k := Key(ta.Instrument, ta.Article, ta.Question)
		if used[k] >= len(got[k]) {
			s.Misses = append(s.Misses, k)
			continue
		}
		a := got[k][used[k]]
		used[k]++
		s.Matched++
		if a.Choice == ta.Choice {
			s.ChoiceRight++
		} else {
			s.WrongChoices = append(s.WrongChoices, fmt.Sprintf("%s: %q want %q", k, a.Choice, ta.Choice))
		}
		f1 := TokenF1(a.Text, ta.Text)
		s.TextF1Sum += f1
		if f1 < 0.9 {
			s.LowText = append(s.LowText, fmt.Sprintf("%s F1=%.2f", k, f1))
		}
		s.QuestionF1Sum += TokenF1(a.QuestionText, ta.QuestionText)
	}
	for k, as := range got {
		for i := used[k]; i < len(as); i++ {
			s.Extras = append(s.Extras, k)
		}
	}
	sort.Strings(s.Extras)
	s.Leaks = leaks(rec, t)
	s.scoreMeta(rec, t)
	return s
}

func (s *DocScore) scoreMeta(rec saq.Record, t *Truth) {
	sub := rec.Submission
	if sub == nil {
		sub = &saq.Submission{}
	}
	check := func(name string, ok bool, got, want any) {
		s.MetaFields++
		if ok {
			s.MetaRight++
		} else {
			s.MetaWrong = append(s.MetaWrong, fmt.Sprintf("%s: %v want %v", name, got, want))
		}
	}
	if t.ISO3 != "" {
		check("country", sub.CountryCode == t.ISO3, sub.CountryCode, t.ISO3)
	}
	if t.Language != "" {
		check("language", sub.Language == t.Language, sub.Language, t.Language)
	}
	check("cluster", sub.Cluster == t.Cluster, sub.Cluster, t.Cluster)
	check("instruments", fmt.Sprint(sub.Instruments) == fmt.Sprint(t.Instruments), sub.Instruments, t.Instruments)
}

// leaks finds running headers, page labels and footnote text inside
// answers and question texts.
func leaks(rec saq.Record, t *Truth) []string {
	var out []string
	var label *regexp.Regexp
	// A label with words ("Page {n} of {m}") is recognisable in text; a bare
	// number ("{n}", "- {n} -") is not, and numbers are common in answers.
	words := strings.NewReplacer("{n}", "", "{m}", "").Replace(t.PageLabelFormat)
	if strings.IndexFunc(words, unicode.IsLetter) >= 0 {
		p := regexp.QuoteMeta(t.PageLabelFormat)
		p = strings.NewReplacer(`\{n\}`, `\d+`, `\{m\}`, `\d+`).Replace(p)
		label = regexp.MustCompile(p)
	}
	var notes []string
	for _, a := range t.Answers {
		notes = append(notes, a.Footnotes...)
	}
	for _, a := range rec.Answers {
		k := Key(a.Instrument, a.Article, a.Question)
		for _, text := range []string{a.Text, a.QuestionText} {
			if t.DocSymbol != "" && strings.Contains(text, t.DocSymbol) {
				out = append(out, k+": document symbol "+t.DocSymbol)
			}
			if label != nil && label.MatchString(text) {
				out = append(out, k+": page label "+label.FindString(text))
			}
			for _, n := range notes {
				if len(n) >= 20 && strings.Contains(text, n) {
					out = append(out, k+": footnote text")
				}
			}
		}
	}
	return out
}

// Tokens splits text into lower-case words; Chinese, Japanese and Korean
// characters count one token each.
func Tokens(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// TokenF1 is the F1 of the bags of tokens of got and want; two empty texts
// agree perfectly.
func TokenF1(got, want string) float64 {
	g, w := Tokens(got), Tokens(want)
	if len(g) == 0 && len(w) == 0 {
		return 1
	}
	if len(g) == 0 || len(w) == 0 {
		return 0
	}
	bag := map[string]int{}
	for _, t := range w {
		bag[t]++
	}
	common := 0
	for _, t := range g {
		if bag[t] > 0 {
			bag[t]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p := float64(common) / float64(len(g))
	r := float64(common) / float64(len(w))
	return 2 * p * r / (p + r)
}

// Summary aggregates document scores.
type Summary struct {
	Docs                              int
	Recall, Precision, ChoiceAccuracy float64
	MeanTextF1, MeanQuestionF1        float64
	Leaks                             int
	MetaAccuracy                      float64
	Rejected                          int
}

// Thresholds of acceptance for extraction, over a whole corpus.
const (
	MinRecall, MinPrecision, MinChoiceAccuracy, MinTextF1 = 0.98, 0.98, 0.98, 0.95
)

// Passes reports whether a summary meets the thresholds: no leaked running
// header, page label or footnote, and no expected document rejected.
func (s Summary) Passes() bool {
	return s.Recall >= MinRecall && s.Precision >= MinPrecision && s.ChoiceAccuracy >= MinChoiceAccuracy &&
		s.MeanTextF1 >= MinTextF1 && s.Leaks == 0 && s.Rejected == 0
}

// Summarize totals the scores of documents that were expected to be read.
func Summarize(scores []DocScore) Summary {
	var truth, found, matched, choice, metaR, metaN, leaks, rejected int
	var f1, qf1 float64
	for _, s := range scores {
		truth += s.Truth
		found += s.Found
		matched += s.Matched
		choice += s.ChoiceRight
		f1 += s.TextF1Sum
		qf1 += s.QuestionF1Sum
		metaR += s.MetaRight
		metaN += s.MetaFields
		leaks += len(s.Leaks)
		if s.Rejected != "" {
			rejected++
		}
	}
	sum := Summary{Docs: len(scores), Leaks: leaks, Rejected: rejected}
	sum.Recall = ratio(matched, truth)
	sum.Precision = ratio(matched, found)
	sum.ChoiceAccuracy = ratio(choice, matched)
	if matched > 0 {
		sum.MeanTextF1 = f1 / float64(matched)
		sum.MeanQuestionF1 = qf1 / float64(matched)
	}
	sum.MetaAccuracy = ratio(metaR, metaN)
	return sum
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// WriteTable prints one row per document and a total row.
func WriteTable(w io.Writer, scores []DocScore) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\ttruth\tfound\trecall\tprecision\tchoice\ttextF1\tqF1\tleaks\tmeta\t")
	for _, s := range scores {
		sum := Summarize([]DocScore{s})
		name := s.File
		if s.Rejected != "" {
			name += " (rejected: " + s.Rejected + ")"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.2f\t\n", name, s.Truth, s.Found,
			sum.Recall, sum.Precision, sum.ChoiceAccuracy, sum.MeanTextF1, sum.MeanQuestionF1, len(s.Leaks), sum.MetaAccuracy)
	}
	t := Summarize(scores)
	fmt.Fprintf(tw, "TOTAL (%d docs)\t\t\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.2f\t\n", t.Docs, t.Recall, t.Precision,
		t.ChoiceAccuracy, t.MeanTextF1, t.MeanQuestionF1, t.Leaks, t.MetaAccuracy)
	tw.Flush()
}

// WriteDetails prints what went wrong in each document.
func WriteDetails(w io.Writer, scores []DocScore, limit int) {
	for _, s := range scores {
		var parts []string
		add := func(name string, xs []string) {
			if len(xs) > 0 {
				if len(xs) > limit {
					xs = append(xs[:limit:limit], fmt.Sprintf("… %d more", len(xs)-limit))
				}
				parts = append(parts, name+": "+strings.Join(xs, "; "))
			}
		}
		add("missed", s.Misses)
		add("extra", s.Extras)
		add("choice", s.WrongChoices)
		add("text", s.LowText)
		add("leaks", s.Leaks)
		add("meta", s.MetaWrong)
		if len(parts) > 0 {
			fmt.Fprintf(w, "%s\n  %s\n", s.File, strings.Join(parts, "\n  "))
		}
	}
}
