package serverless

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func TestListClaim(t *testing.T) {
	tests := []struct {
		in   string
		want []any
	}{
		{`["reviewer","state:MEX"]`, []any{"reviewer", "state:MEX"}},
		{`[reviewer state:MEX state:PER]`, []any{"reviewer", "state:MEX", "state:PER"}},
		{`MEX,PER`, []any{"MEX", "PER"}},
		{`secretariat`, []any{"secretariat"}},
		{``, nil},
	}
	for _, tc := range tests {
		if got := listClaim(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("listClaim(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
}

func TestAuthenticateFromClaims(t *testing.T) {
	tests := []struct {
		name      string
		claims    map[string]string
		role      string
		countries []string
		wantErr   bool
	}{
		{"cognito reviewer", map[string]string{"sub": "u1", "cognito:groups": "[reviewer state:MEX state:PER]"}, "reviewer", []string{"MEX", "PER"}, false},
		{"cognito secretariat", map[string]string{"sub": "u2", "cognito:groups": "[secretariat]"}, "secretariat", nil, false},
		{"issuer claims", map[string]string{"sub": "u3", "role": "focal_point", "countries": `["POL"]`}, "focal_point", []string{"POL"}, false},
		{"no claims", nil, "", nil, true},
		{"no subject", map[string]string{"cognito:groups": "[secretariat]"}, "", nil, true},
		{"unknown role", map[string]string{"sub": "u4", "cognito:groups": "[admin]"}, "", nil, true},
		{"focal point of two States", map[string]string{"sub": "u5", "cognito:groups": "[focal_point state:MEX state:PER]"}, "", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/me", nil)
			r = r.WithContext(context.WithValue(r.Context(), claimsKey{}, tc.claims))
			id, err := authenticate(r)
			if (err != nil) != tc.wantErr {
				t.Fatalf("authenticate = %+v, %v; want error %v", id, err, tc.wantErr)
			}
			if err == nil && (id.Role != tc.role || len(id.Countries)+len(tc.countries) > 0 && !reflect.DeepEqual(id.Countries, tc.countries)) {
				t.Errorf("identity %+v, want %s %v", id, tc.role, tc.countries)
			}
		})
	}
}

func TestEventConversion(t *testing.T) {
	var got *http.Request
	var body []byte
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", r.URL.Query().Get("ct"))
		w.Header().Add("Set-Cookie", "a=1")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte(r.URL.Query().Get("out")))
	})
	req := events.APIGatewayV2HTTPRequest{
		RawPath:         "/api/search",
		RawQueryString:  "ct=application%2Fjson&out=%7B%7D&q=caf%C3%A9",
		Headers:         map[string]string{"host": "api.example", "content-type": "application/octet-stream"},
		Cookies:         []string{"x=1", "y=2"},
		Body:            base64.StdEncoding.EncodeToString([]byte{0, 1, 2}),
		IsBase64Encoded: true,
	}
	req.RequestContext.HTTP.Method = "POST"
	req.RequestContext.HTTP.SourceIP = "192.0.2.1"
	r, err := httpRequest(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	resp := httpResponse(w)
	if got.Method != "POST" || got.URL.Path != "/api/search" || got.URL.Query().Get("q") != "café" || got.Host != "api.example" ||
		got.Header.Get("Cookie") != "x=1; y=2" || string(body) != "\x00\x01\x02" || got.RemoteAddr != "192.0.2.1" {
		t.Errorf("request: %s %s host %q cookie %q body %q", got.Method, got.URL, got.Host, got.Header.Get("Cookie"), body)
	}
	if resp.StatusCode != 418 || resp.Body != "{}" || resp.IsBase64Encoded || resp.Headers["Content-Type"] != "application/json" || !reflect.DeepEqual(resp.Cookies, []string{"a=1"}) {
		t.Errorf("response: %+v", resp)
	}
	// A PDF travels base64-encoded.
	req.RawQueryString = "ct=application%2Fpdf&out=%25PDF"
	r, _ = httpRequest(context.Background(), req)
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if resp := httpResponse(w); !resp.IsBase64Encoded || resp.Body != base64.StdEncoding.EncodeToString([]byte("%PDF")) {
		t.Errorf("binary response: %+v", resp)
	}
	req.Body, req.IsBase64Encoded = "not base64!", true
	if _, err := httpRequest(context.Background(), req); err == nil {
		t.Error("a bad base64 body was accepted")
	}
}
