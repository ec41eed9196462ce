package encoder

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

const crashEnv = "VITRINA_CRASH_RECORDING"

// TestHelperProcess is the studio that gets killed: re-executed by
// TestRecordingSurvivesKill, it records 3.93 s (just short of the 4 s keyframe), says "ready" and hangs,
// with the muxer still open and no trailer written.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("helper process for TestRecordingSurvivesKill")
	}
	r := newRecorder(t, path, 320, 180, 30, media.AAC)
	for range 118 {
		r.step()
	}
	fmt.Println("ready")
	time.Sleep(time.Minute) // killed long before
}

func TestRecordingSurvivesKill(t *testing.T) {
	needTool(t, "ffprobe")
	for _, file := range []string{"show.mkv", "show.mp4"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), file)
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnv+"="+path)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := make(chan bool, 1)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					if sc.Text() == "ready" {
						ready <- true
						return
					}
				}
				ready <- false
			}()
			select {
			case ok := <-ready:
				if !ok {
					_ = cmd.Wait()
					t.Fatal("helper process exited before recording")
				}
			case <-time.After(30 * time.Second):
				t.Fatal("helper process never became ready")
			}
			if err := cmd.Process.Kill(); err != nil { // SIGKILL: no trailer, no flush
				t.Fatal(err)
			}
			_ = cmd.Wait()

			// The user opens what is left: it must play, and hold at
			// least 3 of the 3.93 s recorded. (With FFmpeg's default
			// clusters and fragments, cut only at the 2 s keyframes, 2 s
			// would be left.)
			frames, err := exec.Command("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
				"-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path).Output()
			if err != nil {
				t.Fatalf("ffprobe of the killed recording: %v", err)
			}
			n, _ := strconv.Atoi(strings.TrimSpace(string(frames)))
			if n < 90 {
				t.Fatalf("decoded %d frames from the killed recording, want at least 90 (3 s)", n)
			}
			p := ffprobe(t, path, "-show_packets")
			if _, ok := p.stream("audio"); !ok {
				t.Fatal("no audio stream in the killed recording")
			}
			var lastAudio float64
			for _, pk := range p.Packets {
				if pk.CodecType == "audio" {
					lastAudio = max(lastAudio, parseSeconds(pk.PTSTime)+parseSeconds(pk.DurTime))
				}
			}
			if lastAudio < 3 {
				t.Fatalf("audio ends at %.2f s, want at least 3 s", lastAudio)
			}
			t.Logf("kept %d of 118 frames, audio to %.2f s", n, lastAudio)
		})
	}
}
