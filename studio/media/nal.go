package media

// SplitNALs returns the NAL units of an annex-B byte stream, without their
// start codes. Both 3- and 4-byte start codes are accepted.
func SplitNALs(annexB []byte) [][]byte {
	var nals [][]byte
	start := -1
	i := 0
	for i+2 < len(annexB) {
		if annexB[i] == 0 && annexB[i+1] == 0 && annexB[i+2] == 1 {
			if start >= 0 {
				nals = append(nals, trimZeros(annexB[start:i]))
			}
			i += 3
			start = i
			continue
		}
		i++
	}
	if start >= 0 && start < len(annexB) {
		nals = append(nals, annexB[start:])
	}
	return nals
}

// trimZeros drops the trailing zero bytes that belong to the next 4-byte
// start code (or are trailing_zero_8bits): a NAL unit never ends in 0x00.
func trimZeros(nal []byte) []byte {
	for len(nal) > 0 && nal[len(nal)-1] == 0 {
		nal = nal[:len(nal)-1]
	}
	return nal
}
