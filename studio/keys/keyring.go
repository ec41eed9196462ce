package keys

import (
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// probeName is looked up to see whether the keyring answers. It is not a
// valid key name, so it can never shadow or reveal a user's key.
const probeName = ":vitrina-probe"

// probeTimeout bounds the probe: a Secret Service that is registered but
// wedged, or one waiting on an unlock prompt nobody can see on a headless
// machine, must not hang `vitrina run`. Past it the file is used.
var probeTimeout = 10 * time.Second

// probeKeyring returns nil when the OS keyring works, else why not. A
// lookup that answers "not found" proves the whole path (bus, service,
// unlocked collection) without storing anything.
func probeKeyring() error {
	if err := secretServiceReachable(); err != nil {
		return err
	}
	done := make(chan error, 1) // buffered: a late answer must not block the goroutine forever
	go func() {
		_, err := keyring.Get(service, probeName)
		done <- err
	}()
	t := time.NewTimer(probeTimeout)
	defer t.Stop()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, keyring.ErrNotFound) {
			return nil
		}
		return fmt.Errorf("%w: %v", ErrNoKeyring, err)
	case <-t.C:
		return fmt.Errorf("%w: the keyring did not answer in %v", ErrNoKeyring, probeTimeout)
	}
}

// keyringBackend stores each key as one keyring item: service "vitrina",
// user NAME.
type keyringBackend struct{}

func (keyringBackend) get(name string) (string, error) {
	v, err := keyring.Get(service, name)
	return v, notFound(err)
}

func (keyringBackend) set(name, secret string) error {
	return keyring.Set(service, name, secret)
}

func (keyringBackend) delete(name string) error {
	return notFound(keyring.Delete(service, name))
}

// notFound maps the library's sentinel onto ours, so callers test one.
func notFound(err error) error {
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrNotFound
	}
	return err
}
