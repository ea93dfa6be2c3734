package serverless

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/indexer/snapshot"
)

// DataStore is the data bucket as the index and api functions use it.
type DataStore interface {
	saq.BlobStore
	snapshot.Store
}

// Index handles the FIFO index queue: it commits uploads to their State's
// index partition and publishes it, one publish per State per batch.
type Index struct {
	Store     DataStore
	Publisher *snapshot.Publisher
	Log       *slog.Logger
}

// Handle applies a batch. Messages are grouped by partition in the order
// they came; a partition that fails is retried whole (its messages are
// reported as failures, in order), the others are published.
func (h *Index) Handle(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	fail := func(ids ...string) {
		for _, id := range ids {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: id})
		}
	}
	type item struct {
		id  string
		msg IndexMessage
	}
	var states []string
	byState := map[string][]item{}
	for _, m := range ev.Records {
		msg, err := decodeIndexMessage(m.Body)
		if err != nil {
			h.Log.Error("unusable index message; it will go to the dead-letter queue", "message_id", m.MessageId, "error", err.Error())
			fail(m.MessageId)
			continue
		}
		if _, ok := byState[msg.State]; !ok {
			states = append(states, msg.State)
		}
		byState[msg.State] = append(byState[msg.State], item{m.MessageId, msg})
	}
	for _, state := range states {
		items := byState[state]
		var committed []ingest.Status
		var misrouted []string
		var statuses *heldStatuses
		err := safely(func() error {
			_, err := h.Publisher.Update(ctx, state, func(ctx context.Context, idx *indexer.Index) error {
				committed, misrouted = committed[:0], misrouted[:0] // a retry starts again
				statuses = &heldStatuses{DataStore: h.Store, held: map[string][]byte{}}
				p := &ingest.Pipeline{Store: statuses, Index: idx}
				for _, it := range items {
					u, err := p.Load(ctx, it.msg.SHA256, it.msg.Declared)
					if err != nil {
						return err
					}
					// Commit writes into the upload's own State's shard:
					// under another partition it would never be published,
					// while its status said "extracted". Ingest never
					// sends such a message; a hand-made or edited one
					// fails alone.
					if got := indexer.ShardOf(u.CountryCode()); got != state {
						h.Log.Error("index message for another partition; it will go to the dead-letter queue",
							"message_id", it.id, "state", state, "upload_state", got, "upload", it.msg.SHA256)
						misrouted = append(misrouted, it.id)
						continue
					}
					_, st, err := p.Commit(ctx, u)
					if err != nil {
						return fmt.Errorf("commit %s: %w", it.msg.SHA256, err)
					}
					committed = append(committed, st)
				}
				return nil
			})
			if err != nil {
				return err
			}
			// Published: now the statuses may say so.
			return statuses.flush(ctx)
		})
		if err != nil {
			h.Log.Error("index update failed; its messages will be retried", "state", state, "error", err.Error())
			for _, it := range items {
				fail(it.id)
			}
			continue
		}
		fail(misrouted...)
		for _, st := range committed {
			h.Log.Info("upload indexed", "state", state, "upload", st.SHA256, "submission_id", st.SubmissionID,
				"version", st.Version, "status", st.State, "answers", st.Answers)
		}
	}
	// Failures in the order of the batch, as FIFO queues expect.
	order := map[string]int{}
	for i, m := range ev.Records {
		order[m.MessageId] = i
	}
	slices.SortFunc(resp.BatchItemFailures, func(a, b events.SQSBatchItemFailure) int {
		return order[a.ItemIdentifier] - order[b.ItemIdentifier]
	})
	return resp, nil
}

// decodeIndexMessage reads the body of an index message and returns it
// with State as the index partition; an error means no delivery can
// succeed. The hash is checked here, not only when the upload is loaded:
// a message whose hash is not one failed its whole partition's batch, on
// every retry, taking the good messages of that State with it to the
// dead-letter queue.
func decodeIndexMessage(body string) (IndexMessage, error) {
	var msg IndexMessage
	if err := json.Unmarshal([]byte(body), &msg); err != nil {
		return IndexMessage{}, fmt.Errorf("not an index message: %w", err)
	}
	if msg.State == "" {
		return IndexMessage{}, errors.New("no state")
	}
	if !isSHA256(msg.SHA256) {
		return IndexMessage{}, fmt.Errorf("sha256 %q is not a lower-case hex SHA-256", msg.SHA256)
	}
	msg.State = indexer.ShardOf(msg.State)
	return msg, nil
}

// isSHA256 reports whether s is a lower-case hex SHA-256, the form of
// upload keys (ingest.Pipeline.Load refuses any other).
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// heldStatuses keeps the status records that committing writes until the
// partition is published, so that "extracted" never names answers that
// are not yet searchable, and a change that never gets published (its
// message ends in the dead-letter queue) is not reported as done. Reads
// see the held records; other keys pass through.
type heldStatuses struct {
	DataStore
	held  map[string][]byte
	order []string
}

func (s *heldStatuses) Put(ctx context.Context, key string, data []byte) error {
	if !strings.HasPrefix(key, "status/") {
		return s.DataStore.Put(ctx, key, data)
	}
	if _, ok := s.held[key]; !ok {
		s.order = append(s.order, key)
	}
	s.held[key] = data
	return nil
}

func (s *heldStatuses) Get(ctx context.Context, key string) ([]byte, error) {
	if b, ok := s.held[key]; ok {
		return b, nil
	}
	return s.DataStore.Get(ctx, key)
}

func (s *heldStatuses) flush(ctx context.Context) error {
	for _, key := range s.order {
		if err := s.DataStore.Put(ctx, key, s.held[key]); err != nil {
			return fmt.Errorf("store status after publishing: %w", err)
		}
	}
	return nil
}
