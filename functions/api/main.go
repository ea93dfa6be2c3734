// Command api is the api Lambda function: API Gateway HTTP API requests
// to the same handlers and web application as `saq serve`, over the
// published index. See serverless.API.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/infra/s3store"
	"github.com/saq-review/saq/serverless"
	"github.com/saq-review/saq/web"
)

func main() {
	cfg, err := serverless.FromEnv("SAQ_DATA_BUCKET", "SAQ_SUBMISSIONS_BUCKET")
	log := cfg.Logger()
	fatal := func(err error) {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	if err != nil {
		fatal(err)
	}
	s3c, _, err := cfg.Clients(context.Background())
	if err != nil {
		fatal(err)
	}
	data, err := s3store.New(s3store.Options{Bucket: cfg.DataBucket, Client: s3c})
	if err != nil {
		fatal(err)
	}
	plan, err := saq.DefaultPlan()
	if err != nil {
		fatal(err)
	}
	dir, err := serverless.TempDir(cfg.TempDir)
	if err != nil {
		fatal(err)
	}
	h := &serverless.API{
		Store:   data,
		Files:   &serverless.S3Files{Client: s3c, Bucket: cfg.SubmissionsBucket, Data: data},
		Plan:    plan,
		UI:      web.Handler(),
		Dir:     dir,
		Refresh: cfg.Refresh,
		Log:     log,
	}
	lambda.Start(h.Handle)
}
