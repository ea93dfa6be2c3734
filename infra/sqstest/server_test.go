package sqstest

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/infra/sqsqueue"
)

var ctx = context.Background()

// code returns the error code the SDK reports for err, or "" for nil.
func code(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("%v is not an API error", err)
	}
	return ae.ErrorCode()
}

func send(t *testing.T, c *sqs.Client, url, body string, group ...string) *sqs.SendMessageOutput {
	t.Helper()
	in := &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body)}
	if len(group) > 0 {
		in.MessageGroupId = aws.String(group[0])
		in.MessageDeduplicationId = aws.String(body)
	}
	out, err := c.SendMessage(ctx, in)
	if err != nil {
		t.Fatalf("SendMessage(%q): %v", body, err)
	}
	return out
}

func receive(t *testing.T, c *sqs.Client, url string, max int32) []types.Message {
	t.Helper()
	out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl:                    aws.String(url),
		MaxNumberOfMessages:         max,
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
	})
	if err != nil {
		t.Fatalf("ReceiveMessage: %v", err)
	}
	return out.Messages
}

func bodies(ms []types.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, aws.ToString(m.Body))
	}
	return out
}

func depth(t *testing.T, c *sqs.Client, url string) (visible, inFlight, delayed int) {
	t.Helper()
	out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl:       aws.String(url),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
	})
	if err != nil {
		t.Fatal(err)
	}
	n := func(name string) int {
		v, err := strconv.Atoi(out.Attributes[name])
		if err != nil {
			t.Fatalf("attribute %s: %v", name, err)
		}
		return v
	}
	return n("ApproximateNumberOfMessages"), n("ApproximateNumberOfMessagesNotVisible"), n("ApproximateNumberOfMessagesDelayed")
}

func TestSendReceiveAttributes(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "plain", QueueOptions{})
	if want := s.URL + "/000000000000/plain"; url != want {
		t.Errorf("queue URL %s, want %s", url, want)
	}
	before := s.Now()
	out := send(t, c, url, "derp")
	if got := aws.ToString(out.MD5OfMessageBody); got != "58fd9edd83341c29f1aebba81c31e257" {
		t.Errorf("MD5OfMessageBody = %s", got)
	}
	if len(aws.ToString(out.MessageId)) != 36 || out.SequenceNumber != nil {
		t.Errorf("SendMessage = id %q seq %v", aws.ToString(out.MessageId), out.SequenceNumber)
	}
	ms := receive(t, c, url, 10)
	if len(ms) != 1 {
		t.Fatalf("received %d messages", len(ms))
	}
	m := ms[0]
	if aws.ToString(m.MessageId) != aws.ToString(out.MessageId) || aws.ToString(m.Body) != "derp" ||
		aws.ToString(m.MD5OfBody) != "58fd9edd83341c29f1aebba81c31e257" || aws.ToString(m.ReceiptHandle) == "" {
		t.Errorf("received %+v", m)
	}
	sent, _ := strconv.ParseInt(m.Attributes["SentTimestamp"], 10, 64)
	if sent < before.UnixMilli() || sent > s.Now().UnixMilli() {
		t.Errorf("SentTimestamp %d not the time of sending", sent)
	}
	for _, name := range []string{"SenderId", "ApproximateFirstReceiveTimestamp"} {
		if m.Attributes[name] == "" {
			t.Errorf("attribute %s missing: %v", name, m.Attributes)
		}
	}
	if m.Attributes["ApproximateReceiveCount"] != "1" {
		t.Errorf("ApproximateReceiveCount = %q", m.Attributes["ApproximateReceiveCount"])
	}
	for _, name := range []string{"SequenceNumber", "MessageDeduplicationId", "MessageGroupId"} {
		if _, ok := m.Attributes[name]; ok {
			t.Errorf("standard queue message has %s", name)
		}
	}

	// Only the system attributes asked for.
	send(t, c, url, "two")
	got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl:                    aws.String(url),
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameApproximateReceiveCount},
	})
	if err != nil || len(got.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %v, %v", got, err)
	}
	if a := got.Messages[0].Attributes; len(a) != 1 || a["ApproximateReceiveCount"] != "1" {
		t.Errorf("attributes %v, want only ApproximateReceiveCount", a)
	}
}

// TestMessageAttributesMD5 checks the digests against those AWS returns,
// as pinned by moto's SQS tests.
func TestMessageAttributesMD5(t *testing.T) {
	str := func(typ, v string) attributeValue { return attributeValue{DataType: typ, StringValue: &v} }
	for _, tc := range []struct {
		attrs map[string]attributeValue
		want  string
	}{
		{map[string]attributeValue{"timestamp": str("Number", "1493147359900")}, "235c5c510d26fb653d073faed50ae77c"},
		{map[string]attributeValue{"timestamp": str("Number", "1493147359901")}, "994258b45346a2cc3f9cbb611aa7af30"},
		{map[string]attributeValue{"SOME_Valid.attribute-Name": str("Number", "1493147359900")}, "36655e7e9d7c0e8479fa3f3f42247ae7"},
		{map[string]attributeValue{
			"ccc":             str("String", "testjunk"),
			"aaa":             {DataType: "Binary", BinaryValue: []byte{2, 3, 4}},
			"zzz":             str("Number", "0230.01"),
			"öther_encodings": str("String", "Tüst"),
		}, "8ae21a7957029ef04146b42aeaa18a22"},
		{nil, ""},
	} {
		if got := attributesMD5(tc.attrs); got != tc.want {
			t.Errorf("attributesMD5(%v) = %s, want %s", tc.attrs, got, tc.want)
		}
	}

	// The same through the SDK, both ways.
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "attrs", QueueOptions{})
	out, err := c.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:    aws.String(url),
		MessageBody: aws.String("derp"),
		MessageAttributes: map[string]types.MessageAttributeValue{
			"timestamp": {DataType: aws.String("Number"), StringValue: aws.String("1493147359900")},
			"blob":      {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 0xff}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.MD5OfMessageAttributes == nil || len(*out.MD5OfMessageAttributes) != 32 {
		t.Errorf("MD5OfMessageAttributes = %v", out.MD5OfMessageAttributes)
	}
	got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MessageAttributeNames: []string{"timestamp"}})
	if err != nil || len(got.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %v, %v", got, err)
	}
	m := got.Messages[0]
	if len(m.MessageAttributes) != 1 || aws.ToString(m.MessageAttributes["timestamp"].StringValue) != "1493147359900" {
		t.Errorf("MessageAttributes = %v, want only timestamp", m.MessageAttributes)
	}
	if aws.ToString(m.MD5OfMessageAttributes) != "235c5c510d26fb653d073faed50ae77c" {
		t.Errorf("MD5OfMessageAttributes of the returned attributes = %s", aws.ToString(m.MD5OfMessageAttributes))
	}
	retry(t, c, url, m)
	got, err = c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MessageAttributeNames: []string{"All"}})
	if err != nil || len(got.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %v, %v", got, err)
	}
	m = got.Messages[0]
	if blob := m.MessageAttributes["blob"]; aws.ToString(blob.DataType) != "Binary" || !bytes.Equal(blob.BinaryValue, []byte{0, 1, 0xff}) {
		t.Errorf("blob attribute = %+v", blob)
	}
	if aws.ToString(m.MD5OfMessageAttributes) != aws.ToString(out.MD5OfMessageAttributes) {
		t.Errorf("MD5OfMessageAttributes of all = %s, at send %s", aws.ToString(m.MD5OfMessageAttributes), aws.ToString(out.MD5OfMessageAttributes))
	}
}

// retry makes m visible again at once.
func retry(t *testing.T, c *sqs.Client, url string, m types.Message) {
	t.Helper()
	_, err := c.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0})
	if err != nil {
		t.Fatalf("ChangeMessageVisibility: %v", err)
	}
}

func deleteMessage(c *sqs.Client, url string, receipt *string) error {
	_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: receipt})
	return err
}

func changeVisibility(c *sqs.Client, url string, receipt *string, seconds int32) error {
	_, err := c.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: receipt, VisibilityTimeout: seconds})
	return err
}

func TestVisibilityTimeout(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "vis", QueueOptions{VisibilityTimeout: 30 * time.Second})
	send(t, c, url, "m")
	first := receive(t, c, url, 1)
	if len(first) != 1 {
		t.Fatalf("first receive: %d messages", len(first))
	}
	if got := receive(t, c, url, 10); len(got) != 0 {
		t.Fatalf("in flight but received %v", bodies(got))
	}
	if v, f, _ := depth(t, c, url); v != 0 || f != 1 {
		t.Errorf("depth in flight = %d visible, %d in flight", v, f)
	}
	s.Advance(29 * time.Second)
	if got := receive(t, c, url, 10); len(got) != 0 {
		t.Fatalf("before the timeout, received %v", bodies(got))
	}
	s.Advance(2 * time.Second)
	second := receive(t, c, url, 10)
	if len(second) != 1 {
		t.Fatalf("after the timeout, received %d messages", len(second))
	}
	m := second[0]
	if aws.ToString(m.MessageId) != aws.ToString(first[0].MessageId) || m.Attributes["ApproximateReceiveCount"] != "2" ||
		aws.ToString(m.ReceiptHandle) == aws.ToString(first[0].ReceiptHandle) ||
		m.Attributes["ApproximateFirstReceiveTimestamp"] != first[0].Attributes["ApproximateFirstReceiveTimestamp"] {
		t.Fatalf("redelivery %+v, first %+v", m, first[0])
	}

	// The first receipt is stale now.
	if err := deleteMessage(c, url, first[0].ReceiptHandle); code(t, err) != "InvalidParameterValue" || !strings.Contains(err.Error(), "expired") {
		t.Errorf("delete with a stale receipt: %v", err)
	}
	if err := changeVisibility(c, url, first[0].ReceiptHandle, 0); code(t, err) != "InvalidParameterValue" {
		t.Errorf("change visibility with a stale receipt: %v", err)
	}
	if err := deleteMessage(c, url, m.ReceiptHandle); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if err := deleteMessage(c, url, m.ReceiptHandle); err != nil {
		t.Errorf("second delete with the same receipt: %v, want success as on AWS", err)
	}
	if err := changeVisibility(c, url, m.ReceiptHandle, 0); code(t, err) != "InvalidParameterValue" {
		t.Errorf("change visibility of a deleted message: %v", err)
	}
	s.Advance(time.Hour)
	if v, f, _ := depth(t, c, url); v != 0 || f != 0 {
		t.Errorf("after delete: %d visible, %d in flight", v, f)
	}
}

func TestVisibilityOverrides(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "override", QueueOptions{})
	send(t, c, url, "m")
	out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), VisibilityTimeout: 5})
	if err != nil || len(out.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %v, %v", out, err)
	}
	m := out.Messages[0]
	s.Advance(6 * time.Second) // not the queue's 30 s
	// Its visibility has passed: it is not in flight any more.
	if err := changeVisibility(c, url, m.ReceiptHandle, 60); code(t, err) != "AWS.SimpleQueueService.MessageNotInflight" {
		t.Errorf("change visibility after the timeout: %v", err)
	} else if !errors.As(err, new(*types.MessageNotInflight)) {
		t.Errorf("change visibility after the timeout: %T, want *types.MessageNotInflight", err)
	}
	ms := receive(t, c, url, 1)
	if len(ms) != 1 {
		t.Fatalf("after the overridden timeout, received %d", len(ms))
	}
	// Extending the timeout keeps it hidden; 0 shows it at once.
	if err := changeVisibility(c, url, ms[0].ReceiptHandle, 600); err != nil {
		t.Fatal(err)
	}
	s.Advance(time.Minute)
	if got := receive(t, c, url, 1); len(got) != 0 {
		t.Fatalf("extended, but received %v", bodies(got))
	}
	if err := changeVisibility(c, url, ms[0].ReceiptHandle, 0); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, c, url, 1); len(got) != 1 || got[0].Attributes["ApproximateReceiveCount"] != "3" {
		t.Fatalf("after visibility 0: %v", got)
	}
	if err := changeVisibility(c, url, ms[0].ReceiptHandle, 43201); code(t, err) != "InvalidParameterValue" {
		t.Errorf("visibility beyond 12 hours: %v", err)
	}
}

func TestReceiptHandleIsInvalid(t *testing.T) {
	s := Start(t)
	c := s.Client()
	a := s.CreateQueue(t, "a", QueueOptions{})
	b := s.CreateQueue(t, "b", QueueOptions{})
	send(t, c, a, "m")
	ms := receive(t, c, a, 1)
	for _, tc := range []struct {
		name, url, receipt string
	}{
		{"garbage", a, "not-a-receipt"},
		{"empty", a, ""},
		{"other queue's", b, aws.ToString(ms[0].ReceiptHandle)},
	} {
		for op, err := range map[string]error{
			"delete":            deleteMessage(c, tc.url, aws.String(tc.receipt)),
			"change visibility": changeVisibility(c, tc.url, aws.String(tc.receipt), 0),
		} {
			var invalid *types.ReceiptHandleIsInvalid
			if !errors.As(err, &invalid) {
				t.Errorf("%s with %s receipt: %v, want *types.ReceiptHandleIsInvalid", op, tc.name, err)
			}
		}
	}
}

// TestLongPolling runs its cases in parallel, each on its own server since
// one of them advances the clock.
func TestLongPolling(t *testing.T) {
	poll := func(t *testing.T, c *sqs.Client, url string, wait int32, got chan<- []types.Message) {
		out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: wait, MaxNumberOfMessages: 10})
		if err != nil {
			t.Error(err)
			out = &sqs.ReceiveMessageOutput{}
		}
		got <- out.Messages
	}
	within := func(t *testing.T, got <-chan []types.Message, d time.Duration, want int) {
		t.Helper()
		select {
		case ms := <-got:
			if len(ms) != want {
				t.Fatalf("long poll returned %d messages, want %d", len(ms), want)
			}
		case <-time.After(d):
			t.Fatalf("long poll did not return within %v", d)
		}
	}

	t.Run("returns when a message is sent", func(t *testing.T) {
		t.Parallel()
		s := Start(t)
		c := s.Client()
		url := s.CreateQueue(t, "poll-send", QueueOptions{})
		got := make(chan []types.Message, 1)
		go poll(t, c, url, 20, got)
		time.Sleep(50 * time.Millisecond)
		send(t, c, url, "late")
		within(t, got, time.Second, 1)
	})
	t.Run("returns when a timeout passes", func(t *testing.T) {
		t.Parallel()
		s := Start(t)
		c := s.Client()
		url := s.CreateQueue(t, "poll-expire", QueueOptions{})
		send(t, c, url, "m")
		if _, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), VisibilityTimeout: 1}); err != nil {
			t.Fatal(err)
		}
		got := make(chan []types.Message, 1)
		start := time.Now()
		go poll(t, c, url, 5, got)
		within(t, got, 3*time.Second, 1)
		if d := time.Since(start); d < 500*time.Millisecond {
			t.Errorf("returned after %v, before the visibility timeout", d)
		}
	})
	t.Run("returns when the clock is advanced", func(t *testing.T) {
		t.Parallel()
		s := Start(t)
		c := s.Client()
		url := s.CreateQueue(t, "poll-advance", QueueOptions{})
		if _, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("later"), DelaySeconds: 600}); err != nil {
			t.Fatal(err)
		}
		if v, _, d := depth(t, c, url); v != 0 || d != 1 {
			t.Errorf("delayed message: %d visible, %d delayed", v, d)
		}
		got := make(chan []types.Message, 1)
		go poll(t, c, url, 20, got)
		time.Sleep(50 * time.Millisecond)
		s.Advance(10 * time.Minute)
		within(t, got, time.Second, 1)
	})
	t.Run("returns empty after the wait", func(t *testing.T) {
		t.Parallel()
		s := Start(t)
		c := s.Client()
		url := s.CreateQueue(t, "poll-empty", QueueOptions{})
		got := make(chan []types.Message, 1)
		start := time.Now()
		go poll(t, c, url, 1, got)
		within(t, got, 3*time.Second, 0)
		if d := time.Since(start); d < 900*time.Millisecond {
			t.Errorf("returned after %v, want about 1s", d)
		}
	})
}

func TestRedrive(t *testing.T) {
	s := Start(t)
	c := s.Client()
	dlq := s.CreateQueue(t, "dead", QueueOptions{})
	url := s.CreateQueue(t, "work", QueueOptions{DLQ: dlq, MaxReceiveCount: 2})
	sent := send(t, c, url, "poison")
	for i := range 2 {
		ms := receive(t, c, url, 10)
		if len(ms) != 1 || ms[0].Attributes["ApproximateReceiveCount"] != strconv.Itoa(i+1) {
			t.Fatalf("receive %d: %v", i+1, ms)
		}
		retry(t, c, url, ms[0])
	}
	if ms := receive(t, c, url, 10); len(ms) != 0 {
		t.Fatalf("a third receive delivered %v, want it moved", bodies(ms))
	}
	if v, f, _ := depth(t, c, url); v != 0 || f != 0 {
		t.Errorf("source after the move: %d visible, %d in flight", v, f)
	}
	ms := receive(t, c, dlq, 10)
	if len(ms) != 1 {
		t.Fatalf("dead-letter queue holds %d", len(ms))
	}
	m := ms[0]
	if aws.ToString(m.MessageId) != aws.ToString(sent.MessageId) || aws.ToString(m.Body) != "poison" ||
		m.Attributes["DeadLetterQueueSourceArn"] != "arn:aws:sqs:us-east-1:000000000000:work" ||
		m.Attributes["ApproximateReceiveCount"] != "3" {
		t.Errorf("dead letter %+v", m)
	}

	for _, tc := range []struct {
		name, policy string
	}{
		{"missing target", `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:nope","maxReceiveCount":3}`},
		{"count 0", `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead","maxReceiveCount":0}`},
		{"not json", `maxReceiveCount=3`},
	} {
		_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("bad-redrive"), Attributes: map[string]string{"RedrivePolicy": tc.policy}})
		if code(t, err) != "InvalidParameterValue" {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// maxReceiveCount may be a string, as the console writes it.
	_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("string-count"), Attributes: map[string]string{
		"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead","maxReceiveCount":"3"}`}})
	if err != nil {
		t.Errorf("maxReceiveCount as a string: %v", err)
	}
	// A FIFO queue needs a FIFO dead-letter queue.
	_, err = c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("mixed.fifo"), Attributes: map[string]string{"FifoQueue": "true",
		"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead","maxReceiveCount":3}`}})
	if code(t, err) != "InvalidParameterValue" {
		t.Errorf("FIFO queue with a standard dead-letter queue: %v", err)
	}
}

func TestFIFOOrderAndGroups(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "index.fifo", QueueOptions{FIFO: true})
	var seqs []string
	for _, m := range []struct{ body, group string }{
		{"a1", "A"}, {"a2", "A"}, {"b1", "B"}, {"a3", "A"}, {"b2", "B"},
	} {
		out := send(t, c, url, m.body, m.group)
		seqs = append(seqs, aws.ToString(out.SequenceNumber))
	}
	if !slices.IsSorted(seqs) || slices.Compact(slices.Clone(seqs))[len(seqs)-1] != seqs[len(seqs)-1] || len(seqs[0]) != 20 {
		t.Errorf("sequence numbers %v, want increasing 20-digit numbers", seqs)
	}

	first := receive(t, c, url, 1)
	if got := bodies(first); !slices.Equal(got, []string{"a1"}) {
		t.Fatalf("first receive %v, want [a1]", got)
	}
	if a := first[0].Attributes; a["MessageGroupId"] != "A" || a["MessageDeduplicationId"] != "a1" || a["SequenceNumber"] != seqs[0] {
		t.Errorf("attributes %v", a)
	}
	// Group A is busy; B goes on, in order.
	second := receive(t, c, url, 10)
	if got := bodies(second); !slices.Equal(got, []string{"b1", "b2"}) {
		t.Fatalf("with a1 in flight, received %v, want [b1 b2]", got)
	}
	if got := receive(t, c, url, 10); len(got) != 0 {
		t.Fatalf("both groups busy, received %v", bodies(got))
	}
	// Deleting b1 alone does not free B: b2 is in flight.
	if err := deleteMessage(c, url, second[0].ReceiptHandle); err != nil {
		t.Fatal(err)
	}
	if err := deleteMessage(c, url, first[0].ReceiptHandle); err != nil {
		t.Fatal(err)
	}
	if got := bodies(receive(t, c, url, 10)); !slices.Equal(got, []string{"a2", "a3"}) {
		t.Fatalf("after deleting a1, received %v, want [a2 a3]", got)
	}
	// A visibility timeout frees a group as a delete does, and the
	// expired message comes first again.
	s.Advance(time.Minute)
	again := receive(t, c, url, 10)
	if got := bodies(again); !slices.Equal(got, []string{"a2", "a3", "b2"}) {
		t.Fatalf("after the timeouts, received %v, want [a2 a3 b2]", got)
	}
	// Retrying a2 while a3 is still in flight does not free group A.
	retry(t, c, url, again[0])
	if got := receive(t, c, url, 10); len(got) != 0 {
		t.Fatalf("a3 in flight, a2 retried: received %v, want nothing", bodies(got))
	}
	if err := deleteMessage(c, url, again[1].ReceiptHandle); err != nil {
		t.Fatal(err)
	}
	if got := bodies(receive(t, c, url, 10)); !slices.Equal(got, []string{"a2"}) {
		t.Fatalf("after deleting a3, received %v, want [a2]", got)
	}
}

func TestFIFODeduplication(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "dedup.fifo", QueueOptions{FIFO: true})
	sendDedup := func(body, group, id string) *sqs.SendMessageOutput {
		t.Helper()
		out, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body),
			MessageGroupId: aws.String(group), MessageDeduplicationId: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := sendDedup("v1", "MEX", "mex")
	again := sendDedup("v1 resent", "MEX", "mex") // the SDK checks the MD5 of this body
	if aws.ToString(again.MessageId) != aws.ToString(first.MessageId) || aws.ToString(again.SequenceNumber) != aws.ToString(first.SequenceNumber) {
		t.Errorf("duplicate answered %s/%s, want the first send's %s/%s", aws.ToString(again.MessageId), aws.ToString(again.SequenceNumber),
			aws.ToString(first.MessageId), aws.ToString(first.SequenceNumber))
	}
	sendDedup("v1", "CAN", "mex") // the scope is the queue, not the group
	if v, _, _ := depth(t, c, url); v != 1 {
		t.Errorf("after duplicates: %d messages, want 1", v)
	}
	// Deleting the message does not reopen the window.
	ms := receive(t, c, url, 10)
	if err := deleteMessage(c, url, ms[0].ReceiptHandle); err != nil {
		t.Fatal(err)
	}
	sendDedup("v1", "MEX", "mex")
	if v, _, _ := depth(t, c, url); v != 0 {
		t.Errorf("resent within the window after delete: %d messages, want 0", v)
	}
	s.Advance(5*time.Minute + time.Second)
	if later := sendDedup("v1", "MEX", "mex"); aws.ToString(later.MessageId) == aws.ToString(first.MessageId) {
		t.Errorf("after the 5-minute window the resend is a duplicate")
	}
	if v, _, _ := depth(t, c, url); v != 1 {
		t.Errorf("after the window: %d messages, want 1", v)
	}

	t.Run("content based", func(t *testing.T) {
		url := s.CreateQueue(t, "content.fifo", QueueOptions{FIFO: true, ContentBasedDeduplication: true})
		for _, body := range []string{"x", "x", "y"} {
			if _, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body), MessageGroupId: aws.String("g")}); err != nil {
				t.Fatal(err)
			}
		}
		if got := bodies(receive(t, c, url, 10)); !slices.Equal(got, []string{"x", "y"}) {
			t.Errorf("received %v, want [x y]", got)
		}
	})
	t.Run("scope message group", func(t *testing.T) {
		out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("groups.fifo"),
			Attributes: map[string]string{"FifoQueue": "true", "DeduplicationScope": "messageGroup"}})
		if err != nil {
			t.Fatal(err)
		}
		url := aws.ToString(out.QueueUrl)
		send(t, c, url, "same", "A")
		send(t, c, url, "same", "B")
		send(t, c, url, "same", "B")
		if v, _, _ := depth(t, c, url); v != 2 {
			t.Errorf("%d messages, want one per group", v)
		}
	})
}

func TestSendErrors(t *testing.T) {
	s := Start(t)
	c := s.Client()
	std := s.CreateQueue(t, "std", QueueOptions{})
	fifo := s.CreateQueue(t, "strict.fifo", QueueOptions{FIFO: true})
	for _, tc := range []struct {
		name string
		in   sqs.SendMessageInput
		code string
	}{
		{"fifo without group", sqs.SendMessageInput{QueueUrl: &fifo, MessageBody: aws.String("x"), MessageDeduplicationId: aws.String("d")}, "MissingParameter"},
		{"fifo without dedup id", sqs.SendMessageInput{QueueUrl: &fifo, MessageBody: aws.String("x"), MessageGroupId: aws.String("g")}, "InvalidParameterValue"},
		{"fifo with delay", sqs.SendMessageInput{QueueUrl: &fifo, MessageBody: aws.String("x"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d"), DelaySeconds: 5}, "InvalidParameterValue"},
		{"fifo with a long group", sqs.SendMessageInput{QueueUrl: &fifo, MessageBody: aws.String("x"), MessageGroupId: aws.String(strings.Repeat("g", 129)), MessageDeduplicationId: aws.String("d")}, "InvalidParameterValue"},
		{"standard with dedup id", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("x"), MessageDeduplicationId: aws.String("d")}, "InvalidParameterValue"},
		{"empty body", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("")}, "MissingParameter"},
		{"control character", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("a\x01b")}, "InvalidMessageContents"},
		{"too large", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String(strings.Repeat("x", 1<<20+1))}, "InvalidParameterValue"},
		{"delay beyond 15 minutes", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("x"), DelaySeconds: 901}, "InvalidParameterValue"},
		{"attribute without value", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("x"),
			MessageAttributes: map[string]types.MessageAttributeValue{"a": {DataType: aws.String("String"), StringValue: aws.String("")}}}, "InvalidParameterValue"},
		{"attribute of unknown type", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("x"),
			MessageAttributes: map[string]types.MessageAttributeValue{"a": {DataType: aws.String("Date"), StringValue: aws.String("today")}}}, "InvalidParameterValue"},
		{"number attribute not a number", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("x"),
			MessageAttributes: map[string]types.MessageAttributeValue{"a": {DataType: aws.String("Number"), StringValue: aws.String("ten")}}}, "InvalidParameterValue"},
		{"reserved attribute name", sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("x"),
			MessageAttributes: map[string]types.MessageAttributeValue{"AWS.x": {DataType: aws.String("String"), StringValue: aws.String("v")}}}, "InvalidParameterValue"},
		{"unknown queue", sqs.SendMessageInput{QueueUrl: aws.String(s.URL + "/000000000000/nope"), MessageBody: aws.String("x")}, "AWS.SimpleQueueService.NonExistentQueue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.SendMessage(ctx, &tc.in)
			if got := code(t, err); got != tc.code {
				t.Fatalf("SendMessage: %v, want code %s", err, tc.code)
			}
		})
	}
	var bad *types.InvalidMessageContents
	_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("\uFFFE")})
	if !errors.As(err, &bad) {
		t.Errorf("U+FFFE in the body: %v, want *types.InvalidMessageContents", err)
	}
	if _, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &std, MessageBody: aws.String("tab\tnewline\n \uFFFD 😀")}); err != nil {
		t.Errorf("allowed characters refused: %v", err)
	}
}

func TestQueueErrors(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "q", QueueOptions{VisibilityTimeout: time.Minute})
	nope := aws.String(s.URL + "/000000000000/nope")

	// Unknown queues are the modelled QueueDoesNotExist.
	for op, call := range map[string]func() error{
		"GetQueueUrl": func() error {
			_, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("nope")})
			return err
		},
		"ReceiveMessage": func() error {
			_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: nope})
			return err
		},
		"GetQueueAttributes": func() error {
			_, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: nope})
			return err
		},
		"PurgeQueue": func() error {
			_, err := c.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: nope})
			return err
		},
		"DeleteMessage": func() error { return deleteMessage(c, *nope, aws.String("r")) },
	} {
		var missing *types.QueueDoesNotExist
		if err := call(); !errors.As(err, &missing) {
			t.Errorf("%s on an unknown queue: %v, want *types.QueueDoesNotExist", op, err)
		}
	}

	got, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("q")})
	if err != nil || aws.ToString(got.QueueUrl) != url {
		t.Errorf("GetQueueUrl = %v, %v", got, err)
	}

	for _, tc := range []struct {
		name string
		call func() error
		code string
	}{
		{"receive 11", func() error {
			_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 11})
			return err
		}, "InvalidParameterValue"},
		{"wait 21 s", func() error {
			_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, WaitTimeSeconds: 21})
			return err
		}, "InvalidParameterValue"},
		{"unknown queue attribute", func() error {
			_, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: &url, AttributeNames: []types.QueueAttributeName{"Colour"}})
			return err
		}, "InvalidAttributeName"},
		{"queue name with a dot", func() error {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("a.b")})
			return err
		}, "InvalidParameterValue"},
		{"fifo name without FifoQueue", func() error {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("x.fifo")})
			return err
		}, "InvalidParameterValue"},
		{"FifoQueue without .fifo", func() error {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("x"), Attributes: map[string]string{"FifoQueue": "true"}})
			return err
		}, "InvalidParameterValue"},
		{"fifo attribute on a standard queue", func() error {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("x"), Attributes: map[string]string{"ContentBasedDeduplication": "true"}})
			return err
		}, "InvalidAttributeName"},
		{"visibility timeout out of range", func() error {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("x"), Attributes: map[string]string{"VisibilityTimeout": "43201"}})
			return err
		}, "InvalidAttributeValue"},
		{"same name, other attributes", func() error {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q"), Attributes: map[string]string{"VisibilityTimeout": "30"}})
			return err
		}, "QueueAlreadyExists"},
		{"unsupported action", func() error {
			_, err := c.ListQueues(ctx, &sqs.ListQueuesInput{})
			return err
		}, "AWS.SimpleQueueService.UnsupportedOperation"},
	} {
		if err := tc.call(); code(t, err) != tc.code {
			t.Errorf("%s: %v, want code %s", tc.name, err, tc.code)
		}
	}
	if _, err := c.ListQueues(ctx, &sqs.ListQueuesInput{}); !errors.As(err, new(*types.UnsupportedOperation)) {
		t.Errorf("ListQueues: %T, want *types.UnsupportedOperation", err)
	}
	if _, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q"), Attributes: map[string]string{"VisibilityTimeout": "1"}}); !errors.As(err, new(*types.QueueNameExists)) {
		t.Errorf("CreateQueue with other attributes: %T, want *types.QueueNameExists", err)
	}
	// Creating a queue again with its own attributes returns it.
	again, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q"), Attributes: map[string]string{"VisibilityTimeout": "60"}})
	if err != nil || aws.ToString(again.QueueUrl) != url {
		t.Errorf("CreateQueue again = %v, %v", again, err)
	}
}

// TestWireErrors checks the error answers as bytes: an unknown action, a
// request that is not AWS JSON, malformed JSON.
func TestWireErrors(t *testing.T) {
	s := Start(t)
	for _, tc := range []struct {
		name, method, target, body string
		status                     int
		typ, query                 string
	}{
		{"unknown action", "POST", "AmazonSQS.FlyAway", "{}", 400, "com.amazonaws.sqs#InvalidAction", "InvalidAction;Sender"},
		{"no target", "POST", "", "{}", 400, "com.amazonaws.sqs#InvalidAction", "InvalidAction;Sender"},
		{"GET", "GET", "AmazonSQS.ListQueues", "", 400, "com.amazonaws.sqs#InvalidAction", "InvalidAction;Sender"},
		{"malformed JSON", "POST", "AmazonSQS.GetQueueUrl", "{", 400, "com.amazonaws.sqs#SerializationException", "SerializationException;Sender"},
		{"unknown queue", "POST", "AmazonSQS.GetQueueUrl", `{"QueueName":"nope"}`, 400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue;Sender"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, s.URL+"/", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/x-amz-json-1.0")
			if tc.target != "" {
				req.Header.Set("X-Amz-Target", tc.target)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var buf bytes.Buffer
			buf.ReadFrom(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("x-amzn-query-error") != tc.query ||
				resp.Header.Get("Content-Type") != "application/x-amz-json-1.0" ||
				!strings.Contains(buf.String(), `"__type":"`+tc.typ+`"`) || !strings.Contains(buf.String(), `"message":`) {
				t.Errorf("%d %v %s", resp.StatusCode, resp.Header, buf.String())
			}
		})
	}
}

func TestBatches(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "batch.fifo", QueueOptions{FIFO: true, ContentBasedDeduplication: true})
	entry := func(id, body, group string) types.SendMessageBatchRequestEntry {
		e := types.SendMessageBatchRequestEntry{Id: aws.String(id), MessageBody: aws.String(body)}
		if group != "" {
			e.MessageGroupId = aws.String(group)
		}
		return e
	}
	out, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: []types.SendMessageBatchRequestEntry{
		entry("one", "b1", "g"), entry("two", "b2", ""), entry("three", "b3", "g"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Successful) != 2 || len(out.Failed) != 1 {
		t.Fatalf("SendMessageBatch: %d successful, %d failed", len(out.Successful), len(out.Failed))
	}
	if f := out.Failed[0]; aws.ToString(f.Id) != "two" || aws.ToString(f.Code) != "MissingParameter" || !f.SenderFault {
		t.Errorf("failed entry %+v", f)
	}
	if s := out.Successful[1]; aws.ToString(s.Id) != "three" || aws.ToString(s.SequenceNumber) <= aws.ToString(out.Successful[0].SequenceNumber) {
		t.Errorf("successful entries %+v", out.Successful)
	}

	ms := receive(t, c, url, 10)
	if got := bodies(ms); !slices.Equal(got, []string{"b1", "b3"}) {
		t.Fatalf("received %v", got)
	}
	del, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: &url, Entries: []types.DeleteMessageBatchRequestEntry{
		{Id: aws.String("a"), ReceiptHandle: ms[0].ReceiptHandle},
		{Id: aws.String("b"), ReceiptHandle: aws.String("bogus")},
		{Id: aws.String("c"), ReceiptHandle: ms[1].ReceiptHandle},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(del.Successful) != 2 || len(del.Failed) != 1 || aws.ToString(del.Failed[0].Code) != "ReceiptHandleIsInvalid" {
		t.Errorf("DeleteMessageBatch = %+v", del)
	}
	if v, f, _ := depth(t, c, url); v != 0 || f != 0 {
		t.Errorf("after the batch delete: %d visible, %d in flight", v, f)
	}

	many := make([]types.SendMessageBatchRequestEntry, 11)
	for i := range many {
		many[i] = entry(fmt.Sprint("e", i), "x", "g")
	}
	for _, tc := range []struct {
		name    string
		entries []types.SendMessageBatchRequestEntry
		want    any
	}{
		{"empty", []types.SendMessageBatchRequestEntry{}, new(*types.EmptyBatchRequest)},
		{"eleven", many, new(*types.TooManyEntriesInBatchRequest)},
		{"same ids", []types.SendMessageBatchRequestEntry{entry("x", "1", "g"), entry("x", "2", "g")}, new(*types.BatchEntryIdsNotDistinct)},
		{"bad id", []types.SendMessageBatchRequestEntry{entry("x y", "1", "g")}, new(*types.InvalidBatchEntryId)},
		{"too long", []types.SendMessageBatchRequestEntry{entry("x", strings.Repeat("x", 600<<10), "g"), entry("y", strings.Repeat("y", 600<<10), "g")}, new(*types.BatchRequestTooLong)},
	} {
		_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: tc.entries})
		if !errors.As(err, tc.want) {
			t.Errorf("%s: %v, want %T", tc.name, err, tc.want)
		}
	}
}

func TestPurgeAndAttributes(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "purge.fifo", QueueOptions{FIFO: true, VisibilityTimeout: 45 * time.Second})
	for i := range 4 {
		send(t, c, url, fmt.Sprint("m", i), fmt.Sprint("g", i))
	}
	receive(t, c, url, 1)
	out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: &url, AttributeNames: []types.QueueAttributeName{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"QueueArn":                              "arn:aws:sqs:us-east-1:000000000000:purge.fifo",
		"FifoQueue":                             "true",
		"ContentBasedDeduplication":             "false",
		"VisibilityTimeout":                     "45",
		"ApproximateNumberOfMessages":           "3",
		"ApproximateNumberOfMessagesNotVisible": "1",
		"ApproximateNumberOfMessagesDelayed":    "0",
		"MessageRetentionPeriod":                "345600",
	} {
		if got := out.Attributes[name]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, err := c.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: &url}); err != nil {
		t.Fatal(err)
	}
	if v, f, d := depth(t, c, url); v+f+d != 0 {
		t.Errorf("after purge: %d visible, %d in flight, %d delayed", v, f, d)
	}
}

func TestRetentionPeriod(t *testing.T) {
	s := Start(t)
	c := s.Client()
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("short"), Attributes: map[string]string{"MessageRetentionPeriod": "60"}})
	if err != nil {
		t.Fatal(err)
	}
	url := aws.ToString(out.QueueUrl)
	send(t, c, url, "old")
	s.Advance(time.Minute)
	if got := receive(t, c, url, 10); len(got) != 0 {
		t.Errorf("after the retention period, received %v", bodies(got))
	}
}

// TestConcurrentReceivers checks that concurrent receivers get each message
// once while it is in flight.
func TestConcurrentReceivers(t *testing.T) {
	s := Start(t)
	c := s.Client()
	url := s.CreateQueue(t, "busy", QueueOptions{})
	const n = 60
	for i := 0; i < n; i += 10 {
		var entries []types.SendMessageBatchRequestEntry
		for j := i; j < i+10; j++ {
			entries = append(entries, types.SendMessageBatchRequestEntry{Id: aws.String(fmt.Sprint("e", j)), MessageBody: aws.String(fmt.Sprint("m", j))})
		}
		if _, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: entries}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			for {
				out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 3})
				if err != nil {
					t.Error(err)
					return
				}
				if len(out.Messages) == 0 {
					return
				}
				for _, m := range out.Messages {
					mu.Lock()
					seen[aws.ToString(m.Body)]++
					mu.Unlock()
					if err := deleteMessage(c, url, m.ReceiptHandle); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("%d messages received, want %d", len(seen), n)
	}
	for body, k := range seen {
		if k != 1 {
			t.Errorf("%s received %d times", body, k)
		}
	}
}

// ---- EventSource ----

// drainQueue makes a queue (with a dead-letter queue when maxReceives > 0)
// holding bodies, sent in order (group = first letter on FIFO queues).
func drainQueue(t *testing.T, s *Server, name string, fifo bool, maxReceives int, bodies ...string) (q, dlq *sqsqueue.Queue) {
	t.Helper()
	opts := QueueOptions{FIFO: fifo}
	suffix := ""
	if fifo {
		suffix = ".fifo"
	}
	if maxReceives > 0 {
		opts.DLQ = s.CreateQueue(t, name+"-dlq"+suffix, QueueOptions{FIFO: fifo})
		opts.MaxReceiveCount = maxReceives
		dlq = sqsqueue.New(s.Client(), opts.DLQ)
	}
	q = sqsqueue.New(s.Client(), s.CreateQueue(t, name+suffix, opts))
	for _, b := range bodies {
		if err := q.Send(ctx, saq.Message{Group: b[:1], Body: []byte(b)}); err != nil {
			t.Fatal(err)
		}
	}
	return q, dlq
}

// calls counts the deliveries of each body.
type calls struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *calls) add(ev events.SQSEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	for _, r := range ev.Records {
		c.n[r.Body]++
	}
}

func (c *calls) count(body string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[body]
}

func TestDrainEvent(t *testing.T) {
	s := Start(t)
	q, _ := drainQueue(t, s, "event", true, 0, "a1", "a2", "b1")
	arn := s.ARN(t, q.URL())
	var got []events.SQSMessage
	st, err := (&EventSource{}).Drain(ctx, q, arn, 10, func(_ context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		got = append(got, ev.Records...)
		return events.SQSEventResponse{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Batches: 1, Invocations: 1, Messages: 3, Deleted: 3}) {
		t.Errorf("stats %+v", st)
	}
	if len(got) != 3 {
		t.Fatalf("%d records", len(got))
	}
	r := got[0]
	if r.Body != "a1" || r.MessageId == "" || r.ReceiptHandle == "" ||
		r.EventSource != "aws:sqs" || r.EventSourceARN != "arn:aws:sqs:us-east-1:000000000000:event.fifo" || r.AWSRegion != "us-east-1" {
		t.Errorf("record %+v", r)
	}
	if sum := md5.Sum([]byte("a1")); r.Md5OfBody != hex.EncodeToString(sum[:]) {
		t.Errorf("Md5OfBody %s", r.Md5OfBody)
	}
	for name, want := range map[string]string{"ApproximateReceiveCount": "1", "MessageGroupId": "a"} {
		if r.Attributes[name] != want {
			t.Errorf("attribute %s = %q, want %q", name, r.Attributes[name], want)
		}
	}
	if got[1].Attributes["SequenceNumber"] <= r.Attributes["SequenceNumber"] || r.Attributes["SentTimestamp"] == "" {
		t.Errorf("attributes %v then %v", r.Attributes, got[1].Attributes)
	}
}

func TestDrainPartialFailure(t *testing.T) {
	s := Start(t)
	bodies := []string{"m1", "m2", "m3", "m4", "m5"}
	q, _ := drainQueue(t, s, "partial", false, 0, bodies...)
	var c calls
	st, err := (&EventSource{}).Drain(ctx, q, "arn", 10, func(_ context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		c.add(ev)
		var resp events.SQSEventResponse
		for _, r := range ev.Records {
			if (r.Body == "m2" || r.Body == "m4") && r.Attributes["ApproximateReceiveCount"] == "1" {
				resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: r.MessageId})
			}
		}
		return resp, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bodies {
		want := 1
		if b == "m2" || b == "m4" {
			want = 2
		}
		if got := c.count(b); got != want {
			t.Errorf("%s delivered %d times, want %d", b, got, want)
		}
	}
	if st.Invocations != 2 || st.Messages != 7 || st.Deleted != 5 || st.Retried != 2 {
		t.Errorf("stats %+v", st)
	}
}

// TestDrainWholeBatchFailure checks the cases where Lambda retries every
// message of the batch: an error, an empty or unknown item identifier.
func TestDrainWholeBatchFailure(t *testing.T) {
	s := Start(t)
	for i, tc := range []struct {
		name string
		fail func(ev events.SQSEvent) (events.SQSEventResponse, error)
	}{
		{"error", func(events.SQSEvent) (events.SQSEventResponse, error) {
			return events.SQSEventResponse{}, errors.New("out of memory")
		}},
		{"empty identifier", func(ev events.SQSEvent) (events.SQSEventResponse, error) {
			return events.SQSEventResponse{BatchItemFailures: []events.SQSBatchItemFailure{{ItemIdentifier: ev.Records[0].MessageId}, {ItemIdentifier: ""}}}, nil
		}},
		{"unknown identifier", func(events.SQSEvent) (events.SQSEventResponse, error) {
			return events.SQSEventResponse{BatchItemFailures: []events.SQSBatchItemFailure{{ItemIdentifier: "not-in-this-batch"}}}, nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, _ := drainQueue(t, s, fmt.Sprint("whole-", i), false, 0, "m1", "m2", "m3")
			var c calls
			var invocations atomic.Int64
			st, err := (&EventSource{}).Drain(ctx, q, "arn", 10, func(_ context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
				c.add(ev)
				if invocations.Add(1) == 1 {
					return tc.fail(ev)
				}
				return events.SQSEventResponse{}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range []string{"m1", "m2", "m3"} {
				if got := c.count(b); got != 2 {
					t.Errorf("%s delivered %d times, want 2", b, got)
				}
			}
			if st.Invocations != 2 || st.Retried != 3 || st.Deleted != 3 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestDrainPoisonToDLQ(t *testing.T) {
	s := Start(t)
	for _, fifo := range []bool{false, true} {
		t.Run(fmt.Sprint("fifo=", fifo), func(t *testing.T) {
			q, dlq := drainQueue(t, s, fmt.Sprint("poison-", fifo), fifo, 3, "good1", "poison", "good2")
			var c calls
			st, err := (&EventSource{}).Drain(ctx, q, "arn", 10, func(_ context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
				c.add(ev)
				var resp events.SQSEventResponse
				for _, r := range ev.Records {
					if r.Body == "poison" {
						resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: r.MessageId})
					}
				}
				return resp, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if c.count("poison") != 3 || c.count("good1") != 1 || c.count("good2") != 1 {
				t.Errorf("deliveries %v", c.n)
			}
			if st.Deleted != 2 || st.Retried != 3 {
				t.Errorf("stats %+v", st)
			}
			dead, err := dlq.Receive(ctx, 10, 0)
			if err != nil || len(dead) != 1 || string(dead[0].Body) != "poison" {
				t.Fatalf("dead-letter queue: %v, %v", dead, err)
			}
		})
	}
}

// TestDrainConcurrentFIFO runs several Drains on one FIFO queue, as
// concurrent Lambda instances: no two invocations hold one group at once,
// each group is processed in send order, and every message once.
func TestDrainConcurrentFIFO(t *testing.T) {
	s := Start(t)
	var sent []string
	for i := range 8 {
		for _, g := range []string{"c", "l", "p"} {
			sent = append(sent, fmt.Sprintf("%s%d", g, i))
		}
	}
	q, _ := drainQueue(t, s, "concurrent", true, 0, sent...)

	var mu sync.Mutex
	active := map[string]bool{}
	order := map[string][]string{}
	handler := func(_ context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		groups := map[string]bool{}
		mu.Lock()
		for _, r := range ev.Records {
			g := r.Attributes["MessageGroupId"]
			if active[g] && !groups[g] {
				t.Errorf("group %s in two invocations at once", g)
			}
			groups[g], active[g] = true, true
			order[g] = append(order[g], r.Body)
		}
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		for g := range groups {
			active[g] = false
		}
		mu.Unlock()
		return events.SQSEventResponse{}, nil
	}

	var wg sync.WaitGroup
	var deleted atomic.Int64
	for range 4 {
		wg.Go(func() {
			st, err := (&EventSource{}).Drain(ctx, q, "arn", 2, handler)
			if err != nil {
				t.Error(err)
			}
			deleted.Add(int64(st.Deleted))
		})
	}
	wg.Wait()
	if deleted.Load() != int64(len(sent)) {
		t.Errorf("deleted %d, want %d", deleted.Load(), len(sent))
	}
	for g, got := range order {
		var want []string
		for _, b := range sent {
			if b[:1] == g {
				want = append(want, b)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("group %s processed %v, want %v", g, got, want)
		}
	}
}

func TestDrainLargeBatchAndLimits(t *testing.T) {
	s := Start(t)
	var bodies []string
	for i := range 25 {
		bodies = append(bodies, fmt.Sprint("m", i))
	}
	q, _ := drainQueue(t, s, "large", false, 0, bodies...)
	var sizes []int
	st, err := (&EventSource{}).Drain(ctx, q, "arn", 25, func(_ context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		sizes = append(sizes, len(ev.Records))
		return events.SQSEventResponse{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sizes, []int{25}) || st.Batches != 3 || st.Deleted != 25 {
		t.Errorf("batch sizes %v, stats %+v", sizes, st)
	}

	fifo, _ := drainQueue(t, s, "limits", true, 0)
	if _, err := (&EventSource{}).Drain(ctx, fifo, "arn", 11, nil); err == nil {
		t.Error("FIFO batch of 11 accepted")
	}
	// A cancelled context ends the drain.
	q2, _ := drainQueue(t, s, "cancel", false, 0, "m")
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := (&EventSource{}).Drain(cctx, q2, "arn", 1, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Drain with a cancelled context: %v", err)
	}
}
