package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Index is a bleve index of answers on local disk.
type Index struct {
	bleve bleve.Index
	path  string
}

// Open opens the index at path, creating it if it does not exist.
// readOnly opens it shared, for searching while another process may hold
// it for writing; it waits for such a writer at most a few seconds.
func Open(path string, readOnly bool) (*Index, error) {
	cfg := map[string]any{"bolt_timeout": "5s"}
	if readOnly {
		cfg["read_only"] = true
	}
	idx, err := bleve.OpenUsing(path, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if readOnly {
			return nil, fmt.Errorf("no index at %s: ingest submissions first", path)
		}
		m, err := NewMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		idx, err = bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, map[string]any{"bolt_timeout": "5s"})
		if err != nil {
			return nil, fmt.Errorf("create index %s: %w", path, err)
		}
		return &Index{bleve: idx, path: path}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	return &Index{bleve: idx, path: path}, nil
}

// Path returns the directory of the index.
func (x *Index) Path() string { return x.path }

// Bleve returns the underlying bleve index, for searching.
func (x *Index) Bleve() bleve.Index { return x.bleve }

// Close closes the index.
func (x *Index) Close() error { return x.bleve.Close() }

// batchSize bounds the documents held in memory for one batch.
const batchSize = 500

// Replace removes every answer of the uploads in remove and indexes docs,
// in batches. Indexing the same documents twice leaves the same index.
func (x *Index) Replace(ctx context.Context, remove []string, docs map[string]Doc) error {
	b := x.bleve.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := x.bleve.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		b.Reset()
		return ctx.Err()
	}
	for _, sha := range remove {
		ids, err := x.idsOfUpload(sha)
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
	for id, d := range docs {
		if err := b.Index(id, map[string]any(d)); err != nil {
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

func (x *Index) idsOfUpload(sha string) ([]string, error) {
	q := query.NewTermQuery(sha)
	q.SetField(FieldUpload)
	var ids []string
	for from := 0; ; from += 1000 {
		req := bleve.NewSearchRequestOptions(q, 1000, from, false)
		res, err := x.bleve.Search(req)
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
func (x *Index) Count() (uint64, error) { return x.bleve.DocCount() }
