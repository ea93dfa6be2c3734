package compare

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/mentions"
)

// Notice heads every draft: the lines are suggestions read from the
// State's own answers by a program, for reviewers to confirm or strike.
const Notice = "Machine-suggested draft: every line below was derived automatically from the State's self-assessment answers and must be confirmed, reworded or struck by the reviewers. Each line links to the answer and page it came from."

// ObservationsRequest selects the State and the part of the review.
type ObservationsRequest struct {
	Country    string         // ISO3 code or name of the State under review
	Cluster    string         // "I".."IV"; or
	Instrument saq.Instrument // every article of one instrument
}

// Observations is a draft list of observations for one State, following
// the structure of the lists of observations (../shared/domain.md §10):
// an introduction, then per article the measures reported, successes and
// good practices, challenges and gaps, and technical-assistance needs.
type Observations struct {
	CountryCode  string                `json:"country_code"`
	Country      string                `json:"country"`
	Language     string                `json:"language"`
	Cluster      string                `json:"cluster,omitempty"`
	ClusterName  string                `json:"cluster_name,omitempty"`
	Instruments  []saq.Instrument      `json:"instruments"`
	Submissions  []Source              `json:"submissions"`
	Notice       string                `json:"notice"`
	Introduction []string              `json:"introduction"`
	Articles     []ArticleObservations `json:"articles"`
}

// Source is one submission the draft was read from.
type Source struct {
	SubmissionID string `json:"submission_id"`
	Upload       string `json:"upload"`
	File         string `json:"file"`
	Version      int    `json:"version"`
}

// ArticleObservations holds the suggested lines for one article.
type ArticleObservations struct {
	Instrument saq.Instrument `json:"instrument"`
	Article    string         `json:"article"`
	Title      string         `json:"title"` // official short title, in English
	Measures   []Line         `json:"measures"`
	Successes  []Line         `json:"successes"`
	Challenges []Line         `json:"challenges"`
	Needs      []Line         `json:"needs"`
}

// Line is one suggested statement with the evidence it rests on.
type Line struct {
	Text string `json:"text"`
	// Basis says why the line was suggested, e.g. `ticked "No"`, so the
	// reviewer can judge it.
	Basis     string   `json:"basis"`
	Citations []string `json:"citations,omitempty"`
	Evidence  Evidence `json:"evidence"`
}

// BuildObservations drafts the list of observations of one State. The
// State must be in the caller's scope; asking for another is forbidden,
// whether or not it submitted anything.
func BuildObservations(ctx context.Context, idx *indexer.Index, scope saq.Scope, plan *saq.Plan, req ObservationsRequest) (*Observations, error) {
	c, ok := saq.LookupCountry(req.Country)
	if !ok {
		return nil, saq.Errorf(saq.KindInvalid, "unknown State %q", req.Country)
	}
	if !scope.Allows(c.Code) {
		return nil, saq.Errorf(saq.KindForbidden, "that State is not among the States you may see")
	}
	o := &Observations{CountryCode: c.Code, Country: c.Name, Notice: Notice, Instruments: []saq.Instrument{},
		Submissions: []Source{}, Introduction: []string{}, Articles: []ArticleObservations{}}
	var articles []saq.ArticleRef
	switch {
	case req.Cluster != "":
		cl, ok := saq.ParseCluster(req.Cluster)
		if !ok {
			return nil, saq.Errorf(saq.KindInvalid, "unknown cluster %q: use I, II, III or IV", req.Cluster)
		}
		o.Cluster, o.ClusterName = cl, saq.ClusterNames[cl]
		for _, e := range plan.Clusters.ArticlesIn(cl) {
			articles = append(articles, saq.ArticleRef{Instrument: e.Instrument, Article: strconv.Itoa(e.Article)})
		}
	case req.Instrument != "":
		for _, a := range saq.Articles(req.Instrument) {
			articles = append(articles, saq.ArticleRef{Instrument: req.Instrument, Article: strconv.Itoa(a.Number)})
		}
	default:
		return nil, saq.Errorf(saq.KindInvalid, "name a cluster or an instrument")
	}
	states, err := load(ctx, idx, saq.StatesScope(c.Code), articles, plan.Clusters)
	if err != nil {
		return nil, err
	}
	if len(states) == 0 || len(states[0].answers) == 0 {
		what := "cluster " + o.Cluster
		if o.Cluster == "" {
			what = string(req.Instrument)
		}
		return nil, saq.Errorf(saq.KindNotFound, "no answers from %s on %s", c.Name, what)
	}
	st := states[0]
	b := newBuilder(states)
	answered := 0
	for _, art := range articles {
		if ao, ok := b.observe(st, art); ok {
			o.Articles = append(o.Articles, ao)
			answered++
			if !slices.Contains(o.Instruments, art.Instrument) {
				o.Instruments = append(o.Instruments, art.Instrument)
			}
		}
	}
	for _, a := range st.answers {
		o.Language = a.Language
		if !slices.ContainsFunc(o.Submissions, func(s Source) bool { return s.Upload == a.Upload }) {
			o.Submissions = append(o.Submissions, Source{SubmissionID: a.Submission, Upload: a.Upload, File: a.File, Version: a.Version})
		}
	}
	o.Introduction = introduction(o, st, answered, len(articles))
	return o, nil
}

func introduction(o *Observations, st *stateAnswers, answered, articles int) []string {
	insts := make([]string, len(o.Instruments))
	for i, in := range o.Instruments {
		insts[i] = string(in)
	}
	lines := []string{fmt.Sprintf("State under review: %s (%s).", o.Country, o.CountryCode)}
	if o.Cluster != "" {
		lines = append(lines, fmt.Sprintf("Cluster %s: %s. Instruments answered: %s.", o.Cluster, o.ClusterName, strings.Join(insts, ", ")))
	} else {
		lines = append(lines, fmt.Sprintf("Instrument: %s.", strings.Join(insts, ", ")))
	}
	for _, s := range o.Submissions {
		lines = append(lines, fmt.Sprintf("Read from submission %s, version %d (%s).", s.SubmissionID, s.Version, s.File))
	}
	lines = append(lines, fmt.Sprintf("%d answers on %d of the %d articles under review, in %s.", len(st.answers), answered, articles, languageName(o.Language)),
		"The reviewing States, the dates of the review and of the dialogue are not part of the questionnaire: to be completed by the secretariat.")
	return lines
}

func languageName(code string) string {
	names := map[string]string{"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
	if n, ok := names[code]; ok {
		return n
	}
	return "language " + code
}

// observe drafts the lines of one article from the State's answers, by
// the pre-fill mapping of ../shared/domain.md §10.3: measures and
// legislation from answers ticked yes or yes in part and the legislation
// cited; good practices from examples and statistics; gaps from answers
// ticked no or yes in part, challenges stated, and unanswered questions;
// assistance needs from the assistance questions and needs stated anywhere.
func (b *builder) observe(st *stateAnswers, art saq.ArticleRef) (ArticleObservations, bool) {
	var seq []*answer
	for _, a := range st.answers {
		if a.Instrument == art.Instrument && a.Article == art.Article {
			seq = append(seq, a)
		}
	}
	if len(seq) == 0 {
		return ArticleObservations{}, false
	}
	n, _ := strconv.Atoi(art.Article)
	ao := ArticleObservations{Instrument: art.Instrument, Article: art.Article,
		Measures: []Line{}, Successes: []Line{}, Challenges: []Line{}, Needs: []Line{}}
	if a, ok := saq.LookupArticle(art.Instrument, n); ok {
		ao.Title = a.Title("en")
	}
	slots := alignArticle([][]*answer{seq}, b.wordings) // one State: one slot per question, with kinds and tick boxes
	seen := map[string]bool{}
	line := func(to *[]Line, text, basis string, a *answer, cites []string) {
		if seen[text+"\x00"+a.Printed] {
			return
		}
		seen[text+"\x00"+a.Printed] = true
		*to = append(*to, Line{Text: text, Basis: basis, Citations: cites, Evidence: a.evidence()})
	}
	for i, s := range slots {
		a := s.answers[st.code]
		q := excerpt(a.QuestionText, 160)
		said := excerpt(a.Text, 400)
		cites := keys(a.Mentions.Citations)
		flags := b.flags(slots, i, st.code, a)
		switch s.kind {
		case KindMeasures, KindLegislation, KindOther:
			switch {
			case a.Choice == saq.Yes || (a.Choice == "" && said != ""):
				basis := `ticked "Yes"`
				if a.Choice == "" {
					basis = "narrative answer"
				}
				text := said
				if text == "" {
					text = "Reports that the measures asked about are in place (" + q + ")."
				}
				line(&ao.Measures, text, basis, a, cites)
				if slices.Contains(flags, "no_citation") {
					line(&ao.Challenges, "To clarify: no legislation is cited in support of the answer to “"+q+"”.", `ticked "Yes", nothing cited`, a, nil)
				}
			case a.Choice == saq.YesInPart:
				if said != "" {
					line(&ao.Measures, said, `ticked "Yes, in part"`, a, cites)
				}
				line(&ao.Challenges, "Partial implementation reported for: “"+q+"”.", `ticked "Yes, in part"`, a, nil)
			case a.Choice == saq.No:
				text := "Measures reported as not in place: “" + q + "”."
				if said != "" {
					text += " The State explains: " + said
				}
				line(&ao.Challenges, text, `ticked "No"`, a, nil)
			case s.kind == KindMeasures && a.Choice == "" && said == "":
				line(&ao.Challenges, "No answer given to: “"+q+"”.", "unanswered", a, nil)
			}
		case KindExamples, KindStatistics:
			if said != "" {
				line(&ao.Successes, said, "example of implementation given", a, cites)
			}
		case KindChallenges:
			if (a.Choice == saq.Yes || a.Choice == saq.YesInPart || (a.Choice == "" && !deniesAll(a.Text))) && said != "" {
				line(&ao.Challenges, said, "challenge stated", a, nil)
			} else if a.Choice == saq.Yes {
				line(&ao.Challenges, "Challenges reported but not described: “"+q+"”.", `ticked "Yes", nothing said`, a, nil)
			}
		case KindAssistance:
			if mentions.NoNeed(a.Language, a.Text) {
				break
			}
			if said != "" {
				line(&ao.Needs, said, "answer on technical assistance", a, nil)
			} else if a.Choice == saq.Yes {
				line(&ao.Needs, "Indicates a need for technical assistance, without detail (“"+q+"”).", `ticked "Yes"`, a, nil)
			}
		}
		if s.kind != KindExamples && s.kind != KindStatistics {
			for _, m := range a.Mentions.Statistics {
				line(&ao.Successes, m.Text, "figures reported", a, nil)
			}
		}
		if s.kind != KindAssistance {
			for _, m := range a.Mentions.Needs {
				line(&ao.Needs, m.Text, "need stated in the answer", a, nil)
			}
		}
	}
	return ao, true
}

// deniesAll reports whether an answer opens by saying there is nothing to
// report ("No particular challenges …", "Aucune difficulté …", "Нет."), as
// answers left unticked often do.
func deniesAll(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, p := range []string{"no ", "no.", "none", "not ", "nothing", "non ", "non.", "non,", "aucun", "pas de", "ningun", "ningún", "no se", "нет", "не ", "никак", "لا ", "لم ", "没有", "无", "未"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
