// Package sqstest runs an in-process Amazon SQS server on loopback for
// tests, and makes aws-sdk-go-v2 clients that talk the real wire protocol to
// it: AWS JSON 1.0 (POST /, X-Amz-Target: AmazonSQS.<Action>), the only
// protocol the current SDK speaks. No SQS-compatible server that speaks it is
// available to the tests, so this package is one, kept small: the actions
// the pipeline uses, with the semantics its tests depend on.
//
// Actions: CreateQueue, GetQueueUrl, GetQueueAttributes, SendMessage,
// SendMessageBatch, ReceiveMessage (long polling included), DeleteMessage,
// DeleteMessageBatch, ChangeMessageVisibility and PurgeQueue. Other SQS
// actions answer UnsupportedOperation, unknown ones InvalidAction.
//
// EventSource plays the part of Lambda's SQS event source mapping: it
// drains a queue into a handler of events.SQSEvent, with partial batch
// failures, as the deployed functions are invoked.
//
// What is modelled as on AWS:
//   - visibility timeouts: a received message stays invisible until it is
//     deleted, its timeout passes or ChangeMessageVisibility ends it; each
//     receive gives a new receipt handle and increments
//     ApproximateReceiveCount;
//   - redrive: a receive that would take a message past the
//     maxReceiveCount of the queue's RedrivePolicy moves it to the
//     dead-letter queue instead (same MessageId, body and attributes, plus
//     DeadLetterQueueSourceArn);
//   - FIFO queues: messages of one MessageGroupId are delivered in send
//     order and not while another message of the group is in flight;
//     groups interleave; MessageDeduplicationId (or ContentBasedDeduplication)
//     suppresses a resend within 5 minutes, answering with the first send's
//     MessageId; SequenceNumber increases; DeduplicationScope messageGroup;
//   - MD5OfMessageBody, MD5OfMessageAttributes and
//     MD5OfMessageSystemAttributes are computed as AWS does (the SDK checks
//     the body's);
//   - errors: the JSON shape ({"__type": "com.amazonaws.sqs#<Shape>",
//     "message": ...}), the HTTP status of the model and the
//     x-amzn-query-error header, so the SDK returns its modelled types
//     (*types.QueueDoesNotExist, ...) with the codes AWS gives.
//
// Deviations, chosen for tests:
//   - time: the server's clock is the real one moved forward by Advance, so
//     tests cross visibility timeouts, delays, the deduplication window and
//     the retention period without sleeping; long-poll waits run on real
//     time;
//   - a stale receipt handle (the message was received again since) is
//     refused by DeleteMessage and ChangeMessageVisibility with
//     InvalidParameterValue "The receipt handle has expired"; AWS may accept
//     the delete on a standard queue. A handle of a message already deleted
//     or moved to the dead-letter queue deletes nothing and succeeds;
//     ChangeMessageVisibility on it fails with InvalidParameterValue, as on
//     AWS. Handles the server never issued are ReceiptHandleIsInvalid;
//   - delivery is exact: no duplicate deliveries, and standard queues
//     deliver in send order too (AWS gives neither guarantee); the
//     approximate counts of GetQueueAttributes are exact;
//   - a message moved to a dead-letter queue keeps its receive count, so
//     its first receive there reports maxReceiveCount+1;
//   - limits are today's: bodies and attributes up to 1 MiB (the default
//     and largest MaximumMessageSize), 10 attributes per message;
//     MessageGroupId is accepted on standard queues (fair queues) and
//     returned as an attribute;
//   - signatures and credentials are not checked; there is one account
//     (000000000000) and one region (us-east-1); PurgeQueue may be repeated
//     at once; ReceiveRequestAttemptId, StringListValues and
//     BinaryListValues are not supported (the last two are refused with
//     InvalidParameterValue); Policy, KMS and throughput attributes are
//     stored and returned but have no effect.
package sqstest

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Region, AccountID, AccessKey and SecretKey describe the one account the
// server simulates; Client signs with them.
const (
	Region    = "us-east-1"
	AccountID = "000000000000"
	AccessKey = "AKIASQSTESTFAKE"
	SecretKey = "sqstest-secret-key"
)

// Limits and defaults of SQS that the server enforces.
const (
	defaultVisibility  = 30 * time.Second
	maxVisibility      = 12 * time.Hour
	maxDelay           = 15 * time.Minute
	maxWait            = 20 * time.Second
	defaultRetention   = 4 * 24 * time.Hour
	defaultMaxSize     = 1 << 20 // bytes of body and attributes (1 MiB since 2025)
	dedupWindow        = 5 * time.Minute
	maxBatchEntries    = 10
	maxReceiveMessages = 10
	maxMessageAttrs    = 10
)

// Server is a running in-process SQS server. It is safe for concurrent use.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:port; queue URLs are
	// URL/000000000000/NAME.
	URL string

	client  *sqs.Client
	actions map[string]handler

	mu       sync.Mutex
	offset   time.Duration     // added to the real time by Advance
	queues   map[string]*queue // by name
	receipts map[string]*message
	// changed is closed and replaced whenever messages may have become
	// receivable, to wake long polls.
	changed chan struct{}
	closed  chan struct{} // closed when the test ends, to end long polls
}

// QueueOptions configure a queue made by Server.CreateQueue.
type QueueOptions struct {
	// FIFO makes a FIFO queue; its name must end in ".fifo".
	FIFO bool
	// ContentBasedDeduplication (FIFO only) deduplicates messages sent
	// without a MessageDeduplicationId by the SHA-256 of their body.
	ContentBasedDeduplication bool
	// VisibilityTimeout is the queue's default; 0 means SQS's 30 seconds.
	// It is sent in whole seconds.
	VisibilityTimeout time.Duration
	// DLQ is the URL of the dead-letter queue (of the same type), and
	// MaxReceiveCount how many receives a message may have before a
	// further receive moves it there (1 or more when DLQ is set).
	DLQ             string
	MaxReceiveCount int
}

// Start starts a server that is closed when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		queues:   map[string]*queue{},
		receipts: map[string]*message{},
		changed:  make(chan struct{}),
		closed:   make(chan struct{}),
	}
	s.actions = map[string]handler{
		"CreateQueue":             action(s.createQueue),
		"GetQueueUrl":             action(s.getQueueURL),
		"GetQueueAttributes":      action(s.getQueueAttributes),
		"SendMessage":             action(s.sendMessage),
		"SendMessageBatch":        action(s.sendMessageBatch),
		"ReceiveMessage":          action(s.receiveMessage),
		"DeleteMessage":           action(s.deleteMessage),
		"DeleteMessageBatch":      action(s.deleteMessageBatch),
		"ChangeMessageVisibility": action(s.changeMessageVisibility),
		"PurgeQueue":              action(s.purgeQueue),
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		close(s.closed) // ends waiting long polls, so Close does not wait for them
		ts.Close()
	})
	s.URL = ts.URL
	s.client = NewClient(ts.URL)
	return s
}

// NewClient returns a client for the SQS-compatible server at endpoint,
// signing with AccessKey and SecretKey in Region.
func NewClient(endpoint string) *sqs.Client {
	return sqs.New(sqs.Options{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		BaseEndpoint: aws.String(endpoint),
	})
}

// Client returns a client for the server.
func (s *Server) Client() *sqs.Client { return s.client }

// CreateQueue creates the queue name with opts through the CreateQueue
// action, as a deployment would, and returns its URL.
func (s *Server) CreateQueue(t testing.TB, name string, opts QueueOptions) string {
	t.Helper()
	ctx := context.Background()
	attrs := map[string]string{}
	if opts.FIFO {
		attrs["FifoQueue"] = "true"
	}
	if opts.ContentBasedDeduplication {
		attrs["ContentBasedDeduplication"] = "true"
	}
	if opts.VisibilityTimeout != 0 {
		attrs["VisibilityTimeout"] = strconv.Itoa(int(opts.VisibilityTimeout / time.Second))
	}
	if opts.DLQ != "" {
		policy, err := json.Marshal(map[string]any{
			"deadLetterTargetArn": s.ARN(t, opts.DLQ),
			"maxReceiveCount":     opts.MaxReceiveCount,
		})
		if err != nil {
			t.Fatalf("sqstest: create queue %s: %v", name, err)
		}
		attrs["RedrivePolicy"] = string(policy)
	}
	out, err := s.client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatalf("sqstest: create queue %s: %v", name, err)
	}
	return aws.ToString(out.QueueUrl)
}

// ARN returns the ARN of the queue at queueURL, read with GetQueueAttributes
// (arn:aws:sqs:us-east-1:000000000000:NAME).
func (s *Server) ARN(t testing.TB, queueURL string) string {
	t.Helper()
	out, err := s.client.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{
		QueueUrl:       aws.String(queueURL),
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn},
	})
	if err != nil {
		t.Fatalf("sqstest: queue ARN of %s: %v", queueURL, err)
	}
	return out.Attributes["QueueArn"]
}

// Now returns the server's clock: the real time plus all Advances.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

func (s *Server) now() time.Time { return time.Now().Add(s.offset) }

// Advance moves the server's clock forward by d: visibility timeouts,
// delays, the deduplication window and the retention period pass as if d
// had elapsed. Waiting long polls see the messages that became visible.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
	s.notify()
}

// notify wakes the long polls; s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// queue is one SQS queue; all its fields are guarded by Server.mu.
type queue struct {
	name, url, arn string
	fifo           bool
	contentDedup   bool
	dedupByGroup   bool // DeduplicationScope messageGroup
	visibility     time.Duration
	delay          time.Duration
	wait           time.Duration // ReceiveMessageWaitTimeSeconds
	retention      time.Duration
	maxSize        int
	redriveTarget  string // ARN of the dead-letter queue, or ""
	maxReceives    int
	attrs          map[string]string // settable attributes, defaults included
	created        time.Time

	messages []*message // not deleted, in send order
	dedup    map[string]sentMessage
	seq      int64
}

// sentMessage is what a FIFO queue remembers of a send for deduplication.
type sentMessage struct {
	id, seq string
	until   time.Time
}

// message is one message on a queue.
type message struct {
	q          *queue
	id         string
	body       string
	attrs      map[string]attributeValue
	sysAttrs   map[string]attributeValue // AWSTraceHeader
	group      string
	dedupID    string
	seq        string
	sent       time.Time
	firstRecv  time.Time
	receives   int
	visibleAt  time.Time // received or delayed until then
	receipt    string    // of the latest receive
	deadSource string    // ARN of the queue it was moved from
	gone       bool      // deleted, purged, expired or moved
}

func (m *message) visible(now time.Time) bool { return !now.Before(m.visibleAt) }
func (m *message) inFlight(now time.Time) bool {
	return m.receives > 0 && !m.visible(now)
}

// attributeValue is a message attribute, as sent and returned.
type attributeValue struct {
	DataType         string
	StringValue      *string  `json:",omitempty"`
	BinaryValue      []byte   `json:",omitempty"`
	StringListValues []string `json:",omitempty"`
	BinaryListValues [][]byte `json:",omitempty"`
}

// ServeHTTP answers one AWS JSON 1.0 request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	if r.Method != http.MethodPost || r.URL.Path != "/" || !ok {
		writeError(w, apiErr("InvalidAction", "Expected POST / with X-Amz-Target: AmazonSQS.<Action>, got %s %s %q.",
			r.Method, r.URL.Path, r.Header.Get("X-Amz-Target")))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		writeError(w, apiErr("SerializationException", "Cannot read the request body: %v", err))
		return
	}
	h, ok := s.actions[action]
	if !ok {
		if slices.Contains(unsupportedActions, action) {
			writeError(w, apiErr("UnsupportedOperation", "sqstest does not implement %s.", action))
		} else {
			writeError(w, apiErr("InvalidAction", "The action %s is not valid for this endpoint.", action))
		}
		return
	}
	out, err := h(r.Context(), body)
	if err != nil {
		var e *apiError
		if !errors.As(err, &e) {
			e = &apiError{typ: "InternalError", msg: err.Error()}
		}
		writeError(w, e)
		return
	}
	data, err := json.Marshal(out)
	if err != nil {
		writeError(w, &apiError{typ: "InternalError", msg: err.Error()})
		return
	}
	writeHeader(w, http.StatusOK)
	w.Write(data)
}

// unsupportedActions are the SQS actions the server does not implement.
var unsupportedActions = []string{
	"AddPermission", "CancelMessageMoveTask", "ChangeMessageVisibilityBatch",
	"DeleteQueue", "ListDeadLetterSourceQueues", "ListMessageMoveTasks",
	"ListQueueTags", "ListQueues", "RemovePermission", "SetQueueAttributes",
	"StartMessageMoveTask", "TagQueue", "UntagQueue",
}

// handler answers one action: it decodes the request body and returns the
// value to encode as the response, or an error (an *apiError for the
// client).
type handler func(ctx context.Context, body []byte) (any, error)

// action adapts fn, which takes the decoded request, to a handler.
func action[In any](fn func(context.Context, *In) (any, error)) handler {
	return func(ctx context.Context, body []byte) (any, error) {
		in := new(In)
		if len(bytes.TrimSpace(body)) > 0 {
			if err := json.Unmarshal(body, in); err != nil {
				return nil, apiErr("SerializationException", "Cannot decode the request: %v", err)
			}
		}
		return fn(ctx, in)
	}
}

// apiError is an error answered to the client.
type apiError struct {
	typ string // shape name, e.g. QueueDoesNotExist
	msg string
}

func (e *apiError) Error() string { return e.typ + ": " + e.msg }

func apiErr(typ, format string, args ...any) *apiError {
	return &apiError{typ: typ, msg: fmt.Sprintf(format, args...)}
}

// errorCodes holds the HTTP status and the query-protocol code that the SQS
// model gives an error shape, where they are not 400 and the shape name.
// The query code is what AWS sends in the x-amzn-query-error header and what
// the SDK reports as the error code, since SQS is awsQueryCompatible.
// MissingParameter, InvalidParameterValue, InvalidAction and the like are
// common AWS errors outside the model: the SDK returns them as
// *smithy.GenericAPIError with that code.
var errorCodes = map[string]struct {
	status int
	query  string
}{
	"QueueDoesNotExist":            {400, "AWS.SimpleQueueService.NonExistentQueue"},
	"QueueNameExists":              {400, "QueueAlreadyExists"},
	"ReceiptHandleIsInvalid":       {404, "ReceiptHandleIsInvalid"},
	"InvalidAddress":               {404, "InvalidAddress"},
	"MessageNotInflight":           {400, "AWS.SimpleQueueService.MessageNotInflight"},
	"UnsupportedOperation":         {400, "AWS.SimpleQueueService.UnsupportedOperation"},
	"EmptyBatchRequest":            {400, "AWS.SimpleQueueService.EmptyBatchRequest"},
	"TooManyEntriesInBatchRequest": {400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"},
	"BatchEntryIdsNotDistinct":     {400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"},
	"InvalidBatchEntryId":          {400, "AWS.SimpleQueueService.InvalidBatchEntryId"},
	"BatchRequestTooLong":          {400, "AWS.SimpleQueueService.BatchRequestTooLong"},
	"InternalError":                {500, "InternalError"},
}

// queryCode returns the query-protocol code and HTTP status of e.
func (e *apiError) queryCode() (string, int) {
	if c, ok := errorCodes[e.typ]; ok {
		return c.query, c.status
	}
	return e.typ, http.StatusBadRequest
}

func writeHeader(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("x-amzn-RequestId", newID())
	w.WriteHeader(status)
}

func writeError(w http.ResponseWriter, e *apiError) {
	code, status := e.queryCode()
	fault := "Sender"
	if status >= 500 {
		fault = "Receiver"
	}
	w.Header().Set("x-amzn-query-error", code+";"+fault)
	data, _ := json.Marshal(map[string]string{"__type": "com.amazonaws.sqs#" + e.typ, "message": e.msg})
	writeHeader(w, status)
	w.Write(data)
}

// queue returns the queue at queueURL; s.mu is held. Like SQS, it goes by
// the last path element (the queue name), whatever the host.
func (s *Server) queue(queueURL string) (*queue, error) {
	if queueURL == "" {
		return nil, apiErr("MissingParameter", "The request must contain the parameter QueueUrl.")
	}
	u, err := url.Parse(queueURL)
	if err != nil {
		return nil, apiErr("InvalidAddress", "The address %s is not valid for this endpoint.", queueURL)
	}
	q, ok := s.queues[u.Path[strings.LastIndex(u.Path, "/")+1:]]
	if !ok {
		return nil, apiErr("QueueDoesNotExist", "The specified queue does not exist.")
	}
	q.expire(s.now())
	return q, nil
}

// expire drops the messages older than the retention period and the
// deduplication entries past the window.
func (q *queue) expire(now time.Time) {
	q.messages = slices.DeleteFunc(q.messages, func(m *message) bool {
		if now.Sub(m.sent) >= q.retention {
			m.gone = true
		}
		return m.gone
	})
	maps.DeleteFunc(q.dedup, func(_ string, e sentMessage) bool { return !now.Before(e.until) })
}

// ---- CreateQueue, GetQueueUrl, GetQueueAttributes, PurgeQueue ----

type createQueueInput struct {
	QueueName  string
	Attributes map[string]string
	Tags       map[string]string
}

type queueURLOutput struct {
	QueueUrl string
}

// settable lists the attributes CreateQueue accepts, with their defaults
// ("" means none), for standard and FIFO queues.
var settable = map[string]struct {
	std, fifo bool
	def       string
}{
	"DelaySeconds":                  {true, true, "0"},
	"MaximumMessageSize":            {true, true, strconv.Itoa(defaultMaxSize)},
	"MessageRetentionPeriod":        {true, true, strconv.Itoa(int(defaultRetention / time.Second))},
	"ReceiveMessageWaitTimeSeconds": {true, true, "0"},
	"VisibilityTimeout":             {true, true, strconv.Itoa(int(defaultVisibility / time.Second))},
	"RedrivePolicy":                 {true, true, ""},
	"RedriveAllowPolicy":            {true, true, ""},
	"Policy":                        {true, true, ""},
	"KmsMasterKeyId":                {true, true, ""},
	"KmsDataKeyReusePeriodSeconds":  {true, true, ""},
	"SqsManagedSseEnabled":          {true, true, "true"},
	"FifoQueue":                     {true, true, ""},
	"ContentBasedDeduplication":     {false, true, "false"},
	"DeduplicationScope":            {false, true, "queue"},
	"FifoThroughputLimit":           {false, true, "perQueue"},
}

func (s *Server) createQueue(_ context.Context, in *createQueueInput) (any, error) {
	if in.QueueName == "" {
		return nil, apiErr("MissingParameter", "The request must contain the parameter QueueName.")
	}
	fifo := in.Attributes["FifoQueue"] == "true"
	if v, ok := in.Attributes["FifoQueue"]; ok && v != "true" && v != "false" {
		return nil, apiErr("InvalidAttributeValue", "Invalid value for the parameter FifoQueue.")
	}
	base, suffixed := strings.CutSuffix(in.QueueName, ".fifo")
	if fifo != suffixed || len(in.QueueName) > 80 || !validName(base) {
		if fifo {
			return nil, apiErr("InvalidParameterValue", "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
		}
		return nil, apiErr("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	attrs := map[string]string{}
	for name, a := range settable {
		if a.def != "" && (fifo || a.std) {
			attrs[name] = a.def
		}
	}
	for name, v := range in.Attributes {
		a, ok := settable[name]
		if !ok || (!fifo && !a.std) {
			return nil, apiErr("InvalidAttributeName", "Unknown Attribute %s.", name)
		}
		attrs[name] = v
	}
	if fifo {
		attrs["FifoQueue"] = "true"
	} else {
		delete(attrs, "FifoQueue")
	}

	if q, ok := s.queues[in.QueueName]; ok {
		// Idempotent when the attributes given are those of the queue.
		for name, v := range in.Attributes {
			if q.attrs[name] != v && !(name == "FifoQueue" && v == "false" && !q.fifo) {
				return nil, apiErr("QueueNameExists", "A queue already exists with the same name and a different value for attribute %s", name)
			}
		}
		return queueURLOutput{q.url}, nil
	}

	now := s.now()
	q := &queue{
		name:    in.QueueName,
		url:     s.URL + "/" + AccountID + "/" + in.QueueName,
		arn:     queueARN(in.QueueName),
		fifo:    fifo,
		attrs:   attrs,
		created: now,
		dedup:   map[string]sentMessage{},
	}
	if err := s.configure(q); err != nil {
		return nil, err
	}
	s.queues[q.name] = q
	return queueURLOutput{q.url}, nil
}

func queueARN(name string) string { return "arn:aws:sqs:" + Region + ":" + AccountID + ":" + name }

// validName reports whether name is 1 to 80 alphanumeric characters,
// hyphens or underscores.
func validName(name string) bool {
	if name == "" || len(name) > 80 {
		return false
	}
	for _, c := range name {
		if !(c == '-' || c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// configure sets the fields of q from q.attrs, checking their values.
func (s *Server) configure(q *queue) error {
	seconds := func(name string, lo, hi time.Duration) (time.Duration, error) {
		n, err := strconv.Atoi(q.attrs[name])
		d := time.Duration(n) * time.Second
		if err != nil || d < lo || d > hi {
			return 0, apiErr("InvalidAttributeValue", "Invalid value for the parameter %s.", name)
		}
		return d, nil
	}
	var err error
	if q.visibility, err = seconds("VisibilityTimeout", 0, maxVisibility); err != nil {
		return err
	}
	if q.delay, err = seconds("DelaySeconds", 0, maxDelay); err != nil {
		return err
	}
	if q.wait, err = seconds("ReceiveMessageWaitTimeSeconds", 0, maxWait); err != nil {
		return err
	}
	if q.retention, err = seconds("MessageRetentionPeriod", time.Minute, 14*24*time.Hour); err != nil {
		return err
	}
	size, err := strconv.Atoi(q.attrs["MaximumMessageSize"])
	if err != nil || size < 1024 || size > defaultMaxSize {
		return apiErr("InvalidAttributeValue", "Invalid value for the parameter MaximumMessageSize.")
	}
	q.maxSize = size
	if q.fifo {
		switch q.attrs["ContentBasedDeduplication"] {
		case "true":
			q.contentDedup = true
		case "false":
		default:
			return apiErr("InvalidAttributeValue", "Invalid value for the parameter ContentBasedDeduplication.")
		}
		switch q.attrs["DeduplicationScope"] {
		case "messageGroup":
			q.dedupByGroup = true
		case "queue":
		default:
			return apiErr("InvalidAttributeValue", "Invalid value for the parameter DeduplicationScope.")
		}
	}
	if p := q.attrs["RedrivePolicy"]; p != "" {
		var policy struct {
			Target string      `json:"deadLetterTargetArn"`
			Max    json.Number `json:"maxReceiveCount"` // a number or a string
		}
		bad := func(reason string) error {
			return apiErr("InvalidParameterValue", "Value %s for parameter RedrivePolicy is invalid. Reason: %s", p, reason)
		}
		d := json.NewDecoder(strings.NewReader(p))
		d.UseNumber()
		if err := d.Decode(&policy); err != nil {
			return bad("Redrive policy is not a valid JSON map.")
		}
		maxReceives, err := strconv.Atoi(policy.Max.String())
		if err != nil || maxReceives < 1 || maxReceives > 1000 {
			return bad("Invalid value for maxReceiveCount: " + policy.Max.String() + ", valid values are from 1 to 1000 both inclusive.")
		}
		name, ok := strings.CutPrefix(policy.Target, queueARN(""))
		dlq := s.queues[name]
		if !ok || dlq == nil {
			return bad("Dead letter target does not exist.")
		}
		if dlq.fifo != q.fifo {
			return bad("Dead-letter queue must be of the same type as the source queue.")
		}
		q.redriveTarget, q.maxReceives = policy.Target, maxReceives
	}
	return nil
}

type getQueueURLInput struct {
	QueueName              string
	QueueOwnerAWSAccountId string
}

func (s *Server) getQueueURL(_ context.Context, in *getQueueURLInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.queues[in.QueueName]
	if !ok || in.QueueOwnerAWSAccountId != "" && in.QueueOwnerAWSAccountId != AccountID {
		return nil, apiErr("QueueDoesNotExist", "The specified queue does not exist.")
	}
	return queueURLOutput{q.url}, nil
}

type getQueueAttributesInput struct {
	QueueUrl       string
	AttributeNames []string
}

type getQueueAttributesOutput struct {
	Attributes map[string]string `json:",omitempty"`
}

func (s *Server) getQueueAttributes(_ context.Context, in *getQueueAttributesInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	now := s.now()
	all := maps.Clone(q.attrs)
	var visible, inFlight, delayed int
	for _, m := range q.messages {
		switch {
		case m.visible(now):
			visible++
		case m.receives > 0:
			inFlight++
		default:
			delayed++
		}
	}
	all["ApproximateNumberOfMessages"] = strconv.Itoa(visible)
	all["ApproximateNumberOfMessagesNotVisible"] = strconv.Itoa(inFlight)
	all["ApproximateNumberOfMessagesDelayed"] = strconv.Itoa(delayed)
	all["CreatedTimestamp"] = strconv.FormatInt(q.created.Unix(), 10)
	all["LastModifiedTimestamp"] = all["CreatedTimestamp"]
	all["QueueArn"] = q.arn

	out := map[string]string{}
	for _, name := range in.AttributeNames {
		if name == "All" {
			return getQueueAttributesOutput{all}, nil
		}
		v, ok := all[name]
		if _, known := settable[name]; !ok && !known {
			return nil, apiErr("InvalidAttributeName", "Unknown Attribute %s.", name)
		}
		if ok {
			out[name] = v
		}
	}
	return getQueueAttributesOutput{out}, nil
}

type queueURLInput struct {
	QueueUrl string
}

func (s *Server) purgeQueue(_ context.Context, in *queueURLInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	for _, m := range q.messages {
		m.gone = true
	}
	q.messages = nil
	s.notify()
	return struct{}{}, nil
}

// ---- SendMessage, SendMessageBatch ----

type sendEntry struct {
	Id                      string // batches only
	MessageBody             *string
	DelaySeconds            *int
	MessageAttributes       map[string]attributeValue
	MessageSystemAttributes map[string]attributeValue
	MessageDeduplicationId  *string
	MessageGroupId          *string
}

type sendMessageInput struct {
	QueueUrl string
	sendEntry
}

type sendResult struct {
	Id                           string `json:",omitempty"` // batches only
	MessageId                    string
	MD5OfMessageBody             string
	MD5OfMessageAttributes       string `json:",omitempty"`
	MD5OfMessageSystemAttributes string `json:",omitempty"`
	SequenceNumber               string `json:",omitempty"`
}

func (s *Server) sendMessage(_ context.Context, in *sendMessageInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	res, err := s.send(q, &in.sendEntry)
	if err != nil {
		return nil, err
	}
	return res, nil
}

type sendMessageBatchInput struct {
	QueueUrl string
	Entries  []sendEntry
}

type batchError struct {
	Id          string
	SenderFault bool
	Code        string
	Message     string
}

type sendMessageBatchOutput struct {
	Successful []sendResult
	Failed     []batchError
}

func (s *Server) sendMessageBatch(_ context.Context, in *sendMessageBatchInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Entries))
	total := 0
	for i, e := range in.Entries {
		ids[i] = e.Id
		total += len(aws.ToString(e.MessageBody)) + attributesSize(e.MessageAttributes)
	}
	if err := checkBatch("SendMessageBatchRequestEntry", ids); err != nil {
		return nil, err
	}
	if total > q.maxSize {
		return nil, apiErr("BatchRequestTooLong", "Batch requests cannot be longer than %d bytes. You have sent %d bytes.", q.maxSize, total)
	}
	out := sendMessageBatchOutput{Successful: []sendResult{}, Failed: []batchError{}}
	for i := range in.Entries {
		e := &in.Entries[i]
		res, err := s.send(q, e)
		if err != nil {
			out.Failed = append(out.Failed, failure(e.Id, err))
			continue
		}
		res.Id = e.Id
		out.Successful = append(out.Successful, res)
	}
	return out, nil
}

// checkBatch checks the entry ids of a batch request.
func checkBatch(entry string, ids []string) error {
	if len(ids) == 0 {
		return apiErr("EmptyBatchRequest", "There should be at least one %s in the request.", entry)
	}
	if len(ids) > maxBatchEntries {
		return apiErr("TooManyEntriesInBatchRequest", "Maximum number of entries per request are %d. You have sent %d.", maxBatchEntries, len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if !validName(id) {
			return apiErr("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
		}
		if seen[id] {
			return apiErr("BatchEntryIdsNotDistinct", "Id %s repeated.", id)
		}
		seen[id] = true
	}
	return nil
}

func failure(id string, err error) batchError {
	var e *apiError
	if !errors.As(err, &e) {
		e = &apiError{typ: "InternalError", msg: err.Error()}
	}
	code, status := e.queryCode()
	return batchError{Id: id, SenderFault: status < 500, Code: code, Message: e.msg}
}

// send enqueues one message on q; s.mu is held.
func (s *Server) send(q *queue, e *sendEntry) (sendResult, error) {
	body := aws.ToString(e.MessageBody)
	if body == "" {
		return sendResult{}, apiErr("MissingParameter", "The request must contain the parameter MessageBody.")
	}
	if err := checkText("message body", body); err != nil {
		return sendResult{}, err
	}
	if err := checkAttributes(e.MessageAttributes, false); err != nil {
		return sendResult{}, err
	}
	if err := checkAttributes(e.MessageSystemAttributes, true); err != nil {
		return sendResult{}, err
	}
	if size := len(body) + attributesSize(e.MessageAttributes); size > q.maxSize {
		return sendResult{}, apiErr("InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", q.maxSize)
	}
	now := s.now()
	delay := q.delay
	if e.DelaySeconds != nil {
		d := time.Duration(*e.DelaySeconds) * time.Second
		switch {
		case q.fifo && d != 0:
			return sendResult{}, apiErr("InvalidParameterValue", "Value %d for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", *e.DelaySeconds)
		case d < 0 || d > maxDelay:
			return sendResult{}, apiErr("InvalidParameterValue", "Value %d for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.", *e.DelaySeconds)
		case !q.fifo:
			delay = d
		}
	}
	res := sendResult{
		MD5OfMessageBody:             md5Hex([]byte(body)),
		MD5OfMessageAttributes:       attributesMD5(e.MessageAttributes),
		MD5OfMessageSystemAttributes: attributesMD5(e.MessageSystemAttributes),
	}
	m := &message{
		q:         q,
		body:      body,
		attrs:     e.MessageAttributes,
		sysAttrs:  e.MessageSystemAttributes,
		group:     aws.ToString(e.MessageGroupId),
		sent:      now,
		visibleAt: now.Add(delay),
	}
	if e.MessageGroupId != nil {
		if err := checkTag("MessageGroupId", m.group); err != nil {
			return sendResult{}, err
		}
	}
	if !q.fifo {
		if e.MessageDeduplicationId != nil {
			return sendResult{}, apiErr("InvalidParameterValue", "Value %s for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.", *e.MessageDeduplicationId)
		}
		m.id = newID()
		res.MessageId = m.id
		q.messages = append(q.messages, m)
		s.notify()
		return res, nil
	}

	if e.MessageGroupId == nil {
		return sendResult{}, apiErr("MissingParameter", "The request must contain the parameter MessageGroupId.")
	}
	switch {
	case e.MessageDeduplicationId != nil:
		m.dedupID = *e.MessageDeduplicationId
		if err := checkTag("MessageDeduplicationId", m.dedupID); err != nil {
			return sendResult{}, err
		}
	case q.contentDedup:
		sum := sha256.Sum256([]byte(body))
		m.dedupID = hex.EncodeToString(sum[:])
	default:
		return sendResult{}, apiErr("InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
	}
	key := m.dedupID
	if q.dedupByGroup {
		key = m.group + "\x00" + key
	}
	if first, ok := q.dedup[key]; ok {
		// Accepted, not enqueued: the answer of the first send.
		res.MessageId, res.SequenceNumber = first.id, first.seq
		return res, nil
	}
	m.id = newID()
	m.seq = q.nextSeq()
	q.dedup[key] = sentMessage{id: m.id, seq: m.seq, until: now.Add(dedupWindow)}
	q.messages = append(q.messages, m)
	res.MessageId, res.SequenceNumber = m.id, m.seq
	s.notify()
	return res, nil
}

// nextSeq returns the next sequence number of a FIFO queue: 20 digits,
// increasing, as AWS gives them.
func (q *queue) nextSeq() string {
	q.seq++
	return fmt.Sprintf("%020d", q.seq)
}

// checkText checks that v holds only the characters SQS allows in bodies
// and attribute values: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD
// | #x10000 to #x10FFFF.
func checkText(what, v string) error {
	for i, c := range v {
		if c == utf8.RuneError && !strings.HasPrefix(v[i:], "\uFFFD") {
			return apiErr("InvalidMessageContents", "Invalid UTF-8 was found in the %s.", what)
		}
		if !(c == 0x9 || c == 0xA || c == 0xD || 0x20 <= c && c <= 0xD7FF || 0xE000 <= c && c <= 0xFFFD || 0x10000 <= c && c <= 0x10FFFF) {
			return apiErr("InvalidMessageContents", "Invalid binary character '#x%X' was found in the %s, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF", c, what)
		}
	}
	return nil
}

// checkTag checks a MessageGroupId or MessageDeduplicationId: 1 to 128
// alphanumeric or punctuation characters.
func checkTag(name, v string) error {
	ok := len(v) >= 1 && len(v) <= 128
	for i := 0; ok && i < len(v); i++ {
		ok = '!' <= v[i] && v[i] <= '~'
	}
	if !ok {
		return apiErr("InvalidParameterValue", "Value %s for parameter %s is invalid. Reason: %s can only include alphanumeric and punctuation characters. 1 to 128 in length.", v, name, name)
	}
	return nil
}

// checkAttributes checks message attributes, or with system the message
// system attributes (only AWSTraceHeader, a String).
func checkAttributes(attrs map[string]attributeValue, system bool) error {
	if len(attrs) > maxMessageAttrs {
		return apiErr("InvalidParameterValue", "Number of message attributes [%d] exceeds the allowed maximum [%d].", len(attrs), maxMessageAttrs)
	}
	for name, a := range attrs {
		if system && (name != "AWSTraceHeader" || a.DataType != "String") {
			return apiErr("InvalidParameterValue", "Message system attribute name '%s' with data type '%s' is invalid.", name, a.DataType)
		}
		if !validAttributeName(name) {
			return apiErr("InvalidParameterValue", "Message attribute name '%s' is invalid.", name)
		}
		if a.StringListValues != nil || a.BinaryListValues != nil {
			return apiErr("InvalidParameterValue", "Message attribute '%s': StringListValues and BinaryListValues are not supported.", name)
		}
		kind, _, _ := strings.Cut(a.DataType, ".")
		switch kind {
		case "String", "Number":
			if a.StringValue == nil || *a.StringValue == "" {
				return apiErr("InvalidParameterValue", "The message attribute '%s' must contain non-empty message attribute value for message attribute type '%s'.", name, kind)
			}
			if err := checkText("message attribute '"+name+"'", *a.StringValue); err != nil {
				return err
			}
			if _, err := strconv.ParseFloat(*a.StringValue, 64); kind == "Number" && err != nil {
				return apiErr("InvalidParameterValue", "Can't cast the value of message (user) attribute '%s' to a number.", name)
			}
		case "Binary":
			if len(a.BinaryValue) == 0 {
				return apiErr("InvalidParameterValue", "The message attribute '%s' must contain non-empty message attribute value for message attribute type 'Binary'.", name)
			}
		default:
			return apiErr("InvalidParameterValue", "The type of message (user) attribute '%s' is invalid. You must use only the following supported type prefixes: Binary, Number, String.", name)
		}
	}
	return nil
}

// validAttributeName reports whether name is a valid message attribute
// name: up to 256 alphanumeric characters, hyphens, underscores and
// periods, no leading, trailing or double period, no AWS. or Amazon. prefix.
func validAttributeName(name string) bool {
	lower := strings.ToLower(name)
	if name == "" || len(name) > 256 || strings.HasPrefix(lower, "aws.") || strings.HasPrefix(lower, "amazon.") ||
		strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
		return false
	}
	for _, c := range name {
		if !(c == '-' || c == '_' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// attributesSize is how much message attributes count towards the size
// limit: names, types and values.
func attributesSize(attrs map[string]attributeValue) int {
	n := 0
	for name, a := range attrs {
		n += len(name) + len(a.DataType) + len(aws.ToString(a.StringValue)) + len(a.BinaryValue)
	}
	return n
}

// attributesMD5 returns the MD5 digest SQS gives for message attributes, or
// "" for none: over the attributes sorted by name, each as its name, data
// type, transport type (1 string, 2 binary) and value, lengths as 4-byte
// big-endian prefixes.
func attributesMD5(attrs map[string]attributeValue) string {
	if len(attrs) == 0 {
		return ""
	}
	var buf bytes.Buffer
	field := func(b []byte) {
		buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(b))))
		buf.Write(b)
	}
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		a := attrs[name]
		field([]byte(name))
		field([]byte(a.DataType))
		if a.StringValue != nil {
			buf.WriteByte(1)
			field([]byte(*a.StringValue))
		} else {
			buf.WriteByte(2)
			field(a.BinaryValue)
		}
	}
	return md5Hex(buf.Bytes())
}

func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// ---- ReceiveMessage ----

type receiveMessageInput struct {
	QueueUrl                    string
	AttributeNames              []string
	MessageSystemAttributeNames []string
	MessageAttributeNames       []string
	MaxNumberOfMessages         *int
	VisibilityTimeout           *int
	WaitTimeSeconds             *int
	ReceiveRequestAttemptId     *string
}

type receivedMessage struct {
	MessageId              string
	ReceiptHandle          string
	MD5OfBody              string
	Body                   string
	Attributes             map[string]string         `json:",omitempty"`
	MD5OfMessageAttributes string                    `json:",omitempty"`
	MessageAttributes      map[string]attributeValue `json:",omitempty"`
}

type receiveMessageOutput struct {
	Messages []receivedMessage `json:",omitempty"`
}

// receiveMessage delivers up to MaxNumberOfMessages messages. With a wait
// (WaitTimeSeconds, or the queue's ReceiveMessageWaitTimeSeconds) and no
// message receivable, it waits until one is or the wait has passed.
func (s *Server) receiveMessage(ctx context.Context, in *receiveMessageInput) (any, error) {
	n := 1
	if in.MaxNumberOfMessages != nil {
		n = *in.MaxNumberOfMessages
		if n < 1 || n > maxReceiveMessages {
			return nil, apiErr("InvalidParameterValue", "Value %d for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", n)
		}
	}
	s.mu.Lock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	visibility, wait := q.visibility, q.wait
	s.mu.Unlock()
	if in.VisibilityTimeout != nil {
		visibility = time.Duration(*in.VisibilityTimeout) * time.Second
		if visibility < 0 || visibility > maxVisibility {
			return nil, apiErr("InvalidParameterValue", "Value %d for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.", *in.VisibilityTimeout)
		}
	}
	if in.WaitTimeSeconds != nil {
		wait = time.Duration(*in.WaitTimeSeconds) * time.Second
		if wait < 0 || wait > maxWait {
			return nil, apiErr("InvalidParameterValue", "Value %d for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.", *in.WaitTimeSeconds)
		}
	}
	systemNames := append(slices.Clone(in.AttributeNames), in.MessageSystemAttributeNames...)

	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	for {
		s.mu.Lock()
		now := s.now()
		q.expire(now)
		var out receiveMessageOutput
		for _, m := range s.receive(q, n, visibility, now) {
			out.Messages = append(out.Messages, m.render(systemNames, in.MessageAttributeNames))
		}
		next := q.nextVisible(now)
		changed := s.changed
		s.mu.Unlock()
		if len(out.Messages) > 0 || wait == 0 {
			return out, nil
		}

		var wake <-chan time.Time // when the next invisible message becomes visible
		if next > 0 {
			wake = time.After(next)
		}
		select {
		case <-changed:
		case <-wake:
		case <-timeout.C:
			return out, nil
		case <-s.closed:
			return out, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// receive takes up to n receivable messages of q, making each invisible
// for visibility; s.mu is held. On a FIFO queue a group is skipped while
// one of its messages is in flight, and a message is not passed by a later
// one of its group. A message that has had the queue's maxReceiveCount
// receives moves to the dead-letter queue instead.
func (s *Server) receive(q *queue, n int, visibility time.Duration, now time.Time) []*message {
	blocked := map[string]bool{}
	if q.fifo {
		for _, m := range q.messages {
			if m.inFlight(now) {
				blocked[m.group] = true
			}
		}
	}
	var out []*message
	for i := 0; i < len(q.messages) && len(out) < n; {
		m := q.messages[i]
		if q.fifo && blocked[m.group] {
			i++
			continue
		}
		if !m.visible(now) { // delayed
			blocked[m.group] = true
			i++
			continue
		}
		if q.redriveTarget != "" && m.receives >= q.maxReceives {
			s.moveToDeadLetters(q, i)
			continue
		}
		m.receives++
		if m.firstRecv.IsZero() {
			m.firstRecv = now
		}
		m.visibleAt = now.Add(visibility)
		m.receipt = newReceipt()
		s.receipts[m.receipt] = m
		out = append(out, m)
		i++
	}
	return out
}

// moveToDeadLetters moves q.messages[i] to the dead-letter queue of q;
// s.mu is held.
func (s *Server) moveToDeadLetters(q *queue, i int) {
	m := q.messages[i]
	q.messages = slices.Delete(q.messages, i, i+1)
	m.gone = true
	dlq := s.queues[strings.TrimPrefix(q.redriveTarget, queueARN(""))]
	if dlq == nil {
		return // no DeleteQueue yet, so it exists
	}
	moved := &message{
		q:          dlq,
		id:         m.id,
		body:       m.body,
		attrs:      m.attrs,
		sysAttrs:   m.sysAttrs,
		group:      m.group,
		dedupID:    m.dedupID,
		sent:       m.sent,
		firstRecv:  m.firstRecv,
		receives:   m.receives,
		deadSource: q.arn,
	}
	if dlq.fifo {
		moved.seq = dlq.nextSeq()
	}
	dlq.messages = append(dlq.messages, moved)
	s.notify()
}

// nextVisible returns how long until the next invisible message of q
// becomes visible, or 0 if none is invisible.
func (q *queue) nextVisible(now time.Time) time.Duration {
	var next time.Duration
	for _, m := range q.messages {
		if d := m.visibleAt.Sub(now); d > 0 && (next == 0 || d < next) {
			next = d
		}
	}
	return next
}

// render returns m as ReceiveMessage answers it, with the system
// attributes in systemNames and the message attributes in attrNames
// ("All", ".*", "prefix.*" or names).
func (m *message) render(systemNames, attrNames []string) receivedMessage {
	out := receivedMessage{
		MessageId:     m.id,
		ReceiptHandle: m.receipt,
		MD5OfBody:     md5Hex([]byte(m.body)),
		Body:          m.body,
	}
	sys := map[string]string{
		"SenderId":                         AccountID,
		"SentTimestamp":                    millis(m.sent),
		"ApproximateReceiveCount":          strconv.Itoa(m.receives),
		"ApproximateFirstReceiveTimestamp": millis(m.firstRecv),
	}
	if m.group != "" {
		sys["MessageGroupId"] = m.group
	}
	if m.q.fifo {
		sys["MessageDeduplicationId"] = m.dedupID
		sys["SequenceNumber"] = m.seq
	}
	if m.deadSource != "" {
		sys["DeadLetterQueueSourceArn"] = m.deadSource
	}
	if a, ok := m.sysAttrs["AWSTraceHeader"]; ok {
		sys["AWSTraceHeader"] = aws.ToString(a.StringValue)
	}
	for _, name := range systemNames {
		if name == "All" {
			out.Attributes = sys
			break
		}
		if v, ok := sys[name]; ok {
			if out.Attributes == nil {
				out.Attributes = map[string]string{}
			}
			out.Attributes[name] = v
		}
	}

	for name, a := range m.attrs {
		for _, want := range attrNames {
			prefix, wildcard := strings.CutSuffix(want, ".*")
			if want == "All" || want == ".*" || want == name || wildcard && strings.HasPrefix(name, prefix+".") {
				if out.MessageAttributes == nil {
					out.MessageAttributes = map[string]attributeValue{}
				}
				out.MessageAttributes[name] = a
				break
			}
		}
	}
	out.MD5OfMessageAttributes = attributesMD5(out.MessageAttributes)
	return out
}

func millis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// ---- DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility ----

type receiptInput struct {
	QueueUrl          string
	ReceiptHandle     string
	VisibilityTimeout *int // ChangeMessageVisibility
}

func (s *Server) deleteMessage(_ context.Context, in *receiptInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if err := s.delete(q, in.ReceiptHandle); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type deleteMessageBatchInput struct {
	QueueUrl string
	Entries  []struct {
		Id            string
		ReceiptHandle string
	}
}

type deleteMessageBatchOutput struct {
	Successful []batchSuccess
	Failed     []batchError
}

type batchSuccess struct {
	Id string
}

func (s *Server) deleteMessageBatch(_ context.Context, in *deleteMessageBatchInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Entries))
	for i, e := range in.Entries {
		ids[i] = e.Id
	}
	if err := checkBatch("DeleteMessageBatchRequestEntry", ids); err != nil {
		return nil, err
	}
	out := deleteMessageBatchOutput{Successful: []batchSuccess{}, Failed: []batchError{}}
	for _, e := range in.Entries {
		if err := s.delete(q, e.ReceiptHandle); err != nil {
			out.Failed = append(out.Failed, failure(e.Id, err))
			continue
		}
		out.Successful = append(out.Successful, batchSuccess{e.Id})
	}
	return out, nil
}

// received returns the message that receipt was issued for; s.mu is held.
func (s *Server) received(q *queue, receipt string) (*message, error) {
	m, ok := s.receipts[receipt]
	if !ok || m.q != q {
		return nil, apiErr("ReceiptHandleIsInvalid", "The input receipt handle \"%s\" is not a valid receipt handle.", receipt)
	}
	if !m.gone && m.receipt != receipt {
		return nil, apiErr("InvalidParameterValue", "Value %s for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.", receipt)
	}
	return m, nil
}

// delete deletes the message of receipt; s.mu is held.
func (s *Server) delete(q *queue, receipt string) error {
	m, err := s.received(q, receipt)
	if err != nil || m.gone {
		return err // an unknown or stale handle, or already deleted
	}
	m.gone = true
	q.messages = slices.DeleteFunc(q.messages, func(x *message) bool { return x == m })
	s.notify() // a FIFO group may be free now
	return nil
}

func (s *Server) changeMessageVisibility(_ context.Context, in *receiptInput) (any, error) {
	if in.VisibilityTimeout == nil {
		return nil, apiErr("MissingParameter", "The request must contain the parameter VisibilityTimeout.")
	}
	d := time.Duration(*in.VisibilityTimeout) * time.Second
	if d < 0 || d > maxVisibility {
		return nil, apiErr("InvalidParameterValue", "Value %d for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.", *in.VisibilityTimeout)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.queue(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	m, err := s.received(q, in.ReceiptHandle)
	if err != nil {
		return nil, err
	}
	now := s.now()
	switch {
	case m.gone:
		return nil, apiErr("InvalidParameterValue", "Value %s for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.", in.ReceiptHandle)
	case !m.inFlight(now):
		return nil, apiErr("MessageNotInflight", "The message referred to is not in flight.")
	}
	m.visibleAt = now.Add(d)
	s.notify()
	return struct{}{}, nil
}

// ---- identifiers ----

// newID returns a random UUID (version 4), as SQS message and request ids.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newReceipt returns a new opaque receipt handle.
func newReceipt() string {
	var b [48]byte
	rand.Read(b[:])
	return "AQEB" + base64.StdEncoding.EncodeToString(b[:])
}
