package snapshot

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/saq-review/saq/indexer"
)

// Local is a published generation of the index, copied to local disk and
// open for searching.
type Local struct {
	Manifest Manifest
	ETag     string // of the manifest, to tell whether a newer one exists
	Dir      string
	Index    *indexer.Index
}

// Close closes the index and removes the local copy.
func (l *Local) Close() error {
	err := l.Index.Close()
	if rerr := os.RemoveAll(l.Dir); err == nil {
		err = rerr
	}
	return err
}

// fetchers bounds the snapshot downloads in flight during a load.
const fetchers = 8

// Load copies the generation named by manifest m (with its ETag) into a
// new directory under dir and opens it read-only. Shards whose snapshot is
// the same as in prev (may be nil) are linked from it rather than
// downloaded again, so following a newer generation costs only what
// changed.
func Load(ctx context.Context, st Store, dir string, m Manifest, etag string, prev *Local) (*Local, error) {
	gdir, err := os.MkdirTemp(dir, fmt.Sprintf("gen-%06d-", m.Generation))
	if err != nil {
		return nil, fmt.Errorf("load index: %w", err)
	}
	var (
		wg   sync.WaitGroup
		sem  = make(chan struct{}, fetchers)
		mu   sync.Mutex
		errs []error
	)
	for state, sh := range m.Shards {
		dst := filepath.Join(gdir, state)
		if prev != nil && prev.Manifest.Shards[state].Key == sh.Key {
			if err := linkTree(filepath.Join(prev.Dir, state), dst); err == nil {
				continue
			}
			os.RemoveAll(dst) // fall back to a download
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := fetch(ctx, st, sh, dst); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		os.RemoveAll(gdir)
		return nil, fmt.Errorf("load index generation %d: %w", m.Generation, errs[0])
	}
	idx, err := indexer.Open(gdir, indexer.Options{ReadOnly: true})
	if err != nil {
		os.RemoveAll(gdir)
		return nil, err
	}
	return &Local{Manifest: m, ETag: etag, Dir: gdir, Index: idx}, nil
}

// linkTree recreates src's files under dst as hard links: the shards are
// opened read-only, so two generations may share their files.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return os.Link(path, target)
	})
}
