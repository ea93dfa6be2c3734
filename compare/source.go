package compare

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// answer is one indexed answer, as read back for comparison.
type answer struct {
	CountryCode, Country, Language string
	Submission, Upload, File       string
	Version                        int
	Instrument                     saq.Instrument
	Article, Paragraph, Printed    string
	QuestionText, Text             string
	Choice                         saq.Choice
	Pages                          []int
	Terms                          []indexer.TermCount // of Text, as indexed
	Mentions                       indexer.Mentions    // of Text, as indexed
	order                          int                 // position in the State's questionnaire
}

func (a *answer) evidence() Evidence {
	return Evidence{SubmissionID: a.Submission, Upload: a.Upload, File: a.File,
		Instrument: a.Instrument, Article: a.Article, Question: a.Printed, Pages: a.Pages}
}

// stateAnswers are the answers of one State on the compared articles, and
// which of the articles it has a submission for.
type stateAnswers struct {
	code      string
	answers   []*answer
	submitted map[saq.ArticleRef]bool
}

// storedFields are the fields a comparison reads: the answer's metadata,
// its text in every language field, and the terms and mentions the index
// keeps for it.
var storedFields = append([]string{indexer.FieldCountryCode, indexer.FieldCountry, indexer.FieldLanguage,
	indexer.FieldSubmission, indexer.FieldUpload, indexer.FieldFile, indexer.FieldVersion,
	indexer.FieldInstrument, indexer.FieldArticle, indexer.FieldParagraph, indexer.FieldQuestion,
	indexer.FieldQuestionText, indexer.FieldChoice, indexer.FieldPages, indexer.FieldTerms, indexer.FieldMentions}, textFields()...)

func textFields() []string {
	var out []string
	for _, lang := range indexer.Languages {
		out = append(out, indexer.TextField(lang))
	}
	return out
}

// load reads, shard by shard, the answers of every State in scope on the
// articles. Only the shards in scope are opened: nothing else is read.
// Shards are read in parallel, one worker per CPU.
func load(ctx context.Context, idx *indexer.Index, scope saq.Scope, articles []saq.ArticleRef, clusters *saq.ClusterMap) ([]*stateAnswers, error) {
	codes, err := idx.States()
	if err != nil {
		return nil, err
	}
	var shards []string
	for _, code := range codes {
		if scope.Allows(code) && code != indexer.UnknownState {
			shards = append(shards, code)
		}
	}
	out := make([]*stateAnswers, len(shards))
	errs := make([]error, len(shards))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(shards)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = loadState(ctx, idx, shards[i], articles, clusters)
			}
		})
	}
	for i := range shards {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if ctx.Err() != nil {
			return nil, saq.Errorf(saq.KindTimeout, "comparison: %v", ctx.Err())
		}
		return nil, err
	}
	return slices.DeleteFunc(out, func(s *stateAnswers) bool { return s == nil }), nil
}

// loadState reads one State's shard; nil when the State has none.
func loadState(ctx context.Context, idx *indexer.Index, code string, articles []saq.ArticleRef, clusters *saq.ClusterMap) (*stateAnswers, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	shard, err := idx.Shard(code, false)
	if err != nil || shard == nil {
		return nil, err
	}
	sa, err := loadShard(ctx, shard, code, articles, clusters)
	if err != nil {
		return nil, fmt.Errorf("comparison: State %s: %w", code, err)
	}
	return sa, nil
}

func loadShard(ctx context.Context, shard bleve.Index, code string, articles []saq.ArticleRef, clusters *saq.ClusterMap) (*stateAnswers, error) {
	sa := &stateAnswers{code: code, submitted: map[saq.ArticleRef]bool{}}
	keys := make([]query.Query, len(articles))
	for i, a := range articles {
		keys[i] = term(indexer.FieldArticleKey, a.String())
	}
	const page = 1000
	for from := 0; ; from += page {
		sr := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(keys...), page, from, false)
		sr.Fields = storedFields
		sr.SortBy([]string{"_id"})
		res, err := shard.SearchInContext(ctx, sr)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			sa.answers = append(sa.answers, readAnswer(h.ID, h.Fields))
		}
		if len(res.Hits) < page {
			break
		}
	}
	// Questionnaire order: uploads in version order, answers in the order
	// extraction read them (the n of the "sha:n" document id).
	slices.SortStableFunc(sa.answers, func(a, b *answer) int {
		return cmp.Or(cmp.Compare(a.Version, b.Version), strings.Compare(a.Upload, b.Upload), cmp.Compare(a.order, b.order))
	})
	for _, a := range sa.answers {
		sa.submitted[saq.ArticleRef{Instrument: a.Instrument, Article: a.Article}] = true
	}
	// A State that answered none of an article's questions still submitted
	// for it when it has answers on the article's instrument and cluster.
	for _, a := range articles {
		if sa.submitted[a] {
			continue
		}
		n, _ := strconv.Atoi(a.Article)
		var cs []query.Query
		for _, e := range clusters.ClustersOf(a.Instrument, n) {
			cs = append(cs, term(indexer.FieldCluster, e.Cluster))
		}
		if len(cs) == 0 {
			continue
		}
		q := bleve.NewConjunctionQuery(term(indexer.FieldInstrument, string(a.Instrument)), bleve.NewDisjunctionQuery(cs...))
		res, err := shard.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			return nil, err
		}
		sa.submitted[a] = res.Total > 0
	}
	return sa, nil
}

func term(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}

func readAnswer(id string, f map[string]any) *answer {
	a := &answer{
		CountryCode: str(f[indexer.FieldCountryCode]), Country: str(f[indexer.FieldCountry]),
		Language: str(f[indexer.FieldLanguage]), Submission: str(f[indexer.FieldSubmission]),
		Upload: str(f[indexer.FieldUpload]), File: str(f[indexer.FieldFile]),
		Instrument: saq.Instrument(str(f[indexer.FieldInstrument])), Article: str(f[indexer.FieldArticle]),
		Paragraph: str(f[indexer.FieldParagraph]), Printed: str(f[indexer.FieldQuestion]),
		QuestionText: str(f[indexer.FieldQuestionText]), Pages: indexer.ParsePages(str(f[indexer.FieldPages])),
	}
	if v, ok := f[indexer.FieldVersion].(float64); ok {
		a.Version = int(v)
	}
	if c := str(f[indexer.FieldChoice]); c != indexer.NoChoice {
		a.Choice = saq.Choice(c)
	}
	a.Text = str(f[indexer.TextField(a.Language)])
	a.Terms = indexer.DecodeTerms(str(f[indexer.FieldTerms]))
	a.Mentions = indexer.DecodeMentions(str(f[indexer.FieldMentions]))
	if _, n, ok := strings.Cut(id, ":"); ok {
		a.order, _ = strconv.Atoi(n)
	}
	return a
}

// str reads a stored keyword field (a string, or the first of several).
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}
