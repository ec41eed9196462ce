package service

import "testing"

func TestPresetsMatchThePlatformsRules(t *testing.T) {
	fb, err := Lookup("Facebook")
	if err != nil {
		t.Fatal(err)
	}
	if fb.Accepts("rtmp") || !fb.Accepts("rtmps") {
		t.Error("Facebook must take RTMPS only")
	}
	tw, _ := Lookup("twitch")
	if tw.MaxKbps(1080) != 6000 || tw.URL == "" {
		t.Errorf("Twitch preset %+v: want a default ingest and a 6000 kb/s cap", tw)
	}
	yt, _ := Lookup("youtube")
	if yt.MaxKbps(720) != 4000 || yt.MaxKbps(1080) != 6000 {
		t.Errorf("YouTube caps %d/%d, want 4000 at 720p and 6000 at 1080p", yt.MaxKbps(720), yt.MaxKbps(1080))
	}
	if tk, _ := Lookup("tiktok"); tk.URL != "" {
		t.Error("TikTok hands out its URL per stream: the preset must not invent one")
	}
	if _, err := Lookup("myspace"); err == nil {
		t.Error("an unknown service was accepted")
	}
}
