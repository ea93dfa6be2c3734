package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/infra/filestore"
)

// upload is one file delivered to the pipeline.
type upload struct {
	name string
	data []byte
}

// errCrash is what a simulated crash unwinds with.
var errCrash = errors.New("simulated crash")

// faults injects failures: an operation fails outright, or the process
// "dies" (a panic) just before or just after a write, as a crash between
// two steps would leave things.
type faults struct {
	mu                sync.Mutex
	rng               *rand.Rand
	fail, crash       float64 // probabilities per operation
	off               bool
	failures, crashes int
}

// hit decides what happens to one operation: nothing, an error, or a
// crash before or after it.
func (f *faults) hit() (fail, crashBefore, crashAfter bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.off {
		return
	}
	switch x := f.rng.Float64(); {
	case x < f.fail:
		f.failures++
		return true, false, false
	case x < f.fail+f.crash/2:
		f.crashes++
		return false, true, false
	case x < f.fail+f.crash:
		f.crashes++
		return false, false, true
	}
	return
}

type faultyStore struct {
	saq.BlobStore
	f *faults
}

func (s *faultyStore) Get(ctx context.Context, key string) ([]byte, error) {
	if fail, _, _ := s.f.hit(); fail {
		return nil, fmt.Errorf("injected: get %s: timeout", key)
	}
	return s.BlobStore.Get(ctx, key)
}

func (s *faultyStore) Put(ctx context.Context, key string, data []byte) error {
	fail, before, after := s.f.hit()
	switch {
	case fail:
		return fmt.Errorf("injected: put %s: 503 Slow Down", key)
	case before:
		panic(errCrash)
	}
	if err := s.BlobStore.Put(ctx, key, data); err != nil {
		return err
	}
	if after {
		panic(errCrash)
	}
	return nil
}

type faultyIndex struct {
	*indexer.Index
	f *faults
}

func (x *faultyIndex) Replace(ctx context.Context, state string, remove []string, docs map[string]indexer.Doc) error {
	fail, before, after := x.f.hit()
	switch {
	case fail:
		return errors.New("injected: index write failed")
	case before:
		panic(errCrash)
	}
	if err := x.Index.Replace(ctx, state, remove, docs); err != nil {
		return err
	}
	if after {
		panic(errCrash)
	}
	return nil
}

// TestFaultsThenReconcile ingests versions of submissions, duplicated and
// out of order, through a store and an index that fail and crash at
// random; deliveries are retried a few times, as a queue would, and the
// ones that never got through are redriven afterwards, as from a
// dead-letter queue. Then Reconcile repairs whatever was left half done:
// every upload ends with a terminal status, and the index holds the
// answers of the current versions exactly once.
func TestFaultsThenReconcile(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	ctx := context.Background()
	dir := t.TempDir()
	fs, err := filestore.Open(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := indexer.Open(filepath.Join(dir, "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	f := &faults{rng: rand.New(rand.NewPCG(seed, 3)), fail: 0.12, crash: 0.12}
	p := &Pipeline{Store: &faultyStore{fs, f}, Index: &faultyIndex{idx, f}}

	var ups []upload
	for _, state := range []string{"Mexico", "Peru", "Chile", "Ghana", "Kenya"} {
		for v := 1; v <= 2; v++ {
			ups = append(ups, upload{fmt.Sprintf("%s-v%d.pdf", state, v),
				questionnaire(state, fmt.Sprintf("Version %d: the penal code of %s applies.", v, state))})
		}
	}
	ups = append(ups, upload{"scan.pdf", []byte("GIF89a not a PDF")}, upload{"empty.pdf", nil})
	// Deliveries: each upload once or twice, in random order.
	r := rand.New(rand.NewPCG(seed, 4))
	var deliveries []upload
	for _, u := range ups {
		deliveries = append(deliveries, u)
		if r.IntN(2) == 0 {
			deliveries = append(deliveries, u)
		}
	}
	r.Shuffle(len(deliveries), func(i, j int) { deliveries[i], deliveries[j] = deliveries[j], deliveries[i] })

	attempt := func(u upload) (err error) {
		defer func() {
			if e := recover(); e != nil {
				if e != errCrash {
					panic(e)
				}
				err = errCrash
			}
		}()
		_, _, err = p.Ingest(ctx, u.name, u.data)
		return err
	}
	var deadLetters []upload
	for _, u := range deliveries {
		ok := false
		for range 3 { // the queue's receive count
			if attempt(u) == nil {
				ok = true
				break
			}
		}
		if !ok {
			deadLetters = append(deadLetters, u)
		}
	}
	t.Logf("%d failures and %d crashes injected; %d deliveries dead-lettered", f.failures, f.crashes, len(deadLetters))

	// The faults end; the dead letters are redriven; reconcile.
	f.mu.Lock()
	f.off = true
	f.mu.Unlock()
	// Half the dead letters are redriven; the others are lost, as an
	// event notification or a crashed `saq ingest` can be: only what
	// reached the store can be finished.
	var lost []upload
	for i, u := range deadLetters {
		if i%2 == 1 {
			lost = append(lost, u)
			continue
		}
		if err := attempt(u); err != nil {
			t.Fatalf("redrive of %s: %v", u.name, err)
		}
	}
	// The index also lost writes and got old ones back (say, restored
	// from an older copy): one current version's answers gone, one
	// superseded version's answers back.
	sts, _ := p.Statuses(ctx)
	var dropped, revived bool
	for _, st := range sts {
		switch {
		case st.State == StateExtracted && !dropped && current(ctx, p, st):
			if err := idx.Replace(ctx, st.CountryCode, []string{st.SHA256}, nil); err != nil {
				t.Fatal(err)
			}
			dropped = true
		case st.State == StateSuperseded && !revived:
			rec, _ := p.Record(ctx, st.SHA256)
			if err := idx.Replace(ctx, st.CountryCode, nil, indexer.Docs(rec, indexer.Upload{SHA256: st.SHA256, File: st.File, SubmissionID: st.SubmissionID, Version: st.Version})); err != nil {
				t.Fatal(err)
			}
			revived = true
		}
	}
	before, err := p.Reconcile(ctx, idx, false)
	if err != nil {
		t.Fatal(err)
	}
	if dropped && len(before.Missing) == 0 || revived && len(before.Stale) == 0 {
		t.Errorf("a dry run missed the damage: %+v", before)
	}
	rep, err := p.Reconcile(ctx, idx, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reconcile: %d unfinished, %d missing, %d stale", len(rep.Unfinished), len(rep.Missing), len(rep.Stale))
	if again, err := p.Reconcile(ctx, idx, false); err != nil || !again.Clean() {
		t.Fatalf("a second reconciliation still finds %+v (%v)", again, err)
	}

	// Every upload that reached the store has a terminal status, with a
	// reason when rejected.
	var want uint64
	reached := 0
	for _, u := range ups {
		sum := shaOf(u.data)
		st, err := p.Status(ctx, sum)
		if err != nil {
			if _, oerr := fs.Get(ctx, OriginalKey(sum)); oerr == nil || !lostAll(lost, deliveries, u) {
				t.Errorf("%s: no status: %v", u.name, err)
			}
			continue
		}
		reached++
		switch st.State {
		case StateRejected:
			if st.Error == nil || st.Error.Kind == "" {
				t.Errorf("%s rejected without a reason", u.name)
			}
		case StateExtracted:
			want += uint64(st.Answers)
			if n := len(hits(t, all(t, idx), indexer.FieldUpload, sum)); n != st.Answers {
				t.Errorf("%s: %d answers indexed, status says %d", u.name, n, st.Answers)
			}
		case StateSuperseded:
			if n := len(hits(t, all(t, idx), indexer.FieldUpload, sum)); n != 0 {
				t.Errorf("%s is superseded but %d of its answers are indexed", u.name, n)
			}
		default:
			t.Errorf("%s: state %q", u.name, st.State)
		}
	}
	// One current version per submission, and nothing else indexed.
	if n, _ := idx.Count(); n != want {
		t.Errorf("%d answers indexed, %d current", n, want)
	}
	t.Logf("%d of %d uploads reached the store; %d answers current", reached, len(ups), want)
}

// lostAll reports whether every delivery of u was lost.
func lostAll(lost, deliveries []upload, u upload) bool {
	n := 0
	for _, d := range deliveries {
		if d.name == u.name {
			n++
		}
	}
	for _, l := range lost {
		if l.name == u.name {
			n--
		}
	}
	return n == 0
}

func shaOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// current reports whether an upload is the last version of its submission.
func current(ctx context.Context, p *Pipeline, st Status) bool {
	s, err := p.submission(ctx, st.SubmissionID)
	return err == nil && len(s.Versions) > 0 && s.Versions[len(s.Versions)-1] == st.SHA256
}
