package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/saq-review/saq"
)

// Records returns synthetic answer records with at least answers answers in
// all, for index and search benchmarks: the generator's content (languages,
// instruments, articles, questions, ticks, narratives) without layout, so
// 100,000 answers take seconds rather than 1,000 PDFs. The submissions are
// spread round-robin over the first states States of saq's country list
// (all of them when states <= 0), so scope filters and facets see a
// realistic number of States. Deterministic for (seed, answers, states).
func Records(seed uint64, answers, states int) []saq.Record {
	all := saq.AllCountries()
	if states <= 0 || states > len(all) {
		states = len(all)
	}
	r := rnd{rand.New(rand.NewPCG(seed, 0x7ec0d5))}
	var out []saq.Record
	total := 0
	for i := 1; total < answers; i++ {
		sp := drawRaw(r).constrain(seed, i)
		s := build(sp)
		c := all[(i-1)%states]
		rec := saq.Record{
			File: sp.name + ".pdf",
			Submission: &saq.Submission{
				Country: c.Name, CountryCode: c.Code, Language: sp.lang, Cluster: s.cluster,
			},
		}
		for _, in := range s.instruments {
			rec.Submission.Instruments = append(rec.Submission.Instruments, saq.Instrument(in))
		}
		page := 2
		for _, sec := range s.sections {
			for _, a := range sec.articles {
				for k, q := range a.questions {
					var ps []string
					for _, p := range q.paras {
						ps = append(ps, paraText(sp.lang, p))
					}
					ans := saq.Answer{
						Instrument: saq.Instrument(a.inst), Article: fmt.Sprint(a.num), Question: fmt.Sprint(q.number),
						QuestionText: q.text, Choice: saq.Choice(q.choice), Text: strings.Join(ps, "\n\n"),
						Pages: []int{page},
					}
					if sp.showPara {
						ans.Paragraph = q.para
					}
					rec.Answers = append(rec.Answers, ans)
					if k%3 == 2 {
						page++
					}
				}
			}
		}
		rec.Pages = page
		sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%d/%s", seed, i, rec.File)))
		rec.SHA256 = hex.EncodeToString(sum[:])
		total += len(rec.Answers)
		out = append(out, rec)
	}
	return out
}
