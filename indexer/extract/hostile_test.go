package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/internal/hostile"
)

// hostileHeapBudget bounds the heap one hostile file may take while it is
// read. The ingest function runs with 1,024 MB (template.yaml); Go's
// collector lets the process grow to about twice the live heap
// (GOGC=100), so a heap peak under 512 MiB keeps one extraction inside the
// function with the 50 MiB upload beside it. The well-formed samples peak
// far lower; a reader without budgets needs gigabytes on most cases here.
const hostileHeapBudget = 512 << 20

// hostileTimeout is the deadline given to each hostile file: generous
// for a small file, so that only a reader without a budget reaches it.
const hostileTimeout = 20 * time.Second

// TestHostile reads each file of internal/hostile through File and checks
// that it is either read correctly or rejected with the expected kind,
// that the process survives (a panic escaping File fails the test binary),
// that the heap stays under hostileHeapBudget and that no work is left
// running once File returns. Peak heap and time are logged per case (go
// test -v -run TestHostile ./indexer/extract).
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile files take a few seconds")
	}
	tests := []struct {
		name  string
		data  func() []byte
		opt   Options
		kind  saq.ErrorKind                      // "" when the file must be read
		check func(t *testing.T, rec saq.Record) // for files that are read
	}{
		{"plain questionnaire (baseline)", hostile.Plain, Options{}, "", wantQuestionnaire},

		// 1. Decompression bombs.
		{"decompression bomb 4 GiB", func() []byte { return hostile.DecompressionBomb(4 << 30) }, Options{}, saq.KindTooLarge, nil},
		{"form fan-out 10^9 draws", func() []byte { return hostile.FormFanOut(9, 10) }, Options{}, saq.KindTooLarge, nil},
		{"5,000 fonts with 4 MiB CMaps", func() []byte { return hostile.FontCMapBombs(5000) }, Options{}, saq.KindTooLarge, nil},

		// 2. Deep and cyclic structures.
		{"page tree 100k levels deep", func() []byte { return hostile.DeepPageTree(100_000) }, Options{}, saq.KindCorrupt, nil},
		{"page tree node is its own kid", hostile.SelfKidPageTree, Options{}, saq.KindCorrupt, nil},
		{"page tree nodes are each other's kid", hostile.MutualKidsPageTree, Options{}, saq.KindCorrupt, nil},
		{"Parent loop without Resources", hostile.ParentLoop, Options{}, "", wantQuestionnaire},
		{"stream Length refers to itself", hostile.SelfLengthStream, Options{}, "", wantQuestionnaire},
		{"Resources reference loop", hostile.RefLoop, Options{}, saq.KindCorrupt, nil},
		{"form XObjects draw themselves", hostile.XObjectLoop, Options{}, "", wantQuestionnaire},

		// 3. Page counts.
		{"Count 10,000,000 claimed", func() []byte { return hostile.ClaimedPageCount(10_000_000) }, Options{}, "", wantQuestionnaire},
		{"5,000 pages over MaxPages", func() []byte { return hostile.ManyPages(5000) }, Options{}, saq.KindTooLarge, nil},
		{"5,000 pages within MaxPages", func() []byte { return hostile.ManyPages(5000) }, Options{MaxPages: 5000}, "", func(t *testing.T, rec saq.Record) {
			if rec.Pages != 5000 {
				t.Errorf("%d pages, want 5000", rec.Pages)
			}
		}},
		{"5,000 pages past a 1 ms deadline", func() []byte { return hostile.ManyPages(5000) }, Options{MaxPages: 5000, Timeout: time.Millisecond}, saq.KindTimeout, nil},
		{"one page listed 1,000,000 times", func() []byte { return hostile.RepeatedKids(1_000_000) }, Options{}, saq.KindTooLarge, nil},

		// 4. Gigantic lines.
		{"one 20 MB string", func() []byte { return hostile.HugeString(20 << 20) }, Options{}, saq.KindTooLarge, nil},
		{"1,000,000 Tj on one line", func() []byte { return hostile.ManyShows(1_000_000) }, Options{}, saq.KindTooLarge, nil},

		// 5. Invalid UTF-16.
		{"unpaired surrogates", hostile.BadUTF16, Options{}, "", func(t *testing.T, rec saq.Record) {
			wantAnswers(t, rec,
				strings.Replace(hostile.Answer1, "covers", "covers\uFFFD", 1),
				strings.Replace(strings.Replace(hostile.Answer2, "cases", "cases\uFFFD", 1), "tried", "tried\uFFFD\uFFFD", 1))
		}},

		// 6. Fonts without ToUnicode.
		{"Differences with glyph names", hostile.DifferencesFont, Options{}, "", wantQuestionnaire},
		{"1-byte font, 2-byte ToUnicode codespace", hostile.WideCodespace, Options{}, "", wantQuestionnaire},
		{"Differences with private names", hostile.UnknownGlyphNames, Options{}, saq.KindNoText, nil},
		{"Identity-H without ToUnicode", hostile.IdentityNoToUnicode, Options{}, saq.KindNoText, nil},
		{"answers in Identity-H without ToUnicode", hostile.UndecodableAnswers, Options{}, "", func(t *testing.T, rec saq.Record) {
			wantAnswers(t, rec, "", "")
			if !hasWarning(rec, "could not be decoded") {
				t.Errorf("no warning about undecodable answers in %q", rec.Warnings)
			}
		}},

		// 7. Inline images.
		{"inline images with EI in their data", hostile.InlineImages, Options{}, "", wantQuestionnaire},

		// 8. Form XObjects.
		{"answers in nested form XObjects", hostile.FormXObjects, Options{}, "", wantQuestionnaire},

		// 9. AcroForm fields.
		{"answers in form fields", hostile.AcroForm, Options{}, "", wantQuestionnaire},

		// Beyond the list: structures that killed the process (a fatal
		// stack overflow or failed allocation in Go, not a panic) or
		// hung it, with well-formed controls for the check that stops them.
		{"object stream inside itself", hostile.ObjectStreamLoop, Options{}, saq.KindCorrupt, nil},
		{"object stream Extends loop", hostile.ObjectStreamExtendsLoop, Options{}, saq.KindCorrupt, nil},
		{"xref stream Size 10^10", hostile.HugeXrefStream, Options{}, saq.KindCorrupt, nil},
		{"xref subsection at object 4*10^9", hostile.HugeXrefSection, Options{}, saq.KindCorrupt, nil},
		{"xref Prev loop", hostile.PrevLoop, Options{}, saq.KindCorrupt, nil},
		{"predictor of 10^10 columns", hostile.PredictorColumns, Options{}, saq.KindCorrupt, nil},
		{"50 MB of stray delimiters", func() []byte { return hostile.StrayDelimiters(50 << 20) }, Options{}, "", wantQuestionnaire},
		{"control: object streams by pdfcpu", func() []byte { return withObjectStreams(t, hostile.Plain()) }, Options{}, "", wantQuestionnaire},
		{"control: incremental update", func() []byte { return incrementalUpdate(hostile.Plain()) }, Options{}, "", wantQuestionnaire},

		// 10. JavaScript and attachments.
		{"JavaScript and an embedded questionnaire", hostile.ActiveContent, Options{}, "", func(t *testing.T, rec saq.Record) {
			wantQuestionnaire(t, rec)
			j, _ := json.Marshal(rec)
			if strings.Contains(string(j), hostile.EmbeddedState) || strings.Contains(string(j), "Embedded attachment") {
				t.Errorf("the attachment was read: %s", j)
			}
		}},
	}
	var report strings.Builder
	fmt.Fprintf(&report, "\n%-42s %-10s %9s %9s %10s %9s\n", "case", "outcome", "file", "peak heap", "allocated", "time")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data()
			opt := tc.opt
			if opt.Timeout == 0 {
				opt.Timeout = hostileTimeout
			}
			var rec saq.Record
			m := measure(func() { rec = File(context.Background(), "hostile.pdf", data, opt) })
			outcome := "read"
			if rec.Error != nil {
				outcome = string(rec.Error.Kind)
			}
			fmt.Fprintf(&report, "%-42s %-10s %9s %9s %10s %9s\n", tc.name, outcome, mib(uint64(len(data))), mib(m.peak), mib(m.allocated), m.took.Round(time.Millisecond))
			t.Logf("%s: %s in %v, peak heap %s, allocated %s, stack %s", outcome, mib(uint64(len(data))), m.took.Round(time.Millisecond), mib(m.peak), mib(m.allocated), mib(m.stack))

			if m.peak > hostileHeapBudget {
				t.Errorf("peak heap %s over the budget of %s", mib(m.peak), mib(hostileHeapBudget))
			}
			if m.leftRunning > 0 {
				t.Errorf("%d goroutines still running %v after File returned", m.leftRunning, drainWait)
			}
			if j, err := json.Marshal(rec); err != nil || !utf8.Valid(j) {
				t.Errorf("record does not marshal to valid JSON: %v", err)
			}
			if tc.kind != "" {
				if rec.Error == nil {
					t.Fatalf("read with %d answers, want a rejection of kind %s", len(rec.Answers), tc.kind)
				}
				if rec.Error.Kind != tc.kind {
					t.Fatalf("rejected as %s (%s), want %s", rec.Error.Kind, rec.Error.Message, tc.kind)
				}
				if msg := rec.Error.Message; msg == "" || strings.Contains(msg, "goroutine") || strings.Contains(msg, "runtime error") {
					t.Errorf("message %q: want a plain sentence", msg)
				}
				return
			}
			if rec.Error != nil {
				t.Fatalf("rejected as %s: %s", rec.Error.Kind, rec.Error.Message)
			}
			for _, a := range rec.Answers {
				if !utf8.ValidString(a.Text) || !utf8.ValidString(a.QuestionText) {
					t.Errorf("answer %s has invalid UTF-8: %q", a.Question, a.Text)
				}
			}
			tc.check(t, rec)
		})
	}
	t.Log(report.String())
}

// wantQuestionnaire checks that rec holds the questionnaire of
// hostile.Questionnaire, read correctly.
func wantQuestionnaire(t *testing.T, rec saq.Record) {
	t.Helper()
	wantAnswers(t, rec, hostile.Answer1, hostile.Answer2)
}

// wantAnswers checks the State and the two answers of the questionnaire,
// with the texts given.
func wantAnswers(t *testing.T, rec saq.Record, text1, text2 string) {
	t.Helper()
	if rec.Submission == nil || rec.Submission.CountryCode != "MEX" {
		t.Errorf("submission %+v, want Mexico", rec.Submission)
	}
	want := []saq.Answer{
		{Instrument: saq.UNTOC, Article: "5", Question: "1", Choice: saq.Yes, Text: text1},
		{Instrument: saq.UNTOC, Article: "5", Question: "2", Choice: saq.Unanswered, Text: text2},
	}
	if len(rec.Answers) != len(want) {
		j, _ := json.MarshalIndent(rec, "", "  ")
		t.Fatalf("%d answers, want %d:\n%s", len(rec.Answers), len(want), j)
	}
	for i, w := range want {
		a := rec.Answers[i]
		if a.Instrument != w.Instrument || a.Article != w.Article || a.Question != w.Question || a.Choice != w.Choice || a.Text != w.Text {
			t.Errorf("answer %d = %s %s q%s choice %q text %q\n            want %s %s q%s choice %q text %q",
				i+1, a.Instrument, a.Article, a.Question, a.Choice, a.Text, w.Instrument, w.Article, w.Question, w.Choice, w.Text)
		}
	}
}

// withObjectStreams rewrites a file with pdfcpu, which stores objects in
// object streams under a cross-reference stream.
func withObjectStreams(t *testing.T, data []byte) []byte {
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream, conf.WriteXRefStream = true, true
	var out bytes.Buffer
	if err := api.Optimize(bytes.NewReader(data), &out, conf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte("/ObjStm")) {
		t.Fatal("pdfcpu wrote no object stream")
	}
	return out.Bytes()
}

// incrementalUpdate appends an update to a file with a classic table: a
// new document information dictionary, and a table whose /Prev is the
// original one.
func incrementalUpdate(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("startxref\n"))
	prev, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(string(data[i+len("startxref\n"):]), "%%EOF\n")))
	trailer := data[bytes.LastIndex(data, []byte("trailer\n")):i]
	size, _ := strconv.Atoi(strings.Fields(string(trailer[bytes.Index(trailer, []byte("/Size")):]))[1])
	root := strings.Fields(string(trailer[bytes.Index(trailer, []byte("/Root")):]))[1]
	b := bytes.NewBuffer(append([]byte(nil), data...))
	obj := b.Len()
	fmt.Fprintf(b, "%d 0 obj\n<< /Title (Updated) >>\nendobj\n", size)
	xref := b.Len()
	fmt.Fprintf(b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, obj, size+1, root, size, prev, xref)
	return b.Bytes()
}

func hasWarning(rec saq.Record, s string) bool {
	for _, w := range rec.Warnings {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// usage is what measure saw while a function ran.
type usage struct {
	peak        uint64 // highest heap in use (live and not yet collected objects) above the level before
	stack       uint64 // highest goroutine stack memory
	allocated   uint64 // bytes allocated in all
	took        time.Duration
	leftRunning int // goroutines started during fn and still running drainWait after it
}

const drainWait = 10 * time.Second

// measure runs fn while a goroutine samples the heap every millisecond
// (runtime/metrics reads without stopping the world), then waits up to
// drainWait for the goroutines fn started to end: File abandons a reader
// that outlives its deadline, and such a reader must stop by itself.
func measure(fn func()) usage {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/stacks:bytes"},
		{Name: "/gc/heap/allocs:bytes"},
	}
	runtime.GC()
	goroutines := runtime.NumGoroutine()
	metrics.Read(samples)
	base, allocs0 := samples[0].Value.Uint64(), samples[2].Value.Uint64()
	var peak, stack atomic.Uint64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		s := make([]metrics.Sample, len(samples))
		copy(s, samples)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if h := s[0].Value.Uint64(); h > base && h-base > peak.Load() {
				peak.Store(h - base)
			}
			if st := s[1].Value.Uint64(); st > stack.Load() {
				stack.Store(st)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	fn()
	took := time.Since(start)
	deadline := time.Now().Add(drainWait)
	for runtime.NumGoroutine() > goroutines+1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	left := max(0, runtime.NumGoroutine()-goroutines-1)
	close(stop)
	<-stopped
	metrics.Read(samples)
	return usage{peak: peak.Load(), stack: stack.Load(), allocated: samples[2].Value.Uint64() - allocs0, took: took, leftRunning: left}
}

func mib(n uint64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
