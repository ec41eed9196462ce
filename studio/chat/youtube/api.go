// Package youtube is the chat connector for YouTube Live Chat: it polls
// liveChatMessages with an OAuth token at the pace the API asks for
// (pollingIntervalMillis) and sends moderators' actions (delete, ban,
// timeout, reply) through the same API. Reconnects are the output
// handler's.
package youtube

import "time"

// The API's response shapes (developers.google.com/youtube/v3/live/docs/liveChatMessages).
type listResponse struct {
	NextPageToken         string    `json:"nextPageToken"`
	PollingIntervalMillis int       `json:"pollingIntervalMillis"`
	OfflineAt             string    `json:"offlineAt"`
	Items                 []apiItem `json:"items"`
}

type apiItem struct {
	ID      string `json:"id"`
	Snippet struct {
		Type               string    `json:"type"`
		AuthorChannelID    string    `json:"authorChannelId"`
		PublishedAt        time.Time `json:"publishedAt"`
		DisplayMessage     string    `json:"displayMessage"`
		TextMessageDetails struct {
			MessageText string `json:"messageText"`
		} `json:"textMessageDetails"`
		MessageDeletedDetails struct {
			DeletedMessageID string `json:"deletedMessageId"`
		} `json:"messageDeletedDetails"`
		UserBannedDetails struct {
			BannedUserDetails struct {
				ChannelID   string `json:"channelId"`
				DisplayName string `json:"displayName"`
			} `json:"bannedUserDetails"`
			BanType            string `json:"banType"`
			BanDurationSeconds int    `json:"banDurationSeconds"`
		} `json:"userBannedDetails"`
	} `json:"snippet"`
	AuthorDetails struct {
		ChannelID       string `json:"channelId"`
		DisplayName     string `json:"displayName"`
		IsVerified      bool   `json:"isVerified"`
		IsChatOwner     bool   `json:"isChatOwner"`
		IsChatSponsor   bool   `json:"isChatSponsor"`
		IsChatModerator bool   `json:"isChatModerator"`
	} `json:"authorDetails"`
}

type apiError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Errors  []struct {
			Reason string `json:"reason"`
		} `json:"errors"`
	} `json:"error"`
}

// EventKind says what a chat item was.
type EventKind string

const (
	Chat   EventKind = "chat"   // a text message (Super Chats carry their text too)
	Delete EventKind = "delete" // a message was removed
	Ban    EventKind = "ban"    // a user was banned or timed out
)

// Event is one chat item, in the connector's terms.
type Event struct {
	Kind      EventKind
	ID        string
	ChannelID string // the author's (or the banned user's) channel
	Display   string
	Text      string
	Time      time.Time
	Owner     bool
	Moderator bool
	Sponsor   bool // a channel member
	Verified  bool
	TargetID  string        // Delete: the message removed
	Duration  time.Duration // Ban: 0 for a permanent ban
}

func (it apiItem) event() (Event, bool) {
	sn, au := it.Snippet, it.AuthorDetails
	e := Event{ID: it.ID, ChannelID: au.ChannelID, Display: au.DisplayName, Time: sn.PublishedAt,
		Owner: au.IsChatOwner, Moderator: au.IsChatModerator, Sponsor: au.IsChatSponsor, Verified: au.IsVerified}
	switch sn.Type {
	case "textMessageEvent", "superChatEvent", "superStickerEvent", "memberMilestoneChatEvent":
		e.Kind, e.Text = Chat, sn.TextMessageDetails.MessageText
		if e.Text == "" {
			e.Text = sn.DisplayMessage
		}
	case "messageDeletedEvent":
		e.Kind, e.TargetID = Delete, sn.MessageDeletedDetails.DeletedMessageID
	case "userBannedEvent":
		b := sn.UserBannedDetails
		e.Kind, e.ChannelID, e.Display = Ban, b.BannedUserDetails.ChannelID, b.BannedUserDetails.DisplayName
		if b.BanType == "temporary" {
			e.Duration = time.Duration(b.BanDurationSeconds) * time.Second
		}
	default:
		return e, false // polls, gifts, fan-funding: not chat
	}
	return e, true
}
