package encoder

// go-astiav v0.16.0 has no chapter API (no AVChapter, no nb_chapters), so
// chapters are appended to the AVFormatContext here, the way the ffmpeg
// CLI's copy_chapters does: an av_mallocz'd AVChapter in an av_realloc'd
// array, both freed by avformat_free_context.

/*
#cgo pkg-config: libavformat libavutil
#include <stdlib.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/mem.h>

static int vt_add_chapter(AVFormatContext *fc, int64_t id, int64_t start_ns, int64_t end_ns, const char *title) {
	AVChapter *ch = av_mallocz(sizeof *ch);
	if (!ch) return AVERROR(ENOMEM);
	ch->id = id;
	ch->time_base = (AVRational){1, 1000000000};
	ch->start = start_ns;
	ch->end = end_ns;
	if (title[0] && av_dict_set(&ch->metadata, "title", title, 0) < 0) {
		av_free(ch);
		return AVERROR(ENOMEM);
	}
	// On failure av_reallocp_array frees the array and NULLs it: the
	// chapters it held are lost (a leak on an out-of-memory path only),
	// and the count must follow so nothing walks a NULL array.
	int ret = av_reallocp_array(&fc->chapters, fc->nb_chapters + 1, sizeof *fc->chapters);
	if (ret < 0) {
		fc->nb_chapters = 0;
		av_dict_free(&ch->metadata);
		av_free(ch);
		return ret;
	}
	fc->chapters[fc->nb_chapters++] = ch;
	return 0;
}
*/
import "C"

import (
	"time"
	"unsafe"
)

func (m cmux) addChapter(id int64, start, end time.Duration, title string) error {
	ct := C.CString(title)
	defer C.free(unsafe.Pointer(ct))
	fc := (*C.AVFormatContext)(m.formatContext())
	return avErr(C.vt_add_chapter(fc, C.int64_t(id), C.int64_t(start), C.int64_t(end), ct))
}
