package media

import (
	"strings"
	"testing"
)

func TestRedactURLHidesKeysAndTokens(t *testing.T) {
	cases := []struct{ in, want, secret string }{
		{"rtmp://a.rtmp.youtube.com/live2/abcd-efgh-1234", "rtmp://a.rtmp.youtube.com/live2/***", "abcd"},
		{"rtmps://live-api-s.facebook.com:443/rtmp/FB-123?s_bl=1&a=XYZ", "rtmps://live-api-s.facebook.com:443/rtmp/***", "FB-123"},
		{"https://user:pass@relay.example/whip?token=sekret", "https://relay.example/whip/***", "sekret"},
		{"http://127.0.0.1:8889/show/whip", "http://127.0.0.1:8889/show/***", "whip"},
		{"rtmp://127.0.0.1:1935/live", "rtmp://127.0.0.1:1935/live", ""},
		{"not a url with key", "***", "key"},
	}
	for _, c := range cases {
		got := RedactURL(c.in)
		if got != c.want {
			t.Errorf("RedactURL(%q) = %q, want %q", c.in, got, c.want)
		}
		if c.secret != "" && strings.Contains(got, c.secret) {
			t.Errorf("RedactURL(%q) leaks %q", c.in, c.secret)
		}
	}
}
