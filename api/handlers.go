package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/compare"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/search"
)

func (s *Server) health(w http.ResponseWriter, r *http.Request, _ Identity) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, id Identity) error {
	return writeJSON(w, http.StatusOK, map[string]any{"subject": id.Subject, "role": id.Role,
		"countries": id.Countries, "all_states": id.Scope().All})
}

// search answers with exactly the JSON of `saq search --json`.
func (s *Server) search(w http.ResponseWriter, r *http.Request, id Identity) error {
	q := r.URL.Query()
	req := search.Request{Query: q.Get("q"), Countries: q["country"], Instrument: q.Get("instrument"),
		Article: q.Get("article"), Cluster: q.Get("cluster"), Choice: q.Get("choice"), Question: q.Get("question"),
		Language: q.Get("language"), Sort: q.Get("sort")}
	var err error
	if req.Limit, err = intParam(q.Get("limit"), search.DefaultLimit); err != nil {
		return err
	}
	if req.Offset, err = intParam(q.Get("offset"), 0); err != nil {
		return err
	}
	res, err := search.Answers(r.Context(), s.Index, id.Scope(), req)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

func intParam(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, saq.Errorf(saq.KindInvalidQuery, "%q is not a count", v)
	}
	return n, nil
}

type themeJSON struct {
	Name     string           `json:"name"`
	Title    string           `json:"title"`
	Articles []saq.ArticleRef `json:"articles"`
}

func (s *Server) themes(w http.ResponseWriter, r *http.Request, _ Identity) error {
	out := []themeJSON{}
	for _, t := range s.Plan.Themes {
		out = append(out, themeJSON{t.Name, t.Title, t.Articles})
	}
	return writeJSON(w, http.StatusOK, out)
}

// compare serves a comparison as json (default), csv, md or html.
func (s *Server) compare(w http.ResponseWriter, r *http.Request, id Identity) error {
	q := r.URL.Query()
	req := compare.Request{Theme: q.Get("theme"), Countries: q["country"]}
	for _, a := range q["article"] {
		ref, err := saq.ParseArticleRef(a)
		if err != nil {
			return err
		}
		req.Articles = append(req.Articles, ref)
	}
	format := q.Get("format")
	writers := map[string]func(io.Writer, *compare.Comparison) error{
		"csv": compare.WriteCSV, "md": compare.WriteMarkdown, "html": compare.WriteHTML}
	if _, ok := writers[format]; !ok && format != "" && format != "json" {
		return saq.Errorf(saq.KindInvalid, "unknown format %q: use json, csv, md or html", format)
	}
	c, err := compare.Compare(r.Context(), s.Index, id.Scope(), s.Plan, req)
	if err != nil {
		return err
	}
	if format == "" || format == "json" {
		return writeJSON(w, http.StatusOK, c)
	}
	name := "comparison"
	if c.Theme != "" {
		name += "-" + c.Theme
	}
	return attach(w, name, format, func(b io.Writer) error { return writers[format](b, c) })
}

// observations serves a State's draft as json (default), md or html.
func (s *Server) observations(w http.ResponseWriter, r *http.Request, id Identity) error {
	q := r.URL.Query()
	req := compare.ObservationsRequest{Country: q.Get("country"), Cluster: q.Get("cluster")}
	if v := q.Get("instrument"); v != "" {
		inst, ok := saq.ParseInstrument(v)
		if !ok {
			return saq.Errorf(saq.KindInvalid, "unknown instrument %q", v)
		}
		req.Instrument = inst
	}
	format := q.Get("format")
	writers := map[string]func(io.Writer, *compare.Observations) error{
		"md": compare.WriteObservationsMarkdown, "html": compare.WriteObservationsHTML}
	if _, ok := writers[format]; !ok && format != "" && format != "json" {
		return saq.Errorf(saq.KindInvalid, "unknown format %q: use json, md or html", format)
	}
	o, err := compare.BuildObservations(r.Context(), s.Index, id.Scope(), s.Plan, req)
	if err != nil {
		return err
	}
	if format == "" || format == "json" {
		return writeJSON(w, http.StatusOK, o)
	}
	return attach(w, "observations-"+o.CountryCode, format, func(b io.Writer) error { return writers[format](b, o) })
}

// attach writes a report as a download.
func attach(w http.ResponseWriter, name, format string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	types := map[string]string{"csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
	w.Header().Set("Content-Type", types[format])
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+format+`"`)
	if format == "html" {
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	}
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b.Bytes())
	return err
}

// visible reports whether an upload's status is in the caller's scope. An
// upload whose State is unknown (rejected without a declared State) is
// the secretariat's alone.
func visible(id Identity, st ingest.Status) bool {
	if st.CountryCode == "" {
		return id.Scope().All
	}
	return id.Scope().Allows(st.CountryCode)
}

func (s *Server) submissions(w http.ResponseWriter, r *http.Request, id Identity) error {
	all, err := s.Pipeline.Statuses(r.Context())
	if err != nil {
		return err
	}
	out := []ingest.Status{}
	for _, st := range all {
		if visible(id, st) {
			out = append(out, st)
		}
	}
	slices.SortStableFunc(out, func(a, b ingest.Status) int { return b.IngestedAt.Compare(a.IngestedAt) })
	return writeJSON(w, http.StatusOK, map[string]any{"uploads": out})
}

// status returns an upload's status when the caller may see it; an upload
// outside the scope is not_found, exactly like one that does not exist.
func (s *Server) status(r *http.Request, id Identity, sha string) (ingest.Status, error) {
	st, err := s.Pipeline.Status(r.Context(), sha)
	if err == nil && !visible(id, st) {
		err = saq.Errorf(saq.KindNotFound, "no such upload")
	}
	return st, err
}

func (s *Server) submission(w http.ResponseWriter, r *http.Request, id Identity) error {
	st, err := s.status(r, id, r.PathValue("sha"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

func (s *Server) record(w http.ResponseWriter, r *http.Request, id Identity) error {
	st, err := s.status(r, id, r.PathValue("sha"))
	if err != nil {
		return err
	}
	rec, err := s.Pipeline.Record(r.Context(), st.SHA256)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

// upload ingests one PDF. A focal point's uploads are for their own State,
// whatever the form says; the secretariat may name the State.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, id Identity) error {
	limit := s.MaxUpload
	if limit <= 0 {
		limit = DefaultMaxUpload
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return saq.Errorf(saq.KindTooLarge, "the upload is over %d MiB", limit>>20)
		}
		return saq.Errorf(saq.KindInvalid, "want a multipart form with a file: %v", err)
	}
	defer r.MultipartForm.RemoveAll()
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return saq.Errorf(saq.KindInvalid, "the form has no file")
	}
	defer f.Close()
	data, err := readAll(f, hdr, limit)
	if err != nil {
		return err
	}
	opt, err := s.uploadOptions(id, r.MultipartForm.Value)
	if err != nil {
		return err
	}
	opt.MaxBytes = limit
	if s.Files != nil {
		return s.submit(w, r, id, cleanName(hdr.Filename), data, opt)
	}
	u, err := s.Pipeline.ExtractAs(r.Context(), cleanName(hdr.Filename), data, opt)
	if err != nil {
		return err
	}
	outcome, st, err := s.Pipeline.Commit(r.Context(), u)
	if err != nil {
		return err
	}
	if !visible(id, st) {
		// The same bytes were submitted before, for another State.
		return saq.Errorf(saq.KindInvalid, "this exact file was already submitted by another account")
	}
	s.log().Info("upload", "subject", id.Subject, "role", id.Role, "upload", st.SHA256, "outcome", string(outcome),
		"submission_id", st.SubmissionID, "state", st.State)
	return writeJSON(w, http.StatusCreated, map[string]any{"outcome": outcome, "status": st})
}

// uploadOptions reads what an uploader declares with a file (country,
// cluster, instrument, language), checking that a focal point uploads for
// their own State only.
func (s *Server) uploadOptions(id Identity, form url.Values) (extract.Options, error) {
	opt := s.Pipeline.Options
	switch {
	case id.Role == RoleFocalPoint:
		if c := form.Get("country"); c != "" {
			if ct, ok := saq.LookupCountry(c); !ok || ct.Code != id.Countries[0] {
				return opt, saq.Errorf(saq.KindForbidden, "a focal point uploads for their own State only (%s)", id.Countries[0])
			}
		}
		opt.Country = id.Countries[0]
	case form.Get("country") != "":
		ct, ok := saq.LookupCountry(form.Get("country"))
		if !ok {
			return opt, saq.Errorf(saq.KindInvalid, "unknown State %q", form.Get("country"))
		}
		opt.Country = ct.Code
	}
	if v := form.Get("cluster"); v != "" {
		cl, ok := saq.ParseCluster(v)
		if !ok {
			return opt, saq.Errorf(saq.KindInvalid, "unknown cluster %q", v)
		}
		opt.Cluster = cl
	}
	for _, v := range form["instrument"] {
		inst, ok := saq.ParseInstrument(v)
		if !ok {
			return opt, saq.Errorf(saq.KindInvalid, "unknown instrument %q", v)
		}
		opt.Instruments = append(opt.Instruments, inst)
	}
	if v := strings.ToLower(form.Get("language")); v != "" {
		if !slices.Contains(indexer.Languages, v) {
			return opt, saq.Errorf(saq.KindInvalid, "unknown language %q: use one of %s", v, strings.Join(indexer.Languages, ", "))
		}
		opt.Language = v
	}
	return opt, nil
}

// uploadURL returns a presigned URL to PUT one file to directly (in AWS:
// into the submissions bucket, beyond API Gateway's payload limit), for
// the uploader's State; the pipeline reads it from there. Form fields as
// for /api/uploads, with file = the file name.
func (s *Server) uploadURL(w http.ResponseWriter, r *http.Request, id Identity) error {
	if s.Files == nil {
		return saq.Errorf(saq.KindNotFound, "this server takes uploads at POST /api/uploads only")
	}
	if err := r.ParseForm(); err != nil {
		return saq.Errorf(saq.KindInvalid, "want form fields: %v", err)
	}
	opt, err := s.uploadOptions(id, r.PostForm)
	if err != nil {
		return err
	}
	if opt.Country == "" {
		return saq.Errorf(saq.KindInvalid, "name the State of the upload (country)")
	}
	up := Submitted{File: cleanName(r.PostForm.Get("file")), Country: opt.Country, Cluster: opt.Cluster,
		Instruments: opt.Instruments, Language: opt.Language, Subject: id.Subject}
	ttl := s.linkTTL()
	u, err := s.Files.UploadURL(r.Context(), up, ttl)
	if err != nil {
		return fmt.Errorf("upload URL: %w", err)
	}
	s.log().Info("upload url", "subject", id.Subject, "role", id.Role, "country", opt.Country)
	return writeJSON(w, http.StatusOK, map[string]any{"url": u.URL, "method": "PUT", "headers": u.Headers,
		"expires_at": s.now().Add(ttl).UTC().Format(time.RFC3339)})
}

// submit hands an upload to Files; the pipeline ingests it later. The
// answer is 202 with the hash to follow at /api/submissions/{sha}, or
// the known status when the same bytes came before.
func (s *Server) submit(w http.ResponseWriter, r *http.Request, id Identity, file string, data []byte, opt extract.Options) error {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	st, err := s.Pipeline.Status(r.Context(), sha)
	switch {
	case err == nil && !visible(id, st):
		return saq.Errorf(saq.KindInvalid, "this exact file was already submitted by another account")
	case err == nil:
		return writeJSON(w, http.StatusCreated, map[string]any{"outcome": ingest.Unchanged, "status": st})
	case saq.KindOf(err) != saq.KindNotFound:
		return err
	}
	up := Submitted{SHA256: sha, File: file, Country: opt.Country, Cluster: opt.Cluster, Instruments: opt.Instruments,
		Language: opt.Language, Subject: id.Subject, Data: data}
	if err := s.Files.Submit(r.Context(), up); err != nil {
		return fmt.Errorf("submit upload: %w", err)
	}
	s.log().Info("upload", "subject", id.Subject, "role", id.Role, "upload", sha, "outcome", "queued")
	return writeJSON(w, http.StatusAccepted, map[string]any{"outcome": "queued",
		"status": map[string]any{"sha256": sha, "file": file, "state": "queued", "country_code": opt.Country}})
}

func readAll(f multipart.File, hdr *multipart.FileHeader, limit int64) ([]byte, error) {
	if hdr.Size > limit {
		return nil, saq.Errorf(saq.KindTooLarge, "the file is over %d MiB", limit>>20)
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// cleanName keeps the base name of an uploaded file, for display only:
// stored keys never come from it.
func cleanName(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == ".." {
		return "upload.pdf"
	}
	return name
}

// link returns a short-lived download URL for an upload (?upload=SHA) or
// for the current version of a submission (?submission=ID), the form in
// which search hits name their source.
func (s *Server) link(w http.ResponseWriter, r *http.Request, id Identity) error {
	q := r.URL.Query()
	var st ingest.Status
	var err error
	switch {
	case q.Get("upload") != "":
		st, err = s.status(r, id, q.Get("upload"))
	case q.Get("submission") != "":
		st, err = s.Pipeline.Current(r.Context(), q.Get("submission"))
		if err == nil && !visible(id, st) {
			err = saq.Errorf(saq.KindNotFound, "no such submission")
		}
	default:
		err = saq.Errorf(saq.KindInvalid, "name an upload or a submission")
	}
	if err != nil {
		return err
	}
	if s.Files == nil {
		return writeJSON(w, http.StatusOK, map[string]string{"url": s.Link(st.SHA256), "file": st.File})
	}
	link, err := s.Files.Download(r.Context(), st.SHA256, st.File, s.linkTTL())
	if err != nil {
		return fmt.Errorf("download link: %w", err)
	}
	return writeJSON(w, http.StatusOK, map[string]string{"url": link, "file": st.File})
}

// file serves an original through a signed link; a bad or expired link is
// not_found, whatever the file.
func (s *Server) file(w http.ResponseWriter, r *http.Request, _ Identity) error {
	sha := r.PathValue("sha")
	if !s.verifyLink(sha, r.URL.Query().Get("exp"), r.URL.Query().Get("sig")) {
		return saq.Errorf(saq.KindNotFound, "this download link is invalid or has expired")
	}
	data, err := s.Pipeline.Original(r.Context(), sha)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "inline")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(data)
	return err
}
