package compositor

import "encoding/binary"

// Fast paths for the scales a 720p show does every frame: the PiP main
// picture (1:1), the grid cells (2:1) and the PiP inset (4:1). They average
// eight source bytes at a time in 64-bit words (SWAR), because Go has no
// SIMD intrinsics and cgo is off the table; rounding matches the general box
// filter, so the picture does not change when a path is taken or not.

const (
	lowBytes = 0x00FF00FF00FF00FF // the even bytes of a word, as 16-bit lanes
	lowPairs = 0x0000FFFF0000FFFF // the even 16-bit lanes, as 32-bit lanes
)

func copyPlane(dst, src plane) {
	for y := range dst.h {
		copy(dst.row(y), src.row(y))
	}
}

// halvePlane averages each 2x2 block of src into one dst pixel.
func halvePlane(dst, src plane) {
	for y := range dst.h {
		out := dst.row(y)
		r0, r1 := src.row(2*y), src.row(2*y+1)
		r1 = r1[:len(r0)]
		// Sixteen source columns from each row make eight output pixels;
		// advancing the slices lets the compiler drop most bounds checks.
		o := out
		for len(o) >= 8 && len(r0) >= 16 && len(r1) >= 16 {
			lo := halve8(binary.LittleEndian.Uint64(r0), binary.LittleEndian.Uint64(r1))
			hi := halve8(binary.LittleEndian.Uint64(r0[8:]), binary.LittleEndian.Uint64(r1[8:]))
			binary.LittleEndian.PutUint64(o, lo|hi<<32)
			o, r0, r1 = o[8:], r0[16:], r1[16:]
		}
		for x := range o {
			o[x] = byte((int(r0[2*x]) + int(r0[2*x+1]) + int(r1[2*x]) + int(r1[2*x+1]) + 2) >> 2)
		}
	}
}

// halve8 averages the 2x2 blocks of eight bytes from two rows into four
// bytes, returned in the low 32 bits.
func halve8(a, b uint64) uint64 {
	// Pairwise sums of neighbours, as four 16-bit lanes (max 1020).
	s := a&lowBytes + a>>8&lowBytes + b&lowBytes + b>>8&lowBytes
	s = (s + 0x0002000200020002) >> 2 & lowBytes
	// Pack the four lanes' low bytes together.
	s |= s >> 8
	s &= lowPairs
	s |= s >> 16
	return s & 0xFFFFFFFF
}

// quarterPlane averages each 4x4 block of src into one dst pixel.
func quarterPlane(dst, src plane) {
	for y := range dst.h {
		out := dst.row(y)
		r0, r1, r2, r3 := src.row(4*y), src.row(4*y+1), src.row(4*y+2), src.row(4*y+3)
		x := 0
		// Eight source columns from each of four rows make two outputs.
		for ; x+2 <= len(out); x += 2 {
			o := 4 * x
			a := binary.LittleEndian.Uint64(r0[o:])
			b := binary.LittleEndian.Uint64(r1[o:])
			c := binary.LittleEndian.Uint64(r2[o:])
			d := binary.LittleEndian.Uint64(r3[o:])
			// Pair sums as 16-bit lanes: 8 bytes per lane at most, 2040.
			s := a&lowBytes + a>>8&lowBytes + b&lowBytes + b>>8&lowBytes +
				c&lowBytes + c>>8&lowBytes + d&lowBytes + d>>8&lowBytes
			// Then neighbouring lanes into two 32-bit sums of 16 pixels.
			s = s&lowPairs + s>>16&lowPairs
			s = (s + 0x0000000800000008) >> 4
			out[x] = byte(s)
			out[x+1] = byte(s >> 32)
		}
		for ; x < len(out); x++ {
			o, sum := 4*x, 8
			for _, r := range [4][]byte{r0, r1, r2, r3} {
				sum += int(r[o]) + int(r[o+1]) + int(r[o+2]) + int(r[o+3])
			}
			out[x] = byte(sum >> 4)
		}
	}
}
