package serverless

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/indexer/ingest"
)

// Uploads reads what focal points put into the submissions bucket.
type Uploads interface {
	// Fetch returns the object under key (at versionID, when not empty)
	// and its user metadata. When it has more than max bytes, Data is nil
	// and SHA256 is the hash of the whole object.
	Fetch(ctx context.Context, key, versionID string, max int64) (Object, error)
}

// Object is an upload as fetched.
type Object struct {
	Data     []byte
	SHA256   string // set when Data is nil (too large to keep in memory)
	Size     int64
	Metadata map[string]string // x-amz-meta-*, keys in lower case
}

// Upload metadata: what the uploader declared, set by the api function on
// the objects it puts, and by any other uploader that wants to.
const (
	MetaFile        = "file"        // the original file name, URL-escaped
	MetaCluster     = "cluster"     // I … IV
	MetaInstruments = "instruments" // comma-separated: UNTOC,TIP
	MetaLanguage    = "language"    // en, fr, es, ru, ar, zh
	MetaSubject     = "subject"     // who uploaded
)

// uploadKey is where uploads arrive: uploads/{ISO3}/{name}. The State in the
// key is the one the uploader was allowed to upload for (the api presigns
// or puts only under the uploader's own State).
var uploadKey = regexp.MustCompile(`^uploads/([A-Z]{3})/[^/].*$`)

// IndexMessage is what Ingest sends the index step for one upload.
type IndexMessage struct {
	SHA256   string `json:"sha256"`
	State    string `json:"state"`              // the index partition
	Declared string `json:"declared,omitempty"` // the State of the upload key
	Key      string `json:"key,omitempty"`      // the upload, for the logs
}

// Ingest handles the ingest queue: S3 object-created notifications of
// the submissions bucket.
type Ingest struct {
	Uploads  Uploads
	Pipeline *ingest.Pipeline // Store = the data bucket; Index unused
	Queue    saq.Queue        // the FIFO index queue
	Log      *slog.Logger
	// BeforeSend, when set, runs after an upload is extracted and stored
	// and before its index message is sent; an error ends the upload
	// there, as a crash would (fault injection).
	BeforeSend func() error
}

// Handle processes a batch and reports the messages to retry: a failure
// of one upload never makes the others run again. An upload that cannot be
// read is not a failure: it is rejected with its reason, on its status.
func (h *Ingest) Handle(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, m := range ev.Records {
		log := h.Log.With("message_id", m.MessageId)
		if err := safely(func() error { return h.message(ctx, log, m.Body) }); err != nil {
			log.Error("ingest failed; the message will be retried", "error", err.Error())
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		}
	}
	return resp, nil
}

// errPoison marks a message that no retry can help; it is still
// reported as failed, so that after the queue's retries it rests in the
// dead-letter queue for a person to see.
var errPoison = errors.New("unusable message")

func (h *Ingest) message(ctx context.Context, log *slog.Logger, body string) error {
	var ev events.S3Event
	if err := json.Unmarshal([]byte(body), &ev); err != nil {
		return fmt.Errorf("%w: not an S3 event: %v", errPoison, err)
	}
	if len(ev.Records) == 0 {
		var test struct{ Event string }
		if json.Unmarshal([]byte(body), &test); test.Event == "s3:TestEvent" {
			log.Info("S3 test event")
			return nil
		}
		return fmt.Errorf("%w: an S3 event without records", errPoison)
	}
	var errs []error
	for _, r := range ev.Records {
		if !strings.HasPrefix(r.EventName, "ObjectCreated:") && !strings.HasPrefix(r.EventName, "s3:ObjectCreated:") {
			log.Info("not an upload", "event", r.EventName)
			continue
		}
		if err := h.upload(ctx, log, r.S3.Object.URLDecodedKey, r.S3.Object.VersionID); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (h *Ingest) upload(ctx context.Context, log *slog.Logger, key, version string) error {
	log = log.With("key", key, "version_id", version)
	m := uploadKey.FindStringSubmatch(key)
	if m == nil {
		log.Warn("object outside uploads/{ISO3}/: ignored")
		return nil
	}
	declared := m[1]
	if _, ok := saq.LookupCountry(declared); !ok {
		log.Warn("upload for an unknown State: ignored", "state", declared)
		return nil
	}
	opt := h.Pipeline.Options
	max := opt.MaxBytes
	if max <= 0 {
		max = extract.DefaultMaxBytes
	}
	obj, err := h.Uploads.Fetch(ctx, key, version, max)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", key, err)
	}
	file := path.Base(key)
	if f, err := url.PathUnescape(obj.Metadata[MetaFile]); err == nil && f != "" {
		file = path.Base(f)
	}
	if obj.Data == nil {
		st, err := h.Pipeline.Refuse(ctx, obj.SHA256, file, declared,
			saq.Errorf(saq.KindTooLarge, "the file has %d MiB; the limit is %d MiB", obj.Size>>20, max>>20))
		if err != nil {
			return err
		}
		log.Info("upload rejected", "upload", st.SHA256, "reason", string(saq.KindTooLarge))
		return nil
	}
	opt.Country = declared
	if deadline, ok := ctx.Deadline(); ok {
		// Leave time to store the outcome: an extraction cut short by
		// the function's timeout would be retried forever, one cut
		// short here is rejected as "timeout" for good.
		left := time.Until(deadline) - 15*time.Second
		if t := opt.Timeout; left > time.Second && (t == 0 || left < t) {
			opt.Timeout = left
		}
	}
	if v := obj.Metadata[MetaCluster]; v != "" {
		if cl, ok := saq.ParseCluster(v); ok {
			opt.Cluster = cl
		}
	}
	for _, v := range strings.Split(obj.Metadata[MetaInstruments], ",") {
		if in, ok := saq.ParseInstrument(strings.TrimSpace(v)); ok {
			opt.Instruments = append(opt.Instruments, in)
		}
	}
	// Like cluster and instruments, a language is taken only when it is
	// one of the six: the value is whatever the uploader put, and an
	// unknown one ("English", "EN") became the record's language, whose
	// answers the index then keeps out of every language's text fields.
	if v := strings.ToLower(strings.TrimSpace(obj.Metadata[MetaLanguage])); slices.Contains(indexer.Languages, v) {
		opt.Language = v
	}
	u, err := h.Pipeline.ExtractAs(ctx, file, obj.Data, opt)
	if err != nil {
		return err
	}
	log = log.With("upload", u.SHA256(), "submission_id", u.SubmissionID())
	switch {
	case u.Unchanged():
		log.Info("upload unchanged: the same bytes were ingested before")
		return nil
	case u.Rejected():
		_, st, err := h.Pipeline.Commit(ctx, u)
		if err != nil {
			return err
		}
		log.Info("upload rejected", "reason", string(st.Error.Kind))
		return nil
	}
	if h.BeforeSend != nil {
		if err := h.BeforeSend(); err != nil {
			return err
		}
	}
	state := indexer.ShardOf(u.CountryCode())
	body, _ := json.Marshal(IndexMessage{SHA256: u.SHA256(), State: state, Declared: declared, Key: key})
	// The hash is the deduplication id: a redelivered notification of
	// the same bytes within the queue's window sends nothing new.
	if err := h.Queue.Send(ctx, saq.Message{Group: state, DedupID: u.SHA256(), Body: body}); err != nil {
		return fmt.Errorf("send to index queue: %w", err)
	}
	log.Info("upload extracted", "state", state)
	return nil
}

// safely runs f, turning a panic into an error: aws-lambda-go would
// otherwise report it and end the process, failing the whole batch.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}
