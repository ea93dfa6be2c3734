// Package ingest runs a submission through the pipeline: keep the original
// unchanged, extract its answers, store the record (the source of truth),
// and index the answers, replacing those of the version it supersedes.
// The same code serves the local command line and the Lambda functions.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/extract"
)

// Storage keys. Originals and records are never modified or deleted; a
// status changes once, when a later version supersedes it.

// OriginalKey is where the original bytes of upload sha are kept.
func OriginalKey(sha string) string { return "originals/" + sha + ".pdf" }
func recordKey(sha string) string   { return "records/" + sha + ".json" }
func statusKey(sha string) string   { return "status/" + sha + ".json" }
func submissionKey(id string) string {
	return "submissions/" + id + ".json"
}

// States of an upload.
const (
	StateExtracted  = "extracted"  // its answers are the current version of its submission
	StateRejected   = "rejected"   // it could not be read; Error says why
	StateSuperseded = "superseded" // a later version of the same submission replaced it
)

// Status is what the pipeline knows of one upload.
type Status struct {
	SHA256       string           `json:"sha256"`
	File         string           `json:"file"`
	State        string           `json:"state"`
	Error        *saq.Error       `json:"error,omitempty"`
	SubmissionID string           `json:"submission_id,omitempty"`
	Version      int              `json:"version,omitempty"`
	Country      string           `json:"country,omitempty"`
	CountryCode  string           `json:"country_code,omitempty"`
	Instruments  []saq.Instrument `json:"instruments,omitempty"`
	Cluster      string           `json:"cluster,omitempty"`
	Language     string           `json:"language,omitempty"`
	Pages        int              `json:"pages,omitempty"`
	Answers      int              `json:"answers"`
	Warnings     []string         `json:"warnings,omitempty"`
	IngestedAt   time.Time        `json:"ingested_at"`
	SupersededBy string           `json:"superseded_by,omitempty"`
}

// Submission lists the versions of one submission: the same State,
// cluster and instruments.
type Submission struct {
	ID       string   `json:"id"`
	Versions []string `json:"versions"` // SHA-256 of each version's upload, oldest first
}

// Index is what the pipeline needs of the search index.
type Index interface {
	Replace(ctx context.Context, state string, remove []string, docs map[string]indexer.Doc) error
}

// Pipeline ingests uploads into a store and an index.
type Pipeline struct {
	Store   saq.BlobStore
	Index   Index
	Options extract.Options  // limits and metadata overrides for every upload
	Now     func() time.Time // for tests; time.Now when nil

	mu sync.Mutex // one commit at a time
}

// Outcome of one upload.
type Outcome string

// Outcomes.
const (
	Ingested  Outcome = "ingested"
	Unchanged Outcome = "unchanged" // the same bytes were ingested before
	Rejected  Outcome = "rejected"
)

// Ingest takes one upload: Extract, then Commit.
func (p *Pipeline) Ingest(ctx context.Context, file string, data []byte) (Outcome, Status, error) {
	u, err := p.Extract(ctx, file, data)
	if err != nil {
		return "", Status{}, err
	}
	return p.Commit(ctx, u)
}

// Upload is an upload kept and extracted, not yet committed.
type Upload struct {
	sha       string
	record    saq.Record
	declared  string  // the State the uploader declared (Options.Country), kept on rejections
	unchanged *Status // the upload's status when the same bytes came before
}

// Extract keeps the original and extracts its answers: the slow part of
// ingestion, which may run for several uploads at once. Re-ingesting the
// same bytes changes nothing. A failure at any step leaves a state that the
// next attempt with the same bytes completes: every step is keyed by the
// content hash.
func (p *Pipeline) Extract(ctx context.Context, file string, data []byte) (*Upload, error) {
	return p.ExtractAs(ctx, file, data, p.Options)
}

// ExtractAs is Extract with the options of one upload, such as the State
// a focal point uploads for. That State is kept on the status of a
// rejected upload, so the uploader can see why it was rejected.
func (p *Pipeline) ExtractAs(ctx context.Context, file string, data []byte, opt extract.Options) (*Upload, error) {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if st, err := p.status(ctx, sha); err == nil {
		return &Upload{sha: sha, unchanged: &st}, nil
	} else if saq.KindOf(err) != saq.KindNotFound {
		return nil, err
	}
	if err := p.Store.Put(ctx, OriginalKey(sha), data); err != nil {
		return nil, fmt.Errorf("store original: %w", err)
	}
	rec := extract.File(ctx, file, data, opt)
	if err := p.putJSON(ctx, recordKey(sha), rec); err != nil {
		return nil, fmt.Errorf("store record: %w", err)
	}
	return &Upload{sha: sha, record: rec, declared: opt.Country}, nil
}

// Load returns an upload extracted earlier (its record is stored) for
// Commit, whatever its status: the step that commits in another process
// than the one that extracted (the index function) and that may see the
// same upload more than once. declared is the State the uploader declared.
func (p *Pipeline) Load(ctx context.Context, sha, declared string) (*Upload, error) {
	if !isSHA(sha) {
		return nil, saq.Errorf(saq.KindInvalid, "not an upload key: %q", sha)
	}
	rec, err := p.Record(ctx, sha)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", sha, err)
	}
	return &Upload{sha: sha, record: rec, declared: declared}, nil
}

// Refuse records the rejection of an upload that was not read at all,
// such as one far over the size limit, from its hash alone. The caller
// keeps the original (in AWS, the submissions bucket does).
func (p *Pipeline) Refuse(ctx context.Context, sha, file, declared string, why *saq.Error) (Status, error) {
	if !isSHA(sha) {
		return Status{}, saq.Errorf(saq.KindInvalid, "not an upload key: %q", sha)
	}
	if st, err := p.status(ctx, sha); err == nil {
		return st, nil
	}
	rec := saq.Record{File: file, SHA256: sha, Error: why}
	if err := p.putJSON(ctx, recordKey(sha), rec); err != nil {
		return Status{}, fmt.Errorf("store record: %w", err)
	}
	_, st, err := p.Commit(ctx, &Upload{sha: sha, record: rec, declared: declared})
	return st, err
}

// SHA256 returns the content hash that names the upload.
func (u *Upload) SHA256() string { return u.sha }

// Rejected reports whether extraction rejected the upload.
func (u *Upload) Rejected() bool { return u.unchanged == nil && u.record.Error != nil }

// Unchanged reports whether the same bytes were ingested before.
func (u *Upload) Unchanged() bool { return u.unchanged != nil }

// SubmissionID names the submission the upload is a version of ("" for
// an upload that was not read).
func (u *Upload) SubmissionID() string {
	if u.unchanged != nil {
		return u.unchanged.SubmissionID
	}
	if u.record.Submission == nil {
		return ""
	}
	return SubmissionID(u.record.Submission)
}

// CountryCode is the State whose index partition the upload goes to.
func (u *Upload) CountryCode() string {
	if u.unchanged != nil {
		return u.unchanged.CountryCode
	}
	if u.record.Submission != nil && u.record.Submission.CountryCode != "" {
		return u.record.Submission.CountryCode
	}
	if c, ok := saq.LookupCountry(u.declared); ok {
		return c.Code
	}
	return ""
}

// Commit indexes an extracted upload as the next version of its
// submission, replacing the answers of the version it supersedes. Commits
// are serialised, and should be made in the order the uploads came: that
// order numbers the versions.
func (p *Pipeline) Commit(ctx context.Context, u *Upload) (Outcome, Status, error) {
	if u.unchanged != nil {
		return Unchanged, *u.unchanged, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	sha, rec := u.sha, u.record
	st := Status{SHA256: sha, File: rec.File, IngestedAt: p.now(), Pages: rec.Pages, Warnings: rec.Warnings}
	if rec.Error != nil {
		st.State, st.Error = StateRejected, rec.Error
		if c, ok := saq.LookupCountry(u.declared); ok {
			st.Country, st.CountryCode = c.Name, c.Code
		}
		return Rejected, st, p.putJSON(ctx, statusKey(sha), st)
	}
	sub := rec.Submission
	st.Country, st.CountryCode, st.Instruments, st.Cluster, st.Language = sub.Country, sub.CountryCode, sub.Instruments, sub.Cluster, sub.Language
	st.SubmissionID = SubmissionID(sub)
	st.Answers = len(rec.Answers)

	// Take a version number; supersede the current version.
	s, err := p.submission(ctx, st.SubmissionID)
	if err != nil {
		return "", Status{}, err
	}
	if !slices.Contains(s.Versions, sha) {
		s.Versions = append(s.Versions, sha)
		if err := p.putJSON(ctx, submissionKey(s.ID), s); err != nil {
			return "", Status{}, fmt.Errorf("store submission: %w", err)
		}
	}
	st.Version = slices.Index(s.Versions, sha) + 1
	if last := s.Versions[len(s.Versions)-1]; last != sha {
		// A later version was committed first (a late redelivery):
		// this one is superseded and its answers stay out of the index.
		st.State, st.SupersededBy = StateSuperseded, last
		if err := p.putJSON(ctx, statusKey(sha), st); err != nil {
			return "", Status{}, fmt.Errorf("store status: %w", err)
		}
		return Ingested, st, nil
	}
	older := slices.Clone(s.Versions[:st.Version-1])
	up := indexer.Upload{SHA256: sha, File: rec.File, SubmissionID: st.SubmissionID, Version: st.Version}
	if err := p.Index.Replace(ctx, sub.CountryCode, older, indexer.Docs(rec, up)); err != nil {
		return "", Status{}, err
	}
	for _, v := range older {
		if err := p.supersede(ctx, v, sha); err != nil {
			return "", Status{}, err
		}
	}
	st.State = StateExtracted
	if err := p.putJSON(ctx, statusKey(sha), st); err != nil {
		return "", Status{}, fmt.Errorf("store status: %w", err)
	}
	return Ingested, st, nil
}

// SubmissionID names what a later upload supersedes: the same State,
// cluster and instruments ("MEX-I-UNTOC+TIP"; "UNK" when the State is not
// known, "X" for a questionnaire cut by instrument).
func SubmissionID(sub *saq.Submission) string {
	country := sub.CountryCode
	if country == "" {
		country = "UNK"
	}
	cluster := sub.Cluster
	if cluster == "" {
		cluster = "X"
	}
	insts := make([]string, len(sub.Instruments))
	for i, in := range sub.Instruments {
		insts[i] = string(in)
	}
	if len(insts) == 0 {
		insts = []string{"NONE"}
	}
	return country + "-" + cluster + "-" + strings.Join(insts, "+")
}

func (p *Pipeline) supersede(ctx context.Context, sha, by string) error {
	st, err := p.status(ctx, sha)
	if saq.KindOf(err) == saq.KindNotFound {
		return nil // never finished: nothing to mark
	}
	if err != nil {
		return err
	}
	if st.State == StateSuperseded {
		return nil
	}
	st.State, st.SupersededBy = StateSuperseded, by
	return p.putJSON(ctx, statusKey(sha), st)
}

func (p *Pipeline) submission(ctx context.Context, id string) (Submission, error) {
	var s Submission
	err := p.getJSON(ctx, submissionKey(id), &s)
	if saq.KindOf(err) == saq.KindNotFound {
		return Submission{ID: id}, nil
	}
	return s, err
}

func (p *Pipeline) status(ctx context.Context, sha string) (Status, error) {
	var st Status
	return st, p.getJSON(ctx, statusKey(sha), &st)
}

// Status returns the status of one upload (not_found when unknown).
func (p *Pipeline) Status(ctx context.Context, sha string) (Status, error) {
	if !isSHA(sha) {
		return Status{}, saq.Errorf(saq.KindNotFound, "no such upload")
	}
	return p.status(ctx, sha)
}

// Current returns the status of a submission's current version
// (not_found when the submission has none).
func (p *Pipeline) Current(ctx context.Context, id string) (Status, error) {
	if strings.Trim(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-") != "" || id == "" {
		return Status{}, saq.Errorf(saq.KindNotFound, "no such submission")
	}
	s, err := p.submission(ctx, id)
	if err != nil {
		return Status{}, err
	}
	for i := len(s.Versions) - 1; i >= 0; i-- {
		if st, err := p.status(ctx, s.Versions[i]); err == nil && st.State == StateExtracted {
			return st, nil
		}
	}
	return Status{}, saq.Errorf(saq.KindNotFound, "no such submission")
}

// isSHA reports whether s is a lower-case hex SHA-256, the only form of
// upload key a caller may name (no path can be smuggled through it).
func isSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Statuses lists every upload's status.
func (p *Pipeline) Statuses(ctx context.Context) ([]Status, error) {
	keys, err := p.Store.List(ctx, "status/")
	if err != nil {
		return nil, err
	}
	out := make([]Status, 0, len(keys))
	for _, k := range keys {
		var st Status
		if err := p.getJSON(ctx, k, &st); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// Record returns the stored record of an upload.
func (p *Pipeline) Record(ctx context.Context, sha string) (saq.Record, error) {
	var rec saq.Record
	return rec, p.getJSON(ctx, recordKey(sha), &rec)
}

// Original returns the original bytes of an upload.
func (p *Pipeline) Original(ctx context.Context, sha string) ([]byte, error) {
	return p.Store.Get(ctx, OriginalKey(sha))
}

// Reindex indexes every current version from the stored records alone,
// into idx (a new, empty index), one batch run per State.
func (p *Pipeline) Reindex(ctx context.Context, idx Index) (answers int, err error) {
	sts, err := p.Statuses(ctx)
	if err != nil {
		return 0, err
	}
	byState := map[string]map[string]indexer.Doc{}
	for _, st := range sts {
		if st.State != StateExtracted {
			continue
		}
		rec, err := p.Record(ctx, st.SHA256)
		if err != nil {
			return 0, fmt.Errorf("record %s: %w", st.SHA256, err)
		}
		docs := indexer.Docs(rec, indexer.Upload{SHA256: st.SHA256, File: st.File, SubmissionID: st.SubmissionID, Version: st.Version})
		shard := indexer.ShardOf(st.CountryCode)
		if byState[shard] == nil {
			byState[shard] = map[string]indexer.Doc{}
		}
		maps.Copy(byState[shard], docs)
	}
	for _, state := range slices.Sorted(maps.Keys(byState)) {
		if err := idx.Replace(ctx, state, nil, byState[state]); err != nil {
			return answers, err
		}
		answers += len(byState[state])
	}
	return answers, nil
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now().UTC()
}

func (p *Pipeline) putJSON(ctx context.Context, key string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return p.Store.Put(ctx, key, append(b, '\n'))
}

func (p *Pipeline) getJSON(ctx context.Context, key string, v any) error {
	b, err := p.Store.Get(ctx, key)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}
