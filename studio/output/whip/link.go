package whip

import (
	"strings"

	"github.com/pion/webrtc/v4"
)

// iceServersFromLinks reads the ICE servers a WHIP endpoint offers in its
// Link headers (RFC 9725 §4.6):
//
//	Link: <turn:turn.example.net?transport=udp>; rel="ice-server"; username="u"; credential="p"; credential-type="password"
//
// Links with another rel are ignored; several may share one header, comma
// separated.
func iceServersFromLinks(headers []string) []webrtc.ICEServer {
	var out []webrtc.ICEServer
	for _, h := range headers {
		for _, link := range splitLinks(h) {
			url, params, ok := parseLink(link)
			if !ok || !strings.EqualFold(params["rel"], "ice-server") {
				continue
			}
			s := webrtc.ICEServer{URLs: []string{url}}
			if u, ok := params["username"]; ok {
				s.Username = u
				s.Credential = params["credential"]
				s.CredentialType = webrtc.ICECredentialTypePassword
			}
			out = append(out, s)
		}
	}
	return out
}

// splitLinks splits one Link header at the commas between links, not at the
// commas inside a quoted value or inside <...>.
func splitLinks(h string) []string {
	var out []string
	start, quoted, inURL := 0, false, false
	for i, r := range h {
		switch {
		case r == '"' && !inURL:
			quoted = !quoted
		case r == '<' && !quoted:
			inURL = true
		case r == '>' && !quoted:
			inURL = false
		case r == ',' && !quoted && !inURL:
			out = append(out, h[start:i])
			start = i + 1
		}
	}
	return append(out, h[start:])
}

// parseLink reads `<url>; key=value; key="value"`.
func parseLink(link string) (string, map[string]string, bool) {
	link = strings.TrimSpace(link)
	if !strings.HasPrefix(link, "<") {
		return "", nil, false
	}
	end := strings.IndexByte(link, '>')
	if end < 0 {
		return "", nil, false
	}
	url := link[1:end]
	params := map[string]string{}
	for _, p := range strings.Split(link[end+1:], ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found {
			continue
		}
		params[strings.ToLower(strings.TrimSpace(k))] = strings.Trim(strings.TrimSpace(v), `"`)
	}
	return url, params, true
}
