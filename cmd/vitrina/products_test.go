package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vitrinaData runs the binary built by TestMain with a given data directory,
// so that one test's import is there for its list. (vitrina() gives each
// run a fresh one.)
func vitrinaData(t *testing.T, data string, args ...string) (int, string, string) {
	t.Helper()
	return runVitrina(t, []string{"VITRINA_DATA=" + data}, nil, args...)
}

// productsCSV is a Shopify export whose images are files next to it, so the
// test needs no network.
func productsCSV(t *testing.T, price string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "img"), 0o755)
	for _, name := range []string{"gzhel-hoodie-front.jpg", "gzhel-hoodie-white.png"} {
		b, err := os.ReadFile(repoPath("studio/catalog/testdata/images/" + name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "img", name), b, 0o644)
	}
	csv := "Handle,Title,Body (HTML),Vendor,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Compare At Price,Image Src,Image Position,Variant Image\n" +
		"gzhel-hoodie,Худи «Гжель»,\"<p>Хлопок, \"\"гжель\"\"</p>\n<p>S–M</p>\",Гжель & Co.,Color,Purple,GZ-PUR-S,12," + price + ",59.00,img/gzhel-hoodie-front.jpg,1,\n" +
		"gzhel-hoodie,,,,,White,GZ-WHT-S,0,45.50,,img/gzhel-hoodie-white.png,2,img/gzhel-hoodie-white.png\n" +
		"tea-towel,Tea towel,,Atelier Zoé,Title,Default Title,TT-01,,7.00,,,,\n"
	p := filepath.Join(dir, "products.csv")
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type listedVariant struct {
	SKU            string   `json:"sku"`
	Handle         string   `json:"handle"`
	Title          string   `json:"title"`
	Price          string   `json:"price"`
	CompareAtPrice *string  `json:"compare_at_price"`
	PriceMinor     int64    `json:"price_minor"`
	Stock          *int64   `json:"stock"`
	Images         []string `json:"images"`
}

func listJSON(t *testing.T, data string) []listedVariant {
	t.Helper()
	code, stdout, stderr := vitrinaData(t, data, "products", "list", "--json")
	if code != 0 {
		t.Fatalf("products list --json exited %d: %s", code, stderr)
	}
	var out []listedVariant
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("products list --json printed no JSON array: %v\n%s", err, stdout)
	}
	return out
}

func TestProductsImportThenListJSON(t *testing.T) {
	data := t.TempDir()
	if got := listJSON(t, data); got == nil || len(got) != 0 {
		t.Fatalf("an empty catalog lists %v, want []", got)
	}
	file := productsCSV(t, "49.00")
	code, stdout, stderr := vitrinaData(t, data, "products", "import", file)
	if code != 0 {
		t.Fatalf("import exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "products: 2 new") || !strings.Contains(stdout, "variants: 3 new") {
		t.Errorf("import summary:\n%s", stdout)
	}
	got := listJSON(t, data)
	if len(got) != 3 {
		t.Fatalf("%d variants listed, want 3: %+v", len(got), got)
	}
	pur := got[0]
	if pur.SKU != "GZ-PUR-S" || pur.Handle != "gzhel-hoodie" || pur.Title != "Худи «Гжель»" || pur.Price != "49.00" ||
		pur.PriceMinor != 4900 || pur.CompareAtPrice == nil || *pur.CompareAtPrice != "59.00" || pur.Stock == nil || *pur.Stock != 12 {
		t.Errorf("first variant %+v", pur)
	}
	if wht := got[1]; wht.SKU != "GZ-WHT-S" || wht.CompareAtPrice != nil || len(wht.Images) != 2 ||
		!strings.HasSuffix(wht.Images[0], ".png") {
		t.Errorf("second variant %+v: want no compare-at and its own PNG first", wht)
	}
	if tt := got[2]; tt.Stock != nil || len(tt.Images) != 0 {
		t.Errorf("tea towel %+v: want untracked stock (null) and no images", tt)
	}
	for _, p := range pur.Images {
		if filepath.Dir(p) != filepath.Join(data, "images") {
			t.Errorf("image %s is not in the data directory's image cache", p)
		} else if _, err := os.Stat(p); err != nil {
			t.Errorf("image %s: %v", p, err)
		}
	}

	// Same file again: nothing changes. An edited file in a dry run: the
	// report says so, the catalog stays.
	code, stdout, _ = vitrinaData(t, data, "products", "import", file)
	if code != 0 || !strings.Contains(stdout, "products: 0 new, 0 updated, 2 unchanged") {
		t.Errorf("re-import exited %d:\n%s", code, stdout)
	}
	code, stdout, _ = vitrinaData(t, data, "products", "import", "--dry-run", productsCSV(t, "44.00"))
	if code != 0 || !strings.Contains(stdout, "dry run") || !strings.Contains(stdout, "variants: 0 new, 1 updated, 2 unchanged") {
		t.Errorf("dry run exited %d:\n%s", code, stdout)
	}
	if again := listJSON(t, data); again[0].Price != "49.00" || len(again) != 3 {
		t.Errorf("the dry run changed the catalog: %+v", again[0])
	}
}

func TestProductsBadInputExitsTwo(t *testing.T) {
	good := productsCSV(t, "49.00")
	bad := productsCSV(t, `"49,00"`)
	cp1251 := filepath.Join(t.TempDir(), "cp1251.csv")
	// "Платок" in Windows-1251, on line 2.
	os.WriteFile(cp1251, append([]byte("Handle,Title,Variant Price\nplatok,"), 0xCF, 0xEB, 0xE0, 0xF2, 0xEE, 0xEA, ',', '1', '\n'), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"products"}, "products: want"},
		{[]string{"products", "frob"}, `unknown subcommand "frob"`},
		{[]string{"products", "import"}, "want FILE.csv"},
		{[]string{"products", "import", good, "extra"}, `unexpected argument "extra"`},
		{[]string{"products", "import", good, "--encoding", "koi8-r"}, `unknown encoding "koi8-r"`},
		{[]string{"products", "import", "/nonexistent/products.csv"}, "no such file"},
		{[]string{"products", "import", bad}, `line 3: Variant Price "49,00": not a price`},
		{[]string{"products", "import", cp1251}, "line 2: byte 0xCF is not UTF-8: it looks like Windows-1251 (Cyrillic): pass --encoding windows-1251"},
		{[]string{"products", "list", "--yaml"}, "flag provided but not defined"},
	}
	for _, c := range cases {
		data := t.TempDir()
		code, _, stderr := vitrinaData(t, data, c.args...)
		if code != 2 {
			t.Errorf("vitrina %v exited %d, want 2 (stderr %q)", c.args, code, stderr)
		}
		if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.HasPrefix(stderr, "vitrina: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("vitrina %v: want one 'vitrina: ...%s...' line on stderr, got %q", c.args, c.want, stderr)
		}
		if strings.Contains(strings.Join(c.args, " "), "import") && code == 2 {
			if got := listJSON(t, data); len(got) != 0 {
				t.Errorf("vitrina %v imported %d variants", c.args, len(got))
			}
		}
	}
	// With the flag, the same Windows-1251 file imports.
	data := t.TempDir()
	if code, _, stderr := vitrinaData(t, data, "products", "import", "--encoding", "windows-1251", cp1251); code != 0 {
		t.Fatalf("import --encoding windows-1251 exited %d: %s", code, stderr)
	}
	if got := listJSON(t, data); len(got) != 1 || got[0].Title != "Платок" {
		t.Errorf("windows-1251 import listed %+v", got)
	}
}
