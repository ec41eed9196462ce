package catalog

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/store"
)

type wantVariant struct {
	handle, title   string
	opts            string // "Color=Purple/Size=S"
	price, cmp      string // decimal; cmp "nil" for none
	stock           string // "nil" for untracked
	firstImage      string // the testdata image the variant's first picture is a copy of
	images          int
	published       bool
	status, vendor1 string
}

func optString(opts []store.Option) string {
	var p []string
	for _, o := range opts {
		p = append(p, o.Name+"="+o.Value)
	}
	return strings.Join(p, "/")
}

func checkVariants(t *testing.T, got map[string]store.Listing, want map[string]wantVariant) {
	t.Helper()
	if len(got) != len(want) {
		keys := []string{}
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		t.Errorf("%d variants %v, want %d", len(got), keys, len(want))
	}
	for key, w := range want {
		l, ok := got[key]
		if !ok {
			t.Errorf("variant %s missing", key)
			continue
		}
		stock := "nil"
		if l.Stock != nil {
			stock = FormatMoney(*l.Stock * 100)
			stock = strings.TrimSuffix(stock, ".00")
		}
		if l.Handle != w.handle || l.Title != w.title || optString(l.Options) != w.opts ||
			FormatMoney(l.PriceMinor) != w.price || fmtPtr(l.CompareAtMinor) != w.cmp || stock != w.stock ||
			len(l.Images) != w.images || l.Published != w.published || l.Status != w.status {
			t.Errorf("variant %s:\n got handle=%s title=%q opts=%s price=%s cmp=%s stock=%s images=%d published=%v status=%s\nwant handle=%s title=%q opts=%s price=%s cmp=%s stock=%s images=%d published=%v status=%s",
				key, l.Handle, l.Title, optString(l.Options), FormatMoney(l.PriceMinor), fmtPtr(l.CompareAtMinor), stock, len(l.Images), l.Published, l.Status,
				w.handle, w.title, w.opts, w.price, w.cmp, w.stock, w.images, w.published, w.status)
		}
		if w.firstImage != "" && len(l.Images) > 0 {
			sameFile(t, key, l.Images[0], filepath.Join("testdata", "images", w.firstImage))
		}
	}
}

var cachedName = regexp.MustCompile(`^[0-9a-f]{64}\.(jpg|png|gif|webp)$`)

func sameFile(t *testing.T, key, cached, orig string) {
	t.Helper()
	if !cachedName.MatchString(filepath.Base(cached)) {
		t.Errorf("variant %s: cached image %s is not named <sha256>.<ext>", key, cached)
	}
	a, err1 := os.ReadFile(cached)
	b, err2 := os.ReadFile(orig)
	if err1 != nil || err2 != nil || string(a) != string(b) {
		t.Errorf("variant %s: first image %s is not a copy of %s (%v, %v)", key, cached, orig, err1, err2)
	}
}

func TestShopifySample(t *testing.T) {
	db, dir := openDB(t)
	rep, err := importBytes(t, db, dir, newCDN(t), readTestdata(t, "shopify_products.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != Shopify || rep.Rows != 10 || rep.Products != (Counts{New: 5}) || rep.Variants != (Counts{New: 9}) {
		t.Errorf("report: format %s, %d rows, products %+v, variants %+v; want shopify, 10, 5 new, 9 new", rep.Format, rep.Rows, rep.Products, rep.Variants)
	}
	if rep.Images != (ImageCounts{Cached: 8}) || len(rep.Warnings) != 0 {
		t.Errorf("images %+v, warnings %v; want 8 cached and no warnings", rep.Images, rep.Warnings)
	}
	const hoodie = "Худи «Гжель» — oversize"
	checkVariants(t, listing(t, db), map[string]wantVariant{
		"GZ-PUR-S":   {"gzhel-hoodie", hoodie, "Color=Purple/Size=S", "49.00", "59.00", "12", "gzhel-hoodie-front.jpg", 3, true, "active", ""},
		"GZ-PUR-M":   {"gzhel-hoodie", hoodie, "Color=Purple/Size=M", "49.00", "59.00", "5", "gzhel-hoodie-front.jpg", 3, true, "active", ""},
		"GZ-WHT-S":   {"gzhel-hoodie", hoodie, "Color=White/Size=S", "45.50", "nil", "0", "gzhel-hoodie-white.png", 3, true, "active", ""},
		"GZ-WHT-M":   {"gzhel-hoodie", hoodie, "Color=White/Size=M", "45.50", "nil", "3", "gzhel-hoodie-white.png", 3, true, "active", ""},
		"APR-LIN-01": {"linen-apron", "Tablier en lin « Café »", "", "24.50", "nil", "30", "linen-apron.jpg", 2, true, "active", ""},
		"SC-SAK-PNK": {"silk-scarf", `Silk scarf 90×90, "Sakura" print`, "Color=Pink", "89.00", "nil", "8", "scarf-pink.jpg", 2, true, "active", ""},
		`silk-scarf/[{"name":"Color","value":"Blue"}]`: {"silk-scarf", `Silk scarf 90×90, "Sakura" print`, "Color=Blue", "92.00", "110.00", "nil", "scarf-blue.jpg", 2, true, "active", ""},
		"MUG-SAK": {"sakura-mug", "Mug 🌸 Sakura", "", "18.00", "21.00", "40", "mug-sakura.png", 1, true, "active", ""},
		"GIFT-25": {"gift-card", "Gift card", "", "25.00", "nil", "nil", "", 0, false, "draft", ""},
	})

	ps := productsByHandle(t, db)
	h := ps["gzhel-hoodie"]
	wantBody := "<p>Тёплое худи с росписью \"Гжель\": кобальт на белом, 100% хлопок.</p>\n<ul>\n<li>Размеры: S, M</li>\n<li>Стирка при 30 °C</li>\n</ul>"
	if h.BodyHTML != wantBody || h.Vendor != "Гжель & Co." || h.Type != "Hoodie" || h.Tags != "гжель, oversize, хлопок" {
		t.Errorf("hoodie fields: body %q vendor %q type %q tags %q", h.BodyHTML, h.Vendor, h.Type, h.Tags)
	}
	var srcs []string
	for _, im := range h.Images {
		srcs = append(srcs, filepath.Base(strings.Split(im.Src, "?")[0]))
	}
	if want := []string{"gzhel-hoodie-front.jpg", "gzhel-hoodie-back.jpg", "gzhel-hoodie-white.png"}; !slices.Equal(srcs, want) {
		t.Errorf("hoodie images in order %v, want %v", srcs, want)
	}
	if h.Images[0].Alt != "Худи «Гжель», вид спереди" {
		t.Errorf("first image alt %q", h.Images[0].Alt)
	}
	if a := ps["linen-apron"]; len(a.Images) != 2 || !strings.HasSuffix(a.Images[1].LocalPath, ".gif") || a.Images[1].Alt != "Detail, pocket" {
		t.Errorf("apron images: %+v; want the images-only row's GIF second", a.Images)
	}
}

func TestWooCommerceSample(t *testing.T) {
	db, dir := openDB(t)
	rep, err := importBytes(t, db, dir, newCDN(t), readTestdata(t, "woocommerce_products.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != WooCommerce || rep.Encoding != EncodingUTF8 || rep.Rows != 11 ||
		rep.Products != (Counts{New: 5}) || rep.Variants != (Counts{New: 8}) {
		t.Errorf("report: %s %s, %d rows, products %+v, variants %+v; want woocommerce utf-8, 11, 5 new, 8 new",
			rep.Format, rep.Encoding, rep.Rows, rep.Products, rep.Variants)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Line != 9 || !strings.Contains(rep.Warnings[0].Reason, "grouped") {
		t.Errorf("warnings %v; want the grouped product on line 9 skipped", rep.Warnings)
	}
	const tee = "Футболка «Матрёшка»"
	checkVariants(t, listing(t, db), map[string]wantVariant{
		"WOO-TEE-S":  {"WOO-TEE", tee, "Размер=S", "1490.00", "1990.00", "7", "tee-front.jpg", 2, true, "active", ""},
		"WOO-TEE-M":  {"WOO-TEE", tee, "Размер=M", "1990.00", "nil", "0", "tee-front.jpg", 2, true, "active", ""},
		"WOO-TEE-L":  {"WOO-TEE", tee, "Размер=L", "1990.00", "nil", "nil", "tee-front.jpg", 2, true, "active", ""},
		"MUG-350":    {"MUG-350", "Ceramic mug, 350 ml", "", "9.99", "12.00", "25", "mug-350.png", 2, true, "active", ""},
		"woo-51/[]":  {"woo-51", "Gift wrap", "", "2.50", "nil", "nil", "", 0, false, "draft", ""},
		"PROTO-1":    {"PROTO-1", "Prototype (staff only)", "", "0.00", "nil", "nil", "", 0, false, "private", ""},
		"SCARF-GREY": {"SCARF", "Wool scarf", "Colour=Grey", "35.00", "nil", "4", "scarf-wool-grey.jpg", 2, true, "active", ""},
		"SCARF-RED":  {"SCARF", "Wool scarf", "Colour=Red", "35.00", "nil", "2", "scarf-wool-red.jpg", 2, true, "active", ""},
	})

	ps := productsByHandle(t, db)
	wantDesc := "<p>Футболка из хлопка с принтом «Матрёшка».</p>\n<ul>\n<li>Плотность 180 г/м², \"оверсайз\"</li>\n<li>Путь к файлу: C:\\new\\print.ai</li>\n</ul>"
	if got := ps["WOO-TEE"]; got.BodyHTML != wantDesc || got.Type != "Одежда > Футболки" || got.Vendor != "Матрёшка" || got.Tags != "хлопок, лето" {
		t.Errorf("tee: body %q (want %q), type %q, vendor %q, tags %q", got.BodyHTML, wantDesc, got.Type, got.Vendor, got.Tags)
	}
	if got := ps["woo-51"].BodyHTML; got != "Recycled paper, twine." {
		t.Errorf("gift wrap body %q: want the short description when there is no description", got)
	}
	if got := ps["PROTO-1"].BodyHTML; got != "=not a formula" {
		t.Errorf("prototype body %q: the exporter's formula guard should be removed", got)
	}
	if _, ok := ps["SET-BREAKFAST"]; ok {
		t.Error("the grouped product was imported")
	}
}
