package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/saq-review/saq/indexer"
)

// Inventory is what reconciliation needs of an index: to change it, and to
// say which uploads it holds answers of.
type Inventory interface {
	Index
	States() ([]string, error)
	Uploads(ctx context.Context, state string) (map[string]int, error)
}

// Report is what a reconciliation found; each list holds upload hashes.
type Report struct {
	// Unfinished uploads have an original but no status: ingestion
	// stopped part way. Repair commits them (extracting again when the
	// record is missing too).
	Unfinished []string `json:"unfinished"`
	// Missing uploads are current versions whose answers are not all in
	// the index. Repair indexes them again.
	Missing []string `json:"missing"`
	// Stale uploads have answers in the index but are not current
	// versions (superseded, rejected, unknown). Repair removes them.
	Stale []string `json:"stale"`
}

// Clean reports whether nothing was found.
func (r Report) Clean() bool { return len(r.Unfinished)+len(r.Missing)+len(r.Stale) == 0 }

// Reconcile compares what the store says (originals, statuses, versions)
// with what the index holds, and with repair makes them agree: after a
// crash between any two steps of ingestion, after lost writes or a lost
// index, every upload ends with a status, and the index holds the answers
// of current versions, once each, and nothing else. The store is the
// source of truth; the index is rebuilt from it where they differ.
func (p *Pipeline) Reconcile(ctx context.Context, inv Inventory, repair bool) (Report, error) {
	p = &Pipeline{Store: p.Store, Index: inv, Options: p.Options, Now: p.Now}
	rep := Report{Unfinished: []string{}, Missing: []string{}, Stale: []string{}}
	originals, err := p.Store.List(ctx, "originals/")
	if err != nil {
		return rep, err
	}
	for _, key := range originals {
		sha := strings.TrimSuffix(strings.TrimPrefix(key, "originals/"), ".pdf")
		if !isSHA(sha) {
			continue
		}
		if _, err := p.status(ctx, sha); err == nil {
			continue
		}
		rep.Unfinished = append(rep.Unfinished, sha)
		if repair {
			if err := p.finish(ctx, sha); err != nil {
				return rep, fmt.Errorf("finish %s: %w", sha, err)
			}
		}
	}

	// Which uploads should the index hold, per State, and how many answers
	// each? The current versions: extracted and last of their submission.
	want := map[string]map[string]int{}
	sts, err := p.Statuses(ctx)
	if err != nil {
		return rep, err
	}
	for _, st := range sts {
		if st.State != StateExtracted {
			continue
		}
		s, err := p.submission(ctx, st.SubmissionID)
		if err != nil {
			return rep, err
		}
		if len(s.Versions) > 0 && s.Versions[len(s.Versions)-1] != st.SHA256 {
			continue // a later version's commit stopped before marking this one
		}
		shard := indexer.ShardOf(st.CountryCode)
		if want[shard] == nil {
			want[shard] = map[string]int{}
		}
		want[shard][st.SHA256] = st.Answers
	}
	states, err := inv.States()
	if err != nil {
		return rep, err
	}
	for shard := range want {
		if !slices.Contains(states, shard) {
			states = append(states, shard)
		}
	}
	slices.Sort(states)
	for _, state := range states {
		have, err := inv.Uploads(ctx, state)
		if err != nil {
			return rep, err
		}
		for _, sha := range sortedKeys(want[state]) {
			if have[sha] == want[state][sha] {
				continue
			}
			rep.Missing = append(rep.Missing, sha)
			if repair {
				u, err := p.Load(ctx, sha, "")
				if err == nil {
					_, _, err = p.Commit(ctx, u)
				}
				if err != nil {
					return rep, fmt.Errorf("index %s again: %w", sha, err)
				}
			}
		}
		var stale []string
		for _, sha := range sortedKeys(have) {
			if _, ok := want[state][sha]; !ok {
				stale = append(stale, sha)
			}
		}
		rep.Stale = append(rep.Stale, stale...)
		if repair && len(stale) > 0 {
			if err := inv.Replace(ctx, state, stale, nil); err != nil {
				return rep, fmt.Errorf("remove stale answers of %s: %w", state, err)
			}
		}
	}
	return rep, nil
}

// finish completes an upload whose ingestion stopped before its status
// was written: from its record when that was stored, else from the
// original.
func (p *Pipeline) finish(ctx context.Context, sha string) error {
	u, err := p.Load(ctx, sha, "")
	if err != nil {
		data, oerr := p.Original(ctx, sha)
		if oerr != nil {
			return oerr
		}
		// The file name was only on the record: name it by its hash.
		if u, err = p.ExtractAs(ctx, sha+".pdf", data, p.Options); err != nil {
			return err
		}
	}
	_, _, err = p.Commit(ctx, u)
	return err
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
