package snapshot_test

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/snapshot"
	"github.com/saq-review/saq/infra/s3store"
	"github.com/saq-review/saq/infra/s3test"
)

func newStore(t *testing.T) *s3store.Store {
	t.Helper()
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	st, err := s3store.New(s3store.Options{Bucket: bucket, Client: srv.Client})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// add returns a change that indexes n answers of upload sha for state.
func add(state, sha string, n int) func(context.Context, *indexer.Index) error {
	rec := saq.Record{File: sha + ".pdf", Submission: &saq.Submission{CountryCode: state, Language: "en", Cluster: "I"}}
	for i := range n {
		rec.Answers = append(rec.Answers, saq.Answer{Instrument: saq.UNTOC, Article: "5", Question: fmt.Sprint(i + 1), Choice: saq.Yes, Text: "the offence of participation " + sha})
	}
	docs := indexer.Docs(rec, indexer.Upload{SHA256: sha, File: rec.File, SubmissionID: state + "-" + sha, Version: 1})
	return func(ctx context.Context, idx *indexer.Index) error {
		return idx.Replace(ctx, state, nil, docs)
	}
}

func count(t *testing.T, l *snapshot.Local) uint64 {
	t.Helper()
	n, err := l.Index.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUpdateAndLoad(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	p := &snapshot.Publisher{Store: st, Dir: t.TempDir()}

	steps := []struct {
		state, sha string
		n          int
		wantGen    int
		wantTotal  uint64
	}{
		{"MEX", "a1", 3, 1, 3},
		{"PER", "b1", 2, 2, 5},
		{"MEX", "a2", 4, 3, 9},
		{"MEX", "a2", 4, 4, 9}, // the same change again: idempotent
	}
	var prev *snapshot.Local
	for _, s := range steps {
		m, err := p.Update(ctx, s.state, add(s.state, s.sha, s.n))
		if err != nil {
			t.Fatal(err)
		}
		if m.Generation != s.wantGen {
			t.Errorf("after %s/%s: generation %d, want %d", s.state, s.sha, m.Generation, s.wantGen)
		}
		got, etag, err := snapshot.Read(ctx, st)
		if err != nil || got.Generation != s.wantGen || etag == "" {
			t.Fatalf("Read = gen %d etag %q err %v", got.Generation, etag, err)
		}
		l, err := snapshot.Load(ctx, st, t.TempDir(), got, etag, prev)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, l); n != s.wantTotal {
			t.Errorf("after %s/%s: %d answers searchable, want %d", s.state, s.sha, n, s.wantTotal)
		}
		if prev != nil {
			if err := prev.Close(); err != nil {
				t.Fatal(err)
			}
		}
		prev = l
	}
	prev.Close()
}

// Writers racing on one partition: every update lands exactly once, and
// the manifest generation equals the number of successful publishes.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	const writers = 6
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &snapshot.Publisher{Store: st, Dir: t.TempDir(), Attempts: 50}
			state := "MEX"
			if i%2 == 1 {
				state = "PER"
			}
			_, err := p.Update(ctx, state, add(state, fmt.Sprintf("w%d", i), i+1))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	m, etag, err := snapshot.Read(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if m.Generation != writers {
		t.Errorf("generation %d, want %d (one per publish)", m.Generation, writers)
	}
	if m.Shards["MEX"].Generation+m.Shards["PER"].Generation != writers {
		t.Errorf("partition generations %+v do not add up to %d", m.Shards, writers)
	}
	l, err := snapshot.Load(ctx, st, t.TempDir(), m, etag, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n := count(t, l); n != 1+2+3+4+5+6 {
		t.Errorf("%d answers, want 21: an update was lost or doubled", n)
	}
}

// A writer that dies after uploading its snapshot and before writing the
// manifest loses nothing: the next update starts from the manifest.
func TestCrashBeforeManifest(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	dir := t.TempDir()
	if _, err := (&snapshot.Publisher{Store: st, Dir: dir}).Update(ctx, "MEX", add("MEX", "a", 2)); err != nil {
		t.Fatal(err)
	}
	crash := errors.New("crash")
	p := &snapshot.Publisher{Store: st, Dir: dir, BeforeManifest: func() error { return crash }}
	if _, err := p.Update(ctx, "MEX", add("MEX", "b", 3)); !errors.Is(err, crash) {
		t.Fatalf("Update = %v, want the crash", err)
	}
	m, _, _ := snapshot.Read(ctx, st)
	if m.Generation != 1 {
		t.Fatalf("the crashed update advanced the manifest to %d", m.Generation)
	}
	// The redelivered change.
	m, err := (&snapshot.Publisher{Store: st, Dir: dir}).Update(ctx, "MEX", add("MEX", "b", 3))
	if err != nil {
		t.Fatal(err)
	}
	l, err := snapshot.Load(ctx, st, t.TempDir(), m, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n := count(t, l); n != 5 || m.Generation != 2 {
		t.Errorf("after recovery: %d answers, generation %d; want 5 and 2", n, m.Generation)
	}
	keys, _ := st.List(ctx, "index/MEX/")
	if len(keys) != 3 {
		t.Errorf("snapshots %v: want 3 (two published, one orphan of the crash)", keys)
	}
}

func TestLoadRefusesBadSnapshots(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	evil := func(name string) []byte {
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: 1})
		tw.Write([]byte("x"))
		tw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		sum  string
		want string
	}{
		{"path escape", evil("../../etc/x"), "", "unsafe path"},
		{"checksum", evil("store/x"), "00", "checksum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := "index/MEX/" + strings.ReplaceAll(tc.name, " ", "-") + ".tar"
			if err := st.Put(ctx, key, tc.data); err != nil {
				t.Fatal(err)
			}
			sum := tc.sum
			if sum == "" {
				sum = sha256Hex(tc.data)
			}
			m := snapshot.Manifest{Generation: 1, Shards: map[string]snapshot.Shard{"MEX": {Generation: 1, Key: key, SHA256: sum}}}
			_, err := snapshot.Load(ctx, st, t.TempDir(), m, "", nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load = %v, want an error about %q", err, tc.want)
			}
		})
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// A change that leaves a State without a partition publishes nothing: no
// snapshot, no manifest write, no new generation.
func TestUpdateWithoutChange(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	p := &snapshot.Publisher{Store: st, Dir: t.TempDir()}
	m, err := p.Update(ctx, "MEX", func(context.Context, *indexer.Index) error { return nil })
	if err != nil || m.Generation != 0 {
		t.Fatalf("Update = generation %d, %v; want 0", m.Generation, err)
	}
	if keys, _ := st.List(ctx, "index/"); len(keys) != 0 {
		t.Errorf("objects written: %v", keys)
	}
}
