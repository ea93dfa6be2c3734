package hostile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"strings"
)

// DecompressionBomb is a one-page file of a few kilobytes whose content
// stream inflates to at least size bytes of zeros (4 GiB and more are
// fine: nothing of that size is ever held in memory here).
//
// Hostile because a reader that inflates a stream before looking at it
// runs out of memory, and one that inflates it all runs for minutes. The
// stream is compressed twice (/Filter [/FlateDecode /FlateDecode]): one
// deflate pass cannot shrink data more than about 1,000 times, two can.
func DecompressionBomb(size int64) []byte {
	f := &File{}
	tree := f.Reserve()
	c := f.Stream("/Filter [/FlateDecode /FlateDecode]", deflate(zlibZeros(size)))
	p := f.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>", tree, c))
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// zlibZeros returns a zlib stream that inflates to n zero bytes, rounded
// up to a whole MiB. It deflates one MiB once, with a flush so that the
// block ends on a byte boundary, and repeats that block: the block refers
// to nothing before it, so the copies decode one after the other.
func zlibZeros(n int64) []byte {
	const chunk = 1 << 20
	var blk bytes.Buffer
	fw, _ := flate.NewWriter(&blk, flate.BestCompression)
	fw.Write(make([]byte, chunk))
	fw.Flush()
	k := (n + chunk - 1) / chunk
	var out bytes.Buffer
	out.Write([]byte{0x78, 0xDA}) // zlib header: deflate, 32 KiB window
	for i := int64(0); i < k; i++ {
		out.Write(blk.Bytes())
	}
	out.Write([]byte{0x01, 0x00, 0x00, 0xFF, 0xFF}) // final empty stored block
	// Adler-32 of k MiB of zeros: the low sum stays 1, the high sum counts bytes.
	binary.Write(&out, binary.BigEndian, uint32((k*chunk)%65521)<<16|1)
	return out.Bytes()
}

// FormFanOut is the "billion laughs" of PDF: a page draws form XObject
// level depth fanout times, each level draws the level below fanout
// times, and the bottom level shows one character, so the page asks for
// fanout^depth characters from a file of a few kilobytes. The
// questionnaire is drawn on the page too.
//
// Hostile because a reader that expands forms without a budget for the
// whole page never finishes, while each single stream looks harmless.
func FormFanOut(depth, fanout int) []byte {
	f := &File{}
	tree := f.Reserve()
	font := f.Helvetica()
	prev := f.Flate(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>", font),
		[]byte("BT /F1 1 Tf 10 10 Td (x) Tj ET"))
	for level := 1; level <= depth; level++ {
		body := strings.Repeat("/X Do ", fanout)
		prev = f.Flate(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X %d 0 R >> >>", prev), []byte(body))
	}
	p := f.questionnairePage(tree, "q /Top Do Q\n", fmt.Sprintf("/XObject << /Top %d 0 R >>", prev), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// FontCMapBombs is the questionnaire on a page that, below it, shows one
// character in each of fonts fonts, every font with its own ToUnicode
// CMap stream that inflates to 4 MiB of white space (a few hundred bytes
// each, compressed twice).
//
// Hostile because font data is read outside the page's content: a reader
// that budgets content streams but not the CMaps of the fonts they select
// inflates gigabytes for one page.
func FontCMapBombs(fonts int) []byte {
	f := &File{}
	tree := f.Reserve()
	cmap := deflate(deflate(make([]byte, 4<<20-64)))
	var res, content strings.Builder
	for i := 0; i < fonts; i++ {
		tu := f.Stream("/Filter [/FlateDecode /FlateDecode]", cmap)
		font := f.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>", tu))
		fmt.Fprintf(&res, "/B%d %d 0 R ", i, font)
		fmt.Fprintf(&content, "BT /B%d 1 Tf 10 10 Td (x) Tj ET\n", i)
	}
	font := f.Helvetica()
	p := f.Page(tree, questionnaireOps(nil)+content.String(), fmt.Sprintf("/Font << /F1 %d 0 R %s>>", font, res.String()), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}
