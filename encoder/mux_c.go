package encoder

// The muxer talks to libavformat directly: go-astiav v0.16.0 opens output
// with avio_open, which takes neither protocol options (rw_timeout for RTMP)
// nor an interrupt callback, so a stalled RTMP server could block a write
// forever. Here avio_open2 gets both, and Abort can unblock any call.

/*
#cgo pkg-config: libavformat libavcodec libavutil
#include <string.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>

typedef struct {
	AVFormatContext *fc;
	AVPacket *pkt;
	AVDictionary *opts; // options for avio_open2, then the muxer
	int abort;          // read by the interrupt callback, set by vt_mux_abort
} vt_mux;

static int vt_interrupt(void *opaque) {
	return __atomic_load_n(&((vt_mux *)opaque)->abort, __ATOMIC_RELAXED);
}

static void vt_mux_abort(vt_mux *m) { __atomic_store_n(&m->abort, 1, __ATOMIC_RELAXED); }

static int vt_mux_alloc(vt_mux **out, const char *format, const char *url) {
	vt_mux *m = av_mallocz(sizeof *m);
	if (!m) return AVERROR(ENOMEM);
	int ret = avformat_alloc_output_context2(&m->fc, NULL, format, url);
	if (ret < 0) { av_free(m); return ret; }
	m->fc->interrupt_callback.callback = vt_interrupt;
	m->fc->interrupt_callback.opaque = m;
	m->pkt = av_packet_alloc();
	*out = m;
	return 0;
}

static int vt_mux_set_opt(vt_mux *m, const char *k, const char *v) { return av_dict_set(&m->opts, k, v, 0); }

static AVDictionaryEntry *vt_mux_next_opt(vt_mux *m, AVDictionaryEntry *prev) {
	return av_dict_get(m->opts, "", prev, AV_DICT_IGNORE_SUFFIX);
}

static int vt_mux_open_io(vt_mux *m, const char *url) {
	if (m->fc->oformat->flags & AVFMT_NOFILE) return 0;
	return avio_open2(&m->fc->pb, url, AVIO_FLAG_WRITE, &m->fc->interrupt_callback, &m->opts);
}

static int vt_mux_add_video(vt_mux *m, int w, int h, int fps) {
	AVStream *st = avformat_new_stream(m->fc, NULL);
	if (!st) return AVERROR(ENOMEM);
	st->codecpar->codec_type = AVMEDIA_TYPE_VIDEO;
	st->codecpar->codec_id = AV_CODEC_ID_H264;
	st->codecpar->width = w;
	st->codecpar->height = h;
	st->codecpar->format = AV_PIX_FMT_YUV420P;
	st->time_base = (AVRational){1, 90000};
	st->avg_frame_rate = (AVRational){fps, 1};
	st->r_frame_rate = (AVRational){fps, 1};
	return st->index;
}

static int vt_mux_add_audio(vt_mux *m, int codec, int rate, int channels, int frame_size, int padding, int bitrate) {
	AVStream *st = avformat_new_stream(m->fc, NULL);
	if (!st) return AVERROR(ENOMEM);
	st->codecpar->codec_type = AVMEDIA_TYPE_AUDIO;
	st->codecpar->codec_id = codec;
	st->codecpar->sample_rate = rate;
	av_channel_layout_default(&st->codecpar->ch_layout, channels);
	st->codecpar->frame_size = frame_size;
	st->codecpar->initial_padding = padding;
	st->codecpar->bit_rate = bitrate;
	st->time_base = (AVRational){1, rate};
	return st->index;
}

static int vt_mux_set_extradata(vt_mux *m, int index, const uint8_t *d, int n) {
	AVCodecParameters *par = m->fc->streams[index]->codecpar;
	av_freep(&par->extradata);
	par->extradata_size = 0;
	par->extradata = av_mallocz(n + AV_INPUT_BUFFER_PADDING_SIZE);
	if (!par->extradata) return AVERROR(ENOMEM);
	memcpy(par->extradata, d, n);
	par->extradata_size = n;
	return 0;
}

static int vt_mux_write_header(vt_mux *m) { return avformat_write_header(m->fc, &m->opts); }

static int vt_mux_write(vt_mux *m, int index, const uint8_t *data, int size,
		int64_t pts, int64_t dts, int64_t dur, int key) {
	AVPacket *p = m->pkt;
	av_packet_unref(p);
	int ret = av_new_packet(p, size);
	if (ret < 0) return ret;
	memcpy(p->data, data, size);
	AVRational ns = {1, 1000000000}, tb = m->fc->streams[index]->time_base;
	p->pts = av_rescale_q(pts, ns, tb);
	p->dts = av_rescale_q(dts, ns, tb);
	p->duration = av_rescale_q(dur, ns, tb);
	p->flags = key ? AV_PKT_FLAG_KEY : 0;
	p->stream_index = index;
	return av_interleaved_write_frame(m->fc, p);
}

static int vt_mux_trailer(vt_mux *m) { return av_write_trailer(m->fc); }

// vt_mux_free closes the output and frees everything; it returns the error
// of the final flush, which is where a full disk shows up.
static int vt_mux_free(vt_mux *m) {
	int ret = 0;
	if (m->fc && !(m->fc->oformat->flags & AVFMT_NOFILE)) ret = avio_closep(&m->fc->pb);
	avformat_free_context(m->fc);
	av_packet_free(&m->pkt);
	av_dict_free(&m->opts);
	av_free(m);
	return ret;
}
*/
import "C"

import (
	"sort"
	"syscall"
	"time"
	"unsafe"

	"github.com/asticode/go-astiav"
)

// cmux is the Go handle of a vt_mux.
type cmux struct{ c *C.vt_mux }

// avErr turns an FFmpeg return code into an error; plain errno codes become
// syscall.Errno, so callers can test errors.Is(err, fs.ErrPermission).
func avErr(ret C.int) error {
	switch {
	case ret >= 0:
		return nil
	case ret > -4096:
		return syscall.Errno(-ret)
	}
	return astiav.Error(ret)
}

func allocMux(format, url string) (cmux, error) {
	cf, cu := C.CString(format), C.CString(url)
	defer C.free(unsafe.Pointer(cf))
	defer C.free(unsafe.Pointer(cu))
	var m cmux
	return m, avErr(C.vt_mux_alloc(&m.c, cf, cu))
}

func (m cmux) setOption(k, v string) {
	ck, cv := C.CString(k), C.CString(v)
	defer C.free(unsafe.Pointer(ck))
	defer C.free(unsafe.Pointer(cv))
	C.vt_mux_set_opt(m.c, ck, cv)
}

// unusedOptions lists the options nothing has consumed yet.
func (m cmux) unusedOptions() []string {
	var out []string
	for e := C.vt_mux_next_opt(m.c, nil); e != nil; e = C.vt_mux_next_opt(m.c, e) {
		out = append(out, C.GoString(e.key)+"="+C.GoString(e.value))
	}
	sort.Strings(out)
	return out
}

func (m cmux) openIO(url string) error {
	cu := C.CString(url)
	defer C.free(unsafe.Pointer(cu))
	return avErr(C.vt_mux_open_io(m.c, cu))
}

func (m cmux) addVideo(w, h, fps int) (int, error) {
	i := C.vt_mux_add_video(m.c, C.int(w), C.int(h), C.int(fps))
	return int(i), avErr(min(i, 0))
}

func (m cmux) addAudio(codec astiav.CodecID, rate, channels, frameSize, padding, bitrate int) (int, error) {
	i := C.vt_mux_add_audio(m.c, C.int(codec), C.int(rate), C.int(channels), C.int(frameSize), C.int(padding), C.int(bitrate))
	return int(i), avErr(min(i, 0))
}

func (m cmux) setExtradata(index int, d []byte) error {
	if len(d) == 0 {
		return nil
	}
	return avErr(C.vt_mux_set_extradata(m.c, C.int(index), (*C.uint8_t)(&d[0]), C.int(len(d))))
}

func (m cmux) writeHeader() error { return avErr(C.vt_mux_write_header(m.c)) }

func (m cmux) write(index int, data []byte, pts, dts, dur time.Duration, key bool) error {
	if len(data) == 0 {
		return nil
	}
	k := 0
	if key {
		k = 1
	}
	return avErr(C.vt_mux_write(m.c, C.int(index), (*C.uint8_t)(&data[0]), C.int(len(data)),
		C.int64_t(pts), C.int64_t(dts), C.int64_t(dur), C.int(k)))
}

func (m cmux) trailer() error { return avErr(C.vt_mux_trailer(m.c)) }

// abort makes every blocking call on this output return promptly. It is the
// one method safe to call while another goroutine is inside a write.
func (m cmux) abort() { C.vt_mux_abort(m.c) }

func (m cmux) free() error { return avErr(C.vt_mux_free(m.c)) }

// formatContext is the AVFormatContext, for the chapter code in its own file.
func (m cmux) formatContext() unsafe.Pointer { return unsafe.Pointer(m.c.fc) }
