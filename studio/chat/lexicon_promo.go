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
		my stream | watch my video* | watch my stream | watch my new | listen to my
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
	// English, round 4.
	{cPromo, `check out my * | check my * page | check my * channel | check my covers | check them out on
		give my * a listen | give it a listen on my | listen on my | my covers | my new game | my vlog | my latest vlog
		my reaction video | my channel for | on my channel | to my channel | my artist page | my clothing brand
		help me get to | help me reach | road to * subs | 1k subs | 100 subs | 1k subscribers | 1000 subscribers
		small channel | small creator* | support small | look me up | find me on | search me | search my channel
		search for my | look up my | nobody reads comments | nobody will read this | if anyone reads this | mutuals
		ill follow you | i ll follow you | i will follow you | follow you back | followback | follow back | sub back
		sub for sub | like for like | so everyone can see | so more people can see | get this to the top | to the top so
		real followers | instant followers | followers fast | growing accounts | grow accounts | grow your account
		grow your instagram | selling followers | buy likes | buy subscribers | likes and views | followers and likes
		views and likes | i buy instagram | buy instagram accounts | buy your account | dm for promo | dm for collab
		shoutout for shoutout | shout out for shout out | promo code on my | my etsy | visit my store | visit my shop
		visit my etsy | go watch my | check my page | link on my page | link in my profile | see my profile
		check my profile | go to my profile | visit my profile | on my profile | videos in my profile | pics in my profile | photos in my profile | check my bio | my linktree | linktree | upcoming rapper | upcoming artist | aspiring singer
		aspiring rapper | i make beats | i sing covers`},
	{cPromoWeak, `check them out | check this out | check it out | give it a listen | a listen | listen to | i make music
		my band | our band | my album | my ep | my rap | soundcloud | spotify | bandcamp | apple music | play store
		app store | etsy | depop | vinted | our page | our shop | our store | our site | our website | our channel
		our instagram | check our | visit our | my videos | my video | my stream | my reels | my content | my page
		vlog | vlogs | subscriber | channel`},

	// Imperative contact, by language: with one promotion cue it is a
	// pitch ("10k followers in a week, dm me"), where a platform's name
	// alone is a question ("is there a telegram channel?").
	{cDirect, `dm me | pm me | message me | inbox me | text me | hit me up | write me | contact me | dm for | dm now
		comment yes | comment below | comment me | type yes | reply yes | ill dm you | i ll dm you | i will dm you
		dm you | whatsapp me | telegram me | add me on | add me | snap me | message me for | ask me how
		пиши в лс | пишите в лс | напиши мне | пишите мне | пиши мне | в директ | пишите в директ | в личку
		escribeme | mandame mensaje | al privado | por privado | agregame | raksti man | rakstiet man
		raksti privati | 私聊 | 私信我 | 加我 | 联系我 | راسلني | تواصل معي`},

	{cCheap, `cheaper | cheapest | half the price | half price | for less | better prices | lower prices
		of the price | fraction of the price`},
	{cSell, `i sell | we sell | selling | we have same | same items | wholesale | reseller | i have the same
		have the same | for sale | selling my | we buy | replica* | aaa quality | 1:1 quality
		same bags | same dress* | same shoes | same items | on aliexpress | aliexpress | temu | shein | dont buy here
		don t buy here | do not buy here | for only`},

	// Russian
	{cPromo, `подпишись на мой | подпишитесь на мой | подпишись на меня | подпишитесь на меня
		подписывайтесь на мой | мой канал | моем канале | на мой канал | загляни на мой | заходи ко мне
		заходите ко мне на | взаимная подписка | взаимоподписка | подписка на подписку | лайк за лайк
		накрутка | раскрутка канала | продвижение канала | переходи по ссылке | переходите по ссылке
		ссылка в профиле | ссылка в шапке | смотри мое видео | смотрите мое видео | мое новое видео
		ко мне на канал | загляни ко мне | загляните ко мне | заглядывайте ко мне | ко мне на страницу
		на мою страницу | в профиле ссылка | переходите в мой | переходи в мой | такие же * дешевле | дешевле у меня | у меня дешевле
		дешевле чем тут | дешевле чем здесь`},
	{cPromoWeak, `подпиш* | подписывайтесь | подписчик* | канал | канале | переходи | заходи
		мой инстаграм | мой тикток | мой инст* | мой профиль | в профиль | в моем профиле | ко мне`},
	{cCheap, `дешевле | дешевке | в два раза дешевле`},
	{cSell, `продам | продаю | оптом | опт`},

	// Spanish
	{cPromo, `suscribete a mi | suscribanse a mi | mi canal | visita mi | visiten mi | sigueme | siganme
		te sigo si me sigues | sigo de vuelta | seguidores gratis | link en mi perfil | enlace en mi perfil
		mira mi video | miren mi video | apoya mi canal | apoyenme | mi nuevo video | vendo lo mismo
		lo mismo * mas barato | mas barato en mi | sigo de vuelta | entra en mi perfil
		visiten mi canal | visita mi canal | seguidores baratos | vendo seguidores`},
	{cPromoWeak, `suscribete | suscribanse | suscriptores | canal | seguidores | visita | mi instagram | mi tiktok
		mi perfil`},
	{cCheap, `mas barato | mas baratos | mas barata | mitad de precio`},
	{cSell, `vendo | vendemos | al por mayor`},

	// Latvian
	{cPromo, `abone manu | abonejiet manu | mans kanals | manu kanalu | mana kanala | seko man | sekojiet man
		apmekle manu | apskati manu | paskaties manu | spied uz saites | saite profila | bezmaksas sekotaji
		mans jaunais video | letak pie manis | pardodu letak | tas pasas * letak | sekoju atpakal | seko man`},
	{cPromoWeak, `abone | abonejiet | kanals | kanalu | sekotaji | sekotajus | seko | sekojiet | manu profilu | manam profilam
		mans profils`},
	{cCheap, `letak | letaki`},
	{cSell, `pardodu | pardosim | vairumtirdznieciba`},

	// Chinese
	{cPromo, `关注我 | 订阅我 | 我的频道 | 我的主页 | 看我主页 | 点击链接 | 点链接 | 互粉 | 互关 | 涨粉 | 刷粉
		加粉 | 主页有福利 | 加群 | 私我 | 同款更便宜 | 我这更便宜 | 比这便宜 | 我的主页 | 主页链接 | 关注我的`},
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
