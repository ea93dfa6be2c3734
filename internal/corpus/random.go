package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode/utf8"
)

// Random (held-out) specs.
//
// RandomSpecs draws every variation axis independently from a PCG seeded by
// the caller's seed, then applies the rules the hand-written specs obey (see
// constrain). The content of each document is seeded by its name
// (seedOf(sp.name)), and names carry the seed, so both the variant combinations
// and the texts differ from the fixed corpus and between seeds.

// Estimated page bounds a random spec must fall in; the truth check accepts
// 3-12 pages; on the fixed corpus the estimate is within -18 %/+26 % of the
// real count.
const (
	randMinPages = 3.8
	randMaxPages = 9.5
	randMaxTries = 200
)

// producer-specific value sets.
var (
	randLangs = map[string][]string{
		"core":     {"en", "fr", "es"},
		"utf8":     {"en", "fr", "es", "ru", "zh"},
		"chromium": {"en", "fr", "es", "ru", "zh"},
	}
	// ticks each producer can draw: core fonts have no ballot-box glyphs, the
	// HTML writer has no ZapfDingbats.
	randTicks = map[string][]string{
		"core":     {"bracket", "paren", "mark_after", "check", "answer", "zapf_square", "zapf_cross", "rect_x"},
		"utf8":     {"box", "box_check", "bracket", "paren", "mark_after", "check", "answer", "zapf_square", "zapf_cross", "rect_x"},
		"chromium": {"box", "box_check", "bracket", "paren", "mark_after", "check", "answer", "rect_x"},
	}
	randFonts = map[string][]string{
		"core":     {"Helvetica", "Times"},
		"utf8":     {"dejavu"},
		"chromium": {"serif", "sans", "dejavu", "condensed"},
	}
)

// statesOf lists the states whose narratives are written in lg, sorted.
func statesOf(lg string) []string {
	var out []string
	for k, st := range states {
		if st.lang == lg {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// hasBank reports whether every article the cut selects has questions in lg.
func hasBank(lg, cluster string, insts []string) bool {
	for _, c := range clusterOrder {
		if cluster != "" && c != cluster {
			continue
		}
		for _, in := range insts {
			for _, a := range clusterArticles[c][in] {
				if len(bankFor(in, a, lg)) == 0 {
					return false
				}
			}
		}
	}
	return true
}

type rnd struct{ *rand.Rand }

func (r rnd) pick(vs []string) string { return vs[r.IntN(len(vs))] }

func (r rnd) chance(p float64) bool { return r.Float64() < p }

// weighted picks vs[i] with probability proportional to ws[i].
func (r rnd) weighted(vs []string, ws []float64) string {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range ws {
		if x < w {
			return vs[i]
		}
		x -= w
	}
	return vs[len(vs)-1]
}

// steps returns lo, lo+step, ..., hi.
func (r rnd) steps(lo, hi, step float64) float64 {
	n := int(math.Round((hi-lo)/step)) + 1
	return math.Round((lo+float64(r.IntN(n))*step)*100) / 100
}

// RandomSpecs draws n specs from seed. Deterministic for (seed, n); the first
// k specs of RandomSpecs(seed, n) are those of RandomSpecs(seed, k).
//
// A drawn spec whose estimated length falls outside randMinPages..randMaxPages
// keeps its look (producer, language, state, layout, styles, ...) and redraws
// only its volume axes (cut, instruments, fewer, size, leading, cover page), so
// the length check does not skew the look axes towards short languages or
// layouts.
func RandomSpecs(seed uint64, n int) []*spec {
	r := rnd{rand.New(rand.NewPCG(seed, 0x6e1d0c7))}
	out := make([]*spec, 0, n)
	for i := 1; i <= n; i++ {
		look := drawRaw(r)
		var pick *spec
		best := math.Inf(1)
		for try := 0; try < randMaxTries; try++ {
			raw := look
			if try > 0 {
				raw = drawRaw(r)
				raw.keepLook(look)
			}
			sp := raw.constrain(seed, i)
			est := estimatePages(sp, build(sp))
			// keep the closest miss in case nothing fits (not seen in practice)
			if d := math.Max(randMinPages-est, est-randMaxPages); d < best {
				best, pick = d, sp
			}
			if best <= 0 {
				break
			}
		}
		out = append(out, pick)
	}
	return out
}

// rawSpec is a spec as drawn, before the constraints.
type rawSpec struct {
	sp      spec
	instCut bool     // one instrument across clusters
	cluster string   // cluster of the cluster cut
	cutInst string   // instrument of the instrument cut
	protos  []bool   // TIP, SOM, FIREARMS included in a cluster cut (when the cluster has them)
	maxPer  int      // articles per cluster for the UNTOC instrument cut
	hyph    bool     // hyphenate (hard or soft depending on the producer)
	hard    []string // hard cases drawn
}

// drawRaw draws every axis independently.
func drawRaw(r rnd) rawSpec {
	var w rawSpec
	sp := &w.sp
	sp.prod = r.pick([]string{"core", "utf8", "chromium"})
	sp.lang = r.pick(randLangs[sp.prod])
	sp.state = r.pick(statesOf(sp.lang))

	// cut: a cluster with UNTOC and some protocols, or one instrument across clusters
	w.instCut = r.chance(0.25)
	w.cluster = r.pick(clusterOrder)
	w.cutInst = r.pick([]string{untoc, tip, som})
	protoP := 0.3 + r.Float64()*0.5 // share of available protocols included
	for range allInstruments[1:] {
		w.protos = append(w.protos, r.chance(protoP))
	}
	w.maxPer = 1 + r.IntN(3)

	sp.layout = r.pick([]string{"plain", "table", "borderless", "table3"})
	sp.numbering = r.pick([]string{"per_article", "consecutive"})
	sp.qlabel = r.pick([]string{"question", "question_colon", "num", "q", "paren"})
	sp.tick = r.pick(randTicks[sp.prod])
	sp.partAlt = r.chance(0.3)
	sp.na = r.chance(0.3)
	sp.heading = r.pick([]string{"A", "B", "C", "D"})
	sp.parts = r.chance(0.6)
	sp.showPara = r.chance(0.5)
	sp.cover = r.weighted([]string{"kv", "table", "intro", "none"}, []float64{0.35, 0.25, 0.25, 0.15})
	sp.symbol = r.chance(0.7)
	sp.symbolPos = r.pick([]string{"top", "bottom"})
	sp.pageLabel = r.weighted([]string{"of", "dash", "bare", ""}, []float64{0.4, 0.2, 0.25, 0.15})
	sp.footnotes = r.chance(0.45)
	w.hyph = r.chance(0.3)
	sp.paper = r.pick([]string{"a4", "letter"})
	sp.font = r.pick(randFonts[sp.prod])
	sp.size = r.steps(9, 12, 0.5)
	sp.lead = r.steps(1.15, 1.4, 0.05)
	sp.justify = r.chance(0.35)
	sp.qBold = r.chance(0.5)
	sp.subheads = r.chance(0.35)
	sp.coverPage = r.chance(0.35)
	sp.fewer = r.chance(0.5)
	for _, h := range []struct {
		key string
		p   float64
	}{{"tight", 0.15}, {"numlist", 0.2}, {"conv5", 0.3}} {
		if r.chance(h.p) {
			w.hard = append(w.hard, h.key)
		}
	}
	return w
}

// keepLook copies everything but the volume axes from o.
func (w *rawSpec) keepLook(o rawSpec) {
	v := w.sp
	w.sp = o.sp
	w.sp.size, w.sp.lead, w.sp.fewer, w.sp.coverPage = v.size, v.lead, v.fewer, v.coverPage
	w.hyph, w.hard = o.hyph, o.hard
}

// constrain applies the rules the hand-written specs obey and names the spec.
func (w rawSpec) constrain(seed uint64, idx int) *spec {
	c := w.sp
	sp := &c
	// ru and zh question banks cover cluster I only: the cluster cut of cluster I.
	instCut, cluster := w.instCut, w.cluster
	if !hasBank(sp.lang, "", allInstruments) {
		instCut, cluster = false, "I"
	}
	if instCut {
		sp.insts = []string{w.cutInst}
		if w.cutInst == untoc {
			sp.maxPerCluster = w.maxPer // 27 articles otherwise
		}
	} else {
		sp.cluster = cluster
		sp.insts = []string{untoc}
		for i, in := range allInstruments[1:] {
			if w.protos[i] && len(clusterArticles[cluster][in]) > 0 {
				sp.insts = append(sp.insts, in)
			}
		}
	}
	if !hasBank(sp.lang, sp.cluster, sp.insts) {
		panic(fmt.Sprintf("corpus: no %s questions for cluster %q %v", sp.lang, sp.cluster, sp.insts))
	}
	// part headings only for a cluster cut with several instruments (the
	// instrument cut is headed by clusters).
	if sp.cluster == "" || len(sp.insts) < 2 {
		sp.parts = false
	}
	if !sp.symbol {
		sp.symbolPos = ""
	}
	// hyphenation: fpdf inserts hard hyphens, Chromium soft ones; Chinese has none.
	switch {
	case !w.hyph || sp.lang == "zh":
		sp.hyph = ""
	case sp.prod == "chromium":
		sp.hyph = "soft"
	default:
		sp.hyph = "hard"
	}
	// fonts: UTF-8 fpdf and Chromium set Chinese in the CJK font.
	if sp.lang == "zh" && sp.prod != "core" {
		sp.font = "cjk"
		sp.size = math.Max(sp.size, 10)
		sp.lead = math.Max(sp.lead, 1.25)
		if sp.prod == "utf8" {
			sp.justify = false // fpdf justifies at spaces only
		}
	}
	// subheads are drawn by the plain layout only
	if sp.layout != "plain" {
		sp.subheads = false
	}
	// a cover page needs a cover
	if sp.cover != "kv" && sp.cover != "table" {
		sp.coverPage = false
	}
	hasTIP := false
	for _, in := range sp.insts {
		hasTIP = hasTIP || in == tip
	}
	for _, h := range w.hard {
		switch {
		case h == "numlist" && phraseBook[sp.lang].listIntro == "":
			continue // numbered lists exist in en/fr/es only
		case h == "conv5" && !hasTIP:
			continue // the conv5 sentence is a TIP answer
		}
		if sp.hard == nil {
			sp.hard = map[string]bool{}
		}
		sp.hard[h] = true
	}
	// tight: questions are not bold
	if sp.hard["tight"] {
		sp.qBold = false
	}
	sp.name = fmt.Sprintf("r%d-%02d-%s-%s-%s", seed, idx, strings.ToLower(sp.state), sp.lang, sp.prod)
	return sp
}

// estimatePages guesses the page count of a document from its content and
// layout, counting lines per column; calibrated on the fixed corpus.
func estimatePages(sp *spec, s *submission) float64 {
	pw, ph := 595.0, 842.0
	if sp.paper == "letter" {
		pw, ph = 612, 792
	}
	W, H := pw-125, ph-130
	lineH := sp.size * sp.lead
	charW := sp.size * 0.5
	switch sp.font {
	case "Times", "serif":
		charW = sp.size * 0.45
	case "condensed":
		charW = sp.size * 0.47
	}
	units := func(t string) float64 {
		if sp.lang == "zh" {
			return float64(utf8.RuneCountInString(t)) * sp.size / charW
		}
		return float64(utf8.RuneCountInString(t))
	}
	lines := func(t string, width float64) float64 {
		if t == "" {
			return 0
		}
		return math.Ceil(units(t) / (width / charW))
	}
	gap := 0.7
	if sp.hard["tight"] {
		gap = 0.3
	}
	total := 0.0 // in body lines
	switch sp.cover {
	case "kv":
		total += 12
	case "table":
		total += 14
	case "intro":
		total += 4
	}
	var qW, aW float64
	switch sp.layout {
	case "table", "borderless":
		qW, aW = W*0.44-10, W*0.56-10
	case "table3":
		qW, aW = (W-36)*0.45-10, (W-36)*0.55-10
	default:
		qW, aW = W, W
	}
	for _, sec := range s.sections {
		if s.cluster == "" || sp.parts {
			total += 3
		}
		for _, a := range sec.articles {
			total += 2.5
			if len(articleHeading(sp.lang, sp.heading, a.inst, a.num)) > 1 {
				total++
			}
			if sp.layout != "plain" {
				total += 1.5 // header row, spacing
			}
			for _, q := range a.questions {
				ql := lines(q.text, qW) + 0.3
				var al float64
				if q.offered {
					al++
				}
				for _, p := range q.paras {
					al += lines(paraText(sp.lang, p), aW) + gap*0.6
				}
				al += 0.8 * float64(len(q.notes))
				if sp.showPara && q.para != "" {
					ql++
				}
				if sp.layout == "plain" {
					total += ql + al + gap
				} else {
					total += math.Max(ql, al) + gap + 0.5
				}
			}
		}
	}
	pages := 1.08 * total * lineH / H
	if sp.lang == "ru" {
		pages *= 1.15 // Cyrillic sets wider than the Latin average
	}
	if sp.layout != "plain" {
		pages *= 1.1 // rows kept whole
	}
	if sp.coverPage {
		pages++
	}
	return pages
}
