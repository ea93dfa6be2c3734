package saq

import (
	"context"
	"errors"
)

// BlobStore keeps the files of the pipeline under slash-separated keys:
// original uploads (never modified or deleted), answer records, status
// records. Implementations: a local directory (infra/filestore) and S3
// (infra/s3store).
type BlobStore interface {
	// Get returns the bytes under key, or an *Error of kind not_found.
	Get(ctx context.Context, key string) ([]byte, error)
	// Put stores data under key, replacing what was there, atomically:
	// readers see the old or the new bytes, never a part.
	Put(ctx context.Context, key string, data []byte) error
	// List returns the keys that start with prefix, sorted.
	List(ctx context.Context, prefix string) ([]string, error)
}

// Queue carries work from one step of the pipeline to the next: in AWS an
// SQS queue (infra/sqsqueue), whose messages Lambda delivers to the next
// function; locally an in-process queue.
type Queue interface {
	// Send enqueues one message. Delivery is at least once: receivers are
	// idempotent.
	Send(ctx context.Context, m Message) error
}

// Message is one unit of work on a Queue.
type Message struct {
	// Group orders messages on a FIFO queue: those of one group are
	// delivered one at a time, in the order sent (an SQS message group;
	// ignored by standard queues). The index step groups by State, so one
	// writer at a time updates a State's index partition.
	Group string
	// DedupID makes a resend of the same message within the queue's
	// deduplication window a no-op (FIFO queues; ignored elsewhere).
	DedupID string
	Body    []byte
}

// ErrPrecondition is wrapped by conditional writes that lost: the object
// changed (or appeared) since it was read. The writer re-reads and tries
// again; test with errors.Is.
var ErrPrecondition = errors.New("precondition failed")
