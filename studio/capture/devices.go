package capture

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pion/mediadevices/pkg/driver"
	"github.com/pion/mediadevices/pkg/driver/camera"
	_ "github.com/pion/mediadevices/pkg/driver/microphone" // registers microphones (miniaudio) on import
)

// Device is one camera or microphone as `vitrina devices` prints it and a
// show file names it.
type Device struct {
	Kind  string // "camera" or "mic"
	ID    string // stable across runs: the v4l path name, or the audio backend's device id
	Label string // what a person reads: the device's product name
}

// Device kinds.
const (
	DeviceCamera = "camera"
	DeviceMic    = "mic"
)

// nullMicLabel is miniaudio's null backend, "6e756c6c" being hex for
// "null". It appears when there is no real audio system and records
// silence; listing it as a microphone would only mislead.
const nullMicLabel = "6e756c6c"

// discovery serialises re-scans of the driver registry: the camera driver's
// rescan deletes every camera and registers them again, and two sources
// doing that at once could each see the registry half empty.
var discovery sync.Mutex

// ListDevices returns the cameras and microphones the system has now, in a
// stable order. A machine with none gets an empty list and no error.
func ListDevices() ([]Device, error) {
	discovery.Lock()
	defer discovery.Unlock()
	camera.Initialize() // pick up cameras plugged in since the process started
	var out []Device
	for _, d := range queryDrivers(DeviceCamera) {
		out = append(out, toDevice(DeviceCamera, d))
	}
	for _, d := range queryDrivers(DeviceMic) {
		out = append(out, toDevice(DeviceMic, d))
	}
	return out, nil
}

// queryDrivers returns the registered drivers of one kind, most preferred
// first (the system default, then by label), without the null microphone.
// The caller holds discovery.
func queryDrivers(kind string) []driver.Driver {
	filter := driver.FilterVideoRecorder()
	if kind == DeviceMic {
		filter = driver.FilterAudioRecorder()
	}
	ds := driver.GetManager().Query(filter)
	ds = slices.DeleteFunc(ds, func(d driver.Driver) bool { return d.Info().Label == nullMicLabel })
	slices.SortFunc(ds, func(a, b driver.Driver) int {
		if c := cmp.Compare(b.Info().Priority, a.Info().Priority); c != 0 {
			return c
		}
		return cmp.Compare(a.Info().Label, b.Info().Label)
	})
	return ds
}

func toDevice(kind string, d driver.Driver) Device {
	return Device{Kind: kind, ID: d.Info().Label, Label: humanName(d.Info())}
}

// humanName picks the readable part of a driver's description: the camera
// driver packs "name;bus", the microphone driver gives a plain name, and
// either may be empty.
func humanName(info driver.Info) string {
	name, _, _ := strings.Cut(info.Name, camera.LabelSeparator)
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	return info.Label
}

// findDriver returns the driver of the given kind that want names: "" for
// the preferred one, else the ID or label ListDevices prints, the driver's
// own id, or any ";"-separated part of the label (so "video0" finds
// "usb-…-video-index0;video0"). On a miss it rescans cameras once, since
// an unplugged camera comes back as a new registry entry.
func findDriver(kind, want string) (driver.Driver, error) {
	discovery.Lock()
	defer discovery.Unlock()
	for attempt := range 2 {
		if attempt == 1 {
			if kind != DeviceCamera {
				break
			}
			// The microphone driver cannot rescan safely (each rescan leaks
			// an audio-system context), so only cameras are re-discovered.
			camera.Initialize()
		}
		for _, d := range queryDrivers(kind) {
			if matchesDevice(d, want) {
				return d, nil
			}
		}
	}
	if want == "" {
		return nil, fmt.Errorf("no %s found: %w", kind, ErrNoDevice)
	}
	return nil, fmt.Errorf("no %s matches %q: %w", kind, want, ErrNoDevice)
}

func matchesDevice(d driver.Driver, want string) bool {
	info := d.Info()
	if want == "" || want == d.ID() || want == info.Label || want == humanName(info) {
		return true
	}
	return slices.Contains(strings.Split(info.Label, camera.LabelSeparator), want)
}
