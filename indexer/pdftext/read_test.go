package pdftext

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/internal/pdfbuild"
)

// onePage builds a document with one page of content using Helvetica as /F1.
func onePage(content string, extra ...string) []byte {
	d := pdfbuild.New()
	f := d.Helvetica()
	ex := ""
	if len(extra) > 0 {
		ex = extra[0]
	}
	d.Page(content, fmt.Sprintf("/Font << /F1 %d 0 R >>", f), ex)
	return d.Bytes()
}

func texts(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	var out []string
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestReadText(t *testing.T) {
	// A Type0 font whose ToUnicode maps every 2-byte code to itself with one
	// bfrange: the library decodes codes above 0xFF wrongly.
	// A Type0 font with an identity ToUnicode: the string's UTF-16 is its text.
	type0 := func(content func(hex func(string) string) string) []byte {
		d := pdfbuild.New()
		cmap := d.Stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0000> <FFFF> <0000> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"), false)
		desc := d.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
		f := d.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, cmap))
		hex := func(s string) string {
			var h strings.Builder
			for _, r := range s {
				fmt.Fprintf(&h, "%04X", r)
			}
			return "<" + h.String() + ">"
		}
		d.Page(content(hex), fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "")
		return d.Bytes()
	}
	// Arabic drawn as producers draw it: glyph by glyph in visual order,
	// right to left, with the number's digits left to right.
	arabic := type0(func(hex func(string) string) string {
		return "BT /F1 12 Tf 72 700 Td " + hex("نم 241 ةداملا صن") + " Tj ET"
	})
	wide := func() []byte {
		d := pdfbuild.New()
		cmap := d.Stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0000> <FFFF> <0000> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"), false)
		desc := d.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>")
		f := d.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, cmap))
		// "Русский текст" as UTF-16 code units.
		var hex strings.Builder
		for _, r := range "Русский текст" {
			fmt.Fprintf(&hex, "%04X", r)
		}
		d.Page("BT /F1 12 Tf 72 700 Td <"+hex.String()+"> Tj ET", fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "")
		return d.Bytes()
	}
	form := func() []byte {
		d := pdfbuild.New()
		f := d.Helvetica()
		x := d.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 %d 0 R >> >>", f), []byte("BT /F1 12 Tf 10 10 Td (Text inside a form XObject) Tj ET"), true)
		d.Page("q 1 0 0 1 62 600 cm /X1 Do Q", fmt.Sprintf("/XObject << /X1 %d 0 R >>", x), "")
		return d.Bytes()
	}
	fields := func() []byte {
		d := pdfbuild.New()
		f := d.Helvetica()
		tx := d.Add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (answer) /V (Typed into the form) /Rect [72 600 400 620] >>")
		cb := d.Add("<< /Type /Annot /Subtype /Widget /FT /Btn /T (yes) /V /Yes /AS /Yes /Rect [72 650 84 662] >>")
		d.Page("BT /F1 12 Tf 90 652 Td (Yes) Tj ET", fmt.Sprintf("/Font << /F1 %d 0 R >>", f), fmt.Sprintf("/Annots [%d 0 R %d 0 R]", tx, cb))
		d.Catalog = fmt.Sprintf("/AcroForm << /Fields [%d 0 R %d 0 R] >>", tx, cb)
		return d.Bytes()
	}
	rotated := func() []byte {
		d := pdfbuild.New()
		f := d.Helvetica()
		d.Page("BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Landscape page text) Tj ET", fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "/Rotate 90")
		return d.Bytes()
	}
	tests := []struct {
		name string
		pdf  []byte
		want []string
	}{
		{"TJ gaps become spaces, kerning does not", onePage("BT /F1 12 Tf 72 700 Td [(Hello)-300(World)] TJ [(  Ker)-20(ning)] TJ ET"), []string{"Hello World Kerning"}},
		{"separate positioning gives spaces", onePage("BT /F1 12 Tf 72 700 Td (Two) Tj 40 0 Td (words) Tj ET"), []string{"Two words"}},
		{"quote operators", onePage("BT /F1 12 Tf 14 TL 72 700 Td (first) Tj (second) ' 1 0 (third) \" ET"), []string{"first", "second", "third"}},
		{"inline image skipped", onePage("q 10 0 0 10 72 600 cm BI /W 4 /H 1 /CS /G /BPC 8 ID \x00)(\xffEI\x01 EI Q " + pdfbuild.Text(72, 700, 12, "After the image")), []string{"After the image"}},
		{"unbalanced Q ignored", onePage("Q Q " + pdfbuild.Text(72, 700, 12, "Still read")), []string{"Still read"}},
		{"wide ToUnicode range", wide(), []string{"Русский текст"}},
		{"right-to-left text in logical order", arabic, []string{"نص المادة 241 من"}},
		{"text inside form XObject", form(), []string{"Text inside a form XObject"}},
		{"form field values", fields(), []string{"☒ Yes", "Typed into the form"}},
		{"rotated page", rotated(), []string{"Landscape page text"}},
		{"superscript marker", onePage("BT /F1 11 Tf 72 700 Td (Act of 2010.) Tj ET BT /F1 7 Tf 140 704 Td (1) Tj ET"), []string{"Act of 2010."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := texts(t, tc.pdf)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRunningHeadersAndFootnotes(t *testing.T) {
	d := pdfbuild.New()
	f := d.Helvetica()
	res := fmt.Sprintf("/Font << /F1 %d 0 R >>", f)
	for p := 1; p <= 3; p++ {
		c := pdfbuild.Text(72, 810, 9, "CTOC/COP/WG.10/2020/2") +
			pdfbuild.Text(72, 700, 11, fmt.Sprintf("Body text of page %d, which is longer than its footnote.", p)) +
			pdfbuild.Text(72, 60, 8, fmt.Sprintf("1 Published in Official Gazette No. %d.", 100+p)) +
			pdfbuild.Text(480, 30, 9, fmt.Sprintf("Page %d of 3", p))
		d.Page(c, res, "")
	}
	doc, err := Read(context.Background(), d.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		if len(p.Lines) != 1 || p.Lines[0].Text != fmt.Sprintf("Body text of page %d, which is longer than its footnote.", p.Number) {
			t.Errorf("page %d lines = %+v, want only the body line", p.Number, p.Lines)
		}
	}
	if len(doc.Footnotes) != 3 || doc.Footnotes[1].Marker != "1" || doc.Footnotes[1].Text != "Published in Official Gazette No. 102." || doc.Footnotes[1].Page != 2 {
		t.Errorf("footnotes = %+v", doc.Footnotes)
	}
}

func TestTable(t *testing.T) {
	// A bordered two-column table: question cell | answer cell. Reading
	// physical lines across would interleave them.
	rows := []string{
		pdfbuild.Text(75, 700, 10, "1. Has your country adopted") + pdfbuild.Text(305, 700, 10, "Yes. The Criminal Code"),
		pdfbuild.Text(75, 688, 10, "measures to criminalize it?") + pdfbuild.Text(305, 688, 10, "covers the conduct in"),
		pdfbuild.Text(305, 676, 10, "article 12."),
		pdfbuild.Text(75, 650, 10, "2. Please describe the cases.") + pdfbuild.Text(305, 650, 10, "No cases yet."),
	}
	borders := "0.5 w 70 715 m 530 715 l S 70 665 m 530 665 l S 70 640 m 530 640 l S 300 715 m 300 640 l S\n"
	got := texts(t, onePage(borders+strings.Join(rows, "")))
	want := []string{"1. Has your country adopted", "measures to criminalize it?", "Yes. The Criminal Code", "covers the conduct in", "article 12.",
		"2. Please describe the cases.", "No cases yet."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("reading order\n got %q\nwant %q", got, want)
	}
}

func encrypt(t *testing.T, data []byte, user string) []byte {
	t.Helper()
	conf := model.NewAESConfiguration(user, "owner-secret", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}

func TestRejections(t *testing.T) {
	good := onePage(pdfbuild.Text(72, 700, 12, "A questionnaire answer."))
	twoPages := func() []byte {
		d := pdfbuild.New()
		f := d.Helvetica()
		d.Page(pdfbuild.Text(72, 700, 12, "one"), fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "")
		d.Page(pdfbuild.Text(72, 700, 12, "two"), fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "")
		return d.Bytes()
	}
	imageOnly := func() []byte {
		d := pdfbuild.New()
		img := d.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}, false)
		d.Page("q 500 0 0 700 40 60 cm /Im1 Do Q", fmt.Sprintf("/XObject << /Im1 %d 0 R >>", img), "")
		return d.Bytes()
	}
	badStream := func() []byte {
		b := bytes.Clone(good)
		i := bytes.Index(b, []byte("stream\n")) + len("stream\n") + 4
		for k := i; k < i+8; k++ {
			b[k] ^= 0x5A
		}
		return b
	}
	bomb := func() []byte {
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		w.Write(bytes.Repeat([]byte(" "), 80<<20)) // 80 MiB of spaces, a few kB compressed
		w.Close()
		d := pdfbuild.New()
		c := d.Add(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
		p := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>", c))
		d.Set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", p))
		return d.Bytes()
	}
	cyclic := func() []byte {
		d := pdfbuild.New()
		d.Add("<< /Type /Pages /Kids [2 0 R] /Count 1 >>") // 3: a node whose kid is the root
		d.Set(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		return d.Bytes()
	}
	garbledXref := func() []byte {
		b := bytes.Clone(good)
		i := bytes.Index(b, []byte("xref\n"))
		copy(b[i+30:], []byte("99999999"))
		return b
	}
	tests := []struct {
		name string
		data []byte
		opt  Options
		kind saq.ErrorKind
	}{
		{"zero bytes", nil, Options{}, saq.KindEmpty},
		{"whitespace", []byte("  \n\t "), Options{}, saq.KindEmpty},
		{"png image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Options{}, saq.KindNotPDF},
		{"word document", append([]byte("PK\x03\x04"), make([]byte, 200)...), Options{}, saq.KindNotPDF},
		{"html page", []byte("<!DOCTYPE html><html><body>SAQ</body></html>"), Options{}, saq.KindNotPDF},
		{"truncated", good[:len(good)*6/10], Options{}, saq.KindCorrupt},
		{"garbled xref", garbledXref(), Options{}, saq.KindCorrupt},
		{"damaged content stream", badStream(), Options{}, saq.KindCorrupt},
		{"cyclic page tree", cyclic(), Options{}, saq.KindCorrupt},
		{"user password", encrypt(t, good, "open-sesame"), Options{}, saq.KindEncrypted},
		{"image only", imageOnly(), Options{}, saq.KindNoText},
		{"blank page", onePage(""), Options{}, saq.KindEmpty},
		{"over byte limit", good, Options{MaxBytes: 100}, saq.KindTooLarge},
		{"over page limit", twoPages(), Options{MaxPages: 1}, saq.KindTooLarge},
		{"decompression bomb", bomb(), Options{}, saq.KindTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), tc.data, tc.opt)
			if err == nil {
				t.Fatalf("Read succeeded, want %s", tc.kind)
			}
			if k := saq.KindOf(err); k != tc.kind {
				t.Fatalf("kind %s (%v), want %s", k, err, tc.kind)
			}
			if msg := saq.AsError(err).Message; msg == "" || strings.Contains(msg, "goroutine") {
				t.Errorf("message %q: want a plain sentence", msg)
			}
		})
	}
}

func TestPageListedTwice(t *testing.T) {
	d := pdfbuild.New()
	f := d.Helvetica()
	p := d.Page(pdfbuild.Text(72, 700, 12, "Same page"), fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "")
	d.Set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>", p, p))
	doc, err := Read(context.Background(), d.Bytes(), Options{})
	if err != nil {
		t.Fatalf("a page listed twice is not a cycle: %v", err)
	}
	if len(doc.Pages) != 2 {
		t.Errorf("%d pages, want 2", len(doc.Pages))
	}
}

func TestEmptyUserPasswordIsRead(t *testing.T) {
	good := onePage(pdfbuild.Text(72, 700, 12, "Readable although encrypted."))
	doc, err := Read(context.Background(), encrypt(t, good, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Decrypted || doc.Pages[0].Lines[0].Text != "Readable although encrypted." {
		t.Errorf("decrypted=%v lines=%+v", doc.Decrypted, doc.Pages[0].Lines)
	}
}

func TestTimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	_, err := Read(ctx, onePage(pdfbuild.Text(72, 700, 12, "x")), Options{})
	if saq.KindOf(err) != saq.KindTimeout {
		t.Fatalf("err = %v, want timeout", err)
	}
}

func TestJunkAroundFileAndPDF20Header(t *testing.T) {
	good := onePage(pdfbuild.Text(72, 700, 12, "Still a questionnaire."))
	v2 := bytes.Replace(good, []byte("%PDF-1.7"), []byte("%PDF-2.0"), 1)
	for name, data := range map[string][]byte{
		"junk before and after": append(append([]byte("junk from a mail gateway\r\n"), good...), bytes.Repeat([]byte{0}, 300)...),
		"PDF 2.0 header":        v2,
	} {
		t.Run(name, func(t *testing.T) {
			if got := texts(t, data); len(got) != 1 || got[0] != "Still a questionnaire." {
				t.Errorf("got %q", got)
			}
		})
	}
}

// A panic inside the PDF library (here: a file of newlines after its
// header, which makes ledongthuc/pdf index its buffer at -1) is a
// corrupt file with a message about the file, not about Go.
func TestLibraryPanicMessage(t *testing.T) {
	data := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("\n"), 120)...)
	_, err := Read(context.Background(), data, Options{})
	if err == nil || strings.Contains(err.Error(), "runtime error") {
		t.Errorf("Read = %v, want a rejection without the runtime error", err)
	}
}
