package overlays

import (
	"path/filepath"
	"time"
)

// showContent is realistic content for every overlay in one language.
type showContent struct {
	locale        string
	card          Product
	saleLeft      time.Duration
	stock, total  int
	code, off     string
	valid         time.Duration
	coupon        string
	disclosure    string
	host, role    string
	user, comment string
	answer        string
	winner, prize string
	viewers       int
}

func photo(name string) string { return filepath.Join("testdata", "photos", name) }

const link = "https://shop.example.com/p/aurora-12"

// contents covers the five shipped locales. Each exercises something:
// English a long title (ellipsis) and the minus sign from the math font,
// Latvian every diacritic and the last-10-s countdown, Russian SOLD OUT and
// an hours-and-minutes validity, Chinese a PNG with transparency and
// full-width punctuation, Arabic a WebP photo, Arabic-Indic digits, mixed
// Latin digits in right-to-left text, and mirrored layouts.
var contents = []showContent{
	{
		locale: "en",
		card: Product{Title: "Aurora Wireless Headphones with Active Noise Cancelling, Multipoint Bluetooth and a 40-Hour Battery",
			PriceMinor: 12999, CompareAtMinor: 17999, Currency: "USD",
			Specs:   []string{"Bluetooth 5.3, two devices at once", "40 h battery, USB-C fast charge", "Foldable, 250 g"},
			Keyword: "12", Photo: photo("headphones.jpg"), Link: link, Sponsored: true},
		saleLeft: 85 * time.Second, stock: 7, total: 50,
		code: "SAVE20", off: "-20%", valid: 10 * time.Minute,
		coupon:     "Watch 10 minutes to unlock a free gift",
		disclosure: "Paid partnership",
		host:       "Anna Bērziņa", role: "Host · Audio gear expert",
		user: "@mike_92", comment: "Does it work with an iPhone and an Android phone at the same time?",
		answer: "Yes: multipoint keeps two devices connected at once.",
		winner: "@sofia.k", prize: "Aurora headphones", viewers: 1234,
	},
	{
		locale: "lv",
		card: Product{Title: "Ērtās ūdensizturīgās bezvadu austiņas “Ķīšezers” — ģimenes čempionu komplekts ar ļoti žiglu uzlādi",
			PriceMinor: 12999, CompareAtMinor: 15999, Currency: "EUR",
			Specs:   []string{"Bluetooth 5.3, divas ierīces vienlaikus", "Līdz 40 stundām darbības", "Salokāmas, 250 g"},
			Keyword: "7", Photo: photo("headphones.jpg"), Link: link},
		saleLeft: 8 * time.Second, stock: 3, total: 40,
		code: "RIGA20", off: "-20%", valid: 15 * time.Minute,
		coupon: "Skaties 10 minūtes un saņem dāvanu kuponu",
		host:   "Anna Bērziņa", role: "Vadītāja · skaņas tehnikas eksperte",
		user: "@jānis_k", comment: "Vai austiņas der arī skriešanai lietū?",
		answer: "Jā, tām ir IPX5 aizsardzība pret ūdeni un sviedriem.",
		winner: "@līga.ozola", prize: "Austiņas “Ķīšezers”", viewers: 21,
	},
	{
		locale: "ru",
		card: Product{Title: "Беспроводные наушники «Аврора» с активным шумоподавлением",
			PriceMinor: 1299000, CompareAtMinor: 1599000, Currency: "RUB",
			Specs:   []string{"Bluetooth 5.3, два устройства сразу", "До 40 часов работы", "Складные, 250 г"},
			Keyword: "12", Photo: photo("headphones.jpg")},
		saleLeft: 4 * time.Minute, stock: 0, total: 50,
		code: "MOSCOW15", off: "-15%", valid: 90 * time.Minute,
		coupon:     "Смотрите эфир 10 минут и получите купон на подарок",
		disclosure: "Реклама. ООО «Аврора», ИНН 7701234567",
		host:       "Мария Иванова", role: "Ведущая · эксперт по аудиотехнике",
		user: "@dmitry_s", comment: "А с айфоном и андроидом одновременно работают?",
		answer: "Да, мультипоинт держит два устройства сразу.",
		winner: "@olga.petrova", prize: "Наушники «Аврора»", viewers: 1534,
	},
	{
		locale: "zh",
		card: Product{Title: "北欧风陶瓷马克杯 大容量咖啡杯 办公室家用 情侣礼物",
			PriceMinor: 12900, CompareAtMinor: 19900, Currency: "CNY",
			Specs:   []string{"容量 450 毫升", "可用微波炉和洗碗机", "手工上釉，每只略有不同"},
			Keyword: "8", Photo: photo("mug.png"), Link: link},
		saleLeft: 45 * time.Minute, stock: 18, total: 100,
		code: "SHOP30", off: "-30%", valid: 5 * time.Minute,
		coupon: "观看直播满 10 分钟即可领取优惠券",
		host:   "李娜", role: "主播 · 家居好物推荐官",
		user: "@小王", comment: "这个杯子可以放进微波炉吗？",
		answer: "可以，微波炉和洗碗机都能用。",
		winner: "@小红", prize: "情侣马克杯一对", viewers: 25000,
	},
	{
		locale: "ar",
		card: Product{Title: "حذاء رياضي خفيف للجري مع نعل مريح ومقاوم للماء — إصدار 2025",
			PriceMinor: 34900, CompareAtMinor: 45900, Currency: "SAR",
			Specs:   []string{"وزن خفيف: 250 غرام", "نعل مريح للجري اليومي", "مقاسات من 38 إلى 46"},
			Keyword: "12", Photo: photo("sneaker.webp"), Link: link, Sponsored: true},
		saleLeft: 185 * time.Second, stock: 12, total: 60,
		code: "RAMADAN25", off: "-25%", valid: 10 * time.Minute,
		coupon: "شاهد البث لمدة 10 دقائق لتحصل على قسيمة هدية",
		host:   "سارة أحمد", role: "مقدمة البرنامج · خبيرة أحذية رياضية",
		user: "@khalid_88", comment: "هل المقاس مطابق للمقاسات الأوروبية؟",
		answer: "نعم، المقاسات أوروبية قياسية.",
		winner: "@noor.a", prize: "حذاء رياضي جديد", viewers: 342,
	},
}

// frame renders every overlay of c, in region order.
func frame(r *Renderer, c showContent) (map[Region]Placed, []string) {
	card, warn := r.Card(c.card)
	return map[Region]Placed{
		RegionCard:       card,
		RegionLive:       r.LiveBadge(),
		RegionViewers:    r.Viewers(c.viewers),
		RegionDisclosure: r.Disclosure(c.disclosure),
		RegionSale:       r.FlashSale(c.saleLeft, c.stock, c.total),
		RegionPromo:      r.Promo(c.code, c.off, c.valid),
		RegionCoupon:     r.Coupon(c.coupon),
		RegionLowerThird: r.LowerThird(c.host, c.role),
		RegionPinned:     r.PinnedComment(c.user, c.comment, c.answer),
		RegionGiveaway:   r.Giveaway(c.winner, c.prize),
	}, warn
}
