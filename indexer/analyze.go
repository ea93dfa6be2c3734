package indexer

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Token is one term the index makes of a text, with the byte range of
// the text it was read from (to show the word as written).
type Token struct {
	Term       string
	Start, End int
}

var sharedMapping = sync.OnceValues(NewMapping)

// Analyze returns the terms that the answer text field of language lang
// indexes for text: the same stems and stop words as search, so that
// comparisons and search agree on what a word is. It returns nil for a
// language without an analyzer.
func Analyze(lang, text string) []Token {
	a := analyzer(lang)
	if a == nil || text == "" {
		return nil
	}
	ts := a.Analyze([]byte(text))
	out := make([]Token, 0, len(ts))
	for _, t := range ts {
		out = append(out, Token{Term: string(t.Term), Start: t.Start, End: t.End})
	}
	return out
}

func analyzer(lang string) analysis.Analyzer {
	name := analyzerFor[lang]
	if name == "" {
		return nil
	}
	m, err := sharedMapping()
	if err != nil {
		return nil
	}
	return m.AnalyzerNamed(name)
}

// TermCount is how often a term occurs in a text, with the word it was
// most often read from (to show "organized" rather than the stem "organ").
type TermCount struct {
	Term  string
	Count int
	Word  string
}

// TermCounts returns the terms of text in lang (see Analyze), sorted by
// term. Comparisons build their text vectors from these; the index keeps
// them with each answer (FieldTerms) so that no comparison has to analyse
// text again.
func TermCounts(lang, text string) []TermCount {
	type seen struct {
		n     int
		words map[string]int
	}
	by := map[string]*seen{}
	for _, t := range Analyze(lang, text) {
		s := by[t.Term]
		if s == nil {
			s = &seen{words: map[string]int{}}
			by[t.Term] = s
		}
		s.n++
		if t.Start < t.End && t.End <= len(text) {
			s.words[strings.ToLower(text[t.Start:t.End])]++
		}
	}
	out := make([]TermCount, 0, len(by))
	for term, s := range by {
		word, best := term, 0
		for w, n := range s.words {
			if n > best || (n == best && w < word) {
				word, best = w, n
			}
		}
		out = append(out, TermCount{Term: term, Count: s.n, Word: word})
	}
	slices.SortFunc(out, func(a, b TermCount) int { return strings.Compare(a.Term, b.Term) })
	return out
}

// EncodeTerms writes term counts as the stored FieldTerms value: one
// "term TAB count TAB word" line each (the tokenizers split on white
// space, so no term or word holds a tab or a newline).
func EncodeTerms(ts []TermCount) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.Term)
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(t.Count))
		b.WriteByte('\t')
		b.WriteString(t.Word)
		b.WriteByte('\n')
	}
	return b.String()
}

// DecodeTerms reads a FieldTerms value back.
func DecodeTerms(s string) []TermCount {
	var out []TermCount
	for line := range strings.Lines(s) {
		term, rest, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		count, word, _ := strings.Cut(rest, "\t")
		n, err := strconv.Atoi(count)
		if term == "" || err != nil {
			continue
		}
		out = append(out, TermCount{Term: term, Count: n, Word: word})
	}
	return out
}
