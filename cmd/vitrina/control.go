package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/control"
	"github.com/vitrina-live/vitrina/studio/show"
)

// serveControl starts the remote-control API beside the show. Its token is
// kept in the data directory; the log names the file, never the token.
// chatL, nil without chat, carries out /api/moderate and lists /api/chat; cat, nil without
// a catalog, is what /api/rundown lists.
func serveControl(addr string, st *studio.Studio, chatL *chatLink, cat show.Catalog, log *slog.Logger) (stop func(), err error) {
	dir, err := dataDir()
	if err != nil {
		return nil, err
	}
	token, path, err := control.LoadOrCreateToken(dir)
	if err != nil {
		return nil, err
	}
	srv := &control.Server{Engine: st, Token: token, Moderate: chatL.moderator(), Chat: chatL.lister(), Logger: log}
	if r, ok := cat.(control.Rundown); ok {
		srv.Rundown = r
	}
	h, err := srv.Handler()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%w: --control %s: %v", studio.ErrBadInput, addr, err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("control API stopped", "err", err)
		}
	}()
	log.Info("control API", "url", "http://"+ln.Addr().String()+"/api/", "token_file", path)
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(ctx)
	}, nil
}
