package chat

// promoLexicon: self-promotion, by language. A cPromo phrase holds the
// message; cPromoWeak cues hold it only when SelfPromo.WeakCues different
// ones appear together ("subscribe" + "channel"), since each alone is
// ordinary chat ("I follow you on insta").
var promoLexicon = []lexGroup{
	// English
	{cPromo, `check out my | checkout my | check my channel | check my page | check my profile | check my video*
		check my music | check my new | check my insta* | check my tiktok | check out our | visit my | view my
		subscribe to my | subscribe my | sub to my | subscribe to me | please subscribe | pls subscribe
		plz subscribe | please sub | subscribe please | subscribe back | sub back | sub4sub | sub 4 sub
		sub for sub | s4s | f4f | l4l | follow4follow | follow for follow | like4like | like for like
		follow me | follow my | follow back | like my comment | like my video | like this comment
		thumbs up this | thumbs this up | like and subscribe | my channel | my youtube | my new video
		my latest video | my first video | my new song | my music | my mixtape | my soundcloud | my page
		my stream | my profile | watch my video* | watch my stream | watch my new | listen to my
		support my channel | support my music | support me | help me reach | help me get
		give me a chance | give my * a chance | free subscribers | free followers | free likes | free views
		buy followers | buy viewers | buy views | cheap followers | get followers | more followers
		become famous | wanna be famous | promote your | click here | click the link | click my
		link in bio | link in my bio | link in profile | tap the link | free gift card* | free iphone
		make money | earn money | visit our website | check out this video
		check out this channel | new subscribers | gain followers | grow your channel | boost your
		check my bio | in my bio | check my store | check my shop | visit my store | visit my shop
		i sell the same | i sell same | selling the same | same * but cheaper | same * for half
		cheaper in my | cheaper on my | cheaper at my | order directly from me | buy directly from me
		buy from me | small youtuber | new youtuber | check me out | my cover | my version | please share
		sub to me | sub me | subscribe me | please visit | please like | plz like | pls like | my new channel
		add me on facebook | add me on instagram | add me on snapchat | reach * subs | reach * subscribers
		get * subscribers | get to * subs | increase your viewers | grow your stream | your viewership
		started a channel | started my channel | new * channel | channel about | come to mine
		come to my channel | make * money | easy money | money online | grow your | small streamers
		upcoming artist | upcoming rapper | upcoming singer | my first single | my new single | my single
		search my name | search me on`},
	{cPromoWeak, `subscribe | subscribers | subs | follow | followers | check out | check it out | visit | click
		my insta | my instagram | my tiktok | my twitter | my facebook | my fb | my snapchat | my site
		my website | my blog | my art | my new | my latest | my bio | my store | my shop | my profile | in bio
		your support`},
	{cCheap, `cheaper | cheapest | half the price | half price | for less | better prices | lower prices
		of the price | fraction of the price`},
	{cSell, `i sell | we sell | selling | we have same | same items | wholesale | reseller | i have the same
		have the same`},

	// Russian
	{cPromo, `подпишись на мой | подпишитесь на мой | подпишись на меня | подпишитесь на меня
		подписывайтесь на мой | мой канал | моем канале | на мой канал | загляни на мой | заходи ко мне
		заходите ко мне на | взаимная подписка | взаимоподписка | подписка на подписку | лайк за лайк
		накрутка | раскрутка канала | продвижение канала | переходи по ссылке | переходите по ссылке
		ссылка в профиле | ссылка в шапке | смотри мое видео | смотрите мое видео | мое новое видео
		ко мне на канал | загляни ко мне | такие же * дешевле | дешевле у меня | у меня дешевле
		дешевле чем тут | дешевле чем здесь`},
	{cPromoWeak, `подпиш* | подписывайтесь | подписчик* | канал | канале | переходи | заходи
		мой инстаграм | мой тикток | мой инст* | мой профиль | в профиль | в моем профиле | ко мне`},
	{cCheap, `дешевле | дешевке | в два раза дешевле`},
	{cSell, `продам | продаю | оптом | опт`},

	// Spanish
	{cPromo, `suscribete a mi | suscribanse a mi | mi canal | visita mi | visiten mi | sigueme | siganme
		te sigo si me sigues | sigo de vuelta | seguidores gratis | link en mi perfil | enlace en mi perfil
		mira mi video | miren mi video | apoya mi canal | apoyenme | mi nuevo video | vendo lo mismo
		lo mismo * mas barato | mas barato en mi`},
	{cPromoWeak, `suscribete | suscribanse | suscriptores | canal | seguidores | visita | mi instagram | mi tiktok
		mi perfil`},
	{cCheap, `mas barato | mas baratos | mas barata | mitad de precio`},
	{cSell, `vendo | vendemos | al por mayor`},

	// Latvian
	{cPromo, `abone manu | abonejiet manu | mans kanals | manu kanalu | mana kanala | seko man | sekojiet man
		apmekle manu | apskati manu | paskaties manu | spied uz saites | saite profila | bezmaksas sekotaji
		mans jaunais video | letak pie manis | pardodu letak | tas pasas * letak`},
	{cPromoWeak, `abone | abonejiet | kanals | kanalu | sekotaji | sekotajus | seko | sekojiet | manu profilu | manam profilam
		mans profils`},
	{cCheap, `letak | letaki`},
	{cSell, `pardodu | pardosim | vairumtirdznieciba`},

	// Chinese
	{cPromo, `关注我 | 订阅我 | 我的频道 | 我的主页 | 看我主页 | 点击链接 | 点链接 | 互粉 | 互关 | 涨粉 | 刷粉
		加粉 | 主页有福利 | 加群 | 私我 | 同款更便宜 | 我这更便宜 | 比这便宜`},
	{cPromoWeak, `关注 | 订阅 | 频道 | 主页 | 粉丝`},
	{cCheap, `便宜 | 更便宜 | 低价 | 半价 | 一半价格`},
	{cSell, `出售 | 批发 | 代购 | 同款`},

	// Arabic
	{cPromo, `اشترك في قناتي | اشتركوا في قناتي | قناتي | تابعني | تابعوني | زوروا قناتي | الرابط في البايو
		رابط في البايو | ارخص عندي`},
	{cPromoWeak, `اشترك | اشتركوا | قناة | تابع`},
	{cCheap, `ارخص | اسعار ارخص`},
	{cSell, `للبيع | ابيع | جملة`},
}
