// Command echo is the Lambda function the lambdatest tests run under the
// emulator. Its handler takes any JSON event and, depending on the event's
// fields, echoes it, fails, panics, sleeps or reports an environment
// variable, so each emulator behaviour can be provoked on purpose.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

// command holds the fields of an event that make the handler do something
// other than echo. An event that is not a JSON object is echoed.
type command struct {
	Panic   bool    `json:"panic"`
	Error   string  `json:"error"`
	SleepMS int     `json:"sleep_ms"`
	Env     *string `json:"env"`
}

func handle(ctx context.Context, event json.RawMessage) (json.RawMessage, error) {
	var c command
	_ = json.Unmarshal(event, &c) // not an object: echo it
	switch {
	case c.Panic:
		panic("echo: panic requested")
	case c.Error != "":
		return nil, errors.New(c.Error)
	case c.Env != nil:
		v, ok := os.LookupEnv(*c.Env)
		return json.Marshal(map[string]any{"value": v, "set": ok})
	case c.SleepMS > 0:
		// Deliberately deaf to ctx, like a stuck handler, so that the
		// emulator's timeout is what ends the invocation.
		time.Sleep(time.Duration(c.SleepMS) * time.Millisecond)
		return event, nil
	}
	return event, nil
}

func main() {
	fmt.Fprintln(os.Stderr, "echo: cold start")
	lambda.Start(handle)
}
