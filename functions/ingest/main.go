// Command ingest is the ingest Lambda function: S3 notifications of new
// uploads, from the ingest queue, to extracted records and index messages.
// See serverless.Ingest.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/sqsqueue"
	"github.com/saq-review/saq/serverless"
)

func main() {
	env := serverless.Setup("SAQ_SUBMISSIONS_BUCKET", "SAQ_DATA_BUCKET", "SAQ_INDEX_QUEUE_URL")
	h := &serverless.Ingest{
		Uploads:  &serverless.S3Uploads{Client: env.S3, Bucket: env.SubmissionsBucket},
		Pipeline: &ingest.Pipeline{Store: env.Data},
		Queue:    sqsqueue.New(env.SQS, env.IndexQueueURL),
		Log:      env.Log,
		// Never set in a deployment: see serverless.Config.Fault.
		BeforeSend: env.Crash("before-send"),
	}
	lambda.Start(h.Handle)
}
