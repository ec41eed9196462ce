package studio

import (
	"fmt"
	"os"
)

// SecretRef is where a show file says a stream key or token is: a name in
// the key store, or else an environment variable. The value itself is
// never in the file, nor in any error about it.
type SecretRef struct {
	What     string // the show file's section, as errors name it: `destination "yt"`, "platform"
	KeyName  string // key_name: the key store's name for it
	EnvField string // the field that names the variable: "key_env", "token_env"
	Env      string // the variable's name
	// Required makes a section that names neither a key nor a variable an
	// error (the variable is not set), not a section without a secret.
	Required bool
}

// Secret finds ref's secret: in keys when it names a key, else in the
// environment variable it names, which must then be set. With neither, it
// is "" when not Required: a destination without a key. Errors wrap
// ErrBadInput and name the section and field, never the secret.
func Secret(keys KeyStore, ref SecretRef) (string, error) {
	if ref.KeyName != "" {
		if keys == nil {
			return "", fmt.Errorf("%w: %s: key_name %q: no key store is open", ErrBadInput, ref.What, ref.KeyName)
		}
		v, err := keys.Get(ref.KeyName)
		if err != nil {
			return "", fmt.Errorf("%w: %s: key_name %q: %v (store it with `vitrina keys set %s`)", ErrBadInput, ref.What, ref.KeyName, err, ref.KeyName)
		}
		return v, nil
	}
	if ref.Env == "" && !ref.Required {
		return "", nil
	}
	v := os.Getenv(ref.Env)
	if v == "" {
		return "", fmt.Errorf("%w: %s: %s %s is not set", ErrBadInput, ref.What, ref.EnvField, ref.Env)
	}
	return v, nil
}
