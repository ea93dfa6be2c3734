package hostile

import (
	"bytes"
	"fmt"
	"strings"
)

// DeepPageTree hangs the questionnaire page at the bottom of a chain of
// levels page-tree nodes, each the only kid of the one above.
//
// Hostile because a reader that walks the tree recursively overflows its
// stack (a fatal error in Go, not a panic), and one that looks up
// inherited attributes climbs levels parents for every page.
func DeepPageTree(levels int) []byte {
	f := &File{}
	nodes := make([]int, levels)
	for i := range nodes {
		nodes[i] = f.Reserve()
	}
	page := f.questionnairePage(nodes[levels-1], "", "", "")
	for i, n := range nodes {
		kid, parent := page, ""
		if i+1 < levels {
			kid = nodes[i+1]
		}
		if i > 0 {
			parent = fmt.Sprintf("/Parent %d 0 R", nodes[i-1])
		}
		f.Set(n, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 %s >>", kid, parent))
	}
	f.Catalog(nodes[0], "")
	return f.Bytes()
}

// SelfKidPageTree has a page-tree root that lists itself among its kids,
// before the questionnaire page.
//
// Hostile because a reader that follows /Kids without remembering the
// nodes it has seen loops forever (the PDF library's own Reader.Page does).
func SelfKidPageTree() []byte {
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "", "", "")
	f.Set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>", tree, p))
	f.Catalog(tree, "")
	return f.Bytes()
}

// MutualKidsPageTree has two page-tree nodes that are each other's kid;
// the questionnaire page hangs under the second.
//
// Hostile for the same reason as SelfKidPageTree, with a cycle that a
// check of a node against its own kids does not see.
func MutualKidsPageTree() []byte {
	f := &File{}
	a, b := f.Reserve(), f.Reserve()
	p := f.questionnairePage(b, "", "", "")
	f.Set(a, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", b))
	f.Set(b, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R %d 0 R] /Count 1 >>", a, a, p))
	f.Catalog(a, "")
	return f.Bytes()
}

// ParentLoop is the questionnaire on a page whose /Parent chain never
// reaches the root: the page names a node outside the tree, whose parent
// is a second node whose parent is the first. Neither the page nor the
// nodes have /Resources or /MediaBox, so its font /F1 is undefined and
// the text must be read with a fallback font.
//
// Hostile because inherited attributes (/Resources, /MediaBox, /Rotate)
// are looked up by climbing /Parent until a node has them: without a
// bound that loops forever (the PDF library's Page.Resources does).
func ParentLoop() []byte {
	f := &File{}
	tree := f.Reserve()
	a, b := f.Reserve(), f.Reserve()
	c := f.Flate("", []byte(questionnaireOps(nil)))
	p := f.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>", a, c))
	f.Set(a, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>", b, p))
	f.Set(b, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>", a, a))
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// SelfLengthStream is the questionnaire on page 1 and a second page whose
// content stream gives its /Length as a reference to the stream itself.
//
// Hostile because a reader that resolves /Length through the stream it is
// reading recurses without end; a careful one finds no usable length.
func SelfLengthStream() []byte {
	f := &File{}
	tree := f.Reserve()
	p1 := f.questionnairePage(tree, "", "", "")
	font := f.Helvetica()
	c := f.Reserve()
	data := show(72, 700, 11, "Text of a stream whose length is itself.")
	f.Set(c, fmt.Sprintf("<< /Length %d 0 R >>\nstream\n%s\nendstream", c, data))
	p2 := f.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", tree, font, c))
	f.Pages(tree, p1, p2)
	f.Catalog(tree, "")
	return f.Bytes()
}

// RefLoop is the questionnaire on a page whose /Resources is a reference
// to an object that is only a reference back to the first.
//
// Hostile because a reader that follows references until it finds a
// value loops forever.
func RefLoop() []byte {
	f := &File{}
	tree := f.Reserve()
	a, b := f.Reserve(), f.Reserve()
	f.Set(a, fmt.Sprintf("%d 0 R", b))
	f.Set(b, fmt.Sprintf("%d 0 R", a))
	c := f.Flate("", []byte(questionnaireOps(nil)))
	p := f.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %d 0 R /Contents %d 0 R >>", tree, a, c))
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// XObjectLoop is the questionnaire whose answer to question 1 is drawn by
// a form XObject that draws itself and a second form, which draws the
// first again: resources that refer to themselves.
//
// Hostile because a reader that expands every Do recurses until its stack
// or its memory is exhausted. The answer must still be read, once.
func XObjectLoop() []byte {
	f := &File{}
	tree := f.Reserve()
	font := f.Helvetica()
	x1, x2 := f.Reserve(), f.Reserve()
	form := func(res, content string) string {
		return fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << %s >> >> /Length %d >>\nstream\n%s\nendstream",
			font, res, len(content), content)
	}
	f.Set(x1, form(fmt.Sprintf("/X1 %d 0 R /X2 %d 0 R", x1, x2), show(72, lineY(lineAnswer1), 11, Answer1)+"/X1 Do /X2 Do"))
	f.Set(x2, form(fmt.Sprintf("/X1 %d 0 R", x1), "/X1 Do"))
	p := f.Page(tree, questionnaireOps(func(i int) bool { return i == lineAnswer1 })+"/X1 Do\n",
		fmt.Sprintf("/Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >>", font, x1), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// ClaimedPageCount is the questionnaire on one page under a page-tree
// root that claims count pages (/Count).
//
// Hostile because a reader that sizes its page list from /Count
// allocates for ten million pages, or rejects a one-page file.
func ClaimedPageCount(count int) []byte {
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "", "", "")
	f.Set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count %d >>", p, count))
	f.Catalog(tree, "")
	return f.Bytes()
}

// ManyPages is a real file of n tiny pages, page k showing "Page k", in a
// two-level page tree of 100 pages per node.
//
// Hostile because its cost grows with the page count, past any page
// limit, while the file stays small.
func ManyPages(n int) []byte {
	f := &File{}
	root := f.Reserve()
	font := f.Helvetica()
	res := fmt.Sprintf("/Font << /F1 %d 0 R >>", font)
	var nodes []int
	for first := 1; first <= n; first += 100 {
		node := f.Reserve()
		var kids []int
		for k := first; k < first+100 && k <= n; k++ {
			kids = append(kids, f.Page(node, show(72, 760, 11, fmt.Sprintf("Page %d", k)), res, ""))
		}
		f.Set(node, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count %d >>", root, refs(kids), len(kids)))
		nodes = append(nodes, node)
	}
	f.Set(root, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", refs(nodes), n))
	f.Catalog(root, "")
	return f.Bytes()
}

// RepeatedKids lists the questionnaire page n times in the /Kids of the
// page-tree root: n pages for a few bytes each.
//
// Hostile because the page list grows with n although the file has one
// page object; a page limit must stop it early.
func RepeatedKids(n int) []byte {
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "", "", "")
	kids := bytes.Repeat([]byte(fmt.Sprintf("%d 0 R ", p)), n)
	f.Set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.TrimSpace(string(kids)), n))
	f.Catalog(tree, "")
	return f.Bytes()
}
