package chat

// triageClass says what a triage phrase is evidence of.
type triageClass uint8

const (
	tQuestion      triageClass = 1 << iota // a question wherever it appears
	tQuestionStart                         // a question only at the start ("is it silk" / "this is silk")
	tWant                                  // purchase intent wherever it appears
	tWantStart                             // intent only at the start (要 is also in 需要, "need")
	tWantAlone                             // intent only as the whole message ("me", "mine")
	tNotWant                               // cancels intent: "sold out", "не хочу", 不要
)

// triageLexicon, by language. Phrases are matched on the plain tokens of a
// message (folded, not mapped to Latin), so they are written without
// diacritics as they fold ("cuánto" is "cuanto", "ņemu" is "nemu").
var triageLexicon = []struct {
	class   triageClass
	phrases string
}{
	// English
	{tQuestion, `what | whats | when | where | wheres | why | which | who | how much | how many | how long | how big
		how do | how does | how is | how are | is there | are there | do you have | does it | does this | can i
		can you | could you | will you | will it | would it | any chance | anyone know | wondering`},
	{tQuestionStart, `how | is | are | can | could | do | does | did | will | would | should | any | have | has | was
		shall | may | price | cost | size`},
	{tWant, `sold | ill take | i will take | i want it | i want | want it | want this | want one | want the | need it
		need this | i need | take my money | add me | dibs | ill buy | i will buy | buying | gimme | give me
		me please | me pls | put me down | save it for me | hold it for me | i call | mine | im in`},
	{tWantAlone, `me | yes please | this one | that one`},
	{tNotWant, `sold out | out of stock | dont want | not buying | dont need`},

	// Russian
	{tQuestion, `сколько | где | когда | почему | зачем | какой | какая | какое | какие | каком | какого | какую
		есть ли | ли | кто | почем | можно ли | а есть`},
	{tQuestionStart, `как | что | можно | есть | цена | подскажите | скажите`},
	{tWant, `хочу | беру | возьму | забираю | я беру | бронь | бронирую | отложите | заберу | куплю | покупаю`},
	{tWantAlone, `мне | я | мое | моя | мой`},
	{tNotWant, `не хочу | не беру | не буду брать | нет в наличии | распродано`},

	// Chinese
	{tQuestion, `吗 | 多少 | 怎么 | 什么 | 哪 | 几 | 呢 | 有没有 | 能不能 | 可不可以 | 是不是 | 为什么 | 怎样 | 如何
		请问 | 多大 | 多长 | 啥 | 咋`},
	{tWant, `我要 | 我也要 | 要一 | 要两 | 要1 | 要2 | 要了 | 也要 | 我买 | 买了 | 拍了 | 下单 | 已拍 | 扣1 | 想要`},
	{tWantStart, `要 | 买`},
	{tNotWant, `不要 | 不买 | 不想要 | 没货 | 卖完`},

	// Latvian
	{tQuestion, `cik | kapec | kads | kada | kadi | kadas | kadu | vai ir | vai var | vai bus`},
	{tQuestionStart, `ka | kad | kur | vai | kurs | kura | cena`},
	{tWant, `gribu | nemu | nemsu | perku | nopirksu | rezervejiet | rezerve | man ludzu | es nemu`},
	{tWantAlone, `man | mans | mana`},
	{tNotWant, `negribu | nenemu | izpardots`},

	// Spanish
	{tQuestion, `cuanto | cuanta | cuantos | cuantas | donde | cual | cuales | por que | hay talla | hay en
		tienen | se puede | a cuanto`},
	{tQuestionStart, `como | que | cuando | hay | tiene | puedo | puede | precio | quien`},
	{tWant, `lo quiero | la quiero | los quiero | las quiero | quiero | me lo llevo | me la llevo | lo compro
		la compro | yo lo quiero | apartame | apartado | vendido`},
	{tWantAlone, `yo | mio | mia | para mi`},
	{tNotWant, `no quiero | no lo quiero | agotado`},

	// Arabic
	{tQuestion, `كم | هل | متى | اين | كيف | ماذا | لماذا | ما هو | ما هي | ايش | شو | وين`},
	{tWant, `اريد | بدي | ابغى | ابي | اشتري | حجز | احجز`},
	{tWantAlone, `لي | انا`},
	{tNotWant, `لا اريد | نفذ`},
}

// leadIns may come before a start-only phrase: "omg is it silk", "а как
// стирать", "hola, hay talla M".
var leadIns = plainSet(`hi hey hello omg wow ok okay so and but also girl guys please pls plz yo sorry hmm
	привет ну а и так слушай ой hola oye y pero bueno sveiki cau labdien un 你好 主播 那`)
