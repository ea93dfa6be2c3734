// Package compare produces what the secretariat and reviewers draft from
// the answers: thematic comparisons of the same articles across States
// (answer matrix, spread, legislation cited, assistance needs, groups of
// similar answers, flags for reviewers) and a draft list of observations
// for one State. Both read the search index inside the caller's scope, so a
// State outside it cannot be detected in any figure, list or excerpt.
package compare

import (
	"context"
	"slices"
	"strings"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/mentions"
)

// Request selects what to compare: the articles of a theme and/or listed
// articles, optionally narrowed to some States of the caller's scope.
type Request struct {
	Theme     string           // a theme of the plan (saq.Plan), e.g. "criminalization"
	Articles  []saq.ArticleRef // compared in addition to the theme's
	Countries []string         // ISO3 codes or names; narrows the scope, never widens it
}

// Comparison is the result of Compare; its JSON form is the contract of
// `saq compare --format json` and of the API.
type Comparison struct {
	Theme    string           `json:"theme,omitempty"`
	Title    string           `json:"title"`
	Articles []saq.ArticleRef `json:"articles"`
	// Countries are the States in scope with answers on the articles.
	Countries []string `json:"countries"`
	// NotSubmitted are the States in scope expected to answer on one of the
	// articles (party to its instrument, under review for its cluster) that
	// have no answers on it.
	NotSubmitted []string   `json:"not_submitted"`
	Questions    []Question `json:"questions"`
	// States summarises each State's answers across the compared articles.
	States []State `json:"states"`
}

// Question is one question aligned across States: the answers of every
// State that was asked it, whatever number each questionnaire printed.
type Question struct {
	Instrument saq.Instrument `json:"instrument"`
	Article    string         `json:"article"`
	// Question is the aligned question's key: its position among the
	// article's aligned questions, in questionnaire order ("1", "2", …).
	Question     string `json:"question"`
	QuestionText string `json:"question_text"`
	Paragraph    string `json:"paragraph"`
	// Kind is what the question asks for: measures, legislation,
	// examples, statistics, challenges, assistance or other.
	Kind string `json:"kind"`
	// TickBox reports whether the question offers Yes / Yes, in part / No
	// (some State ticked one); when false only the narrative is compared.
	TickBox      bool         `json:"tick_box"`
	Distribution Distribution `json:"distribution"`
	Answers      []Answer     `json:"answers"`
	// NotSubmitted are the States in scope expected to answer on the
	// article that have no answers on it (not counted in Distribution).
	NotSubmitted []string `json:"not_submitted"`
	Groups       []Group  `json:"groups"`
}

// Distribution counts each State's answer to a question once.
type Distribution struct {
	Yes           int `json:"yes"`
	YesInPart     int `json:"yes_in_part"`
	No            int `json:"no"`
	NotApplicable int `json:"not_applicable"`
	// Unanswered counts States with nothing ticked on a tick-box question,
	// or no narrative on a narrative question, including States whose
	// submission lacks the question.
	Unanswered int `json:"unanswered"`
	// Answered counts narrative answers given (for any question).
	Answered int `json:"answered"`
}

// Answer is one State's answer to an aligned question.
type Answer struct {
	CountryCode string   `json:"country_code"`
	Country     string   `json:"country"`
	Choice      string   `json:"choice"` // yes, yes_in_part, no, not_applicable, or "" (nothing ticked)
	Text        string   `json:"text"`
	Pages       []int    `json:"pages"`
	Citations   []string `json:"citations"` // normalised keys of the legislation cited
	// Flags point reviewers at what to check: no_citation (ticked yes on
	// measures, no legislation cited in the answer or its follow-up
	// questions), no_explanation (ticked no or yes in part, or yes to
	// challenges, with nothing said), not_ticked (a narrative but no tick
	// on a tick-box question), unanswered (nothing at all, or the question
	// is missing from the submission).
	Flags    []string `json:"flags"`
	Evidence Evidence `json:"evidence"`
}

// Evidence locates a statement in its source: the submission, the
// question as printed, and the pages of the original upload.
type Evidence struct {
	SubmissionID string         `json:"submission_id"`
	Upload       string         `json:"upload"` // SHA-256 of the original PDF
	File         string         `json:"file"`
	Instrument   saq.Instrument `json:"instrument"`
	Article      string         `json:"article"`
	Question     string         `json:"question"` // number as printed in the State's questionnaire
	Pages        []int          `json:"pages"`
}

// Group is a set of States whose narrative answers to a question say
// similar things (see similar.go for the method and its threshold).
type Group struct {
	Countries []string `json:"countries"`
	// Excerpt is taken from the group's most central answer, the one of
	// ExcerptCountry.
	Excerpt        string   `json:"excerpt"`
	ExcerptCountry string   `json:"excerpt_country"`
	Terms          []string `json:"terms"`      // the words the group's answers share most
	Similarity     float64  `json:"similarity"` // mean cosine similarity between members
}

// State summarises one State's answers across the compared articles.
type State struct {
	CountryCode  string       `json:"country_code"`
	Country      string       `json:"country"`
	Language     string       `json:"language"`
	Submissions  []string     `json:"submissions"`
	Legislation  []Cited      `json:"legislation"`
	Needs        []Mentioned  `json:"needs"`
	Statistics   []Mentioned  `json:"statistics"`
	Distinctive  []string     `json:"distinctive_terms"`
	Distribution Distribution `json:"distribution"` // over the State's tick-box answers
}

// Cited is one piece of legislation a State cites, with where.
type Cited struct {
	mentions.Citation
	Evidence []Evidence `json:"evidence"`
}

// Mentioned is a sentence of an answer (an assistance need, a statistic).
type Mentioned struct {
	Text     string   `json:"text"`
	Evidence Evidence `json:"evidence"`
}

// Compare compares the answers of the States in scope on the requested
// articles. Nothing outside the scope is read, counted or listed.
func Compare(ctx context.Context, idx *indexer.Index, scope saq.Scope, plan *saq.Plan, req Request) (*Comparison, error) {
	articles, title, err := resolveArticles(plan, req)
	if err != nil {
		return nil, err
	}
	if len(req.Countries) > 0 {
		codes, err := countryCodes(req.Countries)
		if err != nil {
			return nil, err
		}
		scope = scope.Narrow(codes)
	}
	c := &Comparison{Theme: strings.ToLower(strings.TrimSpace(req.Theme)), Title: title, Articles: articles,
		Countries: []string{}, NotSubmitted: []string{}, Questions: []Question{}, States: []State{}}
	if scope.Empty() {
		return c, nil
	}
	states, err := load(ctx, idx, scope, articles, plan.Clusters)
	if err != nil {
		return nil, err
	}
	b := newBuilder(states)
	for _, art := range articles {
		b.article(art)
	}
	c.Questions = b.questions
	var missingOn map[saq.ArticleRef][]string
	c.Countries, c.NotSubmitted, missingOn = b.coverage(scope, plan, articles)
	for i, q := range c.Questions {
		if ms := missingOn[saq.ArticleRef{Instrument: q.Instrument, Article: q.Article}]; ms != nil {
			c.Questions[i].NotSubmitted = ms
		}
	}
	c.States = b.summaries(c.Countries)
	return c, nil
}

// resolveArticles returns the theme's articles and the listed ones, and a
// title for the report.
func resolveArticles(plan *saq.Plan, req Request) ([]saq.ArticleRef, string, error) {
	var out []saq.ArticleRef
	var title []string
	if strings.TrimSpace(req.Theme) != "" {
		t, ok := plan.Theme(req.Theme)
		if !ok {
			var names []string
			for _, t := range plan.Themes {
				names = append(names, t.Name)
			}
			return nil, "", saq.Errorf(saq.KindInvalid, "unknown theme %q: use one of %s", req.Theme, strings.Join(names, ", "))
		}
		out = append(out, t.Articles...)
		title = append(title, t.Title)
	}
	for _, a := range req.Articles {
		if _, err := saq.ParseArticleRef(a.String()); err != nil {
			return nil, "", err
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
			title = append(title, a.String())
		}
	}
	if len(out) == 0 {
		return nil, "", saq.Errorf(saq.KindInvalid, "nothing to compare: name a theme or articles")
	}
	saq.SortArticles(out)
	return out, strings.Join(title, ", "), nil
}

// countryCodes resolves codes or names of States.
func countryCodes(names []string) ([]string, error) {
	var codes []string
	for _, n := range names {
		c, ok := saq.LookupCountry(n)
		if !ok {
			return nil, saq.Errorf(saq.KindInvalid, "unknown State %q", n)
		}
		codes = append(codes, c.Code)
	}
	return codes, nil
}
