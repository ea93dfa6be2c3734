package hostile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// bytesXrefStream writes the file with a cross-reference stream (PDF 1.5)
// instead of a table. inStream declares objects as stored in an object
// stream: object number → (stream object, index), whatever the stream
// holds; the objects are still written at top level, where a reader
// that trusts the cross-reference stream does not look.
func (f *File) bytesXrefStream(inStream map[int][2]int, extra string) []byte {
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
	n := len(f.objs) + 2 // object 0 and the cross-reference stream itself
	var rows bytes.Buffer
	row := func(typ byte, a uint32, c uint16) {
		rows.WriteByte(typ)
		binary.Write(&rows, binary.BigEndian, a)
		binary.Write(&rows, binary.BigEndian, c)
	}
	row(0, 0, 65535)
	for i, off := range offsets {
		if s, ok := inStream[i+1]; ok {
			row(2, uint32(s[0]), uint16(s[1]))
			continue
		}
		row(1, uint32(off), 0)
	}
	row(1, uint32(xref), 0)
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R %s /Length %d >>\nstream\n", n-1, n, f.Root, extra, rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// ObjectStreamLoop is the questionnaire in a file with a cross-reference
// stream that declares the page-tree root as stored in an object stream,
// and that object stream as stored in itself.
//
// Hostile because a reader that loads the containing stream before the
// object recurses without end: in Go a stack overflow is fatal, not a
// panic that can be recovered, so the whole process dies.
func ObjectStreamLoop() []byte {
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "", "", "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.bytesXrefStream(map[int][2]int{tree: {tree, 0}}, "")
}

// ObjectStreamExtendsLoop is the questionnaire in a file whose page-tree
// root is declared as stored in an object stream that does not hold it
// and whose /Extends names the stream itself.
//
// Hostile because a reader that follows /Extends to find the object
// decodes the same stream forever, a loop no deadline interrupts when
// the reader does not check one.
func ObjectStreamExtendsLoop() []byte {
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "", "", "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	objstm := f.Reserve()
	data := "999 0 << /Unused true >>"
	f.Set(objstm, fmt.Sprintf("<< /Type /ObjStm /N 1 /First 6 /Extends %d 0 R /Length %d >>\nstream\n%s\nendstream", objstm, len(data), data))
	return f.bytesXrefStream(map[int][2]int{tree: {objstm, 0}}, "")
}

// HugeXrefStream is the questionnaire in a file whose cross-reference
// stream claims /Size 10,000,000,000 objects.
//
// Hostile because a reader that allocates its object table from /Size
// asks for hundreds of gigabytes at once: in Go a failed allocation is
// fatal, and the process dies before any limit is checked.
func HugeXrefStream() []byte {
	f := &File{}
	tree := f.Reserve()
	f.Pages(tree, f.questionnairePage(tree, "", "", ""))
	f.Catalog(tree, "")
	b := f.bytesXrefStream(nil, "")
	return bytes.Replace(b, []byte(fmt.Sprintf("/Size %d ", len(f.objs)+2)), []byte("/Size 10000000000 "), 1)
}

// HugeXrefSection is the questionnaire in a file whose cross-reference
// table has, after the real entries, a subsection that starts at object
// number 4,000,000,000 (one free entry).
//
// Hostile for the same reason as HugeXrefStream: a reader that indexes
// its object table by object number allocates for four billion objects.
func HugeXrefSection() []byte {
	b := Plain()
	i := bytes.LastIndex(b, []byte("trailer\n"))
	// Inserted after the table's entries, the subsection moves no object
	// and not the table itself: every offset stays right.
	return append(append(append([]byte(nil), b[:i]...), "4000000000 1\n0000000000 65535 f \n"...), b[i:]...)
}

// PredictorColumns is the questionnaire on a page whose content stream
// declares a PNG predictor with 10,000,000,000 columns per row.
//
// Hostile because a reader that allocates a row buffer from /Columns asks
// for tens of gigabytes for a stream of a few hundred bytes.
func PredictorColumns() []byte {
	f := &File{}
	tree := f.Reserve()
	font := f.Helvetica()
	c := f.Stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 10000000000 >>", deflate([]byte(questionnaireOps(nil))))
	p := f.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", tree, font, c))
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// StrayDelimiters is the questionnaire on a page whose content stream
// starts with n stray closing brackets and parentheses ("])])…").
//
// Hostile because a lexer that skips a stray delimiter by calling itself
// again goes n calls deep: a few megabytes of brackets compress to
// kilobytes and overflow the stack, which is fatal in Go.
func StrayDelimiters(n int) []byte {
	f := &File{}
	tree := f.Reserve()
	font := f.Helvetica()
	junk := strings.Repeat("])", n/2+1)[:n]
	p := f.Page(tree, junk+"\n"+questionnaireOps(nil), fmt.Sprintf("/Font << /F1 %d 0 R >>", font), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// PrevLoop is the questionnaire in a file whose trailer's /Prev, the
// offset of the previous cross-reference section of an incremental
// update, points at its own cross-reference table.
//
// Hostile because a reader that follows /Prev until there is none reads
// the same table forever, inside the call that opens the file, where no
// deadline is checked.
func PrevLoop() []byte {
	b := Plain()
	x := bytes.LastIndex(b, []byte("\nxref\n")) + 1
	i := bytes.LastIndex(b, []byte("trailer\n<< "))
	return append(append(append([]byte(nil), b[:i+len("trailer\n<< ")]...), fmt.Sprintf("/Prev %d ", x)...), b[i+len("trailer\n<< "):]...)
}
