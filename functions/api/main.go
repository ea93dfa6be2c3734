// Command api is the api Lambda function: API Gateway HTTP API requests
// to the same handlers and web application as `saq serve`, over the
// published index. See serverless.API.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/serverless"
	"github.com/saq-review/saq/web"
)

func main() {
	env := serverless.Setup("SAQ_DATA_BUCKET", "SAQ_SUBMISSIONS_BUCKET")
	plan, err := saq.DefaultPlan()
	if err != nil {
		env.Fatal(err)
	}
	dir, err := serverless.TempDir(env.TempDir)
	if err != nil {
		env.Fatal(err)
	}
	h := &serverless.API{
		Store:   env.Data,
		Files:   &serverless.S3Files{Client: env.S3, Bucket: env.SubmissionsBucket, Data: env.Data},
		Plan:    plan,
		UI:      web.Handler(),
		Dir:     dir,
		Refresh: env.Refresh,
		Log:     env.Log,
	}
	lambda.Start(h.Handle)
}
