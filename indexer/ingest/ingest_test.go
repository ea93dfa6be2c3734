package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/infra/filestore"
	"github.com/saq-review/saq/internal/pdfbuild"
)

// questionnaire builds a one-page cluster I answer of a State to UNTOC
// article 5, with the given narrative answer to question 1.
func questionnaire(state, answer string) []byte {
	return pdfbuild.Lines(
		"State party: "+state,
		"Cluster I",
		"Part I. United Nations Convention against Transnational Organized Crime",
		"Article 5. Criminalization of participation in an organized criminal group",
		"Question 1. Has your country adopted legislative measures?",
		"[X] Yes [ ] No [ ] Partially",
		answer,
		"Question 2. Please provide examples of implementation.",
		"Two cases were tried in 2024 under the same provisions.",
	)
}

type fixture struct {
	store *filestore.Store
	index *indexer.Index
	p     *Pipeline
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	st, err := filestore.Open(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := indexer.Open(filepath.Join(dir, "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	return &fixture{st, idx, &Pipeline{Store: st, Index: idx, Now: func() time.Time { return clock }}}
}

func (f *fixture) ingest(t *testing.T, name string, data []byte) (Outcome, Status) {
	t.Helper()
	out, st, err := f.p.Ingest(context.Background(), name, data)
	if err != nil {
		t.Fatalf("ingest %s: %v", name, err)
	}
	return out, st
}

// snapshot returns every key of the store with its bytes.
func snapshot(t *testing.T, s saq.BlobStore) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	keys, err := s.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, k := range keys {
		b, err := s.Get(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = b
	}
	return out
}

// hits returns the ids of the answers matching a term in field, sorted.
func hits(t *testing.T, idx bleve.Index, field, term string) []string {
	t.Helper()
	var q query.Query = bleve.NewMatchAllQuery()
	if field != "" {
		tq := bleve.NewTermQuery(term)
		tq.SetField(field)
		q = tq
	}
	res, err := idx.Search(bleve.NewSearchRequestOptions(q, 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestIngestIsIdempotent(t *testing.T) {
	f := newFixture(t)
	pdf := questionnaire("Mexico", "The Federal Criminal Code, article 164, establishes the offence.")
	out, st := f.ingest(t, "mex.pdf", pdf)
	if out != Ingested || st.State != StateExtracted || st.SubmissionID != "MEX-I-UNTOC" || st.Version != 1 || st.Answers != 2 {
		t.Fatalf("first ingest: %s %+v", out, st)
	}
	got, err := f.p.Original(context.Background(), st.SHA256)
	if err != nil || !bytes.Equal(got, pdf) {
		t.Fatalf("original not kept byte for byte (err %v)", err)
	}
	before := snapshot(t, f.store)
	ids := hits(t, all(t, f.index), "", "")

	out, st2 := f.ingest(t, "copy-of-mex.pdf", pdf)
	if out != Unchanged || st2.SHA256 != st.SHA256 {
		t.Fatalf("second ingest: %s %+v, want unchanged", out, st2)
	}
	after := snapshot(t, f.store)
	if len(after) != len(before) {
		t.Fatalf("store has %d keys after re-ingest, %d before", len(after), len(before))
	}
	for k, b := range before {
		if !bytes.Equal(after[k], b) {
			t.Errorf("%s changed on re-ingest", k)
		}
	}
	if got := hits(t, all(t, f.index), "", ""); !slices.Equal(got, ids) {
		t.Errorf("index changed on re-ingest: %v, was %v", got, ids)
	}
}

func TestCorrectedSubmissionSupersedes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	v1 := questionnaire("Mexico", "The offence is defined in the penal code of 1931.")
	v2 := questionnaire("Mexico", "The offence is defined in the Federal Law against Organized Crime.")
	other := questionnaire("Peru", "The offence is defined in the penal code of 1991.")
	_, s1 := f.ingest(t, "mex.pdf", v1)
	f.ingest(t, "per.pdf", other)
	out, s2 := f.ingest(t, "mex-corrected.pdf", v2)
	if out != Ingested || s2.Version != 2 || s2.SubmissionID != s1.SubmissionID {
		t.Fatalf("corrected: %s %+v", out, s2)
	}
	if got := hits(t, all(t, f.index), indexer.FieldUpload, s1.SHA256); len(got) != 0 {
		t.Errorf("answers of the superseded version still indexed: %v", got)
	}
	if got := hits(t, all(t, f.index), indexer.FieldUpload, s2.SHA256); len(got) != 2 {
		t.Errorf("corrected version has %d answers indexed, want 2", len(got))
	}
	if got := hits(t, all(t, f.index), indexer.FieldCountryCode, "PER"); len(got) != 2 {
		t.Errorf("another State's answers were touched: %v", got)
	}
	if got := hits(t, all(t, f.index), indexer.FieldExact, "1931"); len(got) != 0 {
		t.Errorf("old text still found: %v", got)
	}
	// The earlier version stays, marked.
	old, err := f.p.status(ctx, s1.SHA256)
	if err != nil || old.State != StateSuperseded || old.SupersededBy != s2.SHA256 {
		t.Errorf("old status %+v (err %v), want superseded by %s", old, err, s2.SHA256)
	}
	if b, err := f.p.Original(ctx, s1.SHA256); err != nil || !bytes.Equal(b, v1) {
		t.Errorf("old original lost (err %v)", err)
	}
	if rec, err := f.p.Record(ctx, s1.SHA256); err != nil || len(rec.Answers) != 2 {
		t.Errorf("old record lost (err %v)", err)
	}
	// Uploading the first version again does not bring it back.
	if out, _ := f.ingest(t, "mex.pdf", v1); out != Unchanged {
		t.Errorf("re-upload of the old version: %s, want unchanged", out)
	}
	if got := hits(t, all(t, f.index), indexer.FieldUpload, s1.SHA256); len(got) != 0 {
		t.Errorf("re-upload of the old version re-indexed it: %v", got)
	}
}

func TestRejectedUploadIsKept(t *testing.T) {
	f := newFixture(t)
	data := []byte("minutes of the meeting, not a PDF")
	out, st := f.ingest(t, "notes.pdf", data)
	if out != Rejected || st.State != StateRejected || st.Error == nil || st.Error.Kind != saq.KindNotPDF || st.Error.Message == "" {
		t.Fatalf("got %s %+v", out, st)
	}
	if b, err := f.p.Original(context.Background(), st.SHA256); err != nil || !bytes.Equal(b, data) {
		t.Errorf("rejected upload not kept (err %v)", err)
	}
	if out, _ := f.ingest(t, "notes.pdf", data); out != Unchanged {
		t.Errorf("second upload of a rejected file: %s, want unchanged", out)
	}
	if n, _ := f.index.Count(); n != 0 {
		t.Errorf("%d answers indexed from a rejected file", n)
	}
}

// flaky fails the first Put of a key with the given prefix, as a crash
// between two steps would.
type flaky struct {
	saq.BlobStore
	prefix string
	failed bool
}

func (s *flaky) Put(ctx context.Context, key string, data []byte) error {
	if !s.failed && strings.HasPrefix(key, s.prefix) {
		s.failed = true
		return errors.New("injected failure")
	}
	return s.BlobStore.Put(ctx, key, data)
}

// TestResumeAfterFailure interrupts ingestion at each step in turn; the
// retry of the same upload must finish the work, with nothing twice.
func TestResumeAfterFailure(t *testing.T) {
	for _, step := range []string{"originals/", "records/", "submissions/", "status/"} {
		t.Run(step, func(t *testing.T) {
			f := newFixture(t)
			f.ingest(t, "old.pdf", questionnaire("Mexico", "An earlier answer about 1931."))
			pdf := questionnaire("Mexico", "A corrected answer about 2019.")
			f.p.Store = &flaky{BlobStore: f.store, prefix: step}
			if _, _, err := f.p.Ingest(context.Background(), "mex.pdf", pdf); err == nil {
				t.Fatal("no error from the injected failure")
			}
			out, st := f.ingest(t, "mex.pdf", pdf)
			if out != Ingested || st.Version != 2 {
				t.Fatalf("retry: %s %+v", out, st)
			}
			if n, _ := f.index.Count(); n != 2 {
				t.Errorf("%d answers indexed, want the 2 of the corrected version", n)
			}
			var sub Submission
			if err := f.p.getJSON(context.Background(), submissionKey(st.SubmissionID), &sub); err != nil || len(sub.Versions) != 2 {
				t.Errorf("submission versions %v (err %v), want 2", sub.Versions, err)
			}
		})
	}
}

// TestReindexGivesTheSameIndex rebuilds the index from the stored records
// alone and compares every document.
func TestReindexGivesTheSameIndex(t *testing.T) {
	f := newFixture(t)
	f.ingest(t, "mex.pdf", questionnaire("Mexico", "The penal code of 1931."))
	f.ingest(t, "mex2.pdf", questionnaire("Mexico", "The Federal Law against Organized Crime."))
	f.ingest(t, "per.pdf", questionnaire("Peru", "Ley contra el Crimen Organizado, 2013."))
	f.ingest(t, "bad.pdf", []byte("not a pdf"))

	fresh, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	n, err := f.p.Reindex(context.Background(), fresh)
	if err != nil || n != 4 {
		t.Fatalf("reindex: %d answers, %v; want 4", n, err)
	}
	want, got := dump(t, all(t, f.index)), dump(t, all(t, fresh))
	if len(want) != 4 || len(got) != len(want) {
		t.Fatalf("%d documents after reindex, %d before", len(got), len(want))
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s differs after reindex:\n got %s\nwant %s", id, got[id], w)
		}
	}
}

// all returns the whole index, every State.
func all(t *testing.T, x *indexer.Index) bleve.Index {
	t.Helper()
	shards, err := x.Shards(saq.AllStates)
	if err != nil {
		t.Fatal(err)
	}
	return bleve.NewIndexAlias(shards...)
}

// dump returns every document's stored fields, printed.
func dump(t *testing.T, idx bleve.Index) map[string]string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	req.Fields = []string{"*"}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, h := range res.Hits {
		out[h.ID] = fmt.Sprint(h.Fields)
	}
	return out
}

func TestRejectedKeepsDeclaredState(t *testing.T) {
	p := newFixture(t).p
	u, err := p.ExtractAs(context.Background(), "notes.pdf", []byte("not a pdf"), extract.Options{Country: "PER"})
	if err != nil {
		t.Fatal(err)
	}
	out, st, err := p.Commit(context.Background(), u)
	if err != nil || out != Rejected || st.CountryCode != "PER" || st.Error == nil || st.Error.Kind != saq.KindNotPDF {
		t.Fatalf("outcome %s, status %+v, err %v: want rejected not_pdf for PER", out, st, err)
	}
	for _, bad := range []string{"../../etc/passwd", "MEX/../x", ""} {
		if _, err := p.Current(context.Background(), bad); saq.KindOf(err) != saq.KindNotFound {
			t.Errorf("Current(%q): %v, want not_found", bad, err)
		}
		if _, err := p.Status(context.Background(), bad); saq.KindOf(err) != saq.KindNotFound {
			t.Errorf("Status(%q): %v, want not_found", bad, err)
		}
	}
}

// The index step commits uploads it loads by hash, possibly more than once
// and out of order (queue redeliveries): the index ends the same.
func TestCommitRedelivered(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	extract := func(data []byte) string {
		u, err := f.p.Extract(ctx, "mex.pdf", data)
		if err != nil {
			t.Fatal(err)
		}
		return u.SHA256()
	}
	v1 := extract(questionnaire("Mexico", "The offence is defined in the penal code of 1931."))
	v2 := extract(questionnaire("Mexico", "The offence is defined in the Federal Law against Organized Crime."))
	commit := func(sha string) Status {
		u, err := f.p.Load(ctx, sha, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.CountryCode() != "MEX" || u.Rejected() || u.Unchanged() {
			t.Fatalf("loaded upload: %s rejected=%v unchanged=%v", u.CountryCode(), u.Rejected(), u.Unchanged())
		}
		_, st, err := f.p.Commit(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	// v1, v2, then v2 and v1 redelivered.
	for i, sha := range []string{v1, v2, v2, v1} {
		commit(sha)
		if got := hits(t, all(t, f.index), indexer.FieldUpload, v2); len(got) != 2 && i > 0 {
			t.Errorf("after delivery %d: v2 has %d answers indexed, want 2", i+1, len(got))
		}
	}
	if got := hits(t, all(t, f.index), indexer.FieldUpload, v1); len(got) != 0 {
		t.Errorf("a late redelivery of v1 brought back %d superseded answers", len(got))
	}
	st1, _ := f.p.Status(ctx, v1)
	st2, _ := f.p.Status(ctx, v2)
	if st1.State != StateSuperseded || st1.SupersededBy != v2 || st2.State != StateExtracted || st2.Version != 2 {
		t.Errorf("statuses: v1 %s by %s, v2 %s v%d", st1.State, st1.SupersededBy, st2.State, st2.Version)
	}
	if _, err := f.p.Load(ctx, "../../etc/passwd", ""); saq.KindOf(err) != saq.KindInvalid {
		t.Errorf("Load of a path: %v, want invalid", err)
	}
}
