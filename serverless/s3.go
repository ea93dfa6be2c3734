package serverless

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/s3store"
)

// S3Uploads reads uploads from the submissions bucket.
type S3Uploads struct {
	Client *s3.Client
	Bucket string
}

// Fetch implements Uploads. An object over max bytes is read through
// once to hash it, never held in memory.
func (u *S3Uploads) Fetch(ctx context.Context, key, versionID string, max int64) (Object, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(u.Bucket), Key: aws.String(key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	out, err := u.Client.GetObject(ctx, in)
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) && (ae.ErrorCode() == "NoSuchKey" || ae.ErrorCode() == "NoSuchVersion") {
			return Object{}, saq.Errorf(saq.KindNotFound, "no upload %s", key)
		}
		return Object{}, fmt.Errorf("s3 get %s/%s: %w", u.Bucket, key, err)
	}
	defer out.Body.Close()
	obj := Object{Metadata: map[string]string{}}
	for k, v := range out.Metadata {
		obj.Metadata[strings.ToLower(k)] = v
	}
	if out.ContentLength != nil && *out.ContentLength > max {
		h := sha256.New()
		n, err := io.Copy(h, out.Body)
		if err != nil {
			return Object{}, fmt.Errorf("s3 read %s: %w", key, err)
		}
		obj.SHA256, obj.Size = hex.EncodeToString(h.Sum(nil)), n
		return obj, nil
	}
	obj.Data, err = io.ReadAll(io.LimitReader(out.Body, max+1))
	if err != nil {
		return Object{}, fmt.Errorf("s3 read %s: %w", key, err)
	}
	obj.Size = int64(len(obj.Data))
	if obj.Size > max { // no Content-Length: found out while reading
		h := sha256.New()
		h.Write(obj.Data)
		n, err := io.Copy(h, out.Body)
		if err != nil {
			return Object{}, fmt.Errorf("s3 read %s: %w", key, err)
		}
		obj.SHA256, obj.Size, obj.Data = hex.EncodeToString(h.Sum(nil)), obj.Size+n, nil
	}
	return obj, nil
}

// S3Files puts uploads into the submissions bucket (whose notifications
// start the ingest function) and presigns downloads of originals from the
// data bucket: the api function's api.Files.
type S3Files struct {
	Client *s3.Client
	Bucket string         // submissions
	Data   *s3store.Store // originals/
}

// UploadKey is where an upload of a State is put.
func UploadKey(country, sha string) string { return "uploads/" + country + "/" + sha + ".pdf" }

// Submit implements api.Files. The key is the content hash, and the put
// is create-only: the same bytes submitted twice make one notification.
func (f *S3Files) Submit(ctx context.Context, up api.Submitted) error {
	_, err := f.Client.PutObject(ctx, &s3.PutObjectInput{
		Bucket:      aws.String(f.Bucket),
		Key:         aws.String(UploadKey(up.Country, up.SHA256)),
		Body:        bytes.NewReader(up.Data),
		ContentType: aws.String("application/pdf"),
		Metadata:    metadata(up),
		IfNoneMatch: aws.String("*"),
	})
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "PreconditionFailed" {
		return nil // already there, waiting for ingestion
	}
	if err != nil {
		return fmt.Errorf("s3 put upload: %w", err)
	}
	return nil
}

// UploadURL implements api.Files: a presigned PUT under the uploader's
// State, with the declared metadata among the signed headers (the
// uploader must send them as given, or S3 refuses the PUT). The key is
// random: the pipeline names the upload by its content hash on reading.
func (f *S3Files) UploadURL(ctx context.Context, up api.Submitted, ttl time.Duration) (api.PresignedUpload, error) {
	var id [12]byte
	rand.Read(id[:])
	in := &s3.PutObjectInput{
		Bucket:      aws.String(f.Bucket),
		Key:         aws.String("uploads/" + up.Country + "/" + hex.EncodeToString(id[:]) + ".pdf"),
		ContentType: aws.String("application/pdf"),
		Metadata:    metadata(up),
	}
	req, err := s3.NewPresignClient(f.Client).PresignPutObject(ctx, in, s3.WithPresignExpires(ttl))
	if err != nil {
		return api.PresignedUpload{}, fmt.Errorf("presign upload: %w", err)
	}
	out := api.PresignedUpload{URL: req.URL, Headers: map[string]string{}}
	for k, vs := range req.SignedHeader {
		if !strings.EqualFold(k, "Host") {
			out.Headers[k] = strings.Join(vs, ",")
		}
	}
	return out, nil
}

// metadata is what an upload declares, as S3 user metadata (ASCII).
func metadata(up api.Submitted) map[string]string {
	insts := make([]string, len(up.Instruments))
	for i, in := range up.Instruments {
		insts[i] = string(in)
	}
	meta := map[string]string{MetaFile: url.PathEscape(up.File), MetaSubject: url.PathEscape(up.Subject)}
	for k, v := range map[string]string{MetaCluster: up.Cluster, MetaInstruments: strings.Join(insts, ","), MetaLanguage: up.Language} {
		if v != "" {
			meta[k] = v
		}
	}
	return meta
}

// Download implements api.Files.
func (f *S3Files) Download(ctx context.Context, sha, file string, ttl time.Duration) (string, error) {
	return f.Data.PresignGet(ctx, ingest.OriginalKey(sha), ttl)
}
