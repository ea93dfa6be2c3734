// Command index is the index Lambda function: messages of the FIFO index
// queue to published index snapshots. See serverless.Index.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/saq-review/saq/indexer/snapshot"
	"github.com/saq-review/saq/infra/s3store"
	"github.com/saq-review/saq/serverless"
)

func main() {
	cfg, err := serverless.FromEnv("SAQ_DATA_BUCKET")
	log := cfg.Logger()
	if err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	s3c, _, err := cfg.Clients(context.Background())
	if err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	data, err := s3store.New(s3store.Options{Bucket: cfg.DataBucket, Client: s3c})
	if err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	h := &serverless.Index{
		Store: data,
		Publisher: &snapshot.Publisher{
			Store:          data,
			Dir:            cfg.TempDir,
			BeforeManifest: cfg.Crash("before-manifest"),
		},
		Log: log,
	}
	lambda.Start(h.Handle)
}
