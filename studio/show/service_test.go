package show

import (
	"strings"
	"testing"
)

func TestServicePresetsFillAndCheckDestinations(t *testing.T) {
	base := "[video]\nbitrate_kbps = 4500\n[[source]]\nid = \"cam\"\nkind = \"testpattern\"\n"
	f, err := Parse([]byte(base+"[[destination]]\nid = \"yt\"\nservice = \"youtube\"\nkey_env = \"YT_KEY\"\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d := f.Destinations[0]
	if d.URL != "rtmp://a.rtmp.youtube.com/live2" || d.Kind != "rtmp" {
		t.Errorf("youtube preset gave url %q kind %q", d.URL, d.Kind)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "recommended 4000") {
		t.Errorf("4500 kb/s at 720p to YouTube should warn, got %v", f.Warnings)
	}
	cases := map[string]string{
		"[[destination]]\nid = \"fb\"\nservice = \"facebook\"\nurl = \"rtmp://live-api-s.facebook.com/rtmp\"\n": `facebook takes [rtmps], not rtmp://`,
		"[[destination]]\nid = \"tt\"\nservice = \"tiktok\"\n":                                                  `service "tiktok" has no fixed ingest`,
		"[[destination]]\nid = \"x\"\nservice = \"myspace\"\n":                                                  `unknown service "myspace"`,
	}
	for body, want := range cases {
		_, err := Parse([]byte(base+body), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error containing %q", err, want)
		}
	}
}
