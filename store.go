package saq

import "context"

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
