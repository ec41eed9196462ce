package catalog

import "testing"

func TestParseMoney(t *testing.T) {
	good := map[string]int64{
		"19.99": 1999, "20": 2000, "0.5": 50, ".5": 50, "19.": 1900, " 7.00 ": 700,
		"19.9900": 1999, "0": 0, "0.00": 0, "007.10": 710, "9999999999999.99": 999999999999999,
	}
	for in, want := range good {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	bad := map[string]error{
		"": errPriceEmpty, "12,99": errPriceComma, "1,299.00": errPriceComma, "-3": errPriceNeg,
		"1e3": errPriceSyntax, "$5": errPriceSyntax, "NaN": errPriceSyntax, ".": errPriceSyntax,
		"1.2.3": errPriceSyntax, "+5": errPriceSyntax, "19.999": errPriceDecimal, "١٢": errPriceSyntax,
		"99999999999999": errPriceTooBig,
	}
	for in, want := range bad {
		if _, err := ParseMoney(in); err != want {
			t.Errorf("ParseMoney(%q) error %v, want %v", in, err, want)
		}
	}
}

func TestFormatMoneyRoundTrips(t *testing.T) {
	for _, v := range []int64{0, 5, 50, 99, 100, 1999, 123456789} {
		s := FormatMoney(v)
		if back, err := ParseMoney(s); err != nil || back != v {
			t.Errorf("%d → %q → %d, %v", v, s, back, err)
		}
	}
	if FormatMoney(1999) != "19.99" || FormatMoney(5) != "0.05" {
		t.Errorf("FormatMoney: %s %s", FormatMoney(1999), FormatMoney(5))
	}
}

func TestWooListsAndText(t *testing.T) {
	if got := splitWoo(`a.jpg, b\,c.jpg ,, d.jpg`); len(got) != 3 || got[1] != "b,c.jpg" {
		t.Errorf("splitWoo: %q", got)
	}
	if got := wooText(`one\ntwo \\n three`); got != "one\ntwo \\n three" {
		t.Errorf("wooText: %q", got)
	}
	if unescapeWoo("'=SUM(A1)") != "=SUM(A1)" || unescapeWoo("'quoted'") != "'quoted'" {
		t.Error("unescapeWoo")
	}
}
