// Package filestore is the local-directory implementation of
// saq.BlobStore: one file per key under a root directory, written
// atomically (temporary file, then rename), so a crash never leaves half a
// file under a key.
package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saq-review/saq"
)

// Store keeps blobs under a root directory.
type Store struct {
	root string
}

// Open returns a store rooted at dir, creating it if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	return &Store{root: abs}, nil
}

// Root returns the directory of the store.
func (s *Store) Root() string { return s.root }

// ValidKey reports whether key is a clean relative path: no empty, "." or
// ".." segments, no backslash, no leading slash. Keys come from uploads'
// names among other places and must never reach outside the store.
func ValidKey(key string) bool {
	if key == "" || strings.HasPrefix(key, "/") || strings.ContainsAny(key, "\\\x00") {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return path.Clean(key) == key
}

func (s *Store) file(key string) (string, error) {
	if !ValidKey(key) {
		return "", saq.Errorf(saq.KindInvalid, "invalid storage key %q", key)
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Get implements saq.BlobStore.
func (s *Store) Get(ctx context.Context, key string) ([]byte, error) {
	f, err := s.file(key)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(f)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, saq.Errorf(saq.KindNotFound, "%s not found", key)
	}
	return b, err
}

// Put implements saq.BlobStore.
func (s *Store) Put(ctx context.Context, key string, data []byte) error {
	f, err := s.file(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f), ".put-*")
	if err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("filestore: write %s: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("filestore: sync %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	if err := os.Rename(tmp.Name(), f); err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	return nil
}

// List implements saq.BlobStore.
func (s *Store) List(ctx context.Context, prefix string) ([]string, error) {
	// Walk the deepest directory the prefix names completely.
	dir := s.root
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		if !ValidKey(prefix[:i]) {
			return nil, saq.Errorf(saq.KindInvalid, "invalid storage prefix %q", prefix)
		}
		dir = filepath.Join(s.root, filepath.FromSlash(prefix[:i]))
	}
	var keys []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".put-") {
			return nil
		}
		rel, err := filepath.Rel(s.root, p)
		if err != nil {
			return err
		}
		if k := filepath.ToSlash(rel); strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("filestore: list %s: %w", prefix, err)
	}
	sort.Strings(keys)
	return keys, nil
}
