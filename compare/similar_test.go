package compare

import (
	"fmt"
	"math"
	"testing"

	"github.com/saq-review/saq/indexer"
)

// TestSimilarityMargin measures the cosine similarity of the planted
// legislation answers, with document frequencies taken over every
// narrative of the fixture (as Compare does): answers restating the same
// measures must score at or above GroupThreshold, answers on different
// measures below it, with room to spare on both sides.
func TestSimilarityMargin(t *testing.T) {
	m := newTextModel()
	for _, s := range fixtureStates {
		for _, art := range fixtureArticles {
			for slot := range slotKinds {
				m.add(s.lang, indexer.TermCounts(s.lang, s.plantedText(art, slot)))
			}
		}
	}
	type text struct{ group, lang, s string }
	var texts []text
	for _, g := range []struct {
		name, lang string
		ts         []string
	}{{"wpa", "en", wpa}, {"ccp", "en", ccp}, {"fr", "fr", frGroup}, {"lone0", "en", lone[:1]}, {"lone1", "es", lone[1:]}} {
		for _, s := range g.ts {
			texts = append(texts, text{g.name, g.lang, s})
		}
	}
	minSame, maxOther := math.Inf(1), math.Inf(-1)
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			a, b := texts[i], texts[j]
			c := cosine(m.vector(m.add(a.lang, indexer.TermCounts(a.lang, a.s))), m.vector(m.add(b.lang, indexer.TermCounts(b.lang, b.s))))
			if a.group == b.group {
				minSame = math.Min(minSame, c)
			} else {
				maxOther = math.Max(maxOther, c)
			}
		}
	}
	t.Logf("near-duplicates: cosine >= %.2f; different answers: <= %.2f; threshold %.2f", minSame, maxOther, GroupThreshold)
	if minSame < GroupThreshold+0.1 || maxOther > GroupThreshold-0.1 {
		t.Errorf("margin too thin: same %.2f, other %.2f around %.2f", minSame, maxOther, GroupThreshold)
	}
}

func TestCluster(t *testing.T) {
	v := func(ws ...float64) vector {
		var out vector
		n := 0.0
		for _, w := range ws {
			n += w * w
		}
		for i, w := range ws {
			if w != 0 {
				out = append(out, weight{fmt.Sprintf("t%02d", i), w / math.Sqrt(n)})
			}
		}
		return out
	}
	tests := []struct {
		name string
		vs   []vector
		want string
	}{
		{"two pairs", []vector{v(1, 1, 0, 0), v(1, 0.9, 0, 0), v(0, 0, 1, 1), v(0, 0, 1, 0.8)}, "[[0 1] [2 3]]"},
		{"nothing alike", []vector{v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)}, "[]"},
		// A chain a–b–c: cos(a,b) = 0.8, cos(b,c) = 0.6, cos(a,c) = 0.1.
		// Single linkage would take c in through b; average linkage keeps
		// it out, its mean similarity to {a, b} being 0.35.
		{"no chaining", []vector{v(1, 0, 0), v(0.8, 0.6, 0), v(0.1, 0.867, 0.489)}, "[[0 1]]"},
		{"three alike", []vector{v(1, 1, 1), v(1, 1, 0.8), v(0.9, 1, 1)}, "[[0 1 2]]"},
		{"empty", nil, "[]"},
	}
	for _, tt := range tests {
		groups, _ := cluster(tt.vs, GroupThreshold)
		if got := fmt.Sprint(groups); got != tt.want {
			t.Errorf("%s: groups %s, want %s", tt.name, got, tt.want)
		}
	}
}
