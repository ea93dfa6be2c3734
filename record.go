package saq

import "encoding/json"

// MarshalJSON writes a rejected file as {"file","error"} only, and an
// extracted one with its answers and warnings always present (as [] when
// there are none), so consumers never have to tell null from empty.
func (r Record) MarshalJSON() ([]byte, error) {
	if r.Error != nil {
		return json.Marshal(struct {
			File  string `json:"file"`
			Error *Error `json:"error"`
		}{r.File, r.Error})
	}
	type plain Record // no MarshalJSON: avoids recursion
	p := plain(r)
	if p.Answers == nil {
		p.Answers = []Answer{}
	}
	if p.Warnings == nil {
		p.Warnings = []string{}
	}
	if p.Submission != nil && p.Submission.Instruments == nil {
		sub := *p.Submission
		sub.Instruments = []Instrument{}
		p.Submission = &sub
	}
	p.Answers = append(make([]Answer, 0, len(p.Answers)), p.Answers...) // do not touch the caller's slice
	for i := range p.Answers {
		if p.Answers[i].Pages == nil {
			p.Answers[i].Pages = []int{}
		}
	}
	return json.Marshal(struct {
		plain
		Answers  []Answer `json:"answers"`
		Warnings []string `json:"warnings"`
	}{p, p.Answers, p.Warnings})
}
