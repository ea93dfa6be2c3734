// Package snapshot publishes the search index to a blob store as immutable
// per-State snapshots named by one manifest, and loads them back: the way
// the index Lambda shares its work with the api Lambda, whose file systems
// are ephemeral and private.
//
// A State's partition (its bleve shard) is updated by downloading its
// current snapshot, applying the change, compacting it to one segment and
// uploading it under a new, never-reused key; then the manifest is advanced
// with a conditional write that names the ETag read at the start. Two
// writers can never both win: the loser's write fails its precondition,
// and it starts again from the winner's manifest, so no update is lost. A
// crash between the snapshot upload and the manifest write leaves only an
// unreferenced object; the next update starts from the manifest, which
// never names a partial state.
package snapshot

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// ManifestKey is the key of the manifest in the store.
const ManifestKey = "index/manifest.json"

// Store is what snapshots need of a blob store: reads that return the
// version read, and writes conditional on it (infra/s3store).
type Store interface {
	Get(ctx context.Context, key string) ([]byte, error)
	GetVersion(ctx context.Context, key string) (data []byte, etag string, err error)
	// PutIf writes data when the object still has etag ("" = only when it
	// does not exist); otherwise it fails with saq.ErrPrecondition.
	PutIf(ctx context.Context, key string, data []byte, etag string) (string, error)
}

// Manifest names the current snapshot of every State's partition.
type Manifest struct {
	// Generation counts the successful publishes: it grows by one with
	// every manifest write.
	Generation int              `json:"generation"`
	Shards     map[string]Shard `json:"shards"`
	UpdatedAt  time.Time        `json:"updated_at"`
}

// Shard is one published snapshot of a State's partition.
type Shard struct {
	Generation int    `json:"generation"` // publishes of this partition
	Key        string `json:"key"`        // the snapshot object: a tar of the shard directory
	SHA256     string `json:"sha256"`     // of the tar, checked on load
	Bytes      int64  `json:"bytes"`
	Answers    uint64 `json:"answers"`
}

// Read returns the current manifest and its ETag; an empty manifest and ""
// when none was published yet.
func Read(ctx context.Context, st Store) (Manifest, string, error) {
	data, etag, err := st.GetVersion(ctx, ManifestKey)
	if saq.KindOf(err) == saq.KindNotFound {
		return Manifest{Shards: map[string]Shard{}}, "", nil
	}
	if err != nil {
		return Manifest{}, "", fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, "", fmt.Errorf("read manifest: %w", err)
	}
	if m.Shards == nil {
		m.Shards = map[string]Shard{}
	}
	return m, etag, nil
}

// Publisher updates partitions.
type Publisher struct {
	Store Store
	// Dir holds the working copies (Lambda: under /tmp); each update
	// uses a fresh subdirectory and removes it.
	Dir string
	// Attempts bounds the retries after losing the manifest race; 8 when
	// zero.
	Attempts int
	// BeforeManifest, when set, runs after the snapshot upload and before
	// the manifest write; an error ends the update there, as a crash would
	// (fault injection).
	BeforeManifest func() error
	Now            func() time.Time
}

// ErrConflict is returned when every attempt lost the race for the
// manifest: the caller retries later (the queue redelivers).
var ErrConflict = errors.New("snapshot: manifest kept changing")

// Update applies a change to one State's partition and publishes it.
// apply receives the partition opened for writing (an index holding that
// one shard) and may run more than once, each time on the then-current
// snapshot, so it must be idempotent. Update returns the manifest it wrote.
func (p *Publisher) Update(ctx context.Context, state string, apply func(context.Context, *indexer.Index) error) (Manifest, error) {
	state = indexer.ShardOf(state)
	attempts := p.Attempts
	if attempts <= 0 {
		attempts = 8
	}
	for range attempts {
		m, etag, err := Read(ctx, p.Store)
		if err != nil {
			return Manifest{}, err
		}
		next, err := p.build(ctx, m, state, apply)
		if err != nil {
			return Manifest{}, err
		}
		if next.Generation == m.Generation {
			return m, nil // nothing to publish: the manifest stays as it is
		}
		if p.BeforeManifest != nil {
			if err := p.BeforeManifest(); err != nil {
				return Manifest{}, err
			}
		}
		data, err := json.MarshalIndent(next, "", "  ")
		if err != nil {
			return Manifest{}, err
		}
		_, err = p.Store.PutIf(ctx, ManifestKey, data, etag)
		if err == nil {
			return next, nil
		}
		if !errors.Is(err, saq.ErrPrecondition) {
			return Manifest{}, fmt.Errorf("write manifest: %w", err)
		}
		// Another writer advanced the manifest: start again from it.
	}
	return Manifest{}, fmt.Errorf("%w after %d attempts (partition %s)", ErrConflict, attempts, state)
}

// build makes and uploads the next snapshot of state from manifest m and
// returns the manifest that names it.
func (p *Publisher) build(ctx context.Context, m Manifest, state string, apply func(context.Context, *indexer.Index) error) (Manifest, error) {
	work, err := os.MkdirTemp(p.Dir, "update-")
	if err != nil {
		return Manifest{}, fmt.Errorf("snapshot work dir: %w", err)
	}
	defer os.RemoveAll(work)
	prev, ok := m.Shards[state]
	if ok {
		if err := fetch(ctx, p.Store, prev, filepath.Join(work, state)); err != nil {
			return Manifest{}, err
		}
	}
	idx, err := indexer.Open(work, indexer.Options{})
	if err != nil {
		return Manifest{}, err
	}
	err = apply(ctx, idx)
	if err == nil {
		err = idx.Compact(ctx, state)
	}
	var answers uint64
	if err == nil {
		answers, err = idx.Count()
	}
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Manifest{}, fmt.Errorf("update partition %s: %w", state, err)
	}
	if _, err := os.Stat(filepath.Join(work, state)); err != nil {
		return m, nil // apply created nothing: nothing to publish
	}
	data, err := tarDir(filepath.Join(work, state))
	if err != nil {
		return Manifest{}, err
	}
	sum := sha256.Sum256(data)
	gen := prev.Generation + 1
	// A key never reused, even by a writer that lost a race or crashed
	// at this generation: the object is create-only.
	key := fmt.Sprintf("index/%s/%06d-%s.tar", state, gen, randomID())
	if _, err := p.Store.PutIf(ctx, key, data, ""); err != nil {
		return Manifest{}, fmt.Errorf("upload snapshot %s: %w", key, err)
	}
	next := Manifest{Generation: m.Generation + 1, Shards: make(map[string]Shard, len(m.Shards)+1), UpdatedAt: p.now()}
	for k, v := range m.Shards {
		next.Shards[k] = v
	}
	next.Shards[state] = Shard{Generation: gen, Key: key, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data)), Answers: answers}
	return next, nil
}

func (p *Publisher) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now().UTC()
}

func randomID() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// fetch downloads a snapshot and unpacks it into dir.
func fetch(ctx context.Context, st Store, sh Shard, dir string) error {
	data, err := st.Get(ctx, sh.Key)
	if err != nil {
		return fmt.Errorf("download snapshot %s: %w", sh.Key, err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != sh.SHA256 {
		return fmt.Errorf("snapshot %s: checksum mismatch", sh.Key)
	}
	if err := untar(data, dir); err != nil {
		return fmt.Errorf("unpack snapshot %s: %w", sh.Key, err)
	}
	return nil
}

// tarDir packs the regular files under dir (a closed shard: bleve's
// metadata, bolt root and segments) with paths relative to dir.
func tarDir(dir string) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: filepath.ToSlash(rel), Mode: 0o644, Size: info.Size(), ModTime: info.ModTime()}); err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", dir, err)
	}
	return buf.Bytes(), nil
}

// untar unpacks regular files into dir, refusing any path that would
// leave it.
func untar(data []byte, dir string) error {
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) || strings.HasPrefix(name, "..") {
			return fmt.Errorf("unsafe path %q", h.Name)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}
