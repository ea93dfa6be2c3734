package corpus

import (
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// squeeze drops white space and soft hyphens, for matching text across line breaks.
var ligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st")

func squeeze(s string) string {
	s = ligatures.Replace(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
}

func keyRunes(s string, n int, fromEnd bool) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	if fromEnd {
		return string(rs[len(rs)-n:])
	}
	return string(rs[:n])
}

// locatePages fills the answers' page lists of a PDF whose layout we did not
// control (Chromium), by finding each answer paragraph's start and end in the
// text of each page. Best effort: answers that cannot be found keep [].
func locatePages(path string, s *submission) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = nil
		}
	}()
	f, r, err := pdf.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var pages []string
	for i := 1; i <= r.NumPage(); i++ {
		t, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t = ""
		}
		// soft hyphens and hyphens Chromium adds at a soft-hyphen break
		t = strings.NewReplacer("\u00ad\u2010", "", "\u00ad-", "").Replace(t)
		pages = append(pages, squeeze(t))
	}
	// find looks for key from byte offset off of page from onwards.
	find := func(key string, from, off int) (int, int) {
		if key == "" {
			return -1, 0
		}
		for p := from; p < len(pages); p++ {
			o := 0
			if p == from {
				o = min(off, len(pages[p]))
			}
			if i := strings.Index(pages[p][o:], key); i >= 0 {
				return p, o + i + len(key)
			}
		}
		return -1, 0
	}
	cp, co := 0, 0
	for _, sec := range s.sections {
		for _, a := range sec.articles {
			for _, q := range a.questions {
				if p, o := find(keyRunes(squeeze(q.text), 30, false), cp, co); p >= 0 {
					cp, co = p, o
				}
				set := map[int]bool{}
				for _, para := range q.paras {
					t := squeeze(joinSentences(s.lg, para))
					k1 := keyRunes(t, 30, false)
					p1, o1 := find(k1, cp, co)
					if p1 < 0 {
						continue
					}
					p2, o2 := p1, o1
					// the end must lie within about the paragraph's length of its start
					end := keyRunes(t, 24, true)
					s1 := o1 - len(k1)
					if lim := min(len(pages[p1]), s1+len(t)+300); len(t) > len(k1) && s1 <= lim {
						if i := strings.Index(pages[p1][s1:lim], end); i >= 0 {
							o2 = s1 + i + len(end)
						} else if p1+1 < len(pages) {
							nx := pages[p1+1][:min(len(pages[p1+1]), len(t)+600)]
							if i := strings.Index(nx, end); i >= 0 {
								p2, o2 = p1+1, i+len(end)
							}
						}
					}
					for p := p1; p <= p2; p++ {
						set[p+1] = true
					}
					cp, co = p2, o2
				}
				q.pageList = []int{}
				for p := 1; p <= len(pages); p++ {
					if set[p] {
						q.pageList = append(q.pageList, p)
					}
				}
			}
		}
	}
	return nil
}
