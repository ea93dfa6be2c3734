// Package mentions finds what an answer's narrative refers to beyond its
// words: the legislation it cites (normalised, so that one law cited in
// different ways has one key), the technical-assistance needs it states,
// and the figures it gives, in the six UN languages. The index computes
// them once per answer (indexer.Docs); comparisons and draft observations
// read them back from there.
package mentions
