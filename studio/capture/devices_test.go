package capture

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/pion/mediadevices/pkg/driver"
	"github.com/pion/mediadevices/pkg/frame"
	"github.com/pion/mediadevices/pkg/prop"

	"github.com/vitrina-live/vitrina/studio/media"
)

// TestListDevicesOnThisMachine runs the real drivers. CI machines have no
// camera and at most miniaudio's null capture device, so the list may be
// empty; it must come back without an error and without the null device.
func TestListDevicesOnThisMachine(t *testing.T) {
	devs, err := ListDevices()
	if err != nil {
		t.Fatalf("ListDevices: %v", err)
	}
	seen := map[Device]bool{}
	for _, d := range devs {
		t.Logf("%s %q %q", d.Kind, d.ID, d.Label)
		if d.Kind != DeviceCamera && d.Kind != DeviceMic {
			t.Errorf("device %+v has kind %q", d, d.Kind)
		}
		if d.ID == "" || d.Label == "" {
			t.Errorf("device %+v lacks an ID or a label", d)
		}
		if d.ID == nullMicLabel {
			t.Errorf("the null audio backend is listed as a microphone")
		}
		if seen[d] {
			t.Errorf("device %+v listed twice", d)
		}
		seen[d] = true
	}
	if vids, _ := filepath.Glob("/dev/video*"); len(vids) == 0 {
		for _, d := range devs {
			if d.Kind == DeviceCamera {
				t.Errorf("camera %+v listed on a machine without /dev/video*", d)
			}
		}
	}
	again, err := ListDevices()
	if err != nil || len(again) != len(devs) {
		t.Errorf("second listing: %d devices, %v; first had %d", len(again), err, len(devs))
	}
}

func TestFindDriverNamesWhatIsMissing(t *testing.T) {
	_, err := findDriver(DeviceCamera, "Logitech BRIO")
	if !errors.Is(err, ErrNoDevice) {
		t.Skipf("this machine has a camera called that? %v", err)
	}
	if got := err.Error(); got != `no camera matches "Logitech BRIO": no such capture device` {
		t.Errorf("error %q", got)
	}
}

func TestHumanName(t *testing.T) {
	for _, tc := range []struct {
		info driver.Info
		want string
	}{
		{driver.Info{Label: "usb-046d_BRIO-video-index0;video0", Name: "Logitech BRIO;usb-0000:00:14.0-1"}, "Logitech BRIO"},
		{driver.Info{Label: "video0;video0", Name: ";"}, "video0;video0"},
		{driver.Info{Label: "616c7361", Name: "Built-in Audio Analog Stereo"}, "Built-in Audio Analog Stereo"},
	} {
		if got := humanName(tc.info); got != tc.want {
			t.Errorf("humanName(%+v) = %q, want %q", tc.info, got, tc.want)
		}
	}
}

func TestPickVideoMode(t *testing.T) {
	mode := func(w, h int, fps float32, f frame.Format) prop.Media {
		return prop.Media{Video: prop.Video{Width: w, Height: h, FrameRate: fps, FrameFormat: f}}
	}
	hd := media.Size{W: 1280, H: 720}
	for _, tc := range []struct {
		name  string
		modes []prop.Media
		want  prop.Media
	}{
		{"exact size wins", []prop.Media{mode(1920, 1080, 30, frame.FormatMJPEG), mode(1280, 720, 30, frame.FormatMJPEG), mode(640, 480, 30, frame.FormatYUYV)},
			mode(1280, 720, 30, frame.FormatMJPEG)},
		{"30 fps MJPEG over 10 fps YUYV (USB 2 cameras)", []prop.Media{mode(1280, 720, 10, frame.FormatYUYV), mode(1280, 720, 30, frame.FormatMJPEG)},
			mode(1280, 720, 30, frame.FormatMJPEG)},
		{"raw over MJPEG when equal", []prop.Media{mode(1280, 720, 30, frame.FormatMJPEG), mode(1280, 720, 30, frame.FormatYUYV)},
			mode(1280, 720, 30, frame.FormatYUYV)},
		{"smallest larger size to scale down from", []prop.Media{mode(3840, 2160, 30, frame.FormatMJPEG), mode(1920, 1080, 30, frame.FormatMJPEG), mode(640, 480, 30, frame.FormatYUYV)},
			mode(1920, 1080, 30, frame.FormatMJPEG)},
		{"else the largest smaller", []prop.Media{mode(320, 240, 30, frame.FormatYUYV), mode(640, 480, 30, frame.FormatYUYV)},
			mode(640, 480, 30, frame.FormatYUYV)},
		{"depth formats are not pictures", []prop.Media{mode(1280, 720, 30, frame.FormatZ16), mode(640, 480, 30, frame.FormatNV12)},
			mode(640, 480, 30, frame.FormatNV12)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := pickVideoMode(tc.modes, hd, 30)
			if !ok || got.Video != tc.want.Video {
				t.Fatalf("picked %+v (%v), want %+v", got.Video, ok, tc.want.Video)
			}
		})
	}
	if _, ok := pickVideoMode([]prop.Media{mode(640, 480, 30, frame.FormatZ16)}, hd, 30); ok {
		t.Error("picked a mode from a depth-only camera")
	}
}
