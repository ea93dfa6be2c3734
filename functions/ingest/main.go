// Command ingest is the ingest Lambda function: S3 notifications of new
// uploads, from the ingest queue, to extracted records and index messages.
// See serverless.Ingest.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/s3store"
	"github.com/saq-review/saq/infra/sqsqueue"
	"github.com/saq-review/saq/serverless"
)

func main() {
	cfg, err := serverless.FromEnv("SAQ_SUBMISSIONS_BUCKET", "SAQ_DATA_BUCKET", "SAQ_INDEX_QUEUE_URL")
	log := cfg.Logger()
	if err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	s3c, sqsc, err := cfg.Clients(context.Background())
	if err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	data, err := s3store.New(s3store.Options{Bucket: cfg.DataBucket, Client: s3c})
	if err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	h := &serverless.Ingest{
		Uploads:  &serverless.S3Uploads{Client: s3c, Bucket: cfg.SubmissionsBucket},
		Pipeline: &ingest.Pipeline{Store: data},
		Queue:    sqsqueue.New(sqsc, cfg.IndexQueueURL),
		Log:      log,
	}
	lambda.Start(h.Handle)
}
