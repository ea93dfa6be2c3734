// Package s3store is the S3 implementation of saq.BlobStore: one object per
// key in a bucket, under an optional key prefix. It works against AWS S3 and
// S3-compatible servers (path-style or virtual-hosted, as the *s3.Client is
// configured).
//
// Besides the BlobStore methods it offers conditional writes (GetVersion and
// PutIf, for compare-and-swap of small control objects such as the manifest
// of index snapshots) and presigned GET URLs.
package s3store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/infra/filestore"
)

// ErrPrecondition is returned (wrapped; test with errors.Is) by PutIf when
// the condition did not hold: the object already exists (create-only), or it
// no longer has the given ETag (another writer got there first, or it was
// deleted). The caller re-reads with GetVersion, re-applies its change and
// retries PutIf with the new ETag.
var ErrPrecondition = saq.ErrPrecondition

// MaxPresignTTL is the longest lifetime of a presigned URL that SigV4
// allows (7 days).
const MaxPresignTTL = 7 * 24 * time.Hour

// Options configure a Store.
type Options struct {
	// Bucket is the name of the bucket; required.
	Bucket string
	// Prefix is prepended to every key, e.g. "data/": key "records/a.json"
	// is stored as object "data/records/a.json". Empty, or a valid key
	// followed by "/".
	Prefix string
	// Client talks to S3; required. Its region, credentials, endpoint,
	// path-style setting and retry policy are used as they are.
	Client *s3.Client
}

// Store is a saq.BlobStore on an S3 bucket (or an S3-compatible server),
// under an optional key prefix. It is safe for concurrent use.
type Store struct {
	bucket  string
	prefix  string
	client  *s3.Client
	presign *s3.PresignClient

	// pageSize is the MaxKeys of each ListObjectsV2 request; 0 lets the
	// server choose (1000 on S3). Tests lower it.
	pageSize int32
}

var _ saq.BlobStore = (*Store)(nil)

// New returns a store on opt.Bucket. It makes no request.
func New(opt Options) (*Store, error) {
	if opt.Client == nil {
		return nil, errors.New("s3store: Options.Client is required")
	}
	if opt.Bucket == "" {
		return nil, errors.New("s3store: Options.Bucket is required")
	}
	if opt.Prefix != "" && (!strings.HasSuffix(opt.Prefix, "/") || !filestore.ValidKey(strings.TrimSuffix(opt.Prefix, "/"))) {
		return nil, fmt.Errorf("s3store: invalid Options.Prefix %q: want \"\" or a clean path ending in \"/\"", opt.Prefix)
	}
	return &Store{
		bucket:  opt.Bucket,
		prefix:  opt.Prefix,
		client:  opt.Client,
		presign: s3.NewPresignClient(opt.Client),
	}, nil
}

// Bucket returns the bucket of the store.
func (s *Store) Bucket() string { return s.bucket }

// Prefix returns the key prefix of the store.
func (s *Store) Prefix() string { return s.prefix }

// object returns the object key for key, or an invalid error. Keys follow
// the rules of filestore.ValidKey, so that a key valid in one store is valid
// in the other and none escapes the prefix.
func (s *Store) object(key string) (string, error) {
	if !filestore.ValidKey(key) {
		return "", saq.Errorf(saq.KindInvalid, "invalid storage key %q", key)
	}
	return s.prefix + key, nil
}

// Get implements saq.BlobStore.
func (s *Store) Get(ctx context.Context, key string) ([]byte, error) {
	data, _, err := s.get(ctx, "get", key)
	return data, err
}

// GetVersion returns the bytes under key and their ETag (as the server sent
// it, quotes included), to pass to PutIf. A missing key is an *saq.Error of
// kind not_found.
func (s *Store) GetVersion(ctx context.Context, key string) (data []byte, etag string, err error) {
	data, etag, err = s.get(ctx, "get-version", key)
	if err == nil && etag == "" {
		return nil, "", fmt.Errorf("s3 get-version %s: the response has no ETag", key)
	}
	return data, etag, err
}

func (s *Store) get(ctx context.Context, op, key string) ([]byte, string, error) {
	obj, err := s.object(key)
	if err != nil {
		return nil, "", err
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(obj),
	})
	if err != nil {
		if isNotFound(err) {
			return nil, "", saq.Errorf(saq.KindNotFound, "%s not found", key)
		}
		return nil, "", fmt.Errorf("s3 %s %s: %w", op, key, err)
	}
	defer out.Body.Close()
	var buf bytes.Buffer
	if n := aws.ToInt64(out.ContentLength); n > 0 && n < 1<<31 {
		buf.Grow(int(n))
	}
	if _, err := buf.ReadFrom(out.Body); err != nil {
		return nil, "", fmt.Errorf("s3 %s %s: read body: %w", op, key, err)
	}
	data := buf.Bytes()
	if data == nil {
		data = []byte{} // an empty object, not a missing one
	}
	return data, aws.ToString(out.ETag), nil
}

// Put implements saq.BlobStore. A single PutObject replaces the object
// atomically. The Content-Type is guessed from the key's extension.
func (s *Store) Put(ctx context.Context, key string, data []byte) error {
	_, err := s.put(ctx, "put", key, data, nil, nil)
	return err
}

// PutIf writes data under key only if the object is as the caller last saw
// it, and returns the new ETag. ifMatch "" means create only (If-None-Match:
// *): it fails if the key exists. Otherwise ifMatch is an ETag from
// GetVersion or an earlier PutIf (If-Match): it fails if the object has
// another ETag or no longer exists.
//
// A lost race returns an error wrapping ErrPrecondition (errors.Is); the
// caller re-reads with GetVersion, re-applies its change and retries. It
// can also mean that the SDK retried a request whose first attempt did
// succeed, so re-reading is the only way to know the current state.
//
// S3's ETag of a single-part upload is the MD5 of the bytes (without
// SSE-KMS), so writing bytes identical to the current ones does not change
// the ETag: callers that need to detect every write put a sequence number
// or a random id into the data.
func (s *Store) PutIf(ctx context.Context, key string, data []byte, ifMatch string) (etag string, err error) {
	if ifMatch == "" {
		return s.put(ctx, "put-if", key, data, nil, aws.String("*"))
	}
	return s.put(ctx, "put-if", key, data, aws.String(ifMatch), nil)
}

func (s *Store) put(ctx context.Context, op, key string, data []byte, ifMatch, ifNoneMatch *string) (string, error) {
	obj, err := s.object(key)
	if err != nil {
		return "", err
	}
	in := &s3.PutObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(obj),
		// A seekable body: over plain http the SDK cannot send an
		// unseekable one (it needs TLS for the aws-chunked trailer).
		Body:          bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))),
		IfMatch:       ifMatch,
		IfNoneMatch:   ifNoneMatch,
	}
	if ct := mime.TypeByExtension(path.Ext(key)); ct != "" {
		in.ContentType = aws.String(ct)
	}
	out, err := s.client.PutObject(ctx, in)
	if err != nil {
		if (ifMatch != nil || ifNoneMatch != nil) && isPrecondition(err) {
			return "", fmt.Errorf("s3 %s %s: %w: %w", op, key, ErrPrecondition, err)
		}
		return "", fmt.Errorf("s3 %s %s: %w", op, key, err)
	}
	etag := aws.ToString(out.ETag)
	if op == "put-if" && etag == "" {
		// Written, but without an ETag the caller cannot chain the next
		// PutIf; it must re-read. Never guess one with a HEAD request:
		// another writer may already have replaced the object.
		return "", fmt.Errorf("s3 %s %s: written, but the response has no ETag", op, key)
	}
	return etag, nil
}

// List implements saq.BlobStore: all keys that start with prefix, sorted,
// read page by page with ListObjectsV2. Objects under the store's prefix
// whose remaining name is not a valid key (such as "folder/" markers made by
// consoles) are skipped, since Get would refuse them.
func (s *Store) List(ctx context.Context, prefix string) ([]string, error) {
	// The same rule as filestore: the directory part of the prefix must be
	// a valid key.
	if i := strings.LastIndex(prefix, "/"); i >= 0 && !filestore.ValidKey(prefix[:i]) {
		return nil, saq.Errorf(saq.KindInvalid, "invalid storage prefix %q", prefix)
	}
	in := &s3.ListObjectsV2Input{
		Bucket: aws.String(s.bucket),
		Prefix: aws.String(s.prefix + prefix),
	}
	if s.pageSize > 0 {
		in.MaxKeys = aws.Int32(s.pageSize)
	}
	var keys []string
	seen := map[string]bool{}
	for {
		out, err := s.client.ListObjectsV2(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("s3 list %s: %w", prefix, err)
		}
		for _, o := range out.Contents {
			k, ok := strings.CutPrefix(aws.ToString(o.Key), s.prefix)
			if ok && strings.HasPrefix(k, prefix) && filestore.ValidKey(k) {
				keys = append(keys, k)
			}
		}
		// Follow the continuation token while the listing says it is
		// truncated. Some servers (gofakes3) say so when exactly MaxKeys
		// keys remained; the next page is then empty and not truncated.
		next := aws.ToString(out.NextContinuationToken)
		if !aws.ToBool(out.IsTruncated) {
			break
		}
		if next == "" {
			return nil, fmt.Errorf("s3 list %s: truncated listing without a continuation token", prefix)
		}
		if seen[next] {
			return nil, fmt.Errorf("s3 list %s: the server repeated continuation token %q", prefix, next)
		}
		seen[next] = true
		in.ContinuationToken = aws.String(next)
	}
	// S3 lists in UTF-8 byte order already; sort anyway (other servers),
	// and drop a key that a server repeated across pages.
	slices.Sort(keys)
	return slices.Compact(keys), nil
}

// PresignGet returns a URL that fetches the object under key with a plain
// HTTP GET, without credentials, for ttl (at most MaxPresignTTL). It makes no
// request: the object need not exist, and a missing one gives 404 when the
// URL is used. The URL carries the signature of the client's credentials;
// with temporary credentials (Lambda's role) it stops working when they
// expire, even before ttl.
func (s *Store) PresignGet(ctx context.Context, key string, ttl time.Duration) (string, error) {
	obj, err := s.object(key)
	if err != nil {
		return "", err
	}
	if ttl <= 0 || ttl > MaxPresignTTL {
		return "", saq.Errorf(saq.KindInvalid, "presigned URL lifetime %v out of range (0, %v]", ttl, MaxPresignTTL)
	}
	req, err := s.presign.PresignGetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(obj),
	}, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("s3 presign get %s: %w", key, err)
	}
	return req.URL, nil
}

// isNotFound reports whether err says that the object does not exist:
// NoSuchKey (GetObject), NotFound (HEAD requests, which have no error body)
// or any other 404 except a missing bucket, which is a configuration error
// and must not look like a missing object.
func isNotFound(err error) bool {
	var nsk *types.NoSuchKey
	var nf *types.NotFound
	if errors.As(err, &nsk) || errors.As(err, &nf) {
		return true
	}
	var nsb *types.NoSuchBucket
	if errors.As(err, &nsb) {
		return false
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "NoSuchBucket" {
		return false
	}
	return httpStatus(err) == http.StatusNotFound
}

// isPrecondition reports whether a conditional write failed on its
// condition: 412 PreconditionFailed, or 409 ConditionalRequestConflict
// (S3's answer when a concurrent conditional write is in flight).
func isPrecondition(err error) bool {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "PreconditionFailed", "ConditionalRequestConflict":
			return true
		}
	}
	return httpStatus(err) == http.StatusPreconditionFailed
}

// httpStatus returns the HTTP status of the response that err came from,
// or 0. (*smithyhttp.ResponseError and the AWS wrappers that embed it all
// have HTTPStatusCode.)
func httpStatus(err error) int {
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}
