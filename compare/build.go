package compare

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/mentions"
)

// builder turns the loaded answers into a Comparison.
type builder struct {
	states    map[string]*stateAnswers
	codes     []string // sorted
	model     *textModel
	bags      map[*answer]bag
	questions []Question
	wordings  wordings
}

func newBuilder(states []*stateAnswers) *builder {
	b := &builder{states: map[string]*stateAnswers{}, model: newTextModel(),
		bags: map[*answer]bag{}, wordings: wordings{}}
	for _, s := range states {
		b.states[s.code] = s
		b.codes = append(b.codes, s.code)
		for _, a := range s.answers {
			b.bags[a] = b.model.add(a.Language, a.Terms)
		}
	}
	slices.Sort(b.codes)
	return b
}

// article aligns and adds the questions of one article.
func (b *builder) article(art saq.ArticleRef) {
	var seqs [][]*answer
	for _, code := range b.codes {
		var seq []*answer
		for _, a := range b.states[code].answers {
			if a.Instrument == art.Instrument && a.Article == art.Article {
				seq = append(seq, a)
			}
		}
		seqs = append(seqs, seq)
	}
	slots := alignArticle(seqs, b.wordings)
	for i, s := range slots {
		q := Question{Instrument: art.Instrument, Article: art.Article, Question: strconv.Itoa(i + 1),
			QuestionText: s.text(), Paragraph: s.paragraph, Kind: s.kind, TickBox: s.tickBox,
			Answers: []Answer{}, Groups: []Group{}, NotSubmitted: []string{}}
		var vs []vector
		var who []*answer
		for _, code := range b.codes {
			st := b.states[code]
			if !st.submitted[art] {
				continue
			}
			a := s.answers[code]
			if a == nil {
				q.Answers = append(q.Answers, Answer{CountryCode: code, Country: countryName(st), Pages: []int{},
					Citations: []string{}, Flags: []string{"unanswered"}, Evidence: Evidence{Pages: []int{}}})
				q.Distribution.Unanswered++
				continue
			}
			ans := Answer{CountryCode: code, Country: a.Country, Choice: string(a.Choice), Text: a.Text,
				Pages: a.Pages, Citations: keys(a.Mentions.Citations), Evidence: a.evidence()}
			ans.Flags = b.flags(slots, i, code, a)
			q.Distribution.count(a, s.tickBox)
			q.Answers = append(q.Answers, ans)
			if bg := b.bags[a]; len(bg) > 0 {
				vs = append(vs, b.model.vector(bg))
				who = append(who, a)
			}
		}
		groups, means := cluster(vs, GroupThreshold)
		for g, members := range groups {
			var gv []vector
			var cs []string
			for _, m := range members {
				gv = append(gv, vs[m])
				cs = append(cs, who[m].CountryCode)
			}
			c := who[central(vs, members)]
			q.Groups = append(q.Groups, Group{Countries: cs, Excerpt: excerpt(c.Text, 300), ExcerptCountry: c.CountryCode,
				Terms: b.model.topTerms(gv, 6), Similarity: round(means[g])})
		}
		b.questions = append(b.questions, q)
	}
}

// text is the slot's wording in English if a State asked it in English,
// else in the first language seen.
func (s *slot) text() string {
	if t, ok := s.wording["en"]; ok {
		return t
	}
	for _, l := range []string{"fr", "es", "ru", "ar", "zh"} {
		if t, ok := s.wording[l]; ok {
			return t
		}
	}
	for _, t := range s.wording {
		return t
	}
	return ""
}

func (d *Distribution) count(a *answer, tickBox bool) {
	if strings.TrimSpace(a.Text) != "" {
		d.Answered++
	}
	switch a.Choice {
	case saq.Yes:
		d.Yes++
	case saq.YesInPart:
		d.YesInPart++
	case saq.No:
		d.No++
	case saq.NotApplicable:
		d.NotApplicable++
	default:
		if tickBox || strings.TrimSpace(a.Text) == "" {
			d.Unanswered++
		}
	}
}

// flags are the consistency checks of one answer. Legislation and
// explanations are often given in the follow-up questions ("If yes, please
// cite …"), so those count: the narrative questions after this one, up to
// the next tick-box question of the article.
func (b *builder) flags(slots []*slot, i int, code string, a *answer) []string {
	flags := []string{}
	text := strings.TrimSpace(a.Text)
	hasCite := len(a.Mentions.Citations) > 0
	explained := text != ""
	for _, s := range slots[i+1:] {
		if s.tickBox {
			break
		}
		if f := s.answers[code]; f != nil {
			hasCite = hasCite || len(f.Mentions.Citations) > 0
			explained = explained || strings.TrimSpace(f.Text) != ""
		}
	}
	kind := slots[i].kind
	switch {
	case a.Choice == "" && text == "":
		flags = append(flags, "unanswered")
	case a.Choice == "" && slots[i].tickBox:
		flags = append(flags, "not_ticked")
	}
	if a.Choice == saq.Yes && kind == KindMeasures && !hasCite {
		flags = append(flags, "no_citation")
	}
	if !explained && ((kind != KindChallenges && (a.Choice == saq.No || a.Choice == saq.YesInPart)) ||
		(kind == KindChallenges && a.Choice == saq.Yes)) {
		flags = append(flags, "no_explanation")
	}
	return flags
}

// coverage lists the States in scope that answered, and those expected to
// answer on an article that did not.
func (b *builder) coverage(scope saq.Scope, plan *saq.Plan, articles []saq.ArticleRef) (answered, missing []string, missingOn map[saq.ArticleRef][]string) {
	answered, missing, missingOn = []string{}, []string{}, map[saq.ArticleRef][]string{}
	for _, c := range saq.AllCountries() {
		if !scope.Allows(c.Code) {
			continue
		}
		st := b.states[c.Code]
		some, lacks := false, false
		for _, art := range articles {
			if st != nil && st.submitted[art] {
				some = true
			} else if plan.Expected(art, c.Code) {
				lacks = true
				missingOn[art] = append(missingOn[art], c.Code)
			}
		}
		if some {
			answered = append(answered, c.Code)
		}
		if lacks {
			missing = append(missing, c.Code)
		}
	}
	slices.Sort(answered)
	slices.Sort(missing)
	for _, ms := range missingOn {
		slices.Sort(ms)
	}
	return answered, missing, missingOn
}

// summaries gathers, per State, the legislation, needs, statistics and
// distinctive terms across the compared answers.
func (b *builder) summaries(codes []string) []State {
	byState := map[string]bag{}
	lang := map[string]string{}
	for _, code := range codes {
		st := b.states[code]
		all := bag{}
		for _, a := range st.answers {
			for t, n := range b.bags[a] {
				all[t] += n
			}
			lang[code] = a.Language
		}
		byState[code] = all
	}
	distinct := b.model.distinctive(byState, lang, 8)
	dist := map[string]Distribution{}
	for _, q := range b.questions {
		if !q.TickBox {
			continue
		}
		for _, a := range q.Answers {
			d := dist[a.CountryCode]
			d.count(&answer{Choice: saq.Choice(a.Choice), Text: a.Text}, true)
			dist[a.CountryCode] = d
		}
	}
	out := []State{}
	for _, code := range codes {
		st := b.states[code]
		s := State{CountryCode: code, Country: countryName(st), Language: lang[code], Submissions: []string{},
			Legislation: []Cited{}, Needs: []Mentioned{}, Statistics: []Mentioned{}, Distinctive: distinct[code]}
		cited := map[string]int{}
		for _, a := range st.answers {
			if !slices.Contains(s.Submissions, a.Submission) {
				s.Submissions = append(s.Submissions, a.Submission)
			}
			for _, c := range a.Mentions.Citations {
				k, ok := cited[c.Key]
				if !ok {
					k = len(s.Legislation)
					cited[c.Key] = k
					s.Legislation = append(s.Legislation, Cited{Citation: c})
				}
				s.Legislation[k].Evidence = append(s.Legislation[k].Evidence, a.evidence())
			}
			for _, m := range a.Mentions.Needs {
				s.Needs = append(s.Needs, Mentioned{Text: m.Text, Evidence: a.evidence()})
			}
			for _, m := range a.Mentions.Statistics {
				s.Statistics = append(s.Statistics, Mentioned{Text: m.Text, Evidence: a.evidence()})
			}
		}
		s.Distribution = dist[code]
		out = append(out, s)
	}
	return out
}

func countryName(st *stateAnswers) string {
	for _, a := range st.answers {
		if a.Country != "" {
			return a.Country
		}
	}
	if c, ok := saq.LookupCountry(st.code); ok {
		return c.Name
	}
	return st.code
}

func keys(cs []mentions.Citation) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Key)
	}
	return out
}

// excerpt returns the start of text, at most n bytes, cut at a word
// boundary (or a character boundary for text without spaces).
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return strings.TrimRight(text[:cut], " ,;:") + "…"
}

func round(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}
