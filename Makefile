# Builds the Lambda functions (provided.al2023, a `bootstrap` binary each).
# `sam build` runs build-<LogicalId> with ARTIFACTS_DIR set (template.yaml:
# BuildMethod: makefile); `make bootstrap` builds every function for both
# architectures into bin/<arch>/<name>/bootstrap.

# Set here, not taken from the environment: a GOARCH exported in the shell
# must not change what sam deploys (arm64, as template.yaml says). Override
# on the command line: make build-ApiFunction GOARCH=amd64.
GOARCH = arm64

.PHONY: build-IngestFunction build-IndexFunction build-ApiFunction bootstrap

build-IngestFunction:
	GOOS=linux GOARCH=$(GOARCH) CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o $(ARTIFACTS_DIR)/bootstrap ./functions/ingest

build-IndexFunction:
	GOOS=linux GOARCH=$(GOARCH) CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o $(ARTIFACTS_DIR)/bootstrap ./functions/index

build-ApiFunction:
	GOOS=linux GOARCH=$(GOARCH) CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o $(ARTIFACTS_DIR)/bootstrap ./functions/api

bootstrap:
	for arch in arm64 amd64; do for fn in ingest index api; do \
	  GOOS=linux GOARCH=$$arch CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o bin/$$arch/$$fn/bootstrap ./functions/$$fn || exit 1; \
	done; done
