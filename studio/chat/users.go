package chat

import (
	"container/list"
	"time"
)

// userState is what the stateful rules remember of one user in this show.
// It is small and fixed in size, so memory is MaxUsers times a constant.
type userState struct {
	key      userKey
	messages int       // messages seen in this show (held and blocked too)
	first    time.Time // when the first one came
	// sent is a ring of the times of the last RateConfig.Messages
	// messages, for slow mode.
	sent []int64
	head int
	// recent are the last few texts (as hashes), for per-user duplicates.
	recent [4]struct {
		hash uint64
		at   int64
	}
	next int
}

// userKey names a user across platforms; a struct, not a joined string,
// so looking a user up costs no allocation.
type userKey struct{ platform, user string }

// users keeps per-user state for at most max users, dropping the least
// recently seen. A flood from 50,000 throwaway accounts costs max entries,
// not 50,000; a user dropped and seen again simply starts afresh.
type users struct {
	max   int
	slots int // length of each user's sent ring
	m     map[userKey]*list.Element
	lru   *list.List
}

func newUsers(max, slots int) *users {
	return &users{max: max, slots: slots, m: make(map[userKey]*list.Element), lru: list.New()}
}

// get returns the state for key, creating it (and evicting the least
// recently seen user when full). An empty key is an anonymous author:
// they get a fresh state every time, so anonymous lines never share a
// rate limit.
func (u *users) get(key userKey) *userState {
	if key.user == "" {
		return &userState{sent: make([]int64, u.slots)}
	}
	if e, ok := u.m[key]; ok {
		u.lru.MoveToFront(e)
		return e.Value.(*userState)
	}
	var st *userState
	if u.lru.Len() >= u.max {
		// Reuse the evicted user's memory: under a flood of new
		// accounts this path runs for every message.
		e := u.lru.Back()
		st = e.Value.(*userState)
		delete(u.m, st.key)
		u.lru.Remove(e)
		sent := st.sent
		clear(sent)
		*st = userState{sent: sent}
	} else {
		st = &userState{sent: make([]int64, u.slots)}
	}
	st.key = key
	u.m[key] = u.lru.PushFront(st)
	return st
}

func (u *users) len() int { return u.lru.Len() }

// record notes a message by the user after the rules have seen it.
func (st *userState) record(now time.Time, hash uint64) {
	t := now.UnixNano()
	if st.messages == 0 {
		st.first = now
	}
	st.messages++
	if len(st.sent) > 0 {
		st.sent[st.head] = t
		st.head = (st.head + 1) % len(st.sent)
	}
	st.recent[st.next].hash, st.recent[st.next].at = hash, t
	st.next = (st.next + 1) % len(st.recent)
}
