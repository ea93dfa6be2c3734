// Package hostile builds PDF files that attack a reader: decompression
// bombs, page trees that are cyclic or absurdly deep, object graphs that
// loop, cross-reference data that asks for unbounded memory or recursion,
// huge page and operator counts, invalid UTF-16, fonts without a Unicode
// mapping, inline images whose data hides their end marker, and files
// whose text hides in form XObjects, form fields or beside JavaScript and
// embedded files.
//
// Each generator returns the bytes of one small, deterministic file and
// documents what it is and why it is hostile. The files are written by
// hand, object by object (see File), so that they contain exactly the
// construct under test; the readable ones carry the questionnaire of
// Questionnaire so that a test can check that its answers come out whole.
package hostile

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"sync"
)

// File is a PDF under construction: numbered objects written in order,
// then a classic cross-reference table with their exact offsets and a
// trailer. Nothing is checked: hostile files are meant to be wrong.
type File struct {
	objs    [][]byte // objs[i] is the body of object i+1
	Root    int      // the catalog's object number
	Trailer string   // extra trailer entries, e.g. "/Info 9 0 R"
}

// Add appends an object and returns its number.
func (f *File) Add(body string) int {
	f.objs = append(f.objs, []byte(body))
	return len(f.objs)
}

// Reserve appends an empty object, to be filled with Set once the numbers
// of the objects it refers to are known.
func (f *File) Reserve() int { return f.Add("null") }

// Set replaces the body of object n.
func (f *File) Set(n int, body string) { f.objs[n-1] = []byte(body) }

// Stream adds a stream object whose data is written as given; dict holds
// the entries besides /Length (e.g. "/Filter /FlateDecode").
func (f *File) Stream(dict string, data []byte) int {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<< %s /Length %d >>\nstream\n", dict, len(data))
	b.Write(data)
	b.WriteString("\nendstream")
	f.objs = append(f.objs, b.Bytes())
	return len(f.objs)
}

// Flate adds a stream object holding data compressed with FlateDecode.
func (f *File) Flate(dict string, data []byte) int {
	return f.Stream(dict+" /Filter /FlateDecode", deflate(data))
}

// Bytes writes the file: header, objects, cross-reference table, trailer.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(f.objs))
	for i, o := range f.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(o)
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(f.objs)+1, f.Root, f.Trailer, xref)
	return b.Bytes()
}

// Catalog adds the document catalog over the page tree pages, with extra
// entries, and makes it the trailer's /Root.
func (f *File) Catalog(pages int, extra string) int {
	f.Root = f.Add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R %s >>", pages, extra))
	return f.Root
}

// Pages fills the reserved object tree as a one-level page tree over the
// given page objects, whose /Parent must already name tree.
func (f *File) Pages(tree int, pages ...int) {
	f.Set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", refs(pages), len(pages)))
}

// Page adds a page under parent with a Flate-compressed content stream;
// resources is the body of its /Resources dictionary, extra more entries.
func (f *File) Page(parent int, content, resources, extra string) int {
	c := f.Flate("", []byte(content))
	return f.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R %s >>",
		parent, resources, c, extra))
}

// Helvetica adds the standard Helvetica font with WinAnsiEncoding.
func (f *File) Helvetica() int {
	return f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

func refs(objs []int) string {
	s := make([]string, len(objs))
	for i, o := range objs {
		s[i] = fmt.Sprintf("%d 0 R", o)
	}
	return strings.Join(s, " ")
}

// zlibWriters keeps compressors for reuse: a file of thousands of pages
// would otherwise allocate a compressor's tables per page.
var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestCompression)
	return w
}}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(w)
	w.Reset(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// literal writes s as a PDF literal string.
func literal(s string) string {
	return "(" + strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`).Replace(s) + ")"
}

// show returns the operators that draw s with font /F1 of the given size,
// its baseline starting at (x, y).
func show(x, y, size float64, s string) string {
	return fmt.Sprintf("BT /F1 %g Tf %g %g Td %s Tj ET\n", size, x, y, literal(s))
}
