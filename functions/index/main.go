// Command index is the index Lambda function: messages of the FIFO index
// queue to published index snapshots. See serverless.Index.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/saq-review/saq/indexer/snapshot"
	"github.com/saq-review/saq/serverless"
)

func main() {
	env := serverless.Setup("SAQ_DATA_BUCKET")
	h := &serverless.Index{
		Store: env.Data,
		Publisher: &snapshot.Publisher{
			Store:          env.Data,
			Dir:            env.TempDir,
			BeforeManifest: env.Crash("before-manifest"),
		},
		Log: env.Log,
	}
	lambda.Start(h.Handle)
}
