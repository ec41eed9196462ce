package media

// RGBToYCbCr converts an 8-bit sRGB colour to BT.601 limited range (Y 16–235,
// chroma 16–240): the program's colour space, the one the encoder tags and
// the one FFmpeg decodes files into. Go's color.RGBToYCbCr is full range
// (JPEG's), and mixing the two makes some sources look washed out and others
// crushed; everything built from RGB goes through this function instead.
func RGBToYCbCr(r, g, b uint8) (y, cb, cr uint8) {
	// 16.16 fixed point of Y = 16 + 0.2568R + 0.5041G + 0.0979B,
	// Cb = 128 - 0.1482R - 0.2910G + 0.4392B, Cr = 128 + 0.4392R - 0.3678G - 0.0714B.
	R, G, B := int32(r), int32(g), int32(b)
	const half = 1 << 15
	y = uint8((16829*R + 33039*G + 6416*B + 16<<16 + half) >> 16)
	cb = uint8((-9714*R - 19070*G + 28784*B + 128<<16 + half) >> 16)
	cr = uint8((28784*R - 24103*G - 4681*B + 128<<16 + half) >> 16)
	return y, cb, cr
}
