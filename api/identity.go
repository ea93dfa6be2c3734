package api

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/saq-review/saq"
)

// Roles of the people who use saq (../shared/domain.md §5).
const (
	RoleSecretariat = "secretariat" // every State; comparisons, drafts, uploads for any State
	RoleReviewer    = "reviewer"    // the States they review: search, comparisons, drafts
	RoleFocalPoint  = "focal_point" // their own State: uploads, status, search
	RoleObserver    = "observer"    // read-only search of the States named
)

// Identity is who calls, as verified claims say: never what a request
// asks for. Every scope is derived from it.
type Identity struct {
	Subject   string   `json:"subject"`
	Role      string   `json:"role"`
	Countries []string `json:"countries"` // ISO3; empty for the secretariat
}

// Scope is the set of States the identity may see.
func (id Identity) Scope() saq.Scope {
	if id.Role == RoleSecretariat {
		return saq.AllStates
	}
	return saq.StatesScope(id.Countries...)
}

// may reports whether the identity's role allows an action.
func (id Identity) may(action string) bool {
	allowed := map[string][]string{
		"search":   {RoleSecretariat, RoleReviewer, RoleFocalPoint, RoleObserver},
		"read":     {RoleSecretariat, RoleReviewer, RoleFocalPoint, RoleObserver},
		"compare":  {RoleSecretariat, RoleReviewer},
		"draft":    {RoleSecretariat, RoleReviewer},
		"upload":   {RoleSecretariat, RoleFocalPoint},
		"download": {RoleSecretariat, RoleReviewer, RoleFocalPoint, RoleObserver},
	}
	return slices.Contains(allowed[action], id.Role)
}

// NewIdentity checks a role and its States: the secretariat has none, a
// focal point exactly one, reviewers and observers at least one.
func NewIdentity(subject, role string, countries []string) (Identity, error) {
	id := Identity{Subject: subject, Role: role, Countries: []string{}}
	for _, c := range countries {
		ct, ok := saq.LookupCountry(c)
		if !ok {
			return Identity{}, saq.Errorf(saq.KindInvalid, "unknown State %q", c)
		}
		if !slices.Contains(id.Countries, ct.Code) {
			id.Countries = append(id.Countries, ct.Code)
		}
	}
	slices.Sort(id.Countries)
	switch role {
	case RoleSecretariat:
		if len(id.Countries) > 0 {
			return Identity{}, saq.Errorf(saq.KindInvalid, "the secretariat sees every State: name none")
		}
	case RoleFocalPoint:
		if len(id.Countries) != 1 {
			return Identity{}, saq.Errorf(saq.KindInvalid, "a focal point acts for exactly one State")
		}
	case RoleReviewer, RoleObserver:
		if len(id.Countries) == 0 {
			return Identity{}, saq.Errorf(saq.KindInvalid, "a %s needs the States they are assigned to", role)
		}
	default:
		return Identity{}, saq.Errorf(saq.KindInvalid, "unknown role %q: use secretariat, reviewer, focal_point or observer", role)
	}
	return id, nil
}

// IdentityFromClaims reads verified token claims: "sub", "role" and
// "countries" as this package issues them, or Cognito's "cognito:groups"
// with one role group and "state:ISO3" groups, as the API Gateway JWT
// authorizer passes them on.
func IdentityFromClaims(claims map[string]any) (Identity, error) {
	sub, _ := claims["sub"].(string)
	role, _ := claims["role"].(string)
	var countries []string
	if cs, ok := claims["countries"].([]any); ok {
		for _, c := range cs {
			if s, ok := c.(string); ok {
				countries = append(countries, s)
			}
		}
	}
	if gs, ok := claims["cognito:groups"].([]any); ok && role == "" {
		for _, g := range gs {
			s, _ := g.(string)
			if code, ok := strings.CutPrefix(s, "state:"); ok {
				countries = append(countries, code)
			} else if role == "" {
				role = s
			}
		}
	}
	if sub == "" {
		return Identity{}, errors.New("token has no subject")
	}
	return NewIdentity(sub, role, countries)
}

// Keys signs and verifies the local tokens (Ed25519, kept in the data
// directory) and the short-lived download links (HMAC with a key derived
// from the same secret).
type Keys struct {
	private ed25519.PrivateKey
	public  ed25519.PublicKey
}

// tokenIssuer and tokenAudience mark the local tokens.
const (
	tokenIssuer   = "saq-local"
	tokenAudience = "saq"
)

// LoadKeys reads the key at path, creating it (mode 0600) the first time.
func LoadKeys(path string) (*Keys, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(priv)
		if err != nil {
			return nil, err
		}
		b = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("token key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("token key %s: not PEM", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("token key %s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("token key %s: not Ed25519", path)
	}
	return &Keys{private: priv, public: priv.Public().(ed25519.PublicKey)}, nil
}

// Issue signs a token for an identity, valid for ttl.
func (k *Keys) Issue(id Identity, ttl time.Duration, now time.Time) (string, error) {
	claims := jwt.MapClaims{
		"iss": tokenIssuer, "aud": tokenAudience, "sub": id.Subject,
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(ttl).Unix(),
		"role": id.Role, "countries": id.Countries,
	}
	return jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims).SignedString(k.private)
}

// Verify checks a token's signature, algorithm, issuer, audience and
// times, and returns its identity.
func (k *Keys) Verify(token string, now time.Time) (Identity, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return k.public, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(tokenIssuer), jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(),
		jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return Identity{}, err
	}
	return IdentityFromClaims(claims)
}
