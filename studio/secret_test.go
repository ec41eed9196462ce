package studio

import (
	"errors"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/keys"
)

// Destinations, the platform and the chats find their secrets one way: a
// stored key by name, else an environment variable. A destination may have
// none; the platform must. Every error names the section and the field and
// says what to do, and never holds a secret.
func TestSecretFromTheKeyStoreOrTheEnvironment(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus") // the keys file, not a desktop keyring
	ks, err := keys.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const stored, fromEnv = "stored-secret-4c2f", "env-secret-81d0"
	if err := ks.Set("shop-yt", stored); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TEST_SECRET_SET", fromEnv)
	t.Setenv("TEST_SECRET_UNSET", "")
	yt := `destination "yt"`
	for _, c := range []struct {
		name string
		keys KeyStore
		ref  SecretRef
		want string // the secret, or the error's text ("…": the key store's words, which name its file)
		err  bool
	}{
		{"stored key", ks, SecretRef{What: yt, KeyName: "shop-yt", EnvField: "key_env", Env: "TEST_SECRET_SET"}, stored, false},
		{"key never stored", ks, SecretRef{What: yt, KeyName: "nope"},
			`bad input: destination "yt": key_name "nope": …no such key (store it with ` + "`vitrina keys set nope`)", true},
		{"no key store", nil, SecretRef{What: "platform", KeyName: "shop-yt", Required: true},
			`bad input: platform: key_name "shop-yt": no key store is open`, true},
		{"environment", ks, SecretRef{What: yt, EnvField: "key_env", Env: "TEST_SECRET_SET"}, fromEnv, false},
		{"variable not set", ks, SecretRef{What: yt, EnvField: "key_env", Env: "TEST_SECRET_UNSET"},
			`bad input: destination "yt": key_env TEST_SECRET_UNSET is not set`, true},
		{"required, not set", ks, SecretRef{What: "platform", EnvField: "token_env", Env: "TEST_SECRET_UNSET", Required: true},
			`bad input: platform: token_env TEST_SECRET_UNSET is not set`, true},
		{"optional, none named", ks, SecretRef{What: yt, EnvField: "key_env"}, "", false},
		{"required, none named", ks, SecretRef{What: "platform", EnvField: "token_env", Required: true},
			`bad input: platform: token_env  is not set`, true},
	} {
		got, err := Secret(c.keys, c.ref)
		head, tail, cut := strings.Cut(c.want, "…")
		worded := err != nil && (err.Error() == c.want || cut && strings.HasPrefix(err.Error(), head) && strings.HasSuffix(err.Error(), tail))
		switch {
		case c.err && (!worded || !errors.Is(err, ErrBadInput) || got != ""):
			t.Errorf("%s: %q, %v; want the error %q", c.name, got, err, c.want)
		case !c.err && (err != nil || got != c.want):
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), stored) || strings.Contains(err.Error(), fromEnv)) {
			t.Errorf("%s: the error holds a secret: %v", c.name, err)
		}
	}
}
