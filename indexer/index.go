package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/saq-review/saq"
)

// Index is the answers index: one bleve index (a shard) per State, under
// dir/<ISO code>, all with the same mapping.
//
// A search opens only the shards of the States in the caller's scope, so
// nothing of another State takes part in it: not its hits, not its facet
// counts, not even the term statistics that scores are computed from.
// An upload also touches its own State's shard only, which keeps writes
// small and lets States be indexed in parallel.
type Index struct {
	dir  string
	opts Options

	mu     sync.Mutex
	shards map[string]bleve.Index
}

// Options for opening an index.
type Options struct {
	// ReadOnly opens shards shared, for searching while another process
	// may be writing; opening waits for such a writer a few seconds.
	ReadOnly bool
}

// UnknownState names the shard of submissions whose State was not read.
const UnknownState = "UNK"

var shardName = regexp.MustCompile(`^[A-Z]{3}$`)

// ShardOf returns the shard of a State's answers.
func ShardOf(countryCode string) string {
	if shardName.MatchString(countryCode) {
		return countryCode
	}
	return UnknownState
}

// Open opens the index in dir, creating the directory if needed. Shards
// are opened when first used.
func Open(dir string, opts Options) (*Index, error) {
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	return &Index{dir: dir, opts: opts, shards: map[string]bleve.Index{}}, nil
}

// States returns the codes of the shards on disk, sorted.
func (x *Index) States() ([]string, error) {
	ents, err := os.ReadDir(x.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	var codes []string
	for _, e := range ents {
		if e.IsDir() && shardName.MatchString(e.Name()) {
			codes = append(codes, e.Name())
		}
	}
	return codes, nil
}

// Shard returns the open shard of a State; with create, it is created
// when missing, otherwise a missing shard is (nil, nil).
func (x *Index) Shard(code string, create bool) (bleve.Index, error) {
	code = ShardOf(code)
	x.mu.Lock()
	defer x.mu.Unlock()
	if s := x.shards[code]; s != nil {
		return s, nil
	}
	path := filepath.Join(x.dir, code)
	cfg := map[string]any{"bolt_timeout": "5s"}
	if x.opts.ReadOnly {
		cfg["read_only"] = true
	}
	s, err := bleve.OpenUsing(path, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if !create || x.opts.ReadOnly {
			return nil, nil
		}
		m, err := NewMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		s, err = bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
		if err != nil {
			return nil, fmt.Errorf("create shard %s: %w", code, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("open shard %s: %w", code, err)
	}
	s.SetName(code)
	x.shards[code] = s
	return s, nil
}

// Shards returns the open shards of the States in scope that exist:
// what a search in that scope reads, and nothing more.
func (x *Index) Shards(scope saq.Scope) ([]bleve.Index, error) {
	codes, err := x.States()
	if err != nil {
		return nil, err
	}
	var out []bleve.Index
	for _, c := range codes {
		if !scope.Allows(c) {
			continue
		}
		s, err := x.Shard(c, false)
		if err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// Close closes every open shard.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	var errs []error
	for code, s := range x.shards {
		if err := s.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close shard %s: %w", code, err))
		}
		delete(x.shards, code)
	}
	return errors.Join(errs...)
}

// batchSize bounds the documents held in memory for one batch. Larger
// batches index faster (fewer, larger segments) up to a few thousand.
const batchSize = 2000

// Replace removes every answer of the uploads in remove from the shard of
// a State and indexes docs there, in batches. Indexing the same documents
// twice leaves the same index.
func (x *Index) Replace(ctx context.Context, state string, remove []string, docs map[string]Doc) error {
	s, err := x.Shard(state, true)
	if err != nil {
		return err
	}
	b := s.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := s.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		b.Reset()
		return ctx.Err()
	}
	for _, sha := range remove {
		ids, err := idsOfUpload(s, sha)
		if err != nil {
			return err
		}
		for _, id := range ids {
			b.Delete(id)
			if b.Size() >= batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the same order every time
	for _, id := range ids {
		if err := b.Index(id, map[string]any(docs[id])); err != nil {
			return fmt.Errorf("index %s: %w", id, err)
		}
		if b.Size() >= batchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func idsOfUpload(s bleve.Index, sha string) ([]string, error) {
	q := query.NewTermQuery(sha)
	q.SetField(FieldUpload)
	var ids []string
	for from := 0; ; from += 1000 {
		req := bleve.NewSearchRequestOptions(q, 1000, from, false)
		res, err := s.Search(req)
		if err != nil {
			return nil, fmt.Errorf("find answers of %s: %w", sha, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < 1000 {
			return ids, nil
		}
	}
}

// Count returns the number of indexed answers.
func (x *Index) Count() (uint64, error) {
	codes, err := x.States()
	if err != nil {
		return 0, err
	}
	var n uint64
	for _, c := range codes {
		s, err := x.Shard(c, false)
		if err != nil {
			return 0, err
		}
		if s == nil {
			continue
		}
		k, err := s.DocCount()
		if err != nil {
			return 0, err
		}
		n += k
	}
	return n, nil
}

// Compact merges a State's shard into a single segment, so that a
// published copy opens with as few files (and file descriptors) as
// possible: a search process may hold every State's shard open at once.
func (x *Index) Compact(ctx context.Context, state string) error {
	s, err := x.Shard(state, false)
	if err != nil || s == nil {
		return err
	}
	adv, err := s.Advanced()
	if err != nil {
		return fmt.Errorf("compact shard %s: %w", state, err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil // not a segmented index: nothing to merge
	}
	if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
		return fmt.Errorf("compact shard %s: %w", state, err)
	}
	return nil
}

// Uploads returns, for a State's shard, the uploads that have answers in
// it and how many: what reconciliation compares with the statuses.
func (x *Index) Uploads(ctx context.Context, state string) (map[string]int, error) {
	s, err := x.Shard(state, false)
	if err != nil || s == nil {
		return map[string]int{}, err
	}
	n, err := s.DocCount()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	// A facet term per upload: every upload of the shard, however many.
	req.AddFacet("uploads", bleve.NewFacetRequest(FieldUpload, int(n)+1))
	res, err := s.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("uploads of %s: %w", state, err)
	}
	out := map[string]int{}
	if f := res.Facets["uploads"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out[t.Term] = t.Count
		}
	}
	return out, nil
}
