package search

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Scores need corpus statistics: how many answers there are, how long a
// field is on average, how many answers contain a term. Each shard only
// knows its own State's, and a word a State uses often would weigh less
// in that State's answers than in others'. scopeStats computes them over
// every shard of the scope instead, so a hit scores exactly as it would
// in one index holding only the States in scope: the ranking does not
// depend on how the index is split, and nothing outside the scope takes
// part in it.
type scopeStats struct {
	readers []index.IndexReader
	fields  []map[string]bool // of each reader

	mu    sync.Mutex
	docs  uint64
	card  map[string]int
	freqs map[string]uint64 // field, NUL, term
}

func openStats(shards []bleve.Index) (*scopeStats, error) {
	s := &scopeStats{card: map[string]int{}, freqs: map[string]uint64{}}
	for _, sh := range shards {
		adv, err := sh.Advanced()
		if err != nil {
			s.close()
			return nil, fmt.Errorf("shard %s: %w", sh.Name(), err)
		}
		r, err := adv.Reader()
		if err != nil {
			s.close()
			return nil, fmt.Errorf("shard %s: %w", sh.Name(), err)
		}
		s.readers = append(s.readers, r)
		fs, err := r.Fields()
		if err != nil {
			s.close()
			return nil, err
		}
		present := map[string]bool{}
		for _, f := range fs {
			present[f] = true
		}
		s.fields = append(s.fields, present)
		n, err := r.DocCount()
		if err != nil {
			s.close()
			return nil, err
		}
		s.docs += n
	}
	return s, nil
}

func (s *scopeStats) close() {
	for _, r := range s.readers {
		r.Close()
	}
}

func (s *scopeStats) fieldCardinality(field string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, ok := s.card[field]; ok {
		return n, nil
	}
	total := 0
	for i, r := range s.readers {
		if !s.fields[i][field] {
			continue
		}
		br, ok := r.(index.BM25Reader)
		if !ok {
			return 0, errors.New("index reader gives no field statistics")
		}
		n, err := br.FieldCardinality(field)
		if err != nil {
			return 0, err
		}
		total += n
	}
	s.card[field] = total
	return total, nil
}

func (s *scopeStats) docFreq(ctx context.Context, field string, term []byte) (uint64, error) {
	key := field + "\x00" + string(term)
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, ok := s.freqs[key]; ok {
		return n, nil
	}
	var total uint64
	for i, r := range s.readers {
		if !s.fields[i][field] {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, term, field, false, false, false)
		if err != nil {
			return 0, err
		}
		total += tfr.Count()
		tfr.Close()
	}
	s.freqs[key] = total
	return total, nil
}

// scoped runs a query against a shard with the scope's statistics.
type scoped struct {
	query.Query
	stats *scopeStats
}

func (q scoped) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, o bsearch.SearcherOptions) (bsearch.Searcher, error) {
	fs, err := i.Fields()
	if err != nil {
		return nil, err
	}
	present := map[string]bool{}
	for _, f := range fs {
		present[f] = true
	}
	return prune(q.Query, present).Searcher(ctx, &statsReader{IndexReader: i, stats: q.stats}, m, o)
}

// prune returns q with the leaves on fields a shard does not have (the
// other languages' fields, mostly) replaced by queries that match nothing
// and cost nothing: no analysis, no term lookup. They stay in place so
// that disjunctions keep their number of clauses, and scores their scale.
func prune(q query.Query, present map[string]bool) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		c := *q
		for _, p := range []*query.Query{&c.Must, &c.Should, &c.MustNot} {
			if *p != nil {
				*p = prune(*p, present)
			}
		}
		return &c
	case *query.ConjunctionQuery:
		c := *q
		c.Conjuncts = make([]query.Query, len(q.Conjuncts))
		for i, x := range q.Conjuncts {
			c.Conjuncts[i] = prune(x, present)
		}
		return &c
	case *query.DisjunctionQuery:
		c := *q
		c.Disjuncts = make([]query.Query, len(q.Disjuncts))
		for i, x := range q.Disjuncts {
			c.Disjuncts[i] = prune(x, present)
		}
		return &c
	case query.FieldableQuery:
		if f := q.Field(); f != "" && !present[f] {
			return query.NewMatchNoneQuery()
		}
	}
	return q
}

// statsReader is a shard's reader that reports the scope's statistics.
// It passes on the optional interfaces the searchers look for.
type statsReader struct {
	index.IndexReader
	stats *scopeStats
}

func (r *statsReader) DocCount() (uint64, error) { return r.stats.docs, nil }

func (r *statsReader) FieldCardinality(field string) (int, error) {
	return r.stats.fieldCardinality(field)
}

func (r *statsReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil {
		return nil, err
	}
	n, err := r.stats.docFreq(ctx, field, term)
	if err != nil {
		tfr.Close()
		return nil, err
	}
	return countedReader{tfr, n}, nil
}

func (r *statsReader) FieldDictRegexp(field, re string) (index.FieldDict, error) {
	if x, ok := r.IndexReader.(index.IndexReaderRegexp); ok {
		return x.FieldDictRegexp(field, re)
	}
	return nil, errors.New("regular expressions are not supported by this index")
}

func (r *statsReader) FieldDictRegexpAutomaton(field, re string) (index.FieldDict, index.RegexAutomaton, error) {
	if x, ok := r.IndexReader.(index.IndexReaderRegexp); ok {
		return x.FieldDictRegexpAutomaton(field, re)
	}
	return nil, nil, errors.New("regular expressions are not supported by this index")
}

func (r *statsReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	if x, ok := r.IndexReader.(index.IndexReaderFuzzy); ok {
		return x.FieldDictFuzzy(field, term, fuzziness, prefix)
	}
	return nil, errors.New("fuzzy terms are not supported by this index")
}

func (r *statsReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	if x, ok := r.IndexReader.(index.IndexReaderFuzzy); ok {
		return x.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	}
	return nil, nil, errors.New("fuzzy terms are not supported by this index")
}

func (r *statsReader) FieldDictContains(field string) (index.FieldDictContains, error) {
	if x, ok := r.IndexReader.(index.IndexReaderContains); ok {
		return x.FieldDictContains(field)
	}
	return nil, errors.New("term lookups are not supported by this index")
}

// countedReader reports the scope's document frequency of its term.
type countedReader struct {
	index.TermFieldReader
	n uint64
}

func (c countedReader) Count() uint64 { return c.n }
