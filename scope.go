package saq

import (
	"slices"
	"strings"
)

// Scope is the set of States whose answers a caller may see. Every search,
// facet count, comparison and download is computed inside a scope: a State
// outside it must not be detectable through any of them.
type Scope struct {
	All       bool     // every State (the secretariat)
	Countries []string // ISO 3166 alpha-3 codes, when not All
}

// AllStates is the scope of the secretariat.
var AllStates = Scope{All: true}

// StatesScope is the scope of a reviewer or focal point: the given States.
func StatesScope(codes ...string) Scope {
	var cs []string
	for _, c := range codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	slices.Sort(cs)
	return Scope{Countries: cs}
}

// Allows reports whether the scope includes a State.
func (s Scope) Allows(code string) bool {
	return s.All || slices.Contains(s.Countries, strings.ToUpper(code))
}

// Narrow returns the part of the scope that is also in the requested
// States: a filter can narrow a scope, never widen it. An empty request
// returns the scope unchanged.
func (s Scope) Narrow(requested []string) Scope {
	if len(requested) == 0 {
		return s
	}
	var cs []string
	for _, r := range requested {
		if s.Allows(r) {
			cs = append(cs, strings.ToUpper(r))
		}
	}
	return StatesScope(cs...)
}

// Empty reports whether the scope admits no State at all.
func (s Scope) Empty() bool { return !s.All && len(s.Countries) == 0 }
