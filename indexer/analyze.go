package indexer

import (
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
