package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/chat/irc"
	"github.com/vitrina-live/vitrina/studio/chat/platformchat"
	"github.com/vitrina-live/vitrina/studio/chat/youtube"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// youtubeAPI is the YouTube Data API the youtube chat talks to; tests
// point it at a server of their own.
var youtubeAPI = youtube.DefaultBase

// chatRunner is a connector that runs on its own, under an output.Handler.
// The relay chat has none: it rides on the platform link's host socket.
type chatRunner struct {
	name string
	out  media.Output
}

// hasPlatformChat tells whether the show reads the relay's chat.
func hasPlatformChat(f *show.File) bool {
	for _, c := range f.Chat {
		if c.Kind == show.ChatPlatform {
			return true
		}
	}
	return false
}

// connect builds each entry's connector and returns each platform's
// moderator. relay is the relay chat on the platform link's socket (nil
// without one); it starts with startRelayChat once the link is complete.
func (l *chatLink) connect(entries []show.Chat, passes []string, relay *platformchat.Client) map[string]chat.Moderator {
	moderators := map[string]chat.Moderator{}
	ircs := map[string]*fanout{}
	for i, c := range entries {
		var platform string
		switch c.Kind {
		case show.ChatPlatform:
			platform = chat.PlatformRelay
			moderators[platform] = relay
		case show.ChatYouTube:
			platform = chat.PlatformYouTube
			cl := &youtube.Client{Base: youtubeAPI, LiveChatID: c.LiveChatID, Token: passes[i], Logger: l.log}
			cl.OnEvent = func(e youtube.Event) { l.youtubeEvent(e) }
			moderators[platform] = &youtube.Moderator{C: cl}
			l.runners = append(l.runners, chatRunner{name: c.Name(), out: &youtubeRunner{c: cl, video: c.VideoID}})
		default:
			cl := &irc.Client{Addr: c.Server, TLS: c.TLS, Nick: c.Nick, Pass: passes[i], Channel: c.Channel, Logger: l.log}
			platform = cl.Platform()
			cl.OnEvent = func(e irc.Event) { l.incoming(platform, e) }
			if ircs[platform] == nil {
				ircs[platform] = &fanout{}
				moderators[platform] = ircs[platform]
			}
			ircs[platform].mods = append(ircs[platform].mods, irc.Moderator{C: cl})
			l.runners = append(l.runners, chatRunner{name: c.Name(), out: cl})
		}
		if i == 0 {
			l.first = platform
		}
	}
	return moderators
}

// startRelayChat hands the relay's chat to the pipeline (what came before
// first), until stop: after it the relay's events, which go on until the
// platform link stops, are no longer the chat's.
func (l *chatLink) startRelayChat(relay *platformchat.Client) (stop func()) {
	var stopped atomic.Bool
	relay.Start(func(m chat.Message) {
		if !stopped.Load() {
			l.take(m)
		}
	}, func(e platformchat.Event) {
		if stopped.Load() {
			return
		}
		platformchat.Enforce(l.pipe, e)
		if e.Kind == platformchat.Deleted || e.Kind == platformchat.Banned || e.Kind == platformchat.TimedOut {
			l.log.Info("chat: the relay applied", "action", e.Kind, "message", e.MessageID, "viewer", e.Viewer, "seq", e.Seq)
		}
	})
	return func() { stopped.Store(true) }
}

// youtubeEvent is one item of the YouTube chat.
func (l *chatLink) youtubeEvent(e youtube.Event) {
	switch e.Kind {
	case youtube.Chat:
		l.take(e.Message())
	case youtube.Ban:
		youtube.Enforce(l.pipe, e)
	}
}

// youtubeRunner runs a YouTube chat; a show that names the broadcast's
// video first looks its live chat up (videos.list, liveStreamingDetails).
type youtubeRunner struct {
	c     *youtube.Client
	video string
}

func (r *youtubeRunner) Run(ctx context.Context, live func()) error {
	if r.c.LiveChatID == "" {
		id, err := liveChatOf(ctx, r.c.Base, r.c.Token, r.video)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		r.c.LiveChatID = id
	}
	return r.c.Run(ctx, live)
}

// liveChatOf finds a broadcast's live chat id. A video without one (not
// live, or over) is permanent; the token is never in the error.
func liveChatOf(ctx context.Context, base, token, video string) (string, error) {
	u := strings.TrimRight(base, "/") + "/videos?part=liveStreamingDetails&id=" + url.QueryEscape(video)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", fmt.Errorf("%w: %v", youtube.ErrAPI, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 15 * time.Second}).Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("%w: video %s: %v", youtube.ErrAPI, video, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		return "", output.Permanent(fmt.Errorf("%w: video %s: %d", youtube.ErrAuth, video, resp.StatusCode))
	case resp.StatusCode/100 != 2:
		return "", fmt.Errorf("%w: video %s: %d", youtube.ErrAPI, video, resp.StatusCode)
	}
	var out struct {
		Items []struct {
			LiveStreamingDetails struct {
				ActiveLiveChatID string `json:"activeLiveChatId"`
			} `json:"liveStreamingDetails"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return "", fmt.Errorf("%w: video %s: unreadable reply: %v", youtube.ErrAPI, video, err)
	}
	if len(out.Items) == 0 || out.Items[0].LiveStreamingDetails.ActiveLiveChatID == "" {
		return "", output.Permanent(fmt.Errorf("%w: video %s has no live chat (not live, or over)", youtube.ErrChatGone, video))
	}
	return out.Items[0].LiveStreamingDetails.ActiveLiveChatID, nil
}
