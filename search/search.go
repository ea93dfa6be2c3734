// Package search answers reviewers' queries over the answers index: bleve
// query-string syntax and structured filters, always inside the caller's
// scope, with facet counts, highlighted passages and paging. The command
// line and the HTTP API both call Answers.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"maps"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	htmlhl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// Request is one search.
type Request struct {
	// Query in bleve's query-string syntax: words, "phrases", +must,
	// -not, field:value, fuzzy~1, prefix*. Empty matches every answer.
	Query string

	// Filters; each narrows the result. Countries are ISO codes or names
	// and can only narrow the caller's scope, never widen it.
	Countries  []string
	Instrument string // UNTOC, TIP, SOM, FIREARMS (or a common spelling)
	Cluster    string // I, II, III, IV
	Article    string // "24", or "UNTOC 24" for one instrument's article
	Question   string // question number within the article
	Choice     string // yes, yes_in_part, no, not_applicable, none (nothing ticked)
	Language   string // en, fr, es, ru, ar, zh

	NoFacets bool // leave the facet counts out, for callers that only want hits

	Sort   string // SortRelevance (the default), SortCountry or SortArticle
	Limit  int    // hits per page: DefaultLimit when 0, at most MaxLimit
	Offset int    // hits to skip, for paging
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortCountry   = "country" // State, then instrument, article, question
	SortArticle   = "article" // instrument, article, question, then State
)

// Paging limits.
const (
	DefaultLimit = 10
	MaxLimit     = 1000
	MaxWindow    = 10000 // Offset + Limit: deeper pages cost every shard that much
)

// Result is one page of hits, the total in scope, and the facet counts of
// all the hits (not only this page).
type Result struct {
	Total  uint64             `json:"total"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
}

// Hit is one answer found. The JSON form is the contract of
// `saq search --json`; the fields tagged "-" are for the web interface.
type Hit struct {
	SubmissionID string   `json:"submission_id"`
	Country      string   `json:"country"`
	CountryCode  string   `json:"country_code"`
	Instrument   string   `json:"instrument"`
	Article      string   `json:"article"`
	Paragraph    string   `json:"paragraph"`
	Question     string   `json:"question"`
	Choice       string   `json:"choice"`
	Score        float64  `json:"score"`
	Pages        []int    `json:"pages"`
	Fragments    []string `json:"fragments"` // HTML: escaped text with <mark> around matches

	ID           string `json:"-"` // index id: upload SHA-256 and answer number
	Upload       string `json:"-"` // SHA-256 of the original PDF
	File         string `json:"-"`
	Version      int    `json:"-"`
	QuestionText string `json:"-"`
	Language     string `json:"-"`
}

// Facet is the number of hits with one value of a facet field.
type Facet struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Facets: the name in results and the indexed field counted.
var facetFields = []struct{ name, field string }{
	{"country", indexer.FieldCountryCode},
	{"instrument", indexer.FieldInstrument},
	{"cluster", indexer.FieldCluster},
	{"article", indexer.FieldArticleKey},
	{"choice", indexer.FieldChoice},
}

// facetSize is larger than the number of distinct values any facet can
// have in one shard (195 States, about 120 articles), so the counts merged
// across shards are exact, not approximations from each shard's top terms.
const facetSize = 1000

// fragmentsPerHit bounds the passages shown for one answer.
const fragmentsPerHit = 3

// Answers runs a search over the answers of the States in scope.
// A malformed request is an *saq.Error of kind invalid_query.
func Answers(ctx context.Context, idx *indexer.Index, scope saq.Scope, req Request) (*Result, error) {
	p, err := plan(req)
	if err != nil {
		return nil, err
	}
	empty := &Result{Hits: []Hit{}, Facets: map[string][]Facet{}}
	for _, f := range facetFields {
		empty.Facets[f.name] = []Facet{}
	}
	scope = scope.Narrow(p.countries)
	if scope.Empty() {
		return empty, nil
	}
	shards, err := idx.Shards(scope)
	if err != nil {
		return nil, err
	}
	if len(shards) == 0 {
		return empty, nil
	}
	alias := bleve.NewIndexAlias(shards...)
	q := p.query
	if p.match {
		stats, err := openStats(shards)
		if err != nil {
			return nil, err
		}
		defer stats.close()
		top := *p.query
		top.Must = scoped{top.Must, stats}
		q = &top
	}

	// First pass, over every shard in scope: which answers, in which order,
	// and the facets. Stored fields and highlights are left to the second
	// pass, which reads only the page shown: an alias asks each shard for
	// its top Offset+Limit hits and would highlight all of them.
	sr := bleve.NewSearchRequestOptions(q, p.limit, req.Offset, false)
	sr.SortBy(p.sort)
	if !req.NoFacets {
		for _, f := range facetFields {
			sr.AddFacet(f.name, bleve.NewFacetRequest(f.field, facetSize))
		}
	}
	res, err := alias.SearchInContext(ctx, sr)
	if err == nil {
		err = shardError(res)
	}
	if err != nil {
		return nil, searchError(err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]Facet{}}
	for _, f := range facetFields {
		out.Facets[f.name] = facetTerms(res.Facets[f.name])
	}

	// Second pass, shard by shard: fields and highlighted passages of the
	// hits on this page. Scores stay those of the first pass.
	byShard := map[string][]string{}
	for _, h := range res.Hits {
		byShard[h.Index] = append(byShard[h.Index], h.ID)
	}
	details := map[string]Hit{}
	for shard, ids := range byShard {
		if err := fill(ctx, idx, shard, ids, p, details); err != nil {
			return nil, err
		}
	}
	for _, h := range res.Hits {
		d, ok := details[h.ID]
		if !ok {
			continue // deleted between the two passes by a concurrent ingest
		}
		d.Score = h.Score
		out.Hits = append(out.Hits, d)
	}
	return out, nil
}

// fill reads the stored fields of the hits ids of one shard, with their
// highlighted passages, into details.
func fill(ctx context.Context, idx *indexer.Index, shard string, ids []string, p *planned, details map[string]Hit) error {
	s, err := idx.Shard(shard, false)
	if err != nil {
		return err
	}
	if s == nil {
		return nil
	}
	q := query.NewBooleanQuery(nil, nil, nil)
	q.Filter = query.NewDocIDQuery(ids)
	if p.match {
		q.Must = p.query
	}
	sr := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	sr.Fields = []string{"*"}
	if p.match {
		sr.Highlight = bleve.NewHighlightWithStyle(htmlhl.Name)
		for _, lang := range indexer.Languages {
			sr.Highlight.AddField(indexer.TextField(lang))
			sr.Highlight.AddField(indexer.QuestionField(lang))
		}
	}
	res, err := s.SearchInContext(ctx, sr)
	if err != nil {
		return searchError(err)
	}
	for _, m := range res.Hits {
		h := Hit{
			ID:           m.ID,
			SubmissionID: str(m.Fields[indexer.FieldSubmission]),
			Country:      str(m.Fields[indexer.FieldCountry]),
			CountryCode:  str(m.Fields[indexer.FieldCountryCode]),
			Instrument:   str(m.Fields[indexer.FieldInstrument]),
			Article:      str(m.Fields[indexer.FieldArticle]),
			Paragraph:    str(m.Fields[indexer.FieldParagraph]),
			Question:     str(m.Fields[indexer.FieldQuestion]),
			Choice:       str(m.Fields[indexer.FieldChoice]),
			Pages:        indexer.ParsePages(str(m.Fields[indexer.FieldPages])),
			Upload:       str(m.Fields[indexer.FieldUpload]),
			File:         str(m.Fields[indexer.FieldFile]),
			QuestionText: str(m.Fields[indexer.FieldQuestionText]),
			Language:     str(m.Fields[indexer.FieldLanguage]),
		}
		if h.Choice == indexer.NoChoice {
			h.Choice = ""
		}
		if v, ok := m.Fields[indexer.FieldVersion].(float64); ok {
			h.Version = int(v)
		}
		h.Fragments = fragments(m.Fragments, h.Language)
		if len(h.Fragments) == 0 {
			// Found through a filter, or a word only the exact field has:
			// show the opening of the answer.
			if t := opening(str(m.Fields[indexer.TextField(h.Language)])); t != "" {
				h.Fragments = []string{t}
			}
		}
		if h.Fragments == nil {
			h.Fragments = []string{}
		}
		details[m.ID] = h
	}
	return nil
}

// fragments orders the highlighted passages: the narrative answer's, then
// the question's.
func fragments(byField map[string][]string, lang string) []string {
	var out []string
	for _, f := range []string{indexer.TextField(lang), indexer.QuestionField(lang)} {
		for _, s := range byField[f] {
			if len(out) < fragmentsPerHit && strings.Contains(s, "<mark>") {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

// opening returns the first words of a text, escaped like a fragment.
func opening(text string) string {
	const max = 200
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > max {
		text = string(r[:max]) + "…"
	}
	return html.EscapeString(text)
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any: // a multi-valued field: the first value
		if len(v) > 0 {
			return str(v[0])
		}
	}
	return ""
}

func facetTerms(fr *bsearch.FacetResult) []Facet {
	out := []Facet{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, Facet{Term: t.Term, Count: t.Count})
	}
	// Most frequent first; ties in term order, so output is stable.
	slices.SortStableFunc(out, func(a, b Facet) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
	return out
}

// shardError returns the error of a shard that failed the search. An
// alias reports a shard's failure (a query its engine refuses, the
// deadline) in the result's status, not as an error: unchecked, a query
// failing on every shard looked like one matching nothing, and one failing
// on some like a complete result.
func shardError(res *bleve.SearchResult) error {
	if res.Status == nil || len(res.Status.Errors) == 0 {
		return nil
	}
	names := slices.Sorted(maps.Keys(res.Status.Errors))
	return fmt.Errorf("shard %s: %w", names[0], res.Status.Errors[names[0]])
}

// searchError types the errors a query can still raise when it runs: a
// pattern the index's regular-expression engine refuses, or a wildcard or
// fuzzy term that expands to more terms than bleve allows. Bleve returns
// these as plain errors, so they are told by their text.
func searchError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return saq.Errorf(saq.KindTimeout, "search took too long: %v", err)
	}
	var e *saq.Error
	if errors.As(err, &e) {
		return err
	}
	msg := err.Error()
	for _, s := range []string{"regexp", "TooManyClauses", "TooManyTermSearchers", "fuzziness exceeds", "too many instructions", "dfa contains more than", "zero width assertions", "lazy quantifiers", "word boundaries"} {
		if strings.Contains(msg, s) {
			return saq.Errorf(saq.KindInvalidQuery, "invalid query: %s", msg)
		}
	}
	return fmt.Errorf("search: %w", err)
}
