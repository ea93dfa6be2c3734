package sqstest

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"maps"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/saq-review/saq/infra/sqsqueue"
)

// EventSource mimics the SQS event source mapping of AWS Lambda, with
// ReportBatchItemFailures on: it receives batches from a queue, passes each
// to the function as an events.SQSEvent, and deletes or retries the
// messages according to the outcome. The zero value is ready to use.
//
// Unlike Lambda it retries failed messages at once (visibility timeout 0)
// rather than after the queue's visibility timeout, so that tests do not
// wait.
type EventSource struct {
	// Region is the awsRegion of the records; "" means Region.
	Region string
	// PollInterval is the pause before receiving again when no message
	// was receivable but some are in flight elsewhere (another Drain holds
	// them, or their FIFO group is busy); 0 means 10ms.
	PollInterval time.Duration
}

// Stats counts what one Drain did.
type Stats struct {
	Batches     int // ReceiveMessage calls that returned messages
	Invocations int // calls of the function
	Messages    int // records passed to the function, redeliveries included
	Deleted     int // messages deleted after success
	Retried     int // messages made visible again after a failure
}

// maxBatchFIFO is the largest batch Lambda passes from a FIFO queue.
const maxBatchFIFO = 10

// Drain passes the messages of q to fn until the queue has no visible and
// no in-flight message, or ctx ends. queueARN is the eventSourceARN of the
// records. Each invocation gets up to batch records (1 to 10 on FIFO
// queues; beyond 10 on standard queues, several receives fill one batch),
// in delivery order.
//
// After fn returns an error, all the batch's messages are retried. Otherwise
// the messages whose MessageId is listed in the response's
// BatchItemFailures are retried and the others deleted; an empty or unknown
// ItemIdentifier fails the whole batch, as on Lambda.
//
// Several Drains may run on one queue at once, as concurrent Lambda
// instances do; each returns its own Stats. The error is that of a queue
// request or of ctx, never fn's.
func (e *EventSource) Drain(ctx context.Context, q *sqsqueue.Queue, queueARN string, batch int,
	fn func(context.Context, events.SQSEvent) (events.SQSEventResponse, error)) (Stats, error) {
	var st Stats
	if batch < 1 || q.FIFO() && batch > maxBatchFIFO {
		return st, errors.New("sqstest: drain: batch size must be 1 to 10 for a FIFO queue, 1 or more otherwise")
	}
	poll := e.PollInterval
	if poll <= 0 {
		poll = 10 * time.Millisecond
	}
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		msgs, err := e.receive(ctx, q, batch, &st)
		if err != nil {
			return st, err
		}
		if len(msgs) == 0 {
			visible, inFlight, err := q.Depth(ctx)
			if err != nil {
				return st, err
			}
			if visible == 0 && inFlight == 0 {
				return st, nil
			}
			select {
			case <-ctx.Done():
				return st, ctx.Err()
			case <-time.After(poll):
			}
			continue
		}

		st.Invocations++
		st.Messages += len(msgs)
		resp, err := fn(ctx, e.event(msgs, queueARN))
		retry := failed(msgs, resp, err)
		for _, m := range msgs {
			if retry == nil || retry[m.ID] {
				if err := q.Retry(ctx, m.Receipt); err != nil {
					return st, err
				}
				st.Retried++
				continue
			}
			if err := q.Delete(ctx, m.Receipt); err != nil {
				return st, err
			}
			st.Deleted++
		}
	}
}

// receive returns up to batch messages, from as many receives as needed
// while messages come.
func (e *EventSource) receive(ctx context.Context, q *sqsqueue.Queue, batch int, st *Stats) ([]sqsqueue.Received, error) {
	var msgs []sqsqueue.Received
	for len(msgs) < batch {
		got, err := q.Receive(ctx, min(batch-len(msgs), sqsqueue.MaxReceive), 0)
		if err != nil {
			return nil, err
		}
		if len(got) == 0 {
			break
		}
		st.Batches++
		msgs = append(msgs, got...)
	}
	return msgs, nil
}

// failed returns the set of message ids to retry after an invocation, or
// nil when the whole batch failed.
func failed(msgs []sqsqueue.Received, resp events.SQSEventResponse, err error) map[string]bool {
	if err != nil {
		return nil
	}
	inBatch := map[string]bool{}
	for _, m := range msgs {
		inBatch[m.ID] = true
	}
	retry := map[string]bool{}
	for _, f := range resp.BatchItemFailures {
		if !inBatch[f.ItemIdentifier] {
			return nil // empty or unknown: Lambda fails the whole batch
		}
		retry[f.ItemIdentifier] = true
	}
	return retry
}

// event returns the event Lambda would pass for msgs.
func (e *EventSource) event(msgs []sqsqueue.Received, queueARN string) events.SQSEvent {
	region := e.Region
	if region == "" {
		region = Region
	}
	ev := events.SQSEvent{Records: make([]events.SQSMessage, len(msgs))}
	for i, m := range msgs {
		sum := md5.Sum(m.Body)
		ev.Records[i] = events.SQSMessage{
			MessageId:         m.ID,
			ReceiptHandle:     m.Receipt,
			Body:              string(m.Body),
			Md5OfBody:         hex.EncodeToString(sum[:]),
			Attributes:        maps.Clone(m.Attributes),
			MessageAttributes: map[string]events.SQSMessageAttribute{},
			EventSourceARN:    queueARN,
			EventSource:       "aws:sqs",
			AWSRegion:         region,
		}
	}
	return ev
}
