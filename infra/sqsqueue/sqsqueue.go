// Package sqsqueue is the Amazon SQS implementation of saq.Queue, on an
// aws-sdk-go-v2 client, for standard and FIFO queues.
//
// Besides Send it has the receiving side that Lambda's event source
// mapping performs in AWS (Receive, Delete, Retry) and Depth, so that tools
// and tests can consume a queue without Lambda: see infra/sqstest.
//
// On a FIFO queue (its URL ends in ".fifo") a message's Group becomes its
// MessageGroupId and its DedupID its MessageDeduplicationId; a message
// without DedupID is deduplicated by the SHA-256 of its body, so that
// resending the same work within SQS's 5-minute window is a no-op whether or
// not the queue has ContentBasedDeduplication. On a standard queue both are
// ignored.
package sqsqueue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/saq-review/saq"
)

// MaxReceive is the most messages one ReceiveMessage returns.
const MaxReceive = 10

// MaxWait is the longest long-poll wait of one ReceiveMessage.
const MaxWait = 20 * time.Second

// Queue is one SQS queue. It is safe for concurrent use.
type Queue struct {
	client *sqs.Client
	url    string
	name   string
	fifo   bool
}

var _ saq.Queue = (*Queue)(nil)

// New returns the queue at queueURL (as CreateQueue or GetQueueUrl return
// it). It makes no request. The client's region, credentials, endpoint and
// retry policy are used as they are.
func New(client *sqs.Client, queueURL string) *Queue {
	name := queueURL
	if u, err := url.Parse(queueURL); err == nil && u.Path != "" {
		name = path.Base(u.Path)
	}
	return &Queue{
		client: client,
		url:    queueURL,
		name:   name,
		fifo:   strings.HasSuffix(queueURL, ".fifo"),
	}
}

// URL returns the queue URL.
func (q *Queue) URL() string { return q.url }

// Name returns the queue name, the last element of its URL.
func (q *Queue) Name() string { return q.name }

// FIFO reports whether the queue is a FIFO queue.
func (q *Queue) FIFO() bool { return q.fifo }

// Send implements saq.Queue. SQS carries text: a body that is not valid
// UTF-8 is refused before any request.
func (q *Queue) Send(ctx context.Context, m saq.Message) error {
	if !utf8.Valid(m.Body) {
		return fmt.Errorf("sqs send to %s: the message body is not valid UTF-8", q.name)
	}
	in := &sqs.SendMessageInput{
		QueueUrl:    aws.String(q.url),
		MessageBody: aws.String(string(m.Body)),
	}
	if q.fifo {
		dedup := m.DedupID
		if dedup == "" {
			sum := sha256.Sum256(m.Body)
			dedup = hex.EncodeToString(sum[:])
		}
		in.MessageGroupId = aws.String(m.Group)
		in.MessageDeduplicationId = aws.String(dedup)
	}
	if _, err := q.client.SendMessage(ctx, in); err != nil {
		return fmt.Errorf("sqs send to %s: %w", q.name, err)
	}
	return nil
}

// Received is a message as Receive delivered it.
type Received struct {
	ID      string // MessageId
	Receipt string // ReceiptHandle of this delivery, for Delete and Retry
	Body    []byte
	Group   string // MessageGroupId; "" on standard queues
	// Attributes are SQS's system attributes of the message:
	// ApproximateReceiveCount, SentTimestamp, SenderId,
	// ApproximateFirstReceiveTimestamp, and on FIFO queues MessageGroupId,
	// MessageDeduplicationId and SequenceNumber.
	Attributes map[string]string
}

// ReceiveCount returns the ApproximateReceiveCount attribute: 1 on the
// first delivery, 0 if absent.
func (r Received) ReceiveCount() int {
	n, _ := strconv.Atoi(r.Attributes[string(types.MessageSystemAttributeNameApproximateReceiveCount)])
	return n
}

// Receive returns up to n messages (1 to MaxReceive), waiting up to wait
// (whole seconds, at most MaxWait) for one to arrive; no message is not an
// error. Each is hidden from other receivers for the queue's visibility
// timeout: Delete it when done, or Retry it. A wait of 0 uses the queue's
// ReceiveMessageWaitTimeSeconds (0 unless configured).
func (q *Queue) Receive(ctx context.Context, n int, wait time.Duration) ([]Received, error) {
	n = min(max(n, 1), MaxReceive)
	wait = min(max(wait, 0), MaxWait)
	out, err := q.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl:                    aws.String(q.url),
		MaxNumberOfMessages:         int32(n),
		WaitTimeSeconds:             int32(wait / time.Second),
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
	})
	if err != nil {
		return nil, fmt.Errorf("sqs receive from %s: %w", q.name, err)
	}
	msgs := make([]Received, len(out.Messages))
	for i, m := range out.Messages {
		msgs[i] = Received{
			ID:         aws.ToString(m.MessageId),
			Receipt:    aws.ToString(m.ReceiptHandle),
			Body:       []byte(aws.ToString(m.Body)),
			Group:      m.Attributes[string(types.MessageSystemAttributeNameMessageGroupId)],
			Attributes: m.Attributes,
		}
		if msgs[i].Attributes == nil {
			msgs[i].Attributes = map[string]string{}
		}
	}
	return msgs, nil
}

// Delete removes the message delivered with receipt, once processed.
func (q *Queue) Delete(ctx context.Context, receipt string) error {
	_, err := q.client.DeleteMessage(ctx, &sqs.DeleteMessageInput{
		QueueUrl:      aws.String(q.url),
		ReceiptHandle: aws.String(receipt),
	})
	if err != nil {
		return fmt.Errorf("sqs delete from %s: %w", q.name, err)
	}
	return nil
}

// Retry makes the message delivered with receipt visible again at once
// (its visibility timeout becomes 0), so that it is redelivered with a
// higher receive count, rather than after the queue's visibility timeout.
// On a FIFO queue it also frees the message's group.
func (q *Queue) Retry(ctx context.Context, receipt string) error {
	_, err := q.client.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{
		QueueUrl:          aws.String(q.url),
		ReceiptHandle:     aws.String(receipt),
		VisibilityTimeout: 0,
	})
	if err != nil {
		return fmt.Errorf("sqs retry on %s: %w", q.name, err)
	}
	return nil
}

// Depth returns how many messages wait to be received (visible) and how
// many are received but neither deleted nor expired (inFlight). SQS gives
// both as approximations; delayed messages are in neither.
func (q *Queue) Depth(ctx context.Context) (visible, inFlight int, err error) {
	out, err := q.client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl: aws.String(q.url),
		AttributeNames: []types.QueueAttributeName{
			types.QueueAttributeNameApproximateNumberOfMessages,
			types.QueueAttributeNameApproximateNumberOfMessagesNotVisible,
		},
	})
	if err != nil {
		return 0, 0, fmt.Errorf("sqs depth of %s: %w", q.name, err)
	}
	visible, err1 := strconv.Atoi(out.Attributes[string(types.QueueAttributeNameApproximateNumberOfMessages)])
	inFlight, err2 := strconv.Atoi(out.Attributes[string(types.QueueAttributeNameApproximateNumberOfMessagesNotVisible)])
	if err := errors.Join(err1, err2); err != nil {
		return 0, 0, fmt.Errorf("sqs depth of %s: %w", q.name, err)
	}
	return visible, inFlight, nil
}
