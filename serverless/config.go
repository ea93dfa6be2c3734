// Package serverless runs saq on AWS Lambda: the handlers of the ingest,
// index and api functions, over S3 (infra/s3store) and SQS
// (infra/sqsqueue). The functions' mains only read the configuration and
// start a handler; everything here is the same core the local runner uses
// (ingest.Pipeline, api.Server), wired to events.
//
// The flow: an upload lands in the submissions bucket under
// uploads/{ISO3}/…; its notification reaches the ingest queue; Ingest
// keeps the original in the data bucket, extracts it, stores the record and
// sends one message to the FIFO index queue, grouped by State; Index
// commits those uploads to the State's index partition and publishes it
// (indexer/snapshot); API serves the published generation, refreshed
// every few seconds.
package serverless

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/saq-review/saq/infra/s3store"
)

// Config is what the functions read from their environment (template.yaml
// sets it).
type Config struct {
	SubmissionsBucket string        // SAQ_SUBMISSIONS_BUCKET: uploads, as focal points put them
	DataBucket        string        // SAQ_DATA_BUCKET: originals, records, statuses, index snapshots
	IndexQueueURL     string        // SAQ_INDEX_QUEUE_URL: the FIFO queue from ingest to index
	Refresh           time.Duration // SAQ_REFRESH_SECONDS: how often api looks for a newer index; 5 s
	TempDir           string        // TMPDIR, else /tmp: local copies of the index
	LogLevel          slog.Level    // SAQ_LOG_LEVEL: debug, info (default), warn, error
	// Fault names a step at which the process dies, to test recovery
	// (SAQ_FAULT; never set in a deployment): "before-manifest" ends the
	// index function between its snapshot upload and its manifest write,
	// "before-send" the ingest function between storing an extracted
	// upload and sending its index message.
	Fault string

	// S3Endpoint and SQSEndpoint point the clients at S3- and
	// SQS-compatible servers (SAQ_S3_ENDPOINT, SAQ_SQS_ENDPOINT; tests),
	// with path-style S3 addressing.
	S3Endpoint, SQSEndpoint string
}

// FromEnv reads the configuration; need names the variables the calling
// function cannot do without.
func FromEnv(need ...string) (Config, error) {
	c := Config{
		SubmissionsBucket: os.Getenv("SAQ_SUBMISSIONS_BUCKET"),
		DataBucket:        os.Getenv("SAQ_DATA_BUCKET"),
		IndexQueueURL:     os.Getenv("SAQ_INDEX_QUEUE_URL"),
		Refresh:           5 * time.Second,
		TempDir:           os.TempDir(),
		S3Endpoint:        os.Getenv("SAQ_S3_ENDPOINT"),
		SQSEndpoint:       os.Getenv("SAQ_SQS_ENDPOINT"),
		Fault:             os.Getenv("SAQ_FAULT"),
	}
	for _, name := range need {
		if os.Getenv(name) == "" {
			return Config{}, fmt.Errorf("%s is not set", name)
		}
	}
	if v := os.Getenv("SAQ_REFRESH_SECONDS"); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n < 0 {
			return Config{}, fmt.Errorf("SAQ_REFRESH_SECONDS=%q: want a number of seconds", v)
		}
		c.Refresh = time.Duration(n * float64(time.Second))
	}
	if v := os.Getenv("SAQ_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return Config{}, fmt.Errorf("SAQ_LOG_LEVEL=%q: %w", v, err)
		}
	}
	return c, nil
}

// Logger returns the JSON logger the functions write to stdout (Lambda
// sends it to CloudWatch).
func (c Config) Logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: c.LogLevel}))
}

// Clients returns the S3 and SQS clients, with the credentials and region
// of the function's environment.
func (c Config) Clients(ctx context.Context) (*s3.Client, *sqs.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("aws config: %w", err)
	}
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) {
		// S3-compatible servers may send no checksum; not worth a log line.
		o.DisableLogOutputChecksumValidationSkipped = true
		if c.S3Endpoint != "" {
			o.BaseEndpoint = aws.String(c.S3Endpoint)
			o.UsePathStyle = true
		}
	})
	sqsc := sqs.NewFromConfig(cfg, func(o *sqs.Options) {
		if c.SQSEndpoint != "" {
			o.BaseEndpoint = aws.String(c.SQSEndpoint)
		}
	})
	return s3c, sqsc, nil
}

// Crash returns a hook that ends the process at the step named by Fault,
// as a crash there would, or nil.
func (c Config) Crash(step string) func() error {
	if c.Fault != step {
		return nil
	}
	return func() error {
		fmt.Fprintf(os.Stderr, "SAQ_FAULT: crashing at %s\n", step)
		os.Exit(3)
		return nil
	}
}

// Env is what every function's main sets up: its configuration, logger,
// clients and the data bucket.
type Env struct {
	Config
	Log  *slog.Logger
	S3   *s3.Client
	SQS  *sqs.Client
	Data *s3store.Store
}

// Setup reads the configuration (need: the variables the function cannot
// do without) and makes the clients. On failure it logs why and exits:
// a function that cannot start should say so in its first log line.
func Setup(need ...string) *Env {
	cfg, err := FromEnv(need...)
	e := &Env{Config: cfg, Log: cfg.Logger()}
	if err != nil {
		e.Fatal(err)
	}
	if e.S3, e.SQS, err = cfg.Clients(context.Background()); err != nil {
		e.Fatal(err)
	}
	if e.Data, err = s3store.New(s3store.Options{Bucket: cfg.DataBucket, Client: e.S3}); err != nil {
		e.Fatal(err)
	}
	return e
}

// Fatal logs an error of setting up and exits.
func (e *Env) Fatal(err error) {
	e.Log.Error("configuration", "error", err.Error())
	os.Exit(1)
}
