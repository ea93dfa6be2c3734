package compare

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// Similar narrative answers are found with the vector-space model of
// information retrieval: each answer is a TF-IDF vector over the terms the
// search index makes of it (same stemmers and stop words as search), with
// sublinear term frequency 1+ln(tf) and inverse document frequency
// ln(1+N/df) over all answers in the comparison, and two answers are as
// similar as the cosine of their vectors. Answers to one question are then
// grouped by average-linkage agglomerative clustering (UPGMA): the two
// groups with the highest mean pairwise similarity merge while that mean is
// at least GroupThreshold. Average linkage, unlike single linkage, does not
// chain: a group cannot grow by one near neighbour at a time into answers
// that say different things.
//
// GroupThreshold = 0.5 means the members of a group share, on average,
// about half of their weighted vocabulary: restatements of the same
// measures in other words and order score far above it (0.91 and more for
// the planted near-duplicates of TestSimilarityMargin), answers citing
// other measures far below (0.06 at most there). On synthetic answers
// drawn from a shared sentence bank (internal/corpus, 20,000 answers, 190
// States) 71% of pairs of answers to one question score below 0.1 and 15%
// at or above 0.5. Terms are language-specific, so answers in different
// languages are never grouped together; the report shows them side by
// side.
const GroupThreshold = 0.5

// vector is a sparse, L2-normalised TF-IDF vector, sorted by term so
// that dot products add up in the same order every run.
type vector []weight

type weight struct {
	term string
	w    float64
}

// textModel holds the analysed answers and document frequencies of a
// comparison.
type textModel struct {
	docs    int
	df      map[string]int
	surface map[string]map[string]int // term → written forms → count, for display
}

// bag is the term frequencies of one answer.
type bag map[string]int

func newTextModel() *textModel {
	return &textModel{df: map[string]int{}, surface: map[string]map[string]int{}}
}

// add counts the terms of an answer (as the index stored them, see
// indexer.TermCounts), leaving out one-letter terms and bare numbers.
func (m *textModel) add(lang string, terms []indexer.TermCount) bag {
	b := bag{}
	for _, t := range terms {
		if len([]rune(t.Term)) < 2 || isNumber(t.Term) {
			continue
		}
		key := lang + ":" + t.Term
		b[key] += t.Count
		if m.surface[key] == nil {
			m.surface[key] = map[string]int{}
		}
		m.surface[key][t.Word] += t.Count
	}
	if len(b) > 0 {
		m.docs++
	}
	for t := range b {
		m.df[t]++
	}
	return b
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (m *textModel) idf(t string) float64 {
	return math.Log(1 + float64(m.docs)/float64(max(m.df[t], 1)))
}

// vector returns the normalised TF-IDF vector of a bag.
func (m *textModel) vector(b bag) vector {
	v := make(vector, 0, len(b))
	for t, n := range b {
		v = append(v, weight{t, (1 + math.Log(float64(n))) * m.idf(t)})
	}
	slices.SortFunc(v, func(a, b weight) int { return strings.Compare(a.term, b.term) })
	norm := 0.0
	for _, x := range v {
		norm += x.w * x.w
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w /= norm
	}
	return v
}

// word is how a term is usually written.
func (m *textModel) word(term string) string {
	best, n := "", 0
	for w, c := range m.surface[term] {
		if c > n || (c == n && w < best) {
			best, n = w, c
		}
	}
	if best == "" {
		_, best, _ = strings.Cut(term, ":")
	}
	return best
}

func cosine(a, b vector) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i].term, b[j].term); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

// cluster groups vectors by average-linkage agglomerative clustering and
// returns the groups of two or more members (indexes into vs), each with
// its mean pairwise similarity.
func cluster(vs []vector, threshold float64) (groups [][]int, means []float64) {
	n := len(vs)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			s := cosine(vs[i], vs[j])
			sim[i][j], sim[j][i] = s, s
		}
	}
	// members[c] of cluster c; sum[c][d] = sum of similarities between the
	// members of c and d, so the mean is sum/(|c||d|) and a merge is O(n).
	members := make([][]int, n)
	sum := make([][]float64, n)
	alive := make([]bool, n)
	for i := range n {
		members[i] = []int{i}
		sum[i] = slices.Clone(sim[i])
		alive[i] = true
	}
	for {
		bi, bj, bm := -1, -1, threshold
		for i := range n {
			if !alive[i] {
				continue
			}
			for j := i + 1; j < n; j++ {
				if !alive[j] {
					continue
				}
				if m := sum[i][j] / float64(len(members[i])*len(members[j])); m >= bm && (bi < 0 || m > bm) {
					bi, bj, bm = i, j, m
				}
			}
		}
		if bi < 0 {
			break
		}
		members[bi] = append(members[bi], members[bj]...)
		alive[bj] = false
		for k := range n {
			sum[bi][k] += sum[bj][k]
			sum[k][bi] = sum[bi][k]
		}
	}
	for c := range n {
		if !alive[c] || len(members[c]) < 2 {
			continue
		}
		ms := slices.Clone(members[c])
		slices.Sort(ms)
		total, pairs := 0.0, 0
		for x := range ms {
			for y := x + 1; y < len(ms); y++ {
				total += sim[ms[x]][ms[y]]
				pairs++
			}
		}
		groups = append(groups, ms)
		means = append(means, total/float64(pairs))
	}
	return groups, means
}

// central returns the member most similar on average to the others.
func central(vs []vector, members []int) int {
	best, bs := members[0], -1.0
	for _, i := range members {
		s := 0.0
		for _, j := range members {
			if i != j {
				s += cosine(vs[i], vs[j])
			}
		}
		if s > bs+1e-9 { // ties: the first member, in State order
			best, bs = i, s
		}
	}
	return best
}

// topTerms returns the k terms of highest summed weight over vectors,
// written as they usually are.
func (m *textModel) topTerms(vs []vector, k int) []string {
	w := map[string]float64{}
	for _, v := range vs {
		for _, x := range v {
			w[x.term] += x.w
		}
	}
	type tw struct {
		t string
		w float64
	}
	var all []tw
	for t, x := range w {
		all = append(all, tw{t, x})
	}
	slices.SortFunc(all, func(a, b tw) int { return cmp.Or(cmp.Compare(b.w, a.w), strings.Compare(a.t, b.t)) })
	var out []string
	for _, x := range all {
		if len(out) == k {
			break
		}
		if word := m.word(x.t); !slices.Contains(out, word) {
			out = append(out, word)
		}
	}
	return out
}

// ownName is the set of terms of a State's own name in a language, as
// the language's analyzer makes them: "Sri Lanka" sets nothing apart.
func ownName(code, lang string) map[string]bool {
	set := map[string]bool{}
	c, ok := saq.LookupCountry(code)
	if !ok {
		return set
	}
	for _, name := range []string{c.Name, c.Names[lang], code} {
		for _, t := range indexer.Analyze(lang, name) {
			set[lang+":"+t.Term] = true
		}
	}
	return set
}

// distinctive returns, for each State, the terms that most set its
// answers apart from those of the other States writing in the same
// language: TF-IDF where a "document" is all of a State's compared
// answers, keeping terms the State uses at least twice and that at most
// half of the States in its language use, and leaving out the State's own
// name.
func (m *textModel) distinctive(byState map[string]bag, lang map[string]string, k int) map[string][]string {
	states := map[string]int{}        // States per language
	df := map[string]map[string]int{} // language → term → States using it
	for code, b := range byState {
		l := lang[code]
		states[l]++
		if df[l] == nil {
			df[l] = map[string]int{}
		}
		for t := range b {
			df[l][t]++
		}
	}
	out := map[string][]string{}
	for code, b := range byState {
		l := lang[code]
		n := states[l]
		type tw struct {
			t string
			w float64
		}
		var ts []tw
		own := ownName(code, l)
		for t, f := range b {
			if f < 2 || (n >= 3 && df[l][t]*2 > n) || own[t] {
				continue
			}
			ts = append(ts, tw{t, (1 + math.Log(float64(f))) * math.Log(1+float64(n)/float64(df[l][t]))})
		}
		slices.SortFunc(ts, func(a, b tw) int { return cmp.Or(cmp.Compare(b.w, a.w), strings.Compare(a.t, b.t)) })
		words := []string{}
		for _, x := range ts {
			if len(words) == k {
				break
			}
			if w := m.word(x.t); !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		out[code] = words
	}
	return out
}
