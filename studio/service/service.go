// Package service holds the destination presets: where each platform takes
// a stream and what it accepts, as data (libobs keeps its services the same
// way). A show file names a preset with `service = "youtube"` and may leave
// out the URL.
package service

import (
	"fmt"
	"slices"
	"strings"
)

// Preset is one platform's ingest.
type Preset struct {
	Name string
	// URL is the default ingest, without the key; empty when the platform
	// hands out a URL per stream (TikTok's LIVE tools), so the show file
	// must give it.
	URL string
	// Schemes the platform accepts; Facebook takes RTMPS only.
	Schemes []string
	// MaxKbps720p and MaxKbps1080p are the recommended video maximums at
	// 30 fps; above them a platform may reject or re-encode the stream.
	MaxKbps720p, MaxKbps1080p int
	Note                      string
}

// Presets, from the platforms' published ingest settings (all want CBR, a
// keyframe every 2 s, AAC audio).
var presets = []Preset{
	{Name: "youtube", URL: "rtmp://a.rtmp.youtube.com/live2", Schemes: []string{"rtmp", "rtmps"},
		MaxKbps720p: 4000, MaxKbps1080p: 6000, Note: "RTMPS ingest: rtmps://a.rtmps.youtube.com:443/live2"},
	{Name: "twitch", URL: "rtmp://live.twitch.tv/app", Schemes: []string{"rtmp", "rtmps"},
		MaxKbps720p: 6000, MaxKbps1080p: 6000, Note: "AAC at 128 kb/s"},
	{Name: "facebook", URL: "rtmps://live-api-s.facebook.com:443/rtmp", Schemes: []string{"rtmps"},
		MaxKbps720p: 4000, MaxKbps1080p: 6000, Note: "RTMPS only"},
	{Name: "tiktok", Schemes: []string{"rtmp", "rtmps"},
		MaxKbps720p: 6000, MaxKbps1080p: 6000, Note: "copy the server URL and key from TikTok LIVE tools"},
	{Name: "custom", Schemes: []string{"rtmp", "rtmps"}},
}

// Names lists the presets.
func Names() []string {
	out := make([]string, len(presets))
	for i, p := range presets {
		out[i] = p.Name
	}
	return out
}

// Lookup finds a preset by name, case-insensitively.
func Lookup(name string) (Preset, error) {
	for _, p := range presets {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	return Preset{}, fmt.Errorf("unknown service %q (want %s)", name, strings.Join(Names(), ", "))
}

// Accepts says whether the platform takes this URL scheme.
func (p Preset) Accepts(scheme string) bool { return slices.Contains(p.Schemes, scheme) }

// MaxKbps is the recommended maximum for a picture height (0: no limit).
func (p Preset) MaxKbps(height int) int {
	if height > 720 {
		return p.MaxKbps1080p
	}
	return p.MaxKbps720p
}
