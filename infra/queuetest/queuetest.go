// Package queuetest is the contract every work queue of the pipeline must
// meet, on both sides: the saq.Queue that steps send with, and the
// receiving side that Lambda (or a local consumer) performs. Each
// implementation's tests run it against a real instance.
package queuetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/saq-review/saq"
)

// Queue is a work queue as the contract sees it.
type Queue interface {
	saq.Queue
	// Receive returns up to n messages that are not in flight, waiting
	// up to wait for one; each stays in flight (invisible to other
	// receives) until deleted, retried or its visibility timeout passes.
	Receive(ctx context.Context, n int, wait time.Duration) ([]Delivery, error)
	// Delete removes a delivered message.
	Delete(ctx context.Context, receipt string) error
	// Retry ends a delivery at once: the message can be received again.
	Retry(ctx context.Context, receipt string) error
}

// Delivery is one delivery of a message.
type Delivery struct {
	Body         []byte
	Group        string // "" on queues without groups
	Receipt      string // identifies this delivery
	ReceiveCount int    // 1 on the first delivery
}

// Optional methods of the queues open returns. The cases that need one are
// skipped when it is missing.
type (
	// Clock moves the queue's time forward, past visibility timeouts.
	Clock interface {
		Advance(d time.Duration)
	}
	// DeadLettered gives the dead-letter queue, where a message goes
	// instead of being delivered more than MaxReceives times.
	DeadLettered interface {
		DeadLetters() Queue
	}
)

// MaxReceives is how many deliveries a queue that implements DeadLettered
// makes of a message before moving it to its dead-letter queue.
const MaxReceives = 3

// longest is more than any visibility timeout (SQS allows 12 hours).
const longest = 13 * time.Hour

// Run checks fresh, empty queues made by open: standard queues and, with
// fifo, FIFO queues that deliver the messages of one Group in order, one
// delivery at a time, and drop a message whose DedupID (or, without one,
// body) was sent before.
func Run(t *testing.T, open func(t *testing.T, fifo bool) Queue) {
	for _, fifo := range []bool{false, true} {
		kind := "standard"
		if fifo {
			kind = "fifo"
		}
		t.Run(kind, func(t *testing.T) {
			t.Run("send receive delete", func(t *testing.T) { testRoundTrip(t, open(t, fifo)) })
			t.Run("retry redelivers", func(t *testing.T) { testRetry(t, open(t, fifo)) })
			t.Run("visibility timeout redelivers", func(t *testing.T) { testVisibility(t, open(t, fifo)) })
			t.Run("redrive to dead letters", func(t *testing.T) { testRedrive(t, open(t, fifo)) })
			if fifo {
				t.Run("order within a group", func(t *testing.T) { testOrder(t, open(t, fifo)) })
				t.Run("one delivery per group in flight", func(t *testing.T) { testGroupExclusive(t, open(t, fifo)) })
				t.Run("deduplication", func(t *testing.T) { testDedup(t, open(t, fifo)) })
			}
		})
	}
}

func testRoundTrip(t *testing.T, q Queue) {
	ctx := context.Background()
	body := `{"key":"originals/ab/cd.pdf","note":"ünïcødé ✓"}`
	send(t, q, saq.Message{Group: "MEX", DedupID: "d1", Body: []byte(body)})
	d := receiveOne(t, q)
	if string(d.Body) != body || d.ReceiveCount != 1 || d.Receipt == "" {
		t.Fatalf("delivery = %+v, want body %q, receive count 1 and a receipt", d, body)
	}
	if err := q.Delete(ctx, d.Receipt); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	expectNone(t, q)
	if c, ok := q.(Clock); ok {
		c.Advance(longest) // a deleted message never comes back
		expectNone(t, q)
	}
}

func testRetry(t *testing.T, q Queue) {
	ctx := context.Background()
	send(t, q, saq.Message{Group: "g", Body: []byte("again")})
	first := receiveOne(t, q)
	expectNone(t, q) // in flight
	if err := q.Retry(ctx, first.Receipt); err != nil {
		t.Fatalf("Retry: %v", err)
	}
	second := receiveOne(t, q)
	if string(second.Body) != "again" || second.ReceiveCount != 2 || second.Receipt == first.Receipt {
		t.Fatalf("after Retry: %+v, want the message with receive count 2 and a new receipt", second)
	}
	if err := q.Delete(ctx, second.Receipt); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	expectNone(t, q)
}

func testVisibility(t *testing.T, q Queue) {
	c, ok := q.(Clock)
	if !ok {
		t.Skip("the queue has no Clock")
	}
	ctx := context.Background()
	send(t, q, saq.Message{Group: "g", Body: []byte("slow")})
	receiveOne(t, q)
	expectNone(t, q)
	c.Advance(longest)
	second := receiveOne(t, q)
	if string(second.Body) != "slow" || second.ReceiveCount != 2 {
		t.Fatalf("after the visibility timeout: %+v, want the message with receive count 2", second)
	}
	if err := q.Delete(ctx, second.Receipt); err != nil {
		t.Fatalf("Delete with the new receipt: %v", err)
	}
	expectNone(t, q)
}

func testRedrive(t *testing.T, q Queue) {
	dl, ok := q.(DeadLettered)
	if !ok {
		t.Skip("the queue has no dead-letter queue")
	}
	ctx := context.Background()
	send(t, q, saq.Message{Group: "g", Body: []byte("poison")})
	send(t, q, saq.Message{Group: "h", Body: []byte("fine")})
	for i := 1; i <= MaxReceives; i++ {
		for _, d := range receiveAll(t, q) {
			switch string(d.Body) {
			case "poison":
				if d.ReceiveCount != i {
					t.Fatalf("delivery %d of poison has receive count %d", i, d.ReceiveCount)
				}
				if err := q.Retry(ctx, d.Receipt); err != nil {
					t.Fatalf("Retry: %v", err)
				}
			default:
				if err := q.Delete(ctx, d.Receipt); err != nil {
					t.Fatalf("Delete: %v", err)
				}
			}
		}
	}
	expectNone(t, q) // the next receive moved it
	d := receiveOne(t, dl.DeadLetters())
	if string(d.Body) != "poison" {
		t.Fatalf("dead letter = %q, want poison", d.Body)
	}
	if err := dl.DeadLetters().Delete(ctx, d.Receipt); err != nil {
		t.Fatalf("Delete from the dead-letter queue: %v", err)
	}
}

func testOrder(t *testing.T, q Queue) {
	ctx := context.Background()
	var want []string
	for i := range 6 {
		for _, g := range []string{"CAN", "LUX", "POL"} {
			body := fmt.Sprintf("%s-%d", g, i)
			want = append(want, body)
			send(t, q, saq.Message{Group: g, Body: []byte(body)})
		}
	}
	got := map[string][]string{}
	for n := 0; n < len(want); {
		ds := receiveAll(t, q)
		if len(ds) == 0 {
			t.Fatalf("nothing to receive after %d of %d messages", n, len(want))
		}
		for _, d := range ds {
			got[d.Group] = append(got[d.Group], string(d.Body))
			if err := q.Delete(ctx, d.Receipt); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			n++
		}
	}
	for g, bodies := range got {
		var sent []string
		for _, b := range want {
			if b[:3] == g {
				sent = append(sent, b)
			}
		}
		if !slices.Equal(bodies, sent) {
			t.Errorf("group %s delivered %v, want %v", g, bodies, sent)
		}
	}
	if len(got) != 3 {
		t.Errorf("groups delivered: %d, want 3", len(got))
	}
}

func testGroupExclusive(t *testing.T, q Queue) {
	ctx := context.Background()
	for _, m := range []saq.Message{
		{Group: "A", Body: []byte("a1")},
		{Group: "A", Body: []byte("a2")},
		{Group: "B", Body: []byte("b1")},
	} {
		send(t, q, m)
	}
	a1 := receiveOne(t, q)
	if string(a1.Body) != "a1" {
		t.Fatalf("first delivery %q, want a1", a1.Body)
	}
	// a2 waits while a1 is in flight; group B goes on.
	ds := receiveAll(t, q)
	if len(ds) != 1 || string(ds[0].Body) != "b1" {
		t.Fatalf("with a1 in flight, received %v, want only b1", bodies(ds))
	}
	if err := q.Delete(ctx, ds[0].Receipt); err != nil {
		t.Fatal(err)
	}
	expectNone(t, q)
	// Retrying a1 delivers a1 again, not a2.
	if err := q.Retry(ctx, a1.Receipt); err != nil {
		t.Fatal(err)
	}
	again := receiveOne(t, q)
	if string(again.Body) != "a1" || again.ReceiveCount != 2 {
		t.Fatalf("after retrying a1, received %q (count %d), want a1 (count 2)", again.Body, again.ReceiveCount)
	}
	if err := q.Delete(ctx, again.Receipt); err != nil {
		t.Fatal(err)
	}
	if d := receiveOne(t, q); string(d.Body) != "a2" {
		t.Fatalf("after deleting a1, received %q, want a2", d.Body)
	}
}

func testDedup(t *testing.T, q Queue) {
	ctx := context.Background()
	send(t, q, saq.Message{Group: "MEX", DedupID: "mex-v1", Body: []byte("first")})
	send(t, q, saq.Message{Group: "MEX", DedupID: "mex-v1", Body: []byte("resend")})
	send(t, q, saq.Message{Group: "MEX", Body: []byte("no id")})
	send(t, q, saq.Message{Group: "MEX", Body: []byte("no id")}) // same body: same work
	send(t, q, saq.Message{Group: "MEX", DedupID: "mex-v2", Body: []byte("second")})
	var got []string
	for {
		ds := receiveAll(t, q)
		if len(ds) == 0 {
			break
		}
		for _, d := range ds {
			got = append(got, string(d.Body))
			if err := q.Delete(ctx, d.Receipt); err != nil {
				t.Fatal(err)
			}
		}
	}
	if want := []string{"first", "no id", "second"}; !slices.Equal(got, want) {
		t.Fatalf("delivered %q, want %q", got, want)
	}
}

func send(t *testing.T, q Queue, m saq.Message) {
	t.Helper()
	if err := q.Send(context.Background(), m); err != nil {
		t.Fatalf("Send(%q): %v", m.Body, err)
	}
}

// receiveAll receives up to 10 messages, without waiting.
func receiveAll(t *testing.T, q Queue) []Delivery {
	t.Helper()
	ds, err := q.Receive(context.Background(), 10, 0)
	if err != nil {
		t.Fatalf("Receive: %v", err)
	}
	return ds
}

// receiveOne receives exactly one message, waiting up to a second.
func receiveOne(t *testing.T, q Queue) Delivery {
	t.Helper()
	ds, err := q.Receive(context.Background(), 1, time.Second)
	if err != nil {
		t.Fatalf("Receive: %v", err)
	}
	if len(ds) != 1 {
		t.Fatalf("Receive: %d messages, want 1", len(ds))
	}
	return ds[0]
}

func expectNone(t *testing.T, q Queue) {
	t.Helper()
	if ds := receiveAll(t, q); len(ds) != 0 {
		t.Fatalf("Receive: %q, want nothing", bodies(ds))
	}
}

func bodies(ds []Delivery) []string {
	var out []string
	for _, d := range ds {
		out = append(out, string(d.Body))
	}
	return out
}
