// Package s3test runs an in-memory S3 server (gofakes3) on loopback for
// tests, and makes aws-sdk-go-v2 clients that talk the real wire protocol to
// it (path-style, static credentials, region us-east-1).
//
// gofakes3 does not check request signatures (a tampered presigned URL or
// wrong credentials are accepted), and its ListObjectsV2 reports a truncated
// listing whenever a page is full and any object follows in the bucket, even
// outside the requested prefix (the next page is then empty). Tests that
// need signature checks use versitygw instead.
package s3test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Region, AccessKey and SecretKey are what NewClient signs with.
const (
	Region    = "us-east-1"
	AccessKey = "AKIAS3TESTFAKE"
	SecretKey = "s3test-secret-key"
)

// Server is a running fake S3 server.
type Server struct {
	URL    string     // http://127.0.0.1:port
	Client *s3.Client // a client for URL

	buckets atomic.Int64
}

// Start starts a server that is closed when the test ends.
func Start(t testing.TB) *Server { return StartWith(t, nil) }

// StartWith is Start with the server's handler wrapped by wrap (when not
// nil), e.g. to count, delay or fail requests.
func StartWith(t testing.TB, wrap func(http.Handler) http.Handler) *Server {
	t.Helper()
	h := gofakes3.New(s3mem.New()).Server()
	if wrap != nil {
		h = wrap(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &Server{URL: ts.URL, Client: NewClient(ts.URL)}
}

// NewClient returns a client for the S3-compatible server at endpoint.
func NewClient(endpoint string) *s3.Client {
	return s3.New(s3.Options{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		// gofakes3 returns no checksums; do not log that on every GET.
		DisableLogOutputChecksumValidationSkipped: true,
	})
}

// NewBucket creates a fresh, empty bucket and returns its name.
func (s *Server) NewBucket(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("test-bucket-%04d", s.buckets.Add(1))
	if _, err := s.Client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("s3test: create bucket %s: %v", name, err)
	}
	return name
}
