package sqsqueue_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/infra/queuetest"
	"github.com/saq-review/saq/infra/sqsqueue"
	"github.com/saq-review/saq/infra/sqstest"
)

var queues atomic.Int64

// newQueue creates a fresh queue (name with a counter; FIFO when fifo) on
// srv and returns its URL.
func newQueue(t *testing.T, srv *sqstest.Server, fifo bool, opts sqstest.QueueOptions) string {
	t.Helper()
	name := fmt.Sprintf("work-%d", queues.Add(1))
	if fifo {
		name += ".fifo"
		opts.FIFO = true
	}
	return srv.CreateQueue(t, name, opts)
}

// contractQueue adapts a Queue to the queuetest contract, with the
// server's clock and a dead-letter queue.
type contractQueue struct {
	*sqsqueue.Queue
	srv  *sqstest.Server
	dead *contractQueue
}

func (q *contractQueue) Receive(ctx context.Context, n int, wait time.Duration) ([]queuetest.Delivery, error) {
	rs, err := q.Queue.Receive(ctx, n, wait)
	ds := make([]queuetest.Delivery, len(rs))
	for i, r := range rs {
		ds[i] = queuetest.Delivery{Body: r.Body, Group: r.Group, Receipt: r.Receipt, ReceiveCount: r.ReceiveCount()}
	}
	return ds, err
}

func (q *contractQueue) Advance(d time.Duration)      { q.srv.Advance(d) }
func (q *contractQueue) DeadLetters() queuetest.Queue { return q.dead }

func TestContract(t *testing.T) {
	queuetest.Run(t, func(t *testing.T, fifo bool) queuetest.Queue {
		srv := sqstest.Start(t)
		dlq := newQueue(t, srv, fifo, sqstest.QueueOptions{})
		url := newQueue(t, srv, fifo, sqstest.QueueOptions{DLQ: dlq, MaxReceiveCount: queuetest.MaxReceives})
		return &contractQueue{
			Queue: sqsqueue.New(srv.Client(), url),
			srv:   srv,
			dead:  &contractQueue{Queue: sqsqueue.New(srv.Client(), dlq), srv: srv},
		}
	})
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		url, name string
		fifo      bool
	}{
		{"https://sqs.us-east-1.amazonaws.com/123456789012/saq-ingest", "saq-ingest", false},
		{"https://sqs.eu-west-1.amazonaws.com/123456789012/saq-index.fifo", "saq-index.fifo", true},
		{"http://127.0.0.1:4566/000000000000/local", "local", false},
	} {
		q := sqsqueue.New(nil, tc.url)
		if q.Name() != tc.name || q.FIFO() != tc.fifo || q.URL() != tc.url {
			t.Errorf("New(%q): name %q fifo %v, want %q %v", tc.url, q.Name(), q.FIFO(), tc.name, tc.fifo)
		}
	}
}

// TestSendFIFOAttributes checks what Send puts on the wire: the group and
// deduplication id on FIFO queues (the body's SHA-256 without DedupID), and
// neither on standard ones, whose server would refuse a deduplication id.
func TestSendFIFOAttributes(t *testing.T) {
	ctx := context.Background()
	srv := sqstest.Start(t)
	body := []byte(`{"key":"records/MEX.json"}`)
	sum := sha256.Sum256(body)
	for _, tc := range []struct {
		name      string
		fifo      bool
		msg       saq.Message
		group     string
		dedup     string
		wantAttrs bool
	}{
		{"fifo with dedup id", true, saq.Message{Group: "MEX", DedupID: "MEX-v3", Body: body}, "MEX", "MEX-v3", true},
		{"fifo without dedup id", true, saq.Message{Group: "MEX", Body: body}, "MEX", hex.EncodeToString(sum[:]), true},
		{"standard", false, saq.Message{Group: "MEX", DedupID: "MEX-v3", Body: body}, "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := sqsqueue.New(srv.Client(), newQueue(t, srv, tc.fifo, sqstest.QueueOptions{}))
			if err := q.Send(ctx, tc.msg); err != nil {
				t.Fatal(err)
			}
			rs, err := q.Receive(ctx, 10, time.Second)
			if err != nil || len(rs) != 1 {
				t.Fatalf("Receive = %d messages, %v", len(rs), err)
			}
			r := rs[0]
			if string(r.Body) != string(body) || r.ID == "" || r.Receipt == "" || r.Group != tc.group {
				t.Errorf("received %+v", r)
			}
			a := r.Attributes
			if a["MessageGroupId"] != tc.group || a["MessageDeduplicationId"] != tc.dedup {
				t.Errorf("group %q dedup %q, want %q %q", a["MessageGroupId"], a["MessageDeduplicationId"], tc.group, tc.dedup)
			}
			if _, ok := a["SequenceNumber"]; ok != tc.wantAttrs {
				t.Errorf("SequenceNumber present = %v, want %v", ok, tc.wantAttrs)
			}
			for _, name := range []string{"ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"} {
				if a[name] == "" {
					t.Errorf("attribute %s missing in %v", name, a)
				}
			}
			if r.ReceiveCount() != 1 {
				t.Errorf("ReceiveCount = %d, want 1", r.ReceiveCount())
			}
		})
	}
}

func TestSendRefusesInvalidUTF8(t *testing.T) {
	srv := sqstest.Start(t)
	q := sqsqueue.New(srv.Client(), newQueue(t, srv, false, sqstest.QueueOptions{}))
	err := q.Send(context.Background(), saq.Message{Body: []byte("%PDF\xff\xfe")})
	if err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("Send(binary) = %v, want a UTF-8 error", err)
	}
}

func TestDepth(t *testing.T) {
	ctx := context.Background()
	srv := sqstest.Start(t)
	q := sqsqueue.New(srv.Client(), newQueue(t, srv, false, sqstest.QueueOptions{}))
	for i := range 5 {
		if err := q.Send(ctx, saq.Message{Body: fmt.Appendf(nil, "m%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.Receive(ctx, 2, 0); err != nil {
		t.Fatal(err)
	}
	visible, inFlight, err := q.Depth(ctx)
	if err != nil || visible != 3 || inFlight != 2 {
		t.Fatalf("Depth = %d, %d, %v; want 3, 2", visible, inFlight, err)
	}
}

// TestErrorsNameTheQueue checks that errors say which queue and keep the
// SDK's typed error for errors.As.
func TestErrorsNameTheQueue(t *testing.T) {
	ctx := context.Background()
	srv := sqstest.Start(t)
	missing := sqsqueue.New(srv.Client(), srv.URL+"/000000000000/no-such-queue")
	q := sqsqueue.New(srv.Client(), newQueue(t, srv, false, sqstest.QueueOptions{}))
	for _, tc := range []struct {
		name  string
		call  func() error
		queue string
		want  any
	}{
		{"send", func() error { return missing.Send(ctx, saq.Message{Body: []byte("x")}) }, "no-such-queue", new(*types.QueueDoesNotExist)},
		{"receive", func() error { _, err := missing.Receive(ctx, 1, 0); return err }, "no-such-queue", new(*types.QueueDoesNotExist)},
		{"depth", func() error { _, _, err := missing.Depth(ctx); return err }, "no-such-queue", new(*types.QueueDoesNotExist)},
		{"delete", func() error { return q.Delete(ctx, "not-a-receipt") }, q.Name(), new(*types.ReceiptHandleIsInvalid)},
		{"retry", func() error { return q.Retry(ctx, "not-a-receipt") }, q.Name(), new(*types.ReceiptHandleIsInvalid)},
	} {
		err := tc.call()
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if !errors.As(err, tc.want) {
			t.Errorf("%s: %v, want a %T", tc.name, err, tc.want)
		}
		if !strings.Contains(err.Error(), " "+tc.queue+": ") {
			t.Errorf("%s: %v does not name the queue %s", tc.name, err, tc.queue)
		}
	}
}

// TestReceiveLongPoll checks that a waiting Receive returns as soon as a
// message is sent.
func TestReceiveLongPoll(t *testing.T) {
	ctx := context.Background()
	srv := sqstest.Start(t)
	q := sqsqueue.New(srv.Client(), newQueue(t, srv, false, sqstest.QueueOptions{}))
	go func() {
		time.Sleep(50 * time.Millisecond)
		srv.Client().SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(q.URL()), MessageBody: aws.String("late")})
	}()
	start := time.Now()
	rs, err := q.Receive(ctx, 10, 10*time.Second)
	if err != nil || len(rs) != 1 || string(rs[0].Body) != "late" {
		t.Fatalf("Receive = %v, %v", rs, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("Receive took %v, want it to return when the message came", d)
	}
}
