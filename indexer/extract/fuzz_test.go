package extract_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/internal/pdfbuild"
)

// fuzzOptions are the limits of FuzzFile: small enough that one input
// cannot stall the fuzzer for long.
var fuzzOptions = extract.Options{Timeout: 2 * time.Second, MaxBytes: 4 << 20, MaxPages: 50}

// fileKinds are the rejections File may return. internal is not among
// them: in this package it is only returned when segmentation panics (a
// bug of ours); a panic inside the PDF library is reported as corrupt.
var fileKinds = []saq.ErrorKind{
	saq.KindNotPDF, saq.KindEmpty, saq.KindEncrypted, saq.KindCorrupt,
	saq.KindNoText, saq.KindTooLarge, saq.KindTimeout,
}

// FuzzFile feeds arbitrary bytes to File. Invariants: no panic; a record
// is either rejected with a known kind and a plain message, or has a
// submission and answers that each name an instrument and an article,
// with pages within the document and valid UTF-8 everywhere; File returns
// soon after its deadline even when segmentation is slow.
//
// Inputs that are accepted but worth a look (a runtime panic recovered
// and reported as corrupt, a timeout) are not failures; with
// SAQ_FUZZ_OUT=dir they are copied there with their message, for the
// PDF reader's owner.
func FuzzFile(f *testing.F) {
	for _, s := range fileSeeds(f) {
		f.Add(s)
	}
	if fuzzing() {
		// Real producers' files give the fuzzer fonts, CMaps and
		// structures the hand-built seeds lack. They are large and slow
		// to mutate, so only a fuzzing run uses them.
		for _, s := range sampleFiles() {
			f.Add(s)
		}
	}
	out := os.Getenv("SAQ_FUZZ_OUT")
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		rec := extract.File(context.Background(), "f.pdf", data, fuzzOptions)
		if d := time.Since(start); d > fuzzOptions.Timeout+5*time.Second {
			t.Errorf("File took %s, deadline %s", d, fuzzOptions.Timeout)
		}
		sum := sha256.Sum256(data)
		if rec.File != "f.pdf" || rec.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("file %q sha256 %q", rec.File, rec.SHA256)
		}
		if rec.Error != nil {
			checkRejected(t, rec)
			if out != "" {
				if rec.Error.Kind == saq.KindTimeout {
					keep(t, out, "timeout", data, rec.Error)
				} else if strings.Contains(rec.Error.Message, "runtime error") {
					keep(t, out, "panic", data, rec.Error)
				}
			}
			return
		}
		checkExtracted(t, rec)
	})
}

func checkRejected(t *testing.T, rec saq.Record) {
	t.Helper()
	e := rec.Error
	if !slices.Contains(fileKinds, e.Kind) {
		t.Fatalf("rejected with kind %q: %s", e.Kind, e.Message)
	}
	if e.Message == "" || strings.Contains(e.Message, "goroutine ") {
		t.Errorf("%s: message %q is not a plain sentence", e.Kind, e.Message)
	}
	if rec.Submission != nil || len(rec.Answers) > 0 {
		t.Errorf("rejected (%v) but has a submission or %d answers", e, len(rec.Answers))
	}
}

func checkExtracted(t *testing.T, rec saq.Record) {
	t.Helper()
	if rec.Pages < 1 || rec.Pages > fuzzOptions.MaxPages {
		t.Errorf("extracted %d pages, limit %d", rec.Pages, fuzzOptions.MaxPages)
	}
	sub := rec.Submission
	if sub == nil {
		t.Fatal("extracted without a submission")
	}
	valid := func(what, s string) {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", what, s)
		}
	}
	valid("country", sub.Country)
	valid("country code", sub.CountryCode)
	valid("language", sub.Language)
	valid("cluster", sub.Cluster)
	for _, w := range rec.Warnings {
		valid("warning", w)
	}
	for i, a := range rec.Answers {
		if !slices.Contains(saq.Instruments, a.Instrument) || a.Article == "" {
			t.Errorf("answer %d: instrument %q article %q", i, a.Instrument, a.Article)
		}
		switch a.Choice {
		case saq.Unanswered, saq.Yes, saq.YesInPart, saq.No, saq.NotApplicable:
		default:
			t.Errorf("answer %d: choice %q", i, a.Choice)
		}
		for _, p := range a.Pages {
			if p < 1 || p > rec.Pages {
				t.Errorf("answer %d (%s %s.%s): page %d of %d", i, a.Instrument, a.Article, a.Question, p, rec.Pages)
			}
		}
		for what, s := range map[string]string{"article": a.Article, "paragraph": a.Paragraph, "question": a.Question, "question text": a.QuestionText, "text": a.Text} {
			valid(fmt.Sprintf("answer %d %s", i, what), s)
		}
		for _, n := range a.Footnotes {
			valid(fmt.Sprintf("answer %d footnote", i), n)
		}
	}
}

// keep copies an input worth a look into dir.
func keep(t *testing.T, dir, what string, data []byte, e *saq.Error) {
	sum := sha256.Sum256(data)
	name := filepath.Join(dir, what+"-"+hex.EncodeToString(sum[:8]))
	if _, err := os.Stat(name + ".pdf"); err == nil {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("keep: %v", err)
		return
	}
	os.WriteFile(name+".pdf", data, 0o644)
	os.WriteFile(name+".txt", []byte(string(e.Kind)+": "+e.Message+"\n"), 0o644)
}

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// sampleFiles reads the sample submissions beside the repository, if any
// ($SAQ_SAMPLES or ../shared/samples), without skipping when there are
// none (internal/samples skips).
func sampleFiles() [][]byte {
	dir := os.Getenv("SAQ_SAMPLES")
	if dir == "" {
		wd, _ := os.Getwd()
		for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(filepath.Dir(d), "shared", "samples")
				break
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var out [][]byte
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// questionnaireLines is a short cluster I answer to UNTOC article 5.
var questionnaireLines = []string{
	"State party: Mexico",
	"Cluster I",
	"Part I. United Nations Convention against Transnational Organized Crime",
	"Article 5. Criminalization of participation in an organized criminal group",
	"Paragraph 1 (a) (i)",
	"Question 1. Has your country adopted legislative measures?",
	"[X] Yes [ ] No [ ] Partially",
	"The Federal Criminal Code, article 164, establishes the offence.",
	"Question 2. Please provide examples of implementation.",
	"Two cases were tried in 2024 under the same provisions.",
}

// fileSeeds are small inputs that reach the reader's main paths: plain
// and compressed content, several pages with running headers and
// footnotes, a Type0 font with a ToUnicode map, a form XObject, form
// fields, an inline image, an encrypted file that opens without a
// password, and damaged and non-PDF files. Content streams are mostly
// left uncompressed so that mutations change operators, not zlib bytes.
func fileSeeds(t testing.TB) [][]byte {
	good := pdfbuild.Lines(questionnaireLines...)
	seeds := [][]byte{
		good,
		good[:len(good)*6/10], // truncated
		good[:bytes.LastIndex(good, []byte("xref"))], // no cross-reference table
		nil,
		[]byte("%PDF-1.7\n%%EOF\n"),
		[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		[]byte("<!DOCTYPE html><html><body>State party: Kenya</body></html>"),
		append([]byte("junk before the header\n"), good...),
	}

	// One uncompressed page per entry, Helvetica as /F1.
	plain := func(version string, pages ...string) []byte {
		d := pdfbuild.New()
		d.Version = version
		f := d.Helvetica()
		var kids []string
		for _, c := range pages {
			s := d.Stream("", []byte(c), false)
			p := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", f, s))
			kids = append(kids, fmt.Sprintf("%d 0 R", p))
		}
		d.Set(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
		return d.Bytes()
	}
	var page1, page2 strings.Builder
	header := pdfbuild.Text(72, 810, 9, "CTOC/COP/WG.10/2020/2")
	page1.WriteString(header)
	y := 760.0
	for _, l := range questionnaireLines[:7] {
		page1.WriteString(pdfbuild.Text(72, y, 11, l))
		y -= 24
	}
	page1.WriteString(pdfbuild.Text(72, y, 11, "The code was amended in 2019.1"))
	page1.WriteString(pdfbuild.Text(72, 60, 8, "1 Published in the Official Gazette No. 101."))
	page1.WriteString(pdfbuild.Text(480, 30, 9, "Page 1 of 2"))
	page2.WriteString(header)
	y = 760
	for _, l := range append(questionnaireLines[7:], "Article 6. Criminalization of the laundering of proceeds of crime", "Question 1. Is the offence established?", "\x95 Oui \x95 Non", "R\xe9ponse en fran\xe7ais : le blanchiment est r\xe9prim\xe9.") {
		page2.WriteString(pdfbuild.Text(72, y, 11, l))
		y -= 24
	}
	page2.WriteString(pdfbuild.Text(480, 30, 9, "Page 2 of 2"))
	seeds = append(seeds, plain("1.4", page1.String(), page2.String()))
	seeds = append(seeds, plain("2.0", "q 10 0 0 10 72 600 cm BI /W 4 /H 1 /CS /G /BPC 8 ID \x00)(\xffEI\x01 EI Q "+
		"BT /F1 11 Tf 14 TL 72 700 Td (Article 24. Protection of witnesses) Tj T* [(Question)-250(1.)] TJ ' (Yes) \" Q Q"))

	// A Type0 font whose ToUnicode map gives Cyrillic text.
	{
		d := pdfbuild.New()
		cmap := d.Stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0001> <0421> <0002> <0442> endbfchar\n1 beginbfrange <0010> <0020> <0430> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"), false)
		desc := d.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [1 [600 550] 16 32 480] >>")
		f := d.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, cmap))
		s := d.Stream("", []byte("BT /F1 12 Tf 72 700 Td <000100020010001100120013> Tj 0 -20 Td <0014001500160017> Tj ET"), false)
		p := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", f, s))
		d.Set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", p))
		seeds = append(seeds, d.Bytes())
	}
	// A form XObject and form fields.
	{
		d := pdfbuild.New()
		f := d.Helvetica()
		x := d.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 %d 0 R >> >>", f), []byte("BT /F1 12 Tf 10 10 Td (Question 3. Describe the measures taken.) Tj ET"), false)
		tx := d.Add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (answer) /V (Typed into the form) /Rect [72 600 400 620] >>")
		cb := d.Add("<< /Type /Annot /Subtype /Widget /FT /Btn /T (yes) /V /Yes /AS /Yes /Rect [72 650 84 662] >>")
		s := d.Stream("", []byte("q 1 0 0 1 72 700 cm /X1 Do Q "+pdfbuild.Text(72, 760, 11, "Article 5. Criminalization")), false)
		p := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >> /Contents %d 0 R /Annots [%d 0 R %d 0 R] >>", f, x, s, tx, cb))
		d.Set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", p))
		d.Catalog = fmt.Sprintf("/AcroForm << /Fields [%d 0 R %d 0 R] >>", tx, cb)
		seeds = append(seeds, d.Bytes())
	}
	// A cyclic page tree.
	{
		d := pdfbuild.New()
		d.Add("<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
		d.Set(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		seeds = append(seeds, d.Bytes())
	}
	// Encrypted, opened with the empty user password.
	conf := model.NewAESConfiguration("", "owner-secret", 256)
	var enc bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(good), &enc, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	seeds = append(seeds, enc.Bytes())
	return seeds
}
