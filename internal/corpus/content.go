package corpus

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// submission is the content of one questionnaire response, before layout.
type submission struct {
	st          *stateInfo
	lg          string
	instruments []string
	cluster     string // "" for the one-instrument cut
	date        time.Time
	symbol      string
	sections    []*section
	nfoot       int // number of footnotes
}

type section struct {
	inst     string
	cluster  string // set for the one-instrument cut
	partIdx  int    // position of the instrument (1-based) for part headings
	articles []*article
}

type article struct {
	inst      string
	num       int
	questions []*question
}

type question struct {
	kind     string // subst, cite, examples, challenges, ta, taforms
	para     string
	text     string
	offered  bool
	choice   string
	paras    []para
	list     int // number of paragraphs that are numbered list items (0 = none)
	listAt   int // index of the first list item in paras
	notes    []*footnote
	number   int
	pages    map[int]bool
	pageList []int
}

type footnote struct {
	num       int
	para, snt int // position: marker after sentence snt of paragraph para
	text      string
}

func seedOf(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// build creates the content of a document from its spec.
func build(sp *spec) *submission {
	r := rand.New(rand.NewPCG(seedOf(sp.name), 0x5a9c0de))
	st := states[sp.state]
	s := &submission{st: st, lg: sp.lang, cluster: sp.cluster}
	s.date = time.Date(2021+r.IntN(4), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	n := &narrator{r: r, st: st, lg: sp.lang, ph: phraseBook[sp.lang]}

	type artRef struct {
		inst, cl string
		art      int
	}
	var plan []artRef
	if sp.cluster != "" {
		for _, inst := range sp.insts {
			for _, a := range clusterArticles[sp.cluster][inst] {
				plan = append(plan, artRef{inst, sp.cluster, a})
			}
		}
		s.instruments = sp.insts
	} else {
		inst := sp.insts[0]
		s.instruments = []string{inst}
		for _, c := range clusterOrder {
			arts := clusterArticles[c][inst]
			if sp.maxPerCluster > 0 && len(arts) > sp.maxPerCluster {
				// keep a deterministic subset, in order
				idx := r.Perm(len(arts))[:sp.maxPerCluster]
				keep := map[int]bool{}
				for _, i := range idx {
					keep[i] = true
				}
				var sub []int
				for i, a := range arts {
					if keep[i] {
						sub = append(sub, a)
					}
				}
				arts = sub
			}
			for _, a := range arts {
				plan = append(plan, artRef{inst, c, a})
			}
		}
	}
	if sp.symbol {
		switch r.IntN(3) {
		case 0:
			s.symbol = fmt.Sprintf("CTOC/RM/%s/%d/%d", st.iso3, s.date.Year(), 1+r.IntN(4))
		case 1:
			c := sp.cluster
			if c == "" {
				c = sp.insts[0]
			}
			s.symbol = fmt.Sprintf("RM/SAQ/%s/%d/%s", st.iso3, s.date.Year(), c)
		default:
			s.symbol = fmt.Sprintf("SAQ-%s-%d-%02d", st.iso3, s.date.Year(), 1+r.IntN(30))
		}
	}

	var cur *section
	instIdx := map[string]int{}
	for i, in := range s.instruments {
		instIdx[in] = i + 1
	}
	hasTIP := false
	for _, p := range plan {
		key := p.inst
		if sp.cluster == "" {
			key = p.cl
		}
		if cur == nil || (sp.cluster != "" && cur.inst != key) || (sp.cluster == "" && cur.cluster != key) {
			cur = &section{inst: p.inst, partIdx: instIdx[p.inst]}
			if sp.cluster == "" {
				cur.cluster = p.cl
			}
			s.sections = append(s.sections, cur)
		}
		n.inst, n.art = p.inst, p.art
		a := &article{inst: p.inst, num: p.art}
		a.questions = buildQuestions(sp, n, r, p.inst, p.art)
		if p.inst == tip {
			hasTIP = true
		}
		cur.articles = append(cur.articles, a)
	}

	// hard cases and footnotes
	var all []*question
	for _, sec := range s.sections {
		for _, a := range sec.articles {
			for _, q := range a.questions {
				all = append(all, q)
			}
		}
	}
	if sp.hard["numlist"] {
		done := 0
		for _, sec := range s.sections {
			for _, a := range sec.articles {
				for _, q := range a.questions {
					if done < 2 && q.kind == "subst" && q.choice == "yes" && len(q.paras) > 0 {
						n.inst, n.art = a.inst, a.num
						lp := n.listParas()
						if lp != nil {
							q.paras = append([]para{q.paras[0]}, append(lp, q.paras[1:]...)...)
							q.listAt, q.list = 2, len(lp)-1 // items follow the lead-in paragraph
							done++
						}
					}
				}
			}
		}
	}
	if hasTIP && (sp.hard["conv5"] || r.IntN(2) == 0) {
		for _, sec := range s.sections {
			if sec.inst != tip {
				continue
			}
			for _, a := range sec.articles {
				for _, q := range a.questions {
					if q.kind == "subst" && (q.choice == "yes" || q.choice == "yes_in_part") && len(q.paras) > 0 {
						q.paras[0] = append(q.paras[0], n.ph.conv5)
						goto conv5done
					}
				}
			}
		}
	conv5done:
	}
	if sp.footnotes {
		for _, q := range all {
			if len(q.paras) == 0 || q.list > 0 || (q.kind != "subst" && q.kind != "cite" && q.kind != "examples") || r.IntN(3) != 0 {
				continue
			}
			k := 1
			if r.IntN(5) == 0 {
				k = 2
			}
			for i := 0; i < k; i++ {
				pi := r.IntN(len(q.paras))
				si := r.IntN(len(q.paras[pi]))
				if len([]rune(q.paras[pi][si])) < 25 {
					continue // not after a one-word echo such as "Yes."
				}
				fn := &footnote{para: pi, snt: si, text: n.footnote()}
				dup := false
				for _, o := range q.notes {
					if o.para == fn.para && o.snt == fn.snt {
						dup = true
					}
				}
				if !dup {
					q.notes = append(q.notes, fn)
				}
			}
			// order notes by position
			for i := 1; i < len(q.notes); i++ {
				for j := i; j > 0 && (q.notes[j].para < q.notes[j-1].para || (q.notes[j].para == q.notes[j-1].para && q.notes[j].snt < q.notes[j-1].snt)); j-- {
					q.notes[j], q.notes[j-1] = q.notes[j-1], q.notes[j]
				}
			}
			for _, fn := range q.notes {
				s.nfoot++
				fn.num = s.nfoot
			}
		}
	}
	// numbering
	num := 0
	for _, sec := range s.sections {
		for _, a := range sec.articles {
			if sp.numbering == "per_article" {
				num = 0
			}
			for _, q := range a.questions {
				num++
				q.number = num
			}
		}
	}
	return s
}

func pickChoice(r *rand.Rand, na bool) string {
	x := r.IntN(100)
	switch {
	case x < 55:
		return "yes"
	case x < 74:
		return "yes_in_part"
	case x < 86:
		return "no"
	case x < 94 || !na:
		return ""
	}
	return "not_applicable"
}

func buildQuestions(sp *spec, n *narrator, r *rand.Rand, inst string, art int) []*question {
	lg := sp.lang
	items := bankFor(inst, art, lg)
	var qs []*question
	// choose a subset of substantive items, keeping order
	k := 1 + r.IntN(len(items))
	if len(items) > 2 && k < 2 {
		k = 2
	}
	if sp.fewer && k > 2 {
		k = 2
	}
	pick := r.Perm(len(items))[:k]
	chosen := map[int]bool{}
	for _, i := range pick {
		chosen[i] = true
	}
	long := func() bool { return r.IntN(10) == 0 }
	for i, it := range items {
		if !chosen[i] {
			continue
		}
		q := &question{kind: "subst", para: it.para, text: substantiveText(lg, it), offered: true}
		q.choice = pickChoice(r, sp.na)
		if q.choice != "" && r.IntN(10) != 0 {
			q.paras = n.answerParas("subst", q.choice, long())
		}
		qs = append(qs, q)
		if r.IntN(4) == 0 {
			c := &question{kind: "cite", para: it.para, text: stemCite(lg)}
			if r.IntN(7) != 0 {
				c.paras = n.answerParas("cite", "", long())
			}
			qs = append(qs, c)
		}
	}
	if r.IntN(2) == 0 {
		q := &question{kind: "examples", text: stemExamples(lg, inst, art)}
		if r.IntN(6) != 0 {
			q.paras = n.answerParas("examples", "", long())
		}
		qs = append(qs, q)
	}
	if r.IntN(5) < 2 {
		q := &question{kind: "challenges", text: stemChallenges(lg, inst, art), offered: true}
		switch x := r.IntN(10); {
		case x < 5:
			q.choice = "yes"
		case x < 9:
			q.choice = "no"
		}
		q.paras = n.answerParas("challenges", q.choice, false)
		qs = append(qs, q)
	}
	if r.IntN(5) < 2 {
		q := &question{kind: "ta", text: stemTA(lg, inst, art), offered: true}
		switch x := r.IntN(10); {
		case x < 5:
			q.choice = "yes"
		case x < 9:
			q.choice = "no"
		}
		q.paras = n.answerParas("ta", q.choice, false)
		qs = append(qs, q)
		if r.IntN(5) != 0 {
			f := &question{kind: "taforms", text: stemTAForms(lg)}
			f.paras = n.answerParas("taforms", q.choice, false)
			qs = append(qs, f)
		}
	}
	return qs
}

// paraText renders one narrative paragraph for the truth.
func paraText(lg string, p para) string { return joinSentences(lg, p) }
