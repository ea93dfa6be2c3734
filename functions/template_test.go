package functions_test

// Checks of ../template.yaml (the SAM template) and ../Makefile that no
// linter here knows: this project's rules. The template is read into a
// yaml.Node, so that the short tags (!Ref, !GetAtt, !Sub, !If) keep their
// tags and every problem names its line. Each rule is one entry of rules;
// TestRulesCatchBrokenTemplates proves each of them can fail.

import (
	"fmt"
	"go/parser"
	"go/token"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/saq-review/saq/internal/testenv"
)

// root is the module root: template.yaml, the Makefile and functions/.
const root = ".."

// project is what template.yaml must hold beyond the rules that hold for
// any template: the names the functions' code reads, the grants each needs
// and the routes. Change it with the code that needs the change.
var project = spec{
	env: map[string][]string{
		"IngestFunction": {"SAQ_LOG_LEVEL", "SAQ_SUBMISSIONS_BUCKET", "SAQ_DATA_BUCKET", "SAQ_INDEX_QUEUE_URL"},
		"IndexFunction":  {"SAQ_LOG_LEVEL", "SAQ_DATA_BUCKET"},
		"ApiFunction":    {"SAQ_LOG_LEVEL", "SAQ_DATA_BUCKET", "SAQ_SUBMISSIONS_BUCKET", "SAQ_REFRESH_SECONDS"},
	},
	// "action resource", the resource as Bucket/prefix/* for objects,
	// Bucket for the bucket itself, Queue for a queue. s3:ListBucket on
	// DataBucket makes a missing key a 404 rather than a 403, which the
	// stores need (template.yaml says more).
	grants: map[string][]string{
		"IngestFunction": {
			"s3:GetObject SubmissionsBucket/uploads/*",
			"s3:GetObjectVersion SubmissionsBucket/uploads/*",
			"s3:GetObject DataBucket/originals/*",
			"s3:PutObject DataBucket/originals/*",
			"s3:GetObject DataBucket/records/*",
			"s3:PutObject DataBucket/records/*",
			"s3:GetObject DataBucket/status/*",
			"s3:PutObject DataBucket/status/*",
			"s3:ListBucket DataBucket",
			"sqs:SendMessage IndexQueue",
		},
		"IndexFunction": {
			"s3:GetObject DataBucket/records/*",
			"s3:GetObject DataBucket/status/*",
			"s3:PutObject DataBucket/status/*",
			"s3:GetObject DataBucket/submissions/*",
			"s3:PutObject DataBucket/submissions/*",
			"s3:GetObject DataBucket/index/*",
			"s3:PutObject DataBucket/index/*",
			"s3:ListBucket DataBucket",
		},
		"ApiFunction": {
			"s3:GetObject DataBucket/originals/*",
			"s3:GetObject DataBucket/records/*",
			"s3:GetObject DataBucket/status/*",
			"s3:GetObject DataBucket/submissions/*",
			"s3:GetObject DataBucket/index/*",
			"s3:ListBucket DataBucket",
			"s3:PutObject SubmissionsBucket/uploads/*",
		},
	},
	routes: map[string]bool{
		"GET /api/health":   false,
		"GET /":             false,
		"GET /{proxy+}":     false,
		"GET /api/{proxy+}": true,
		"ANY /api/{proxy+}": true,
	},
	outputs: []string{"ApiUrl", "SubmissionsBucketName", "DataBucketName", "IngestQueueUrl", "IndexQueueUrl", "UserPoolId", "UserPoolClientId"},
	fifo:    []string{"IndexQueue"},
}

// spec is the part of the rules that names this project's resources.
type spec struct {
	env     map[string][]string // function → environment variables its code reads
	grants  map[string][]string // function → every "action resource" it is allowed
	routes  map[string]bool     // "METHOD /path" → needs the JWT authorizer
	outputs []string
	fifo    []string // queues that must be FIFO
}

// starResourceAllowed lists, by Sid, the Allow statements that may name
// Resource "*" because the AWS API has no resource-level permissions,
// with the API that needs it. None so far.
var starResourceAllowed = map[string]string{}

// pseudo are CloudFormation's pseudo parameters.
var pseudo = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::NoValue": true, "AWS::Partition": true,
	"AWS::Region": true, "AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

// rule is one named check of a template.
type rule struct {
	name  string
	check func(t *tmpl, s spec, r *report)
}

var rules = []rule{
	{"transform", checkTransform},
	{"references", checkReferences},
	{"parameters", checkParameters},
	{"functions", checkFunctions},
	{"function-code", checkFunctionCode},
	{"environment", checkEnvironment},
	{"sqs-events", checkSQSEvents},
	{"visibility", checkVisibility},
	{"fifo", checkFIFO},
	{"buckets", checkBuckets},
	{"submissions", checkSubmissions},
	{"iam", checkIAM},
	{"grants", checkGrants},
	{"routes", checkRoutes},
	{"alarms", checkAlarms},
	{"logs", checkLogs},
	{"outputs", checkOutputs},
}

func TestTemplate(t *testing.T) {
	tp, err := loadTemplate(filepath.Join(root, "template.yaml"), root)
	if err != nil {
		t.Fatal(err)
	}
	for _, rl := range rules {
		t.Run(rl.name, func(t *testing.T) {
			for _, msg := range tp.check(rl, project) {
				t.Error(msg)
			}
		})
	}
}

// TestRulesCatchBrokenTemplates runs the rules on a small template that
// passes them all, then on copies with one thing broken, each of which
// the named rule must report: no rule passes for want of looking.
func TestRulesCatchBrokenTemplates(t *testing.T) {
	base := writeMini(t, nil)
	tp, err := loadTemplate(filepath.Join(base, "template.yaml"), base)
	if err != nil {
		t.Fatal(err)
	}
	for _, rl := range rules {
		for _, msg := range tp.check(rl, miniSpec) {
			t.Errorf("unbroken mini template: %s: %s", rl.name, msg)
		}
	}

	type edit struct{ file, old, new string }
	tmplEdit := func(old, new string) []edit { return []edit{{"template.yaml", old, new}} }
	cases := []struct {
		name  string
		rule  string // "parse" when loading must fail
		edits []edit
	}{
		{"not YAML", "parse", tmplEdit("Resources:\n", "Resources: [\n")},
		{"not SAM", "transform", tmplEdit("Transform: AWS::Serverless-2016-10-31", "Transform: AWS::Include")},
		{"!Ref to nothing", "references", tmplEdit("SAQ_INDEX_QUEUE_URL: !Ref IndexQueue", "SAQ_INDEX_QUEUE_URL: !Ref IndexQeue")},
		{"!GetAtt to nothing", "references", tmplEdit("Queue: !GetAtt IngestQueue.Arn\n            BatchSize", "Queue: !GetAtt IngestQ.Arn\n            BatchSize")},
		{"Fn::GetAtt to nothing", "references", tmplEdit("Value: !GetAtt IndexDeadLetterQueue.QueueName", "Value: {Fn::GetAtt: [IndexDeadLetterQ, QueueName]}")},
		{"${} to nothing", "references", tmplEdit(`!Sub "${SubmissionsBucket.Arn}/uploads/*"`, `!Sub "${SubmissionBucket.Arn}/uploads/*"`)},
		{"${} to nothing, list form", "references", tmplEdit("{Stack: !Ref AWS::StackName}", "{Stak: !Ref AWS::StackName}")},
		{"pseudo parameter misspelt", "references", tmplEdit("aws:SourceAccount: !Ref AWS::AccountId", "aws:SourceAccount: !Ref AWS::Account")},
		{"DependsOn nothing", "references", tmplEdit("DependsOn: IngestQueuePolicy", "DependsOn: [IngestQueuePolicy, Nothing]")},
		{"unknown condition", "references", tmplEdit("!If [Never,", "!If [Sometimes,")},
		{"parameter without default", "parameters", tmplEdit("ApiTimeout: {Type: Number, Default: 10}", "ApiTimeout: {Type: Number}")},
		{"unused parameter", "parameters", tmplEdit("Parameters:\n", "Parameters:\n  Unused: {Type: String, Default: x}\n")},
		{"old runtime", "functions", tmplEdit("Runtime: provided.al2023", "Runtime: go1.x")},
		{"amd64 function", "functions", tmplEdit("Architectures: [arm64]", "Architectures: [x86_64]")},
		{"SAM's Go builder", "functions", tmplEdit("Metadata: {BuildMethod: makefile}\n    Properties:\n      CodeUri: .\n      Timeout: !Ref ApiTimeout", "Metadata: {BuildMethod: go1.x}\n    Properties:\n      CodeUri: .\n      Timeout: !Ref ApiTimeout")},
		{"literal timeout", "functions", tmplEdit("Timeout: !Ref ApiTimeout", "Timeout: 10")},
		{"no Makefile target", "function-code", []edit{{"Makefile", "build-ApiFunction:", "build-Api:"}}},
		{"target builds another dir", "function-code", []edit{{"Makefile", "bootstrap ./functions/api", "bootstrap ./functions/ingest"}}},
		{"target without lambda.norpc", "function-code", []edit{{"Makefile", "-tags lambda.norpc -trimpath -ldflags='-s -w' -o $(ARTIFACTS_DIR)/bootstrap ./functions/api", "-trimpath -o $(ARTIFACTS_DIR)/bootstrap ./functions/api"}}},
		{"Makefile builds amd64", "function-code", []edit{{"Makefile", "GOARCH = arm64", "GOARCH = amd64"}}},
		{"not a main package", "function-code", []edit{{"functions/api/main.go", "package main", "package api"}}},
		{"env var the code does not read", "environment", tmplEdit("SAQ_LOG_LEVEL: info", "SAQ_LOG_LEVEL: info, SAQ_LOGLEVEL: info")},
		{"env var missing", "environment", tmplEdit("          SAQ_INDEX_QUEUE_URL: !Ref IndexQueue\n", "")},
		{"queue URL from an ARN", "environment", tmplEdit("SAQ_INDEX_QUEUE_URL: !Ref IndexQueue", "SAQ_INDEX_QUEUE_URL: !GetAtt IndexQueue.Arn")},
		{"bucket var naming a queue", "environment", tmplEdit("{Variables: {SAQ_SUBMISSIONS_BUCKET: !Ref SubmissionsBucket}}", "{Variables: {SAQ_SUBMISSIONS_BUCKET: !Ref IngestQueue}}")},
		{"queue without DLQ", "sqs-events", tmplEdit("      RedrivePolicy: {deadLetterTargetArn: !GetAtt IngestDeadLetterQueue.Arn, maxReceiveCount: 3}\n", "")},
		{"no partial batch response", "sqs-events", tmplEdit("FunctionResponseTypes: [ReportBatchItemFailures]", "FunctionResponseTypes: []")},
		{"visibility too short", "visibility", tmplEdit("VisibilityTimeout: 600", "VisibilityTimeout: 300")},
		{"timeout may exceed visibility", "visibility", tmplEdit("MaxValue: 100", "MaxValue: 900")},
		{"batching window not counted", "visibility", tmplEdit("BatchSize: 5", "BatchSize: 5\n            MaximumBatchingWindowInSeconds: 60")},
		{"index queue not FIFO", "fifo", tmplEdit("FifoQueue: true, RedrivePolicy", "RedrivePolicy")},
		{"standard DLQ for a FIFO queue", "fifo", tmplEdit("Properties: {FifoQueue: true, MessageRetentionPeriod: 1209600}", "Properties: {MessageRetentionPeriod: 1209600}")},
		{"bucket without public access block", "buckets", tmplEdit("      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}\n", "")},
		{"public access flag off", "buckets", tmplEdit("RestrictPublicBuckets: true", "RestrictPublicBuckets: false")},
		{"bucket not encrypted", "buckets", tmplEdit("SSEAlgorithm: aws:kms", "SSEAlgorithm: none")},
		{"bucket not versioned", "buckets", tmplEdit("VersioningConfiguration: {Status: Enabled}", "VersioningConfiguration: {Status: Suspended}")},
		{"bucket takes plain HTTP", "buckets", tmplEdit("{Bool: {aws:SecureTransport: false}}", "{Bool: {aws:SecureTransport: true}}")},
		{"notifications without suffix", "submissions", tmplEdit("{Name: suffix, Value: .pdf}", "{Name: suffix, Value: .PDF}")},
		{"notifications to another queue", "submissions", tmplEdit("Queue: !GetAtt IngestQueue.Arn\n            Filter", "Queue: !GetAtt IngestDeadLetterQueue.Arn\n            Filter")},
		{"bucket before its queue policy", "submissions", tmplEdit("    DependsOn: IngestQueuePolicy\n", "")},
		{"queue policy for another bucket", "submissions", tmplEdit(`s3:::${AWS::StackName}-submissions"`, `s3:::${AWS::StackName}-uploads"`)},
		{"* on *", "iam", tmplEdit("Action: sqs:SendMessage, Resource: !GetAtt IndexQueue.Arn", `Action: "*", Resource: "*"`)},
		{"sqs:* on *", "iam", tmplEdit("Action: sqs:SendMessage, Resource: !GetAtt IndexQueue.Arn", `Action: "sqs:*", Resource: ["*"]`)},
		{"Resource * alone", "iam", tmplEdit("Action: sqs:SendMessage, Resource: !GetAtt IndexQueue.Arn", `Action: sqs:SendMessage, Resource: "*"`)},
		{"NotAction", "iam", tmplEdit("Action: sqs:SendMessage, Resource: !GetAtt IndexQueue.Arn", "NotAction: s3:DeleteObject, Resource: !GetAtt IndexQueue.Arn")},
		{"SAM policy template", "iam", tmplEdit("      Policies:\n        - Statement:\n            - {Effect: Allow, Action: s3:PutObject", "      Policies:\n        - S3CrudPolicy: {BucketName: !Ref SubmissionsBucket}\n        - Statement:\n            - {Effect: Allow, Action: s3:PutObject")},
		{"public bucket policy", "iam", tmplEdit("          - {Effect: Deny, Principal: \"*\"", "          - {Effect: Allow, Principal: \"*\", Action: s3:GetObject, Resource: !Sub \"${SubmissionsBucket.Arn}/*\"}\n          - {Effect: Deny, Principal: \"*\"")},
		{"grant not needed", "grants", tmplEdit("Action: [s3:GetObject]", "Action: [s3:GetObject, s3:DeleteObject]")},
		{"grant on the whole bucket", "grants", tmplEdit(`Action: [s3:GetObject], Resource: !Sub "${SubmissionsBucket.Arn}/uploads/*"`, `Action: [s3:GetObject], Resource: !Sub "${SubmissionsBucket.Arn}/*"`)},
		{"grant missing", "grants", tmplEdit("            - {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt IndexQueue.Arn}\n", "")},
		{"API without token", "routes", tmplEdit(`Path: "/api/{proxy+}"}`, `Path: "/api/{proxy+}", Auth: {Authorizer: NONE}}`)},
		{"unauthenticated GET shadows the API", "routes", tmplEdit(`Method: GET, Path: "/api/{proxy+}"`, `Method: ANY, Path: "/api/{proxy+}"`)},
		{"no default authorizer", "routes", tmplEdit("DefaultAuthorizer: Jwt", "DefaultAuthorizer: Other")},
		{"function without error alarm", "alarms", tmplEdit("Value: !Ref ApiFunction", "Value: !Ref IngestFunction")},
		{"DLQ without alarm", "alarms", tmplEdit("Value: !GetAtt IndexDeadLetterQueue.QueueName", "Value: !GetAtt IngestDeadLetterQueue.QueueName")},
		{"alarm that never fires", "alarms", tmplEdit("Threshold: 0, ComparisonOperator: GreaterThanThreshold, Dimensions: [{Name: FunctionName, Value: !Ref ApiFunction}]", "Threshold: 5, ComparisonOperator: GreaterThanThreshold, Dimensions: [{Name: FunctionName, Value: !Ref ApiFunction}]")},
		{"text logs", "logs", tmplEdit("{LogFormat: JSON, LogGroup: !Ref ApiLogGroup}", "{LogFormat: Text, LogGroup: !Ref ApiLogGroup}")},
		{"log group kept forever", "logs", tmplEdit("Properties: {RetentionInDays: 7}", "Properties: {}")},
		{"no ApiUrl output", "outputs", tmplEdit("  ApiUrl:", "  Url:")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeMini(t, func(files map[string]string) {
				for _, e := range c.edits {
					if !strings.Contains(files[e.file], e.old) {
						t.Fatalf("%s has no %q to change", e.file, e.old)
					}
					files[e.file] = strings.Replace(files[e.file], e.old, e.new, 1)
				}
			})
			tp, err := loadTemplate(filepath.Join(dir, "template.yaml"), dir)
			if c.rule == "parse" {
				if err == nil {
					t.Fatal("loaded a template that is not YAML")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(rules, func(r rule) bool { return r.name == c.rule })
			if i < 0 {
				t.Fatalf("no rule %q", c.rule)
			}
			msgs := tp.check(rules[i], miniSpec)
			if len(msgs) == 0 {
				t.Fatalf("rule %s did not report it", c.rule)
			}
			for _, m := range msgs {
				if !namesLine.MatchString(m) {
					t.Errorf("message names no line: %s", m)
				}
				t.Log(m)
			}
		})
	}
}

var namesLine = regexp.MustCompile(`^template\.yaml:[1-9][0-9]*: `)

// TestMakefile runs make -n on the targets sam build and developers use.
func TestMakefile(t *testing.T) {
	testenv.Tool(t, "make")
	dryRun := func(args ...string) string {
		cmd := exec.CommandContext(t.Context(), "make", append([]string{"-n", "-C", root}, args...)...)
		cmd.Env = append(os.Environ(), "GOARCH=amd64") // must not leak into the build
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make -n %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	for _, fn := range []string{"ingest", "index", "api"} {
		target := "build-" + strings.ToUpper(fn[:1]) + fn[1:] + "Function"
		out := dryRun(target, "ARTIFACTS_DIR=/sam/artifacts")
		want := "GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o /sam/artifacts/bootstrap ./functions/" + fn
		if !strings.Contains(out, want) {
			t.Errorf("make -n %s:\n%s\nwant %s", target, out, want)
		}
	}
	out := dryRun("bootstrap")
	for _, want := range []string{"arm64 amd64", "ingest index api", "-o bin/$arch/$fn/bootstrap ./functions/$fn"} {
		if !strings.Contains(out, want) {
			t.Errorf("make -n bootstrap:\n%s\nwant %q", out, want)
		}
	}
}

// TestFunctionsBuild builds every function of the template for both Lambda
// architectures, as the Makefile does.
func TestFunctionsBuild(t *testing.T) {
	tp, err := loadTemplate(filepath.Join(root, "template.yaml"), root)
	if err != nil {
		t.Fatal(err)
	}
	targets, _, err := readMakefile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for name := range tp.ofType("AWS::Serverless::Function") {
		m := functionDir.FindStringSubmatch(strings.Join(targets["build-"+name], "\n"))
		if m == nil {
			t.Fatalf("Makefile: build-%s builds no ./functions/ directory", name)
		}
		pkgs = append(pkgs, "./functions/"+m[1])
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	for _, arch := range []string{"arm64", "amd64"} {
		t.Run("linux/"+arch, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir() + string(filepath.Separator)
			args := append([]string{"build", "-tags", "lambda.norpc", "-trimpath", "-o", out}, pkgs...)
			cmd := exec.CommandContext(t.Context(), goTool, args...)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+arch, "CGO_ENABLED=0")
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("GOOS=linux GOARCH=%s go %s: %v\n%s", arch, strings.Join(args, " "), err, b)
			}
			for _, p := range pkgs {
				if _, err := os.Stat(filepath.Join(out, filepath.Base(p))); err != nil {
					t.Errorf("%s: no binary: %v", p, err)
				}
			}
		})
	}
}

// ---------------------------------------------------------------- rules

func checkTransform(t *tmpl, _ spec, r *report) {
	tr := get(t.top, "Transform")
	for _, n := range items(tr) {
		if n.Value == "AWS::Serverless-2016-10-31" {
			return
		}
	}
	r.errorf(orNode(tr, t.top), "Transform must be AWS::Serverless-2016-10-31")
}

// checkReferences: every !Ref, !GetAtt (and Fn::), ${} of !Sub (string
// and list forms), DependsOn and condition names something that exists.
func checkReferences(t *tmpl, _ spec, r *report) {
	gen := t.generated()
	isRes := func(name string) bool { return get(t.resources, name) != nil || gen[name] }
	for _, ref := range references(t.top) {
		switch {
		case ref.kind == "Condition":
			if get(t.conditions, ref.name) == nil {
				r.errorf(ref.node, "condition %s is not in Conditions", ref.name)
			}
		case ref.kind == "DependsOn":
			if get(t.resources, ref.name) == nil {
				r.errorf(ref.node, "DependsOn %s: no such resource", ref.name)
			}
		case ref.attr != "":
			if !isRes(ref.name) {
				r.errorf(ref.node, "%s %s.%s: no such resource", ref.kind, ref.name, ref.attr)
			}
		default:
			if !isRes(ref.name) && get(t.parameters, ref.name) == nil && !pseudo[ref.name] {
				r.errorf(ref.node, "%s %s: no such resource, parameter or pseudo parameter", ref.kind, ref.name)
			}
		}
	}
}

// checkParameters: every parameter has a default (sam deploy needs no
// answers) and is used.
func checkParameters(t *tmpl, _ spec, r *report) {
	used := map[string]bool{}
	for _, ref := range references(t.top) {
		if ref.kind == "Ref" || ref.kind == "Sub" {
			used[ref.name] = true
		}
	}
	for name, p := range entries(t.parameters) {
		if get(p, "Default") == nil {
			r.errorf(p, "parameter %s has no Default", name)
		}
		if !used[name] {
			r.errorf(p, "parameter %s is never used", name)
		}
	}
}

// checkFunctions: how every function runs and is built.
func checkFunctions(t *tmpl, _ spec, r *report) {
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		want := func(key, value string) {
			n := t.fnProp(fn, key)
			if v, _ := scalar(n); v != value {
				r.errorf(orNode(n, fn), "%s: %s must be %s", name, key, value)
			}
		}
		want("Runtime", "provided.al2023")
		want("Handler", "bootstrap")
		want("CodeUri", ".")
		if v, _ := scalar(get(fn, "Metadata", "BuildMethod")); v != "makefile" {
			r.errorf(orNode(get(fn, "Metadata", "BuildMethod"), fn), "%s: Metadata: BuildMethod must be makefile (the Makefile sets the tags and GOARCH)", name)
		}
		arch := items(t.fnProp(fn, "Architectures"))
		if len(arch) != 1 || arch[0].Value != "arm64" {
			r.errorf(orNode(t.fnProp(fn, "Architectures"), fn), "%s: Architectures must be [arm64], what the Makefile builds", name)
		}
		for _, key := range []string{"MemorySize", "Timeout"} {
			n := t.fnProp(fn, key)
			if p, ok := refName(n); !ok || get(t.parameters, p) == nil {
				r.errorf(orNode(n, fn), "%s: %s must be a parameter, to size it at deploy time", name, key)
			}
		}
	}
}

var functionDir = regexp.MustCompile(`\./functions/([a-z0-9_]+)(?:\s|$)`)

// checkFunctionCode: the Makefile builds every function from its
// functions/<name> directory, which holds a main package.
func checkFunctionCode(t *tmpl, _ spec, r *report) {
	mk := filepath.Join(t.dir, "Makefile")
	targets, goarch, err := readMakefile(mk)
	if err != nil {
		r.errorf(t.top, "%v", err)
		return
	}
	if goarch != "arm64" {
		r.errorf(t.top, "Makefile: GOARCH = %q, want arm64 (the functions' Architectures)", goarch)
	}
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		target := "build-" + name
		recipe, ok := targets[target]
		if !ok {
			r.errorf(fn, "%s: the Makefile has no %s target", name, target)
			continue
		}
		text := strings.Join(recipe, "\n")
		dir := strings.ToLower(strings.TrimSuffix(name, "Function"))
		if m := functionDir.FindStringSubmatch(text); m == nil || m[1] != dir {
			r.errorf(fn, "%s: Makefile %s must build ./functions/%s", name, target, dir)
		}
		for _, want := range []string{"GOOS=linux", "GOARCH=$(GOARCH)", "CGO_ENABLED=0", "-tags lambda.norpc", "-o $(ARTIFACTS_DIR)/bootstrap"} {
			if !strings.Contains(text, want) {
				r.errorf(fn, "%s: Makefile %s lacks %s", name, target, want)
			}
		}
		pkgs, err := packageNames(filepath.Join(t.dir, "functions", dir))
		if err != nil {
			r.errorf(fn, "%s: functions/%s: %v", name, dir, err)
			continue
		}
		if len(pkgs) != 1 || pkgs[0] != "main" {
			r.errorf(fn, "%s: functions/%s must be package main, is %v", name, dir, pkgs)
		}
	}
}

// checkEnvironment: every function gets exactly the variables its code
// reads, buckets from buckets and queue URLs from queues.
func checkEnvironment(t *tmpl, s spec, r *report) {
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		want, ok := s.env[name]
		if !ok {
			r.errorf(fn, "%s: the test does not know which variables its code reads (spec.env)", name)
			continue
		}
		vars := t.envVars(fn)
		for _, v := range want {
			if _, ok := vars[v]; !ok {
				r.errorf(orNode(get(fn, "Properties", "Environment"), fn), "%s: no %s", name, v)
			}
		}
		for v, n := range vars {
			if !slices.Contains(want, v) {
				r.errorf(n, "%s: %s is not read by its code", name, v)
			}
			target, isRef := refName(n)
			switch {
			case strings.HasSuffix(v, "_BUCKET"):
				if !isRef || t.typeOf(target) != "AWS::S3::Bucket" {
					r.errorf(n, "%s: %s must be !Ref of a bucket", name, v)
				}
			case strings.HasSuffix(v, "_QUEUE_URL"):
				if !isRef || t.typeOf(target) != "AWS::SQS::Queue" {
					r.errorf(n, "%s: %s must be !Ref of a queue (its URL)", name, v)
				}
			default:
				if _, plain := scalar(n); !plain && (!isRef || get(t.parameters, target) == nil) {
					r.errorf(n, "%s: %s must be a literal or a parameter", name, v)
				}
			}
		}
	}
}

// checkSQSEvents: every SQS event reports partial batch failures and its
// queue, like every queue that is no dead-letter queue, has one.
func checkSQSEvents(t *tmpl, _ spec, r *report) {
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		for ev, props := range t.sqsEvents(fn) {
			rt := get(props, "FunctionResponseTypes")
			if !slices.ContainsFunc(items(rt), func(n *yaml.Node) bool { return n.Value == "ReportBatchItemFailures" }) {
				r.errorf(orNode(rt, props), "%s.%s: FunctionResponseTypes must include ReportBatchItemFailures", name, ev)
			}
			if get(props, "BatchSize") == nil {
				r.errorf(props, "%s.%s: no BatchSize", name, ev)
			}
			q, attr, ok := getAtt(get(props, "Queue"))
			if !ok || attr != "Arn" || t.typeOf(q) != "AWS::SQS::Queue" {
				r.errorf(orNode(get(props, "Queue"), props), "%s.%s: Queue must be !GetAtt <queue>.Arn of a queue of this template", name, ev)
			}
		}
	}
	dlqs := t.deadLetterQueues()
	for name, q := range t.ofType("AWS::SQS::Queue") {
		if dlqs[name] {
			continue
		}
		rp := get(q, "Properties", "RedrivePolicy")
		if rp == nil {
			r.errorf(q, "queue %s has no RedrivePolicy: a poison message would be retried until it expires", name)
			continue
		}
		d, attr, ok := getAtt(get(rp, "deadLetterTargetArn"))
		if !ok || attr != "Arn" || t.typeOf(d) != "AWS::SQS::Queue" || d == name {
			r.errorf(rp, "queue %s: deadLetterTargetArn must be !GetAtt <another queue>.Arn", name)
		}
		if n, _, ok := t.number(get(rp, "maxReceiveCount")); !ok || n < 1 {
			r.errorf(rp, "queue %s: maxReceiveCount must be a number ≥ 1", name)
		}
	}
}

// checkVisibility: a queue's VisibilityTimeout is at least 6 times the
// timeout of the function that consumes it, plus its batching window (AWS
// guidance), for the largest timeout the parameters allow.
func checkVisibility(t *tmpl, _ spec, r *report) {
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		for ev, props := range t.sqsEvents(fn) {
			qname, _, _ := getAtt(get(props, "Queue"))
			q := get(t.resources, qname)
			if q == nil {
				continue // sqs-events reports it
			}
			vis, visHow := 30, "30 (the SQS default)"
			if n := get(q, "Properties", "VisibilityTimeout"); n != nil {
				var ok bool
				if vis, visHow, ok = t.number(n); !ok {
					r.errorf(n, "queue %s: VisibilityTimeout is not a number", qname)
					continue
				}
			}
			timeout, toHow := 3, "3 (the Lambda default)"
			if n := t.fnProp(fn, "Timeout"); n != nil {
				var ok bool
				if timeout, toHow, ok = t.number(n); !ok {
					r.errorf(n, "%s: Timeout is not a number", name)
					continue
				}
			}
			window, winHow := 0, "0"
			if n := get(props, "MaximumBatchingWindowInSeconds"); n != nil {
				window, winHow, _ = t.number(n)
			}
			if vis < 6*timeout+window {
				r.errorf(orNode(get(q, "Properties", "VisibilityTimeout"), q),
					"queue %s: VisibilityTimeout %s < 6 × %s timeout %s + %s.%s batching window %s = %d",
					qname, visHow, name, toHow, name, ev, winHow, 6*timeout+window)
			}
		}
	}
}

// checkFIFO: the queues that must be FIFO are, and a queue and its
// dead-letter queue are of one kind (SQS requires it).
func checkFIFO(t *tmpl, s spec, r *report) {
	for _, name := range s.fifo {
		q := get(t.resources, name)
		if q == nil || !t.isFIFO(q) {
			r.errorf(orNode(q, t.resources), "queue %s must be FIFO (FifoQueue: true)", name)
		}
	}
	for name, q := range t.ofType("AWS::SQS::Queue") {
		if qn, ok := scalar(get(q, "Properties", "QueueName")); ok && strings.HasSuffix(qn, ".fifo") != t.isFIFO(q) {
			r.errorf(get(q, "Properties", "QueueName"), "queue %s: a FIFO queue's name, and only its, ends in .fifo", name)
		}
		d, _, ok := getAtt(get(q, "Properties", "RedrivePolicy", "deadLetterTargetArn"))
		if dq := get(t.resources, d); ok && dq != nil && t.isFIFO(q) != t.isFIFO(dq) {
			r.errorf(get(q, "Properties", "RedrivePolicy"), "queue %s (FIFO %v) and its dead-letter queue %s (FIFO %v) must be of one kind", name, t.isFIFO(q), d, t.isFIFO(dq))
		}
	}
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		for ev, props := range t.sqsEvents(fn) {
			qname, _, _ := getAtt(get(props, "Queue"))
			if q := get(t.resources, qname); q != nil && t.isFIFO(q) && get(props, "MaximumBatchingWindowInSeconds") != nil {
				r.errorf(props, "%s.%s: a FIFO queue's event source takes no MaximumBatchingWindowInSeconds", name, ev)
			}
		}
	}
}

// checkBuckets: every bucket is private, encrypted, versioned and refuses
// plain HTTP.
func checkBuckets(t *tmpl, _ spec, r *report) {
	for name, b := range t.ofType("AWS::S3::Bucket") {
		pab := get(b, "Properties", "PublicAccessBlockConfiguration")
		for _, flag := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
			if v, _ := scalar(get(pab, flag)); v != "true" {
				r.errorf(orNode(pab, b), "bucket %s: PublicAccessBlockConfiguration %s must be true", name, flag)
			}
		}
		encrypted := false
		for _, c := range items(get(b, "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration")) {
			alg, _ := scalar(get(c, "ServerSideEncryptionByDefault", "SSEAlgorithm"))
			encrypted = encrypted || alg == "AES256" || alg == "aws:kms" || alg == "aws:kms:dsse"
		}
		if !encrypted {
			r.errorf(orNode(get(b, "Properties", "BucketEncryption"), b), "bucket %s: no BucketEncryption with SSEAlgorithm AES256 or aws:kms", name)
		}
		if v, _ := scalar(get(b, "Properties", "VersioningConfiguration", "Status")); v != "Enabled" {
			r.errorf(orNode(get(b, "Properties", "VersioningConfiguration"), b), "bucket %s: VersioningConfiguration Status must be Enabled", name)
		}
		tlsOnly := false
		for _, p := range t.ofType("AWS::S3::BucketPolicy") {
			if target, _ := refName(get(p, "Properties", "Bucket")); target != name {
				continue
			}
			for _, st := range items(get(p, "Properties", "PolicyDocument", "Statement")) {
				effect, _ := scalar(get(st, "Effect"))
				v := get(st, "Condition", "Bool", "aws:SecureTransport")
				tlsOnly = tlsOnly || effect == "Deny" && v != nil && v.Value == "false"
			}
		}
		if !tlsOnly {
			r.errorf(b, "bucket %s: no bucket policy denies aws:SecureTransport false", name)
		}
	}
}

// checkSubmissions: the submissions bucket notifies the ingest queue of
// new uploads, after the queue policy that lets it, which names the
// bucket's ARN by its fixed name (no dependency cycle).
func checkSubmissions(t *tmpl, _ spec, r *report) {
	b := get(t.resources, "SubmissionsBucket")
	if b == nil {
		r.errorf(t.resources, "no SubmissionsBucket")
		return
	}
	notifies := false
	for _, qc := range items(get(b, "Properties", "NotificationConfiguration", "QueueConfigurations")) {
		event, _ := scalar(get(qc, "Event"))
		q, _, _ := getAtt(get(qc, "Queue"))
		filter := map[string]string{}
		for _, rl := range items(get(qc, "Filter", "S3Key", "Rules")) {
			k, _ := scalar(get(rl, "Name"))
			filter[strings.ToLower(k)], _ = scalar(get(rl, "Value"))
		}
		notifies = notifies || strings.HasPrefix(event, "s3:ObjectCreated:") && q == "IngestQueue" &&
			filter["prefix"] == "uploads/" && filter["suffix"] == ".pdf"
	}
	if !notifies {
		r.errorf(b, "SubmissionsBucket must notify IngestQueue of s3:ObjectCreated:* under prefix uploads/ with suffix .pdf")
	}
	bucketName, ok := subString(get(b, "Properties", "BucketName"))
	if !ok {
		r.errorf(b, "SubmissionsBucket needs a fixed BucketName, for the queue policy to name it")
		return
	}
	wantArn := "arn:${AWS::Partition}:s3:::" + bucketName
	var policy string
	for _, d := range items(get(b, "DependsOn")) {
		if t.typeOf(d.Value) != "AWS::SQS::QueuePolicy" {
			continue
		}
		for _, q := range items(get(t.resources, d.Value, "Properties", "Queues")) {
			if name, _ := refName(q); name == "IngestQueue" {
				policy = d.Value
			}
		}
	}
	if policy == "" {
		r.errorf(b, "SubmissionsBucket must DependsOn the queue policy of IngestQueue (S3 checks it may send when it saves the notification)")
		return
	}
	allowed := false
	for _, st := range items(get(t.resources, policy, "Properties", "PolicyDocument", "Statement")) {
		effect, _ := scalar(get(st, "Effect"))
		service, _ := scalar(get(st, "Principal", "Service"))
		acts := items(get(st, "Action"))
		src := get(st, "Condition", "ArnEquals", "aws:SourceArn")
		if src == nil {
			src = get(st, "Condition", "ArnLike", "aws:SourceArn")
		}
		arn, _ := subString(src)
		allowed = allowed || effect == "Allow" && service == "s3.amazonaws.com" &&
			slices.ContainsFunc(acts, func(n *yaml.Node) bool { return n.Value == "sqs:SendMessage" }) &&
			arn == wantArn && get(st, "Condition", "StringEquals", "aws:SourceAccount") != nil
	}
	if !allowed {
		r.errorf(get(t.resources, policy), "%s must allow s3.amazonaws.com sqs:SendMessage with aws:SourceArn %s and aws:SourceAccount", policy, wantArn)
	}
}

// checkIAM: no Allow statement anywhere grants a wildcard action on
// Resource "*", names Resource "*" without a reason, inverts its sense
// (NotAction, NotResource) or opens to Principal "*"; function policies
// are explicit statements (SAM policy templates grant whole buckets).
func checkIAM(t *tmpl, _ spec, r *report) {
	walk(t.top, func(st *yaml.Node) {
		effect, _ := scalar(get(st, "Effect"))
		if st.Kind != yaml.MappingNode || effect != "Allow" {
			return
		}
		sid, _ := scalar(get(st, "Sid"))
		for _, k := range []string{"NotAction", "NotResource", "NotPrincipal"} {
			if get(st, k) != nil {
				r.errorf(st, "Allow with %s grants everything else", k)
			}
		}
		star := slices.ContainsFunc(items(get(st, "Resource")), isStar)
		for _, a := range items(get(st, "Action")) {
			if star && (a.Value == "*" || strings.HasSuffix(a.Value, ":*")) {
				r.errorf(a, "Action %s on Resource *", a.Value)
			}
		}
		if _, ok := starResourceAllowed[sid]; star && !ok {
			r.errorf(st, "Resource * (Sid %q): name the resources, or list the Sid in starResourceAllowed with the API that needs it", sid)
		}
		p := get(st, "Principal")
		if isStar(p) || isStar(get(p, "AWS")) {
			r.errorf(st, "Allow to Principal *: public")
		}
	})
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		for _, p := range items(get(fn, "Properties", "Policies")) {
			if get(p, "Statement") == nil {
				r.errorf(p, "%s: Policies must be statements, not a managed policy or SAM policy template", name)
			}
		}
	}
}

// checkGrants: each function is allowed exactly what spec.grants lists.
func checkGrants(t *tmpl, s spec, r *report) {
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		want, ok := s.grants[name]
		if !ok {
			r.errorf(fn, "%s: the test does not know what it may do (spec.grants)", name)
			continue
		}
		got := map[string]*yaml.Node{}
		for _, p := range items(get(fn, "Properties", "Policies")) {
			for _, st := range items(get(p, "Statement")) {
				if effect, _ := scalar(get(st, "Effect")); effect != "Allow" {
					continue
				}
				cond := conditionText(get(st, "Condition"))
				for _, a := range items(get(st, "Action")) {
					for _, res := range items(get(st, "Resource")) {
						got[a.Value+" "+resourceText(res)+cond] = st
					}
				}
			}
		}
		for _, g := range want {
			if got[g] == nil {
				r.errorf(fn, "%s: not allowed %s", name, g)
			}
		}
		for g, st := range got {
			if !slices.Contains(want, g) {
				r.errorf(st, "%s: allowed %s, which spec.grants does not list", name, g)
			}
		}
	}
}

// checkRoutes: the HTTP API has a JWT default authorizer, the routes are
// spec.routes, nothing under /api/ but health goes without a token, and
// no unauthenticated greedy route takes a method that /api/ does not
// name itself.
func checkRoutes(t *tmpl, s spec, r *report) {
	type route struct {
		auth bool
		node *yaml.Node
	}
	routes := map[string]route{}
	badAPI := map[string]bool{}
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		for ev, e := range entries(get(fn, "Properties", "Events")) {
			if typ, _ := scalar(get(e, "Type")); typ != "HttpApi" {
				continue
			}
			props := get(e, "Properties")
			api, ok := refName(get(props, "ApiId"))
			if !ok || t.typeOf(api) != "AWS::Serverless::HttpApi" {
				r.errorf(orNode(props, e), "%s.%s: ApiId must be !Ref of the template's HttpApi", name, ev)
				continue
			}
			def, _ := scalar(get(t.resources, api, "Properties", "Auth", "DefaultAuthorizer"))
			jwt := get(t.resources, api, "Properties", "Auth", "Authorizers", def)
			if (def == "" || get(jwt, "JwtConfiguration", "issuer") == nil || get(jwt, "JwtConfiguration", "audience") == nil || get(jwt, "IdentitySource") == nil) && !badAPI[api] {
				badAPI[api] = true
				r.errorf(get(t.resources, api), "%s: DefaultAuthorizer must name an authorizer with IdentitySource and JwtConfiguration issuer and audience", api)
			}
			method, _ := scalar(get(props, "Method"))
			path, _ := scalar(get(props, "Path"))
			authz, _ := scalar(get(props, "Auth", "Authorizer"))
			key := strings.ToUpper(method) + " " + path
			routes[key] = route{auth: authz != "NONE" && jwt != nil, node: props}
		}
	}
	for key, rt := range routes {
		want, ok := s.routes[key]
		switch {
		case !ok:
			r.errorf(rt.node, "route %s is not in spec.routes", key)
		case want && !rt.auth:
			r.errorf(rt.node, "route %s must take the JWT authorizer", key)
		case !want && rt.auth:
			r.errorf(rt.node, "route %s must be open (Auth: Authorizer: NONE)", key)
		}
		method, path, _ := strings.Cut(key, " ")
		if !rt.auth && strings.HasPrefix(path, "/api/") && path != "/api/health" {
			r.errorf(rt.node, "route %s: the API needs a token", key)
		}
		if !rt.auth && strings.HasSuffix(path, "{proxy+}") && method != "ANY" && !strings.HasPrefix(path, "/api/") {
			if api, ok := routes[method+" /api/{proxy+}"]; !ok || !api.auth {
				r.errorf(rt.node, "route %s: add %s /api/{proxy+} with the JWT authorizer, or %s requests under /api/ may reach it without one", key, method, method)
			}
		}
	}
	for key := range s.routes {
		if _, ok := routes[key]; !ok {
			r.errorf(t.resources, "no route %s", key)
		}
	}
}

// checkAlarms: every function has an alarm on Errors and every
// dead-letter queue one on visible messages, each firing on the first.
func checkAlarms(t *tmpl, _ spec, r *report) {
	onErrors, onDLQ := map[string]bool{}, map[string]bool{}
	for name, a := range t.ofType("AWS::CloudWatch::Alarm") {
		p := get(a, "Properties")
		ns, _ := scalar(get(p, "Namespace"))
		metric, _ := scalar(get(p, "MetricName"))
		for _, d := range items(get(p, "Dimensions")) {
			dim, _ := scalar(get(d, "Name"))
			switch {
			case ns == "AWS/Lambda" && metric == "Errors" && dim == "FunctionName":
				fn, _ := refName(get(d, "Value"))
				onErrors[fn] = true
			case ns == "AWS/SQS" && metric == "ApproximateNumberOfMessagesVisible" && dim == "QueueName":
				if q, attr, _ := getAtt(get(d, "Value")); attr == "QueueName" {
					onDLQ[q] = true
				}
			}
		}
		th, _ := scalar(get(p, "Threshold"))
		op, _ := scalar(get(p, "ComparisonOperator"))
		if !(th == "0" && op == "GreaterThanThreshold" || th == "1" && op == "GreaterThanOrEqualToThreshold") {
			r.errorf(p, "alarm %s: Threshold %s %s does not fire on the first error or message", name, th, op)
		}
	}
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		if !onErrors[name] {
			r.errorf(fn, "%s: no alarm on its Errors", name)
		}
	}
	for name := range t.deadLetterQueues() {
		if !onDLQ[name] {
			r.errorf(get(t.resources, name), "dead-letter queue %s: no alarm on ApproximateNumberOfMessagesVisible", name)
		}
	}
}

// checkLogs: every function logs JSON to a log group of the template that
// expires its logs.
func checkLogs(t *tmpl, _ spec, r *report) {
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		lc := t.fnProp(fn, "LoggingConfig")
		if v, _ := scalar(get(lc, "LogFormat")); v != "JSON" {
			r.errorf(orNode(lc, fn), "%s: LoggingConfig LogFormat must be JSON", name)
		}
		lg, ok := refName(get(lc, "LogGroup"))
		if !ok || t.typeOf(lg) != "AWS::Logs::LogGroup" {
			r.errorf(orNode(lc, fn), "%s: LoggingConfig LogGroup must be !Ref of a log group of the template", name)
			continue
		}
		if get(t.resources, lg, "Properties", "RetentionInDays") == nil {
			r.errorf(get(t.resources, lg), "log group %s has no RetentionInDays", lg)
		}
	}
}

func checkOutputs(t *tmpl, s spec, r *report) {
	for _, name := range s.outputs {
		if get(t.outputs, name) == nil {
			r.errorf(orNode(t.outputs, t.top), "no output %s", name)
		}
	}
}

// -------------------------------------------------------------- template

// tmpl is a parsed template and where its Makefile and functions/ are.
type tmpl struct {
	file       string // as messages name it
	dir        string
	top        *yaml.Node // the document's mapping
	resources  *yaml.Node
	parameters *yaml.Node
	conditions *yaml.Node
	globals    *yaml.Node // Globals: Function
	outputs    *yaml.Node
}

func loadTemplate(path, dir string) (*tmpl, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a YAML mapping", path)
	}
	top := doc.Content[0]
	t := &tmpl{
		file: filepath.Base(path), dir: dir, top: top,
		resources:  get(top, "Resources"),
		parameters: get(top, "Parameters"),
		conditions: get(top, "Conditions"),
		globals:    get(top, "Globals", "Function"),
		outputs:    get(top, "Outputs"),
	}
	if t.resources == nil || t.resources.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: no Resources", path)
	}
	return t, nil
}

// report collects one rule's problems, each naming its line.
type report struct {
	t    *tmpl
	msgs []string
}

func (r *report) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	r.msgs = append(r.msgs, fmt.Sprintf("%s:%d: %s", r.t.file, line, fmt.Sprintf(format, args...)))
}

func (t *tmpl) check(rl rule, s spec) []string {
	r := &report{t: t}
	rl.check(t, s, r)
	slices.Sort(r.msgs)
	return r.msgs
}

func (t *tmpl) typeOf(name string) string {
	v, _ := scalar(get(t.resources, name, "Type"))
	return v
}

// ofType yields the resources of one type, in the template's order.
func (t *tmpl) ofType(typ string) iter.Seq2[string, *yaml.Node] {
	return func(yield func(string, *yaml.Node) bool) {
		for name, res := range entries(t.resources) {
			if v, _ := scalar(get(res, "Type")); v == typ && !yield(name, res) {
				return
			}
		}
	}
}

// fnProp is a function's property, or the Globals' one.
func (t *tmpl) fnProp(fn *yaml.Node, key string) *yaml.Node {
	if v := get(fn, "Properties", key); v != nil {
		return v
	}
	return get(t.globals, key)
}

// envVars are a function's environment variables, merged with the
// Globals' ones as SAM merges them.
func (t *tmpl) envVars(fn *yaml.Node) map[string]*yaml.Node {
	vars := map[string]*yaml.Node{}
	for _, src := range []*yaml.Node{get(t.globals, "Environment", "Variables"), get(fn, "Properties", "Environment", "Variables")} {
		for k, v := range entries(src) {
			vars[k] = v
		}
	}
	return vars
}

// sqsEvents yields the Properties of a function's SQS events.
func (t *tmpl) sqsEvents(fn *yaml.Node) iter.Seq2[string, *yaml.Node] {
	return func(yield func(string, *yaml.Node) bool) {
		for ev, e := range entries(get(fn, "Properties", "Events")) {
			if typ, _ := scalar(get(e, "Type")); typ == "SQS" && !yield(ev, orNode(get(e, "Properties"), e)) {
				return
			}
		}
	}
}

// deadLetterQueues are the queues some RedrivePolicy names.
func (t *tmpl) deadLetterQueues() map[string]bool {
	dlqs := map[string]bool{}
	for _, q := range t.ofType("AWS::SQS::Queue") {
		if d, _, ok := getAtt(get(q, "Properties", "RedrivePolicy", "deadLetterTargetArn")); ok {
			dlqs[d] = true
		}
	}
	return dlqs
}

func (t *tmpl) isFIFO(q *yaml.Node) bool {
	v, _ := scalar(get(q, "Properties", "FifoQueue"))
	return v == "true"
}

// number resolves a literal or a parameter to the largest value it may
// take when deployed: a parameter's MaxValue, else its Default.
func (t *tmpl) number(n *yaml.Node) (v int, how string, ok bool) {
	if s, plain := scalar(n); plain {
		v, err := strconv.Atoi(s)
		return v, s, err == nil
	}
	name, isRef := refName(n)
	p := get(t.parameters, name)
	if !isRef || p == nil {
		return 0, "", false
	}
	for _, key := range []string{"MaxValue", "Default"} {
		if s, ok := scalar(get(p, key)); ok {
			v, err := strconv.Atoi(s)
			return v, fmt.Sprintf("%d (%s %s)", v, name, key), err == nil
		}
	}
	return 0, "", false
}

// generated are the logical ids SAM adds that a template may refer to.
// template.yaml refers to none of them today.
func (t *tmpl) generated() map[string]bool {
	gen := map[string]bool{}
	for name, fn := range t.ofType("AWS::Serverless::Function") {
		if get(fn, "Properties", "Role") == nil {
			gen[name+"Role"] = true
		}
		for _, e := range entries(get(fn, "Properties", "Events")) {
			if typ, _ := scalar(get(e, "Type")); typ == "HttpApi" && get(e, "Properties", "ApiId") == nil {
				gen["ServerlessHttpApi"] = true
			}
		}
	}
	for name := range t.ofType("AWS::Serverless::HttpApi") {
		gen[name+"ApiGatewayDefaultStage"] = true
	}
	return gen
}

// reference is one name a template refers to.
type reference struct {
	kind string // Ref, GetAtt, Sub, DependsOn, Condition
	name string
	attr string // GetAtt and ${Name.Attr}
	node *yaml.Node
}

var subVar = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// references finds every reference under n: intrinsics in short and long
// form, resources' DependsOn and Condition, outputs' Condition.
func references(top *yaml.Node) []reference {
	var refs []reference
	sub := func(n *yaml.Node) {
		text, vars := n, map[string]bool{}
		if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
			text = n.Content[0]
			if len(n.Content) > 1 {
				for k := range entries(n.Content[1]) {
					vars[k] = true
				}
			}
		}
		for _, m := range subVar.FindAllStringSubmatch(text.Value, -1) {
			name, attr, _ := strings.Cut(strings.TrimSpace(m[1]), ".")
			if !vars[name] {
				refs = append(refs, reference{"Sub", name, attr, text})
			}
		}
	}
	cond := func(n *yaml.Node) {
		if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
			refs = append(refs, reference{"Condition", n.Content[0].Value, "", n.Content[0]})
		}
	}
	walk(top, func(n *yaml.Node) {
		switch n.ShortTag() {
		case "!Ref":
			refs = append(refs, reference{"Ref", n.Value, "", n})
		case "!GetAtt":
			if name, attr, ok := getAtt(n); ok {
				refs = append(refs, reference{"GetAtt", name, attr, n})
			}
		case "!Sub":
			sub(n)
		case "!If":
			cond(n)
		case "!Condition":
			refs = append(refs, reference{"Condition", n.Value, "", n})
		}
		if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
			k, v := n.Content[0].Value, n.Content[1]
			switch k {
			case "Ref":
				refs = append(refs, reference{"Ref", v.Value, "", v})
			case "Fn::GetAtt":
				if name, attr, ok := getAtt(n); ok {
					refs = append(refs, reference{"GetAtt", name, attr, v})
				}
			case "Fn::Sub":
				sub(v)
			case "Fn::If":
				cond(v)
			case "Condition":
				if v.Kind == yaml.ScalarNode {
					refs = append(refs, reference{"Condition", v.Value, "", v})
				}
			}
		}
	})
	for _, section := range []string{"Resources", "Outputs"} {
		for _, res := range entries(get(top, section)) {
			for _, d := range items(get(res, "DependsOn")) {
				refs = append(refs, reference{"DependsOn", d.Value, "", d})
			}
			if c := get(res, "Condition"); c != nil {
				refs = append(refs, reference{"Condition", c.Value, "", c})
			}
		}
	}
	return refs
}

// ------------------------------------------------------------- YAML nodes

// get follows keys through mappings; nil when one is missing.
func get(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var v *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				v = n.Content[i+1]
				break
			}
		}
		n = v
	}
	return n
}

// entries yields a mapping's keys and values in order.
func entries(n *yaml.Node) iter.Seq2[string, *yaml.Node] {
	return func(yield func(string, *yaml.Node) bool) {
		if n == nil || n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !yield(n.Content[i].Value, n.Content[i+1]) {
				return
			}
		}
	}
}

// items are a sequence's items, or n alone where one value may stand for
// a list (Action: s3:GetObject).
func items(n *yaml.Node) []*yaml.Node {
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.SequenceNode && n.ShortTag() == "!!seq":
		return n.Content
	}
	return []*yaml.Node{n}
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	if n == nil {
		return
	}
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// scalar is the text of a scalar without an intrinsic tag.
func scalar(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || !strings.HasPrefix(n.ShortTag(), "!!") {
		return "", false
	}
	return n.Value, true
}

func isStar(n *yaml.Node) bool {
	v, ok := scalar(n)
	return ok && v == "*"
}

func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}

// refName is the target of !Ref X or {Ref: X}.
func refName(n *yaml.Node) (string, bool) {
	switch {
	case n == nil:
		return "", false
	case n.ShortTag() == "!Ref":
		return n.Value, true
	case get(n, "Ref") != nil && len(n.Content) == 2:
		return get(n, "Ref").Value, true
	}
	return "", false
}

// getAtt is the target of !GetAtt X.Attr, !GetAtt [X, Attr] or the
// Fn::GetAtt forms.
func getAtt(n *yaml.Node) (name, attr string, ok bool) {
	if n == nil {
		return "", "", false
	}
	if v := get(n, "Fn::GetAtt"); v != nil && len(n.Content) == 2 {
		n = v
	} else if n.ShortTag() != "!GetAtt" {
		return "", "", false
	}
	if n.Kind == yaml.SequenceNode && len(n.Content) == 2 {
		return n.Content[0].Value, n.Content[1].Value, true
	}
	name, attr, ok = strings.Cut(n.Value, ".")
	return name, attr, ok
}

// subString is the text of a !Sub (string form) or a plain string.
func subString(n *yaml.Node) (string, bool) {
	if s, ok := scalar(n); ok {
		return s, true
	}
	if v := get(n, "Fn::Sub"); v != nil && len(n.Content) == 2 {
		n = v
	} else if n == nil || n.ShortTag() != "!Sub" {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}

var arnVar = regexp.MustCompile(`\$\{(\w+)(?:\.Arn)?\}`)

// resourceText is how spec.grants writes a policy resource: Bucket/prefix/*
// for objects, the logical id for a bucket or queue.
func resourceText(n *yaml.Node) string {
	if name, ok := refName(n); ok {
		return name
	}
	if name, attr, ok := getAtt(n); ok {
		if attr == "Arn" {
			return name
		}
		return name + "." + attr
	}
	if s, ok := subString(n); ok {
		return arnVar.ReplaceAllString(strings.TrimPrefix(s, "arn:${AWS::Partition}:s3:::"), "$1")
	}
	return "?"
}

// conditionText renders a statement's Condition for spec.grants:
// " if StringLike s3:prefix=status/*,index/*".
func conditionText(n *yaml.Node) string {
	var parts []string
	for op, m := range entries(n) {
		for key, v := range entries(m) {
			var vals []string
			for _, x := range items(v) {
				vals = append(vals, resourceText(x))
			}
			parts = append(parts, op+" "+key+"="+strings.Join(vals, ","))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " if " + strings.Join(parts, " and ")
}

// --------------------------------------------------------------- files

// readMakefile returns each target's recipe lines and the GOARCH the
// Makefile sets.
func readMakefile(path string) (targets map[string][]string, goarch string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	targets = map[string][]string{}
	target := ""
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "\t") && target != "":
			targets[target] = append(targets[target], strings.TrimSpace(line))
		case strings.HasPrefix(line, "GOARCH"):
			if _, v, ok := strings.Cut(line, "="); ok {
				goarch = strings.TrimSpace(v)
			}
		default:
			target = ""
			if name, _, ok := strings.Cut(line, ":"); ok && !strings.ContainsAny(name, " \t=#$") && name != "" && !strings.HasPrefix(name, ".") {
				target = name
				targets[name] = nil
			}
		}
	}
	return targets, goarch, nil
}

// packageNames are the package clauses of a directory's non-test files.
func packageNames(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.PackageClauseOnly)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(names, af.Name.Name) {
			names = append(names, af.Name.Name)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no Go files")
	}
	return names, nil
}

// ------------------------------------------------------------ mini template

// miniSpec is spec for the mini template.
var miniSpec = spec{
	env: map[string][]string{
		"IngestFunction": {"SAQ_LOG_LEVEL", "SAQ_SUBMISSIONS_BUCKET", "SAQ_INDEX_QUEUE_URL"},
		"ApiFunction":    {"SAQ_LOG_LEVEL", "SAQ_SUBMISSIONS_BUCKET"},
	},
	grants: map[string][]string{
		"IngestFunction": {"s3:GetObject SubmissionsBucket/uploads/*", "sqs:SendMessage IndexQueue"},
		"ApiFunction":    {"s3:PutObject SubmissionsBucket/uploads/*"},
	},
	routes:  map[string]bool{"GET /": false, "GET /{proxy+}": false, "GET /api/{proxy+}": true},
	outputs: []string{"ApiUrl"},
	fifo:    []string{"IndexQueue"},
}

// writeMini writes the mini template, its Makefile and functions into a
// temporary directory, after edit.
func writeMini(t *testing.T, edit func(map[string]string)) string {
	t.Helper()
	files := map[string]string{
		"template.yaml":           miniTemplate,
		"Makefile":                miniMakefile,
		"functions/ingest/a.go":   "package main\n",
		"functions/api/main.go":   "package main\n",
		"functions/api/x_test.go": "package main_test\n",
	}
	if edit != nil {
		edit(files)
	}
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const miniMakefile = `GOARCH = arm64

build-IngestFunction:
	GOOS=linux GOARCH=$(GOARCH) CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o $(ARTIFACTS_DIR)/bootstrap ./functions/ingest

build-ApiFunction:
	GOOS=linux GOARCH=$(GOARCH) CGO_ENABLED=0 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o $(ARTIFACTS_DIR)/bootstrap ./functions/api
`

const miniTemplate = `Transform: AWS::Serverless-2016-10-31
Parameters:
  IngestTimeout: {Type: Number, Default: 60, MaxValue: 100}
  ApiTimeout: {Type: Number, Default: 10}
  Memory: {Type: Number, Default: 512}
Conditions:
  Never: !Equals [a, b]
Globals:
  Function:
    Runtime: provided.al2023
    Handler: bootstrap
    Architectures: [arm64]
    MemorySize: !Ref Memory
    Environment: {Variables: {SAQ_LOG_LEVEL: info}}
Resources:
  SubmissionsBucket:
    Type: AWS::S3::Bucket
    DependsOn: IngestQueuePolicy
    Properties:
      BucketName: !Sub "${AWS::StackName}-submissions"
      VersioningConfiguration: {Status: Enabled}
      BucketEncryption: {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}}]}
      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
      NotificationConfiguration:
        QueueConfigurations:
          - Event: s3:ObjectCreated:*
            Queue: !GetAtt IngestQueue.Arn
            Filter: {S3Key: {Rules: [{Name: prefix, Value: uploads/}, {Name: suffix, Value: .pdf}]}}
  SubmissionsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref SubmissionsBucket
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: "*", Action: s3:*, Resource: [!GetAtt SubmissionsBucket.Arn], Condition: {Bool: {aws:SecureTransport: false}}}
  IngestQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 600
      RedrivePolicy: {deadLetterTargetArn: !GetAtt IngestDeadLetterQueue.Arn, maxReceiveCount: 3}
  IngestDeadLetterQueue:
    Type: AWS::SQS::Queue
  IngestQueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref IngestQueue]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: s3.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt IngestQueue.Arn
            Condition:
              ArnEquals: {aws:SourceArn: !Sub "arn:${AWS::Partition}:s3:::${AWS::StackName}-submissions"}
              StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}
  IndexQueue:
    Type: AWS::SQS::Queue
    Properties: {FifoQueue: true, RedrivePolicy: {deadLetterTargetArn: !GetAtt IndexDeadLetterQueue.Arn, maxReceiveCount: 3}}
  IndexDeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties: {FifoQueue: true, MessageRetentionPeriod: 1209600}
  IngestFunction:
    Type: AWS::Serverless::Function
    Metadata: {BuildMethod: makefile}
    Properties:
      CodeUri: .
      Timeout: !Ref IngestTimeout
      LoggingConfig: {LogFormat: JSON, LogGroup: !Ref IngestLogGroup}
      Environment:
        Variables:
          SAQ_SUBMISSIONS_BUCKET: !Ref SubmissionsBucket
          SAQ_INDEX_QUEUE_URL: !Ref IndexQueue
      Policies:
        - Statement:
            - {Effect: Allow, Action: [s3:GetObject], Resource: !Sub "${SubmissionsBucket.Arn}/uploads/*"}
            - {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt IndexQueue.Arn}
      Events:
        Uploads:
          Type: SQS
          Properties:
            Queue: !GetAtt IngestQueue.Arn
            BatchSize: 5
            FunctionResponseTypes: [ReportBatchItemFailures]
  ApiFunction:
    Type: AWS::Serverless::Function
    Metadata: {BuildMethod: makefile}
    Properties:
      CodeUri: .
      Timeout: !Ref ApiTimeout
      LoggingConfig: {LogFormat: JSON, LogGroup: !Ref ApiLogGroup}
      Environment: {Variables: {SAQ_SUBMISSIONS_BUCKET: !Ref SubmissionsBucket}}
      Policies:
        - Statement:
            - {Effect: Allow, Action: s3:PutObject, Resource: !Sub "arn:${AWS::Partition}:s3:::${SubmissionsBucket}/uploads/*"}
      Events:
        Root: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: GET, Path: /, Auth: {Authorizer: NONE}}}
        Static: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: GET, Path: "/{proxy+}", Auth: {Authorizer: NONE}}}
        Api: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: GET, Path: "/api/{proxy+}"}}
  IngestLogGroup:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub ["/aws/lambda/${Stack}-ingest", {Stack: !Ref AWS::StackName}], RetentionInDays: 7}
  ApiLogGroup:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 7}
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: {issuer: "https://issuer.example", audience: [saq]}
  IngestErrors:
    Type: AWS::CloudWatch::Alarm
    Properties: {Namespace: AWS/Lambda, MetricName: Errors, Threshold: 0, ComparisonOperator: GreaterThanThreshold, Dimensions: [{Name: FunctionName, Value: !Ref IngestFunction}], AlarmActions: !If [Never, [x], !Ref AWS::NoValue]}
  ApiErrors:
    Type: AWS::CloudWatch::Alarm
    Properties: {Namespace: AWS/Lambda, MetricName: Errors, Threshold: 0, ComparisonOperator: GreaterThanThreshold, Dimensions: [{Name: FunctionName, Value: !Ref ApiFunction}]}
  IngestDLQ:
    Type: AWS::CloudWatch::Alarm
    Properties: {Namespace: AWS/SQS, MetricName: ApproximateNumberOfMessagesVisible, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold, Dimensions: [{Name: QueueName, Value: !GetAtt IngestDeadLetterQueue.QueueName}]}
  IndexDLQ:
    Type: AWS::CloudWatch::Alarm
    Properties: {Namespace: AWS/SQS, MetricName: ApproximateNumberOfMessagesVisible, Threshold: 0, ComparisonOperator: GreaterThanThreshold, Dimensions: [{Name: QueueName, Value: !GetAtt IndexDeadLetterQueue.QueueName}]}
Outputs:
  ApiUrl:
    Value: !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"
`
