package control

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// TokenFile is where the API's token lives in the data directory.
const TokenFile = "control-token"

// LoadOrCreateToken reads the token from dir, making a new random one
// (0600) the first time. The token is never logged: the log names the
// file.
func LoadOrCreateToken(dir string) (token, path string, err error) {
	path = filepath.Join(dir, TokenFile)
	b, err := os.ReadFile(path)
	if err == nil {
		if t := strings.TrimSpace(string(b)); len(t) >= 16 {
			return t, path, nil
		}
		return "", path, fmt.Errorf("control: %s holds no usable token (delete it to make a new one)", path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", path, fmt.Errorf("control: %w", err)
	}
	raw := make([]byte, 24)
	rand.Read(raw)
	token = hex.EncodeToString(raw)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", path, fmt.Errorf("control: %w", err)
	}
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", path, fmt.Errorf("control: %w", err)
	}
	return token, path, nil
}
