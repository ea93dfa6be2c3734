// Package functions holds one main package per Lambda function of the SAM
// template (../template.yaml): ingest (S3 upload notifications from the
// ingest queue → answer records → the FIFO index queue), index (index
// queue → a State's index partition and its published snapshot) and api
// (the HTTP API and the web UI). Each parses its event, calls the shared
// core and maps errors; nothing else. The Makefile at the module root
// builds them (build-<LogicalId> for sam build, bootstrap for all).
//
// This package itself has no code: its test checks the template and the
// Makefile against the project's rules and builds the functions for
// linux/arm64 and linux/amd64.
package functions
