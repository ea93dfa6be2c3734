package compare

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/saq-review/saq/indexer"
)

// Questions are aligned across States by what they ask, not by their
// printed number: one questionnaire numbers its questions per article,
// another through the whole document, a third leaves unanswered
// questions out. Within one article, each State's questions are in
// questionnaire order; they are matched to the article's aligned
// questions ("slots") by a weighted monotone alignment (the dynamic
// programme of sequence alignment, with free gaps) that rewards
//   - the same kind of question (measures, legislation, examples, …),
//     which holds across languages;
//   - the same paragraph of the article, when both print one;
//   - similar wording, when a slot already has a wording in the
//     question's language (Jaccard overlap of the analysed terms).
// A question that matches no slot well enough becomes a new slot, placed
// after the slot its predecessor matched. States are aligned longest
// questionnaire first, so the most complete one sets the order.

// slot is one aligned question of an article.
type slot struct {
	kind      string
	paragraph string
	wording   map[string]string          // by language: the first wording seen
	terms     map[string]map[string]bool // by language: its analysed terms
	tickBox   bool
	answers   map[string]*answer // by State
}

type asked struct {
	*answer
	kind      string
	paragraph string
	terms     map[string]bool
}

// wordings caches what is read from a question's wording (its kind and
// analysed terms): most States print the same questionnaire, so a
// comparison meets each wording many times.
type wordings map[string]wording

type wording struct {
	kind  string
	terms map[string]bool
}

func (w wordings) of(lang, text string) wording {
	k := lang + "\x00" + text
	if v, ok := w[k]; ok {
		return v
	}
	v := wording{kind: questionKind(text), terms: termSet(lang, text)}
	w[k] = v
	return v
}

// alignArticle aligns the questions of one article across States.
func alignArticle(states [][]*answer, w wordings) []*slot {
	seqs := make([][]asked, 0, len(states))
	for _, as := range states {
		if len(as) == 0 {
			continue
		}
		seq := make([]asked, len(as))
		for i, a := range as {
			q := w.of(a.Language, a.QuestionText)
			seq[i] = asked{answer: a, kind: q.kind, paragraph: normParagraph(a.Paragraph), terms: q.terms}
		}
		seqs = append(seqs, seq)
	}
	slices.SortStableFunc(seqs, func(a, b []asked) int {
		return cmp.Or(cmp.Compare(len(b), len(a)),
			cmp.Compare(langRank(a[0].Language), langRank(b[0].Language)),
			strings.Compare(a[0].CountryCode, b[0].CountryCode))
	})
	var slots []*slot
	for _, seq := range seqs {
		slots = merge(slots, seq)
	}
	return slots
}

// langRank puts English wordings first: the report's language.
func langRank(lang string) int {
	if lang == "en" {
		return 0
	}
	return 1
}

// merge aligns one State's questions to the slots and returns the slots
// with the new questions added.
func merge(slots []*slot, seq []asked) []*slot {
	n, m := len(seq), len(slots)
	// best[i][j]: best total score aligning seq[i:] with slots[j:].
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
	}
	score := make([][]float64, n)
	for i := range score {
		score[i] = make([]float64, m)
		for j := range m {
			score[i][j] = matchScore(seq[i], slots[j])
		}
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			b := max(best[i+1][j], best[i][j+1])
			if s := score[i][j]; s > 0 {
				b = max(b, s+best[i+1][j+1])
			}
			best[i][j] = b
		}
	}
	match := make([]int, n) // slot index, or -1
	for i, j := 0, 0; i < n; {
		switch {
		case j < m && score[i][j] > 0 && best[i][j] == score[i][j]+best[i+1][j+1]:
			match[i] = j
			i, j = i+1, j+1
		case j < m && best[i][j] == best[i][j+1]:
			j++
		default:
			match[i] = -1
			i++
		}
	}
	// Rebuild the slot list: each unmatched question goes right after the
	// slot its predecessor took (or its own earlier new slot).
	var out []*slot
	next := 0 // next old slot to copy
	for i, q := range seq {
		if j := match[i]; j >= 0 {
			out = append(out, slots[next:j+1]...)
			next = j + 1
			slots[j].add(q)
			continue
		}
		s := &slot{kind: q.kind, paragraph: q.paragraph, wording: map[string]string{}, terms: map[string]map[string]bool{}, answers: map[string]*answer{}}
		s.add(q)
		out = append(out, s)
	}
	return append(out, slots[next:]...)
}

func (s *slot) add(q asked) {
	if s.paragraph == "" {
		s.paragraph = q.paragraph
	}
	if _, ok := s.wording[q.Language]; !ok {
		s.wording[q.Language] = q.QuestionText
		s.terms[q.Language] = q.terms
	}
	if q.Choice != "" {
		s.tickBox = true
	}
	s.answers[q.CountryCode] = q.answer
}

// matchScore is how well a question fits a slot; only a positive score
// may match.
func matchScore(q asked, s *slot) float64 {
	sc := 0.0
	switch {
	case q.kind == s.kind:
		sc += 2
	case q.kind != KindOther && s.kind != KindOther:
		sc -= 2
	}
	if q.paragraph != "" && s.paragraph != "" {
		switch {
		case q.paragraph == s.paragraph:
			sc += 3
		case strings.HasPrefix(q.paragraph, s.paragraph) || strings.HasPrefix(s.paragraph, q.paragraph):
			sc += 1
		default:
			sc -= 3
		}
	}
	if ts, ok := s.terms[q.Language]; ok {
		sc += 4*jaccard(q.terms, ts) - 1
	}
	return sc
}

// normParagraph writes "1 (a) (i)" and "1(A)(i)" alike.
func normParagraph(p string) string {
	return strings.ToLower(strings.Join(strings.Fields(p), ""))
}

// termSet is the set of analysed terms of a text.
func termSet(lang, text string) map[string]bool {
	set := map[string]bool{}
	toks := indexer.Analyze(lang, text)
	if toks == nil { // no analyzer for the language: lower-cased words
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			set[w] = true
		}
		return set
	}
	for _, t := range toks {
		set[t.Term] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for t := range a {
		if b[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
